package roster

import "testing"

func TestValidEmailAndPhone(t *testing.T) {
	emails := map[string]bool{
		"an@tgpl.example.vn": true, "a@b.c": true, "an@localhost": false, "@x.vn": false, "an@": false,
		"an @x.vn": false, "a,b@x.vn": false, "": false,
	}
	for s, want := range emails {
		if got := ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v", s, got)
		}
	}
	phones := map[string]bool{
		"0912345678": true, "+84 912 345 678": true, "(0225) 3.842-111": true, "12": false, "09x1": false,
		"84+912": false, "1234567890123456": false, "": false,
	}
	for s, want := range phones {
		if got := ValidPhone(s); got != want {
			t.Errorf("ValidPhone(%q) = %v", s, got)
		}
	}
}

func TestPhoneKey(t *testing.T) {
	for in, want := range map[string]string{"+84 912 345 678": "0912345678", "0912.345.678": "0912345678", "(0225) 3842 111": "02253842111", "": ""} {
		if got := PhoneKey(in); got != want {
			t.Errorf("PhoneKey(%q) = %q, want %q", in, got, want)
		}
	}
}
