package store

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// mayHold asks roster.MayHold whether officer officerID may hold duty,
// from what it loads inside tx: call it after lockOfficers, so the officer,
// their leaves and duties cannot change before the write. field names the
// input that chose the officer; a broken rule is reported on it with the
// rule's code.
func (s *Store) mayHold(tx *gorm.DB, duty roster.Assignment, officerID int64, field string, rules roster.HoldRules) error {
	c, err := s.candidate(tx, duty, officerID, field)
	if err != nil {
		return err
	}
	err = roster.MayHold(duty, c, rules)
	var e *roster.Error
	if errors.As(err, &e) && field != "" {
		e.Fields = []roster.FieldError{{Field: field, Code: e.Rule, Message: e.Message}}
	}
	return err
}

// candidateWindow is how far around a duty candidate loads the officer's
// other duties: a week, so rules about rest between duties and in each 7
// days can be decided from the same data.
const candidateWindow = 7 * 24 * time.Hour

// candidate loads what MayHold needs to know about officerID holding duty:
// the officer, the duty's site with its slots, their leaves touching the
// duty, and their scheduled duties in the duty's calendar month and within
// candidateWindow of the duty.
func (s *Store) candidate(tx *gorm.DB, duty roster.Assignment, officerID int64, field string) (roster.CandidateState, error) {
	var o officerRow
	if err := tx.Where("id = ?", officerID).Take(&o).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return roster.CandidateState{}, roster.Invalid(roster.FieldError{Field: field, Code: roster.RuleNotFound,
				Message: fmt.Sprintf("officer %d does not exist", officerID)})
		}
		return roster.CandidateState{}, err
	}
	rules, err := s.ruleSettingsTx(tx)
	if err != nil {
		return roster.CandidateState{}, err
	}
	officer := []roster.Officer{o.domain()}
	if err := withSitesTx(tx, officer); err != nil {
		return roster.CandidateState{}, err
	}
	c := roster.CandidateState{Officer: officer[0], Loc: s.loc, Rules: &rules}
	if duty.SiteID != 0 {
		site, err := s.siteWhereTx(tx, "id = ?", duty.SiteID)
		if err != nil {
			return roster.CandidateState{}, err
		}
		c.Site = site
	}
	start := duty.Start.In(s.loc)
	leaves, err := s.listLeavesTx(tx, []int64{officerID}, roster.DateOf(start), roster.DateOf(duty.End.In(s.loc)))
	if err != nil {
		return roster.CandidateState{}, err
	}
	c.Leaves = leaves
	from := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, s.loc)
	to := from.AddDate(0, 1, 0)
	if w := duty.Start.Add(-candidateWindow); w.Before(from) {
		from = w
	}
	if w := duty.End.Add(candidateWindow); w.After(to) {
		to = w
	}
	c.Duties, err = s.listAssignments(tx, AssignmentFilter{OfficerID: officerID, From: from, To: to})
	if err != nil {
		return roster.CandidateState{}, err
	}
	return c, nil
}
