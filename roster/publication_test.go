package roster

import (
	"testing"
	"time"
)

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

func TestCoveringAndNumberText(t *testing.T) {
	d := NewDate
	at := func(h int) time.Time { return time.Date(2027, 1, 1, h, 0, 0, 0, time.UTC) }
	month := Publication{ID: 1, From: d(2027, 1, 1), To: d(2027, 1, 31), PublishedAt: at(8), Number: 3, NumberSuffix: "LT-TTTGPL"}
	again := Publication{ID: 2, From: d(2027, 1, 1), To: d(2027, 1, 31), PublishedAt: at(9), Number: 4, NumberSuffix: "LT-TTTGPL"}
	week := Publication{ID: 3, From: d(2027, 1, 4), To: d(2027, 1, 10), PublishedAt: at(7), Number: 2}
	tests := []struct {
		name     string
		pubs     []Publication
		from, to Date
		want     int64 // 0: none
	}{
		{"none", nil, d(2027, 1, 4), d(2027, 1, 10), 0},
		{"the week in the month", []Publication{month}, d(2027, 1, 4), d(2027, 1, 10), 1},
		{"the latest of two", []Publication{month, again, week}, d(2027, 1, 4), d(2027, 1, 10), 2},
		{"the week alone", []Publication{week}, d(2027, 1, 4), d(2027, 1, 10), 3},
		{"longer than the week", []Publication{week}, d(2027, 1, 4), d(2027, 1, 11), 0},
		{"past the month", []Publication{month}, d(2027, 1, 25), d(2027, 2, 1), 0},
	}
	for _, tt := range tests {
		got, ok := Covering(tt.pubs, tt.from, tt.to)
		if (tt.want == 0) == ok || (ok && got.ID != tt.want) {
			t.Errorf("%s: got %d %v, want %d", tt.name, got.ID, ok, tt.want)
		}
	}
	if month.NumberText() != "3/LT-TTTGPL" || week.NumberText() != "2" || (Publication{}).NumberText() != "" {
		t.Errorf("numbers %q %q", month.NumberText(), week.NumberText())
	}
}
