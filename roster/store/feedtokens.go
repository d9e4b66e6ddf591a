package store

import (
	"context"
	"crypto/subtle"
	"strconv"
	"strings"

	"lichtruc/roster"
)

// Feed, board and calendar URLs carry a token "<id>-<secret>": the id finds
// the row, and the secret is then compared in constant time, so response
// timing reveals nothing about how much of a guessed secret was right.

// FeedToken returns the URL token of a row with id and secret.
func FeedToken(id int64, secret string) string {
	return strconv.FormatInt(id, 10) + "-" + secret
}

// splitToken parses "<id>-<secret>".
func splitToken(token string) (int64, string, bool) {
	idPart, secret, ok := strings.Cut(token, "-")
	if !ok || secret == "" || len(token) > 80 {
		return 0, "", false
	}
	id, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, secret, true
}

// dummySecret is compared against when no row exists, so a wrong id costs
// the same as a wrong secret.
const dummySecret = "0000000000000000000000"

func secretsEqual(want, got string) bool {
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

var errNoFeed = &roster.Error{Code: roster.ENotFound, Message: "no such feed"}

// OfficerByFeedToken returns the officer whose personal feed token is token.
func (s *Store) OfficerByFeedToken(ctx context.Context, token string) (roster.Officer, error) {
	id, secret, ok := splitToken(token)
	o, err := s.Officer(ctx, id)
	want := o.FeedSecret
	if !ok || err != nil {
		want = dummySecret
	}
	if !secretsEqual(want, secret) || !ok {
		if err != nil && roster.ErrorCode(err) != roster.ENotFound {
			return roster.Officer{}, err
		}
		return roster.Officer{}, errNoFeed
	}
	return o, nil
}

// SiteByFeedToken returns the site whose feed token is token.
func (s *Store) SiteByFeedToken(ctx context.Context, token string) (roster.Site, error) {
	return s.siteByToken(ctx, token, func(site roster.Site) string { return site.FeedSecret })
}

// SiteByBoardToken returns the site whose reception-board token is token.
func (s *Store) SiteByBoardToken(ctx context.Context, token string) (roster.Site, error) {
	return s.siteByToken(ctx, token, func(site roster.Site) string { return site.BoardSecret })
}

func (s *Store) siteByToken(ctx context.Context, token string, secretOf func(roster.Site) string) (roster.Site, error) {
	id, secret, ok := splitToken(token)
	site, err := s.SiteByID(ctx, id)
	want := secretOf(site)
	if !ok || err != nil {
		want = dummySecret
	}
	if !secretsEqual(want, secret) || !ok {
		if err != nil && roster.ErrorCode(err) != roster.ENotFound {
			return roster.Site{}, err
		}
		return roster.Site{}, errNoFeed
	}
	return site, nil
}
