package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// Imports of officers and of an outreach plan: every row in one
// transaction, all or nothing. A dry run does the same work and rolls it
// back, so its preview is exactly what the import would write.

// ImportAction says what an import does with a row.
type ImportAction string

// The actions.
const (
	ImportCreated   ImportAction = "created"
	ImportUpdated   ImportAction = "updated"
	ImportUnchanged ImportAction = "unchanged"
)

// OfficerImportRow is one row of an officers' import.
type OfficerImportRow struct {
	Row     int            // as the file numbers it
	Officer roster.Officer // FullName, Kind, Email, Phone, Specialties, MonthlyLimit
	Sites   []string       // site codes
}

// ImportedOfficer is what an import did with a row.
type ImportedOfficer struct {
	Row     int
	Action  ImportAction
	Officer roster.Officer // as written (its ID is 0 for a created officer of a dry run)
	Sites   []string
}

// ImportProblem is a row the store refuses: the field and rule key.
type ImportProblem struct {
	Row   int
	Field string
	Code  string
	Value string
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// ImportOfficers writes the rows in one transaction: an officer matched by
// e-mail (case aside) or phone (roster.PhoneKey) is updated, keeping what
// the file does not set (language, channels, feed, active), any other row
// creates one. A row whose e-mail and phone match two different officers,
// or that names a site that does not exist, is a problem; with any
// problem nothing is written. With dryRun nothing is written either.
// Each change is audited.
func (s *Store) ImportOfficers(ctx context.Context, actor string, rows []OfficerImportRow, dryRun bool) ([]ImportedOfficer, []ImportProblem, error) {
	var out []ImportedOfficer
	var problems []ImportProblem
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		out, problems = nil, nil
		var existing []officerRow
		if err := s.forUpdate(tx).Order("id").Find(&existing).Error; err != nil {
			return err
		}
		byEmail, byPhone := map[string]int{}, map[string]int{}
		for i, o := range existing {
			if o.Email != "" {
				byEmail[strings.ToLower(o.Email)] = i
			}
			if k := roster.PhoneKey(o.Phone); k != "" {
				byPhone[k] = i
			}
		}
		var sites []siteRow
		if err := tx.Select("id, code").Find(&sites).Error; err != nil {
			return err
		}
		siteID := map[string]int64{}
		for _, st := range sites {
			siteID[strings.ToUpper(st.Code)] = st.ID
		}
		now := ts(s.now())
		for _, r := range rows {
			ids, bad := []int64{}, false
			for _, c := range r.Sites {
				id, ok := siteID[strings.ToUpper(c)]
				if !ok {
					problems = append(problems, ImportProblem{Row: r.Row, Field: "sites", Code: roster.RuleNotFound, Value: c})
					bad = true
					break
				}
				ids = append(ids, id)
			}
			ie, okE := byEmail[strings.ToLower(r.Officer.Email)]
			ip, okP := byPhone[roster.PhoneKey(r.Officer.Phone)]
			okE, okP = okE && r.Officer.Email != "", okP && r.Officer.Phone != ""
			if okE && okP && ie != ip {
				problems = append(problems, ImportProblem{Row: r.Row, Field: "phone", Code: roster.RuleDuplicate, Value: r.Officer.Phone})
				bad = true
			}
			if bad {
				continue
			}
			o := r.Officer
			if !okE && !okP {
				o.ID, o.FeedSecret, o.Version, o.CreatedAt, o.UpdatedAt, o.Active = 0, NewSecret(), 1, now, now, true
				o.Language, o.Channels = "vi", []string{"email"}
				row := officerToRow(o)
				if err := tx.Create(&row).Error; err != nil {
					return err
				}
				if err := s.audit(tx, actor, "import", "officer", row.ID, jsonDetail(redactOfficer(row.domain()))); err != nil {
					return err
				}
				existing = append(existing, row)
				if o.Email != "" {
					byEmail[strings.ToLower(o.Email)] = len(existing) - 1
				}
				if k := roster.PhoneKey(o.Phone); k != "" {
					byPhone[k] = len(existing) - 1
				}
				if err := s.setOfficerSites(tx, row.ID, ids); err != nil {
					return err
				}
				out = append(out, ImportedOfficer{Row: r.Row, Action: ImportCreated, Officer: redactOfficer(row.domain()), Sites: r.Sites})
				continue
			}
			i := ip
			if okE {
				i = ie
			}
			cur := existing[i]
			next := cur
			next.FullName, next.Kind, next.MonthlyLimit = o.FullName, string(o.Kind), o.MonthlyLimit
			next.Specialties = strings.Join(o.Specialties, ",")
			if o.Email != "" {
				next.Email = o.Email
			}
			if o.Phone != "" {
				next.Phone = o.Phone
			}
			before, err := s.officerSiteIDs(tx, cur.ID)
			if err != nil {
				return err
			}
			slices.Sort(ids)
			action := ImportUnchanged
			if next != cur || !slices.Equal(before, ids) {
				action = ImportUpdated
				next.Version, next.UpdatedAt = cur.Version+1, now
				if err := tx.Save(&next).Error; err != nil {
					return err
				}
				if err := s.setOfficerSites(tx, cur.ID, ids); err != nil {
					return err
				}
				if err := s.audit(tx, actor, "import", "officer", cur.ID, jsonDetail(redactOfficer(next.domain()))); err != nil {
					return err
				}
				existing[i] = next
			}
			out = append(out, ImportedOfficer{Row: r.Row, Action: action, Officer: redactOfficer(next.domain()), Sites: r.Sites})
		}
		if len(problems) > 0 || dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, nil, err
	}
	for i := range out {
		if out[i].Action == ImportCreated && (dryRun || len(problems) > 0) {
			out[i].Officer.ID = 0
		}
	}
	return out, problems, nil
}

// officerSiteIDs returns the IDs of an officer's sites, sorted.
func (s *Store) officerSiteIDs(tx *gorm.DB, officerID int64) ([]int64, error) {
	var ids []int64
	err := tx.Raw("SELECT site_id FROM officer_sites WHERE officer_id = ? ORDER BY site_id", officerID).Scan(&ids).Error
	return ids, err
}

// setOfficerSites replaces an officer's sites.
func (s *Store) setOfficerSites(tx *gorm.DB, officerID int64, siteIDs []int64) error {
	if err := tx.Exec("DELETE FROM officer_sites WHERE officer_id = ?", officerID).Error; err != nil {
		return err
	}
	for _, id := range uniqueSorted(siteIDs) {
		if err := tx.Exec("INSERT INTO officer_sites (officer_id, site_id) VALUES (?, ?)", officerID, id).Error; err != nil {
			return err
		}
	}
	return nil
}

// OfficerSites returns the codes of the sites an officer serves (as
// imported), sorted.
func (s *Store) OfficerSites(ctx context.Context, officerID int64) ([]string, error) {
	var codes []string
	err := s.db.WithContext(ctx).Raw("SELECT sites.code FROM officer_sites JOIN sites ON sites.id = officer_sites.site_id WHERE officer_sites.officer_id = ? ORDER BY sites.code",
		officerID).Scan(&codes).Error
	return codes, mapErr(err)
}

// OutreachImportRow is one row of an outreach plan.
type OutreachImportRow struct {
	Row     int
	Session roster.OutreachSession // Title, Venue, Start, End, Partners (by name), OfficerIDs
}

// ImportOutreach creates the plan's sessions in one transaction, each
// booked like CreateOutreachSession: its officers through the one
// may-hold rule, so a clash with another duty (also one of an earlier row),
// a leave or an inactive officer is a problem of the row, named by the
// rule key. With any problem, or dryRun, nothing is written; the answer
// lists the sessions as they would be (IDs of a dry run are not kept).
func (s *Store) ImportOutreach(ctx context.Context, actor string, rows []OutreachImportRow, dryRun bool) ([]roster.OutreachSession, []ImportProblem, error) {
	var out []roster.OutreachSession
	var problems []ImportProblem
	now := s.now()
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		out, problems = nil, nil
		for i, r := range rows {
			sess := r.Session
			trimSession(&sess)
			if err := sess.Validate(now); err != nil {
				problems = append(problems, rowProblems(r.Row, err)...)
				continue
			}
			sp := fmt.Sprintf("import_row_%d", i)
			if err := tx.SavePoint(sp).Error; err != nil {
				return err
			}
			id, err := s.createSessionTx(tx, actor, sess, now)
			if err != nil {
				var re *roster.Error
				if !errors.As(err, &re) {
					return err
				}
				if err := tx.RollbackTo(sp).Error; err != nil {
					return err
				}
				problems = append(problems, rowProblems(r.Row, err)...)
				continue
			}
			got, err := s.outreachSessionTx(tx, id)
			if err != nil {
				return err
			}
			out = append(out, got)
		}
		if len(problems) > 0 || dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, nil, err
	}
	if dryRun || len(problems) > 0 {
		for i := range out {
			out[i].ID = 0
		}
	}
	return out, problems, nil
}

// rowProblems turns a domain error about a row into its problems: one per
// field error ("officer_ids[1]" becomes "officers"), or the error's rule.
func rowProblems(row int, err error) []ImportProblem {
	var re *roster.Error
	if !errors.As(err, &re) {
		return []ImportProblem{{Row: row, Code: roster.RuleInvalid}}
	}
	if len(re.Fields) == 0 {
		return []ImportProblem{{Row: row, Code: re.RuleKey()}}
	}
	var out []ImportProblem
	for _, f := range re.Fields {
		field := f.Field
		switch {
		case strings.HasPrefix(field, "officer_ids"), field == "officer_id":
			field = "officers"
		case strings.HasPrefix(field, "partner"):
			field = "partner"
		}
		code := f.Code
		if code == "" {
			code = re.RuleKey()
		}
		out = append(out, ImportProblem{Row: row, Field: field, Code: code})
	}
	return out
}
