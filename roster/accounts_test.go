package roster

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckNewUser(t *testing.T) {
	id := int64(3)
	zero := int64(0)
	tests := []struct {
		name  string
		u     User
		field string // "" = valid
	}{
		{"manager", User{Name: "admin", Role: RoleManager}, ""},
		{"reception", User{Name: "letan", Role: RoleReception}, ""},
		{"officer linked", User{Name: "an", Role: RoleOfficer, OfficerID: &id}, ""},
		{"officer unlinked", User{Name: "an", Role: RoleOfficer}, "officer_id"},
		{"reception linked", User{Name: "letan", Role: RoleReception, OfficerID: &id}, "officer_id"},
		{"manager linked", User{Name: "admin", Role: RoleManager, OfficerID: &id}, "officer_id"},
		{"officer id zero", User{Name: "an", Role: RoleOfficer, OfficerID: &zero}, "officer_id"},
		{"no name", User{Role: RoleManager}, "name"},
		{"long name", User{Name: strings.Repeat("đ", 101), Role: RoleManager}, "name"},
		{"unknown role", User{Name: "x", Role: "admin"}, "role"},
	}
	for _, tt := range tests {
		err := CheckNewUser(tt.u)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalid || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
			t.Errorf("%s: %v, want an error on %s", tt.name, err, tt.field)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for p, ok := range map[string]bool{
		"a long passphrase":     true,
		"12345678":              true,
		"mật khẩu":              true, // 8 runes, more bytes
		"1234567":               false,
		strings.Repeat("x", 72): true,
		strings.Repeat("x", 73): false,
		strings.Repeat("ự", 25): false, // 25 runes, 75 bytes
		"abcdefgh\xff":          false,
	} {
		if err := CheckPassword(p); (err == nil) != ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", p, err, ok)
		}
	}
}
