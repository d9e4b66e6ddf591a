package roster

import "testing"

func TestPublishedThrough(t *testing.T) {
	feb := func(day int) Date { return NewDate(2027, 2, day) }
	pub := func(from, to Date) Publication { return Publication{From: from, To: to} }
	tests := []struct {
		name string
		pubs []Publication
		want bool
	}{
		{"none", nil, false},
		{"the whole month", []Publication{pub(feb(1), feb(28))}, true},
		{"more than the month", []Publication{pub(NewDate(2027, 1, 25), NewDate(2027, 3, 31))}, true},
		{"two halves", []Publication{pub(feb(15), feb(28)), pub(feb(1), feb(14))}, true},
		{"a day missing", []Publication{pub(feb(1), feb(13)), pub(feb(15), feb(28))}, false},
		{"the last day missing", []Publication{pub(feb(1), feb(27))}, false},
		{"another period", []Publication{pub(NewDate(2027, 1, 1), NewDate(2027, 1, 31))}, false},
	}
	for _, tt := range tests {
		if got := PublishedThrough(tt.pubs, feb(1), feb(28)); got != tt.want {
			t.Errorf("%s: PublishedThrough = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !PublishedThrough(nil, feb(2), feb(1)) {
		t.Error("an empty period is published")
	}
}
