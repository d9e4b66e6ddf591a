package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"lichtruc/api/document"
	"lichtruc/roster"
)

// Downloads: the formats a listing or report can be asked in, and the
// attachment headers of files.

// The media types of downloads.
const (
	mediaPDF  = "application/pdf"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaCSV  = "text/csv; charset=utf-8"
)

// tableFormat reads ?format=json|csv|xlsx (default json; without ?format an
// Accept of text/csv or of a spreadsheet picks that), and ?sep= for CSV.
// Any other format is 422 naming "format".
func tableFormat(c *gin.Context) (string, rune, error) {
	format := c.Query("format")
	if format == "" {
		accept := c.GetHeader("Accept")
		switch {
		case strings.Contains(accept, "text/csv"):
			format = "csv"
		case strings.Contains(accept, "spreadsheetml"):
			format = "xlsx"
		default:
			format = "json"
		}
	}
	switch format {
	case "json", "csv", "xlsx":
	default:
		return "", 0, errField("format", roster.RuleOneOf, "must be json, csv or xlsx")
	}
	sep, err := csvSep(c)
	if err != nil {
		return "", 0, err
	}
	return format, sep, nil
}

// sendTable sends t as a CSV (format "csv") or spreadsheet ("xlsx")
// attachment named name plus the extension.
func (s *Server) sendTable(c *gin.Context, format string, sep rune, name string, t document.Table) {
	var b []byte
	var err error
	ctype := mediaXLSX
	if format == "csv" {
		b, err = document.ReportCSV(t, sep)
		ctype = mediaCSV
	} else {
		b, err = document.ReportXLSX(t)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	sendFile(c, ctype, name+"."+format, b)
}

// stringTable turns rows of text (the header first) into a report table,
// cells that are whole or decimal numbers becoming numbers, so that a
// spreadsheet can add them up.
func stringTable(title string, rows [][]string) document.Table {
	t := document.Table{Title: title}
	if len(rows) == 0 {
		return t
	}
	t.Header = rows[0]
	for _, r := range rows[1:] {
		cells := make([]any, len(r))
		for i, v := range r {
			cells[i] = numberCell(v)
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// numberCell is v as an int or float when it is one written plainly (no
// leading zero, as a phone number has), else v.
func numberCell(v string) any {
	if v == "" || (len(v) > 1 && v[0] == '0' && v[1] != '.') {
		return v
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && strings.Count(v, ".") == 1 {
		return f
	}
	return v
}

// sendFile answers 200 with data as an attachment: Content-Type ctype, and
// Content-Disposition with an ASCII file name (Vietnamese letters without
// their marks) and the UTF-8 name (RFC 6266, RFC 5987).
func sendFile(c *gin.Context, ctype, name string, data []byte) {
	c.Header("Content-Disposition", contentDisposition(name))
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, ctype, data)
}

// contentDisposition is the attachment header of a file named name.
func contentDisposition(name string) string {
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName(name), pctEncode(name))
}

// asciiName folds name to ASCII letters, digits and ".-_": marks are
// dropped (ầ → a, đ → d), anything else becomes "-".
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_", r)):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// pctEncode percent-encodes s as an RFC 5987 value (attr-char kept).
func pctEncode(s string) string {
	const keep = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(norm.NFC.String(s)) {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
