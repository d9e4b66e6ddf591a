package store

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// Officers are searched by a folded copy of their name (search_name), kept
// by the store whenever a name is written: lower case, without diacritics,
// with đ as d, so "Đặng", "đặng" and "dang" all find Đặng Quốc Hùng on
// SQLite (whose LOWER folds only ASCII) as on PostgreSQL.

// FoldSearch folds s for search: NFD, combining marks dropped, đ/Đ as d,
// lower case, runs of white space as one space.
func FoldSearch(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	folded = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ', 'ð', 'Ð':
			return 'd'
		}
		return unicode.ToLower(r)
	}, folded)
	return strings.Join(strings.Fields(folded), " ")
}

// foldOfficerNames fills search_name where it is missing (officers made
// before migration 56, or imported from such a database).
func (s *Store) foldOfficerNames(ctx context.Context) error {
	var rows []officerRow
	if err := s.db.WithContext(ctx).Select("id", "full_name").Where("search_name = '' AND full_name <> ''").Find(&rows).Error; err != nil {
		return mapErr(err)
	}
	if len(rows) == 0 {
		return nil
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		for _, r := range rows {
			if err := tx.Model(&officerRow{}).Where("id = ?", r.ID).Update("search_name", FoldSearch(r.FullName)).Error; err != nil {
				return err
			}
		}
		return nil
	})
}
