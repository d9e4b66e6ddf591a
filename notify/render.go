package notify

import (
	"html/template"
	"strings"
	"unicode/utf8"
)

// mailView is what a message says, before it is rendered as plain text and
// as HTML. Every string is plain text: the HTML template escapes it.
type mailView struct {
	Lang     string
	Title    string
	Greeting string
	Intro    []string
	Fields   []field
	Groups   []group
	Links    []link
	Outro    []string
	Footer   []string
}

// field is one "label: value" line; Href, if set, links the value (tel:).
type field struct {
	Label, Value string
	Href         template.URL
}

// link is a labelled URL.
type link struct{ Label, URL string }

// group is a titled table, as one day of a schedule or one site of a digest.
type group struct {
	Title   string
	Columns []string
	Rows    [][]string
}

// telURL returns a tel: link for a phone number, or "" when it has no
// digits. Only digits and a leading + are kept, so the URL is safe.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	if strings.Trim(b.String(), "+") == "" {
		return ""
	}
	return template.URL("tel:" + b.String())
}

// text renders v as the plain-text body.
func (v *mailView) text() string {
	var b strings.Builder
	para := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteString("\n\n")
		}
	}
	para(v.Greeting)
	for _, s := range v.Intro {
		para(s)
	}
	if len(v.Fields) > 0 {
		width := 0
		for _, f := range v.Fields {
			width = max(width, utf8.RuneCountInString(f.Label))
		}
		for _, f := range v.Fields {
			b.WriteString("  ")
			b.WriteString(f.Label)
			b.WriteString(":")
			b.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(f.Label)+1))
			b.WriteString(f.Value)
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	for _, g := range v.Groups {
		b.WriteString(g.Title)
		b.WriteString("\n")
		for _, row := range g.Rows {
			cells := make([]string, 0, len(row))
			for _, c := range row {
				if c != "" {
					cells = append(cells, c)
				}
			}
			b.WriteString("  - ")
			b.WriteString(strings.Join(cells, " · "))
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	for _, l := range v.Links {
		b.WriteString(l.Label)
		b.WriteString(":\n  ")
		b.WriteString(l.URL)
		b.WriteString("\n\n")
	}
	for _, s := range v.Outro {
		para(s)
	}
	if len(v.Footer) > 0 {
		b.WriteString("-- \n")
		for _, s := range v.Footer {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// html renders v as the HTML body.
func (v *mailView) html() (string, error) {
	var b strings.Builder
	if err := htmlTemplate.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

var htmlTemplate = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
</head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;background:#ffffff;">
<h1 style="font-size:18px;margin:0 0 12px;">{{.Title}}</h1>
{{with .Greeting}}<p>{{.}}</p>
{{end}}{{range .Intro}}<p>{{.}}</p>
{{end}}{{if .Fields}}<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px;">
{{range .Fields}}<tr><th scope="row" style="text-align:left;vertical-align:top;font-weight:normal;color:#555555;padding:3px 16px 3px 0;">{{.Label}}</th><td style="padding:3px 0;">{{if .Href}}<a href="{{.Href}}">{{.Value}}</a>{{else}}{{.Value}}{{end}}</td></tr>
{{end}}</table>
{{end}}{{range .Groups}}<h2 style="font-size:16px;margin:16px 0 6px;">{{.Title}}</h2>
<table style="border-collapse:collapse;">
<thead><tr>{{range .Columns}}<th style="text-align:left;border-bottom:1px solid #999999;padding:3px 12px 3px 0;">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td style="padding:3px 12px 3px 0;vertical-align:top;">{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{if .Links}}<ul style="padding-left:20px;">
{{range .Links}}<li><a href="{{.URL}}">{{.Label}}</a></li>
{{end}}</ul>
{{end}}{{range .Outro}}<p>{{.}}</p>
{{end}}{{if .Footer}}<hr style="border:none;border-top:1px solid #cccccc;margin:20px 0 8px;">
<p style="font-size:13px;color:#666666;">{{range $i, $s := .Footer}}{{if $i}}<br>
{{end}}{{$s}}{{end}}</p>
{{end}}</body>
</html>
`))
