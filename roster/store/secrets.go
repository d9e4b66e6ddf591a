package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewSecret returns a random URL-safe secret of 128 bits (22 characters),
// long enough to be unguessable and short enough for feed URLs.
func NewSecret() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewToken returns a random API token (256 bits).
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return "lt_" + base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the stored form of an API token: tokens are stored
// hashed, so a copy of the database does not hand out credentials.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
