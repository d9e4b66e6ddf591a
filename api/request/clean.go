package request

import (
	"encoding/json"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The input cleaner: every text that comes in — path, query, form, JSON
// field, and the headers read as data — passes roster.CheckTextInput
// before a handler sees it, with the limits of its field's name. A bad one
// is a 422 naming the field with the rule key format or too_long. Clean
// (middleware, for path, query, form and headers) and BindJSON (walking
// the decoded value) apply it, so a new endpoint gets it without asking.

// multiLineFields may hold line feeds; their CR LF becomes LF.
var multiLineFields = map[string]bool{"reason": true, "notes": true, "note": true, "message": true, "description": true, "comment": true,
	// the Center's name on documents, its signer's title and the
	// recipients break where the Center wants them
	"issuer": true, "signer_title": true, "recipients": true}

// fieldMax gives a field its length cap by the last part of its name.
func fieldMax(field string) (max int, multiLine bool) {
	name := field
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	switch {
	case multiLineFields[name]:
		return roster.MaxNoteLen, true
	case name == "data": // a file carried in a form (an import's confirmation), base64
		return 16 << 20, false
	case name == "q" || name == "query" || name == "search":
		return roster.MaxSearchLen, false
	case name == "name" || name == "full_name" || name == "title" || name == "subject" || strings.HasSuffix(name, "_name"):
		return roster.MaxNameLen, false
	case name == "code" || name == "site" || name == "slot" || name == "kind" || name == "role" || name == "status" ||
		name == "language" || name == "lang" || name == "channel" || name == "channels" || name == "specialty" ||
		name == "specialties" || name == "action" || name == "days" || name == "form" || name == "outcome":
		return roster.MaxCodeLen, false
	}
	return roster.MaxLineLen, false
}

// CleanText checks one text input of field, and returns it with its line
// ends normalised when the field is multi-line.
func CleanText(field, s string) (string, *roster.FieldError) {
	max, multi := fieldMax(field)
	if multi {
		s = roster.NormalizeNewlines(s)
	}
	if rule, msg := roster.CheckTextInput(s, multi, max); rule != "" {
		return s, &roster.FieldError{Field: field, Code: rule, Message: msg}
	}
	// Whatever reads it, a text that is a day, a month or an instant
	// must fall in the years lichtruc deals with.
	if m := dateLike.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return s, checkYear(field, y)
	}
	return s, nil
}

// dateLike matches YYYY-MM, YYYY-MM-DD and instants that start with one.
var dateLike = regexp.MustCompile(`^\s*([0-9]{4,})-[0-9]{2}(?:-[0-9]{2}(?:[T ].*)?)?\s*$`)

// checkYear reports a date or instant outside MinYear–MaxYear.
func checkYear(field string, y int) *roster.FieldError {
	if roster.YearInRange(y) {
		return nil
	}
	return &roster.FieldError{Field: field, Code: roster.RuleRange,
		Message: "must fall in the years " + strconv.Itoa(roster.MinYear) + " to " + strconv.Itoa(roster.MaxYear)}
}

// dataHeaders are the request headers handlers read as data.
var dataHeaders = []string{"If-Match", "Accept-Language"}

// Clean is the middleware that checks the path, its parameters, the query
// and the data headers of every request. onFail answers a bad one
// (problem+json for the API, a page for pages). Bodies are checked where
// they are read, under their route's size limit: JSON by BindJSON, a
// page's form by CleanForm, which the pages' CSRF checks call on every
// POST.
func Clean(onFail func(c *gin.Context, err error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		var bad []roster.FieldError
		add := func(fe *roster.FieldError) {
			if fe != nil && len(bad) < 20 {
				bad = append(bad, *fe)
			}
		}
		_, fe := CleanText("path", c.Request.URL.Path)
		add(fe)
		for _, p := range c.Params {
			_, fe := CleanText(p.Key, p.Value)
			add(fe)
		}
		q, _ := url.ParseQuery(c.Request.URL.RawQuery) // what gin reads of a malformed query
		for k, vs := range q {
			add(cleanKeyValues("query", k, vs))
		}
		for _, h := range dataHeaders {
			for _, v := range c.Request.Header.Values(h) {
				_, fe := CleanText(h, v)
				add(fe)
			}
		}
		if len(bad) > 0 {
			onFail(c, roster.Invalid(bad...))
			c.Abort()
			return
		}
		c.Next()
	}
}

// CleanForm checks every field of the request's form (urlencoded or
// multipart, already parsed, as after c.PostForm), normalising multi-line
// values in place, and the names of its files.
func CleanForm(c *gin.Context) error {
	var bad []roster.FieldError
	add := func(fe *roster.FieldError) {
		if fe != nil && len(bad) < 20 {
			bad = append(bad, *fe)
		}
	}
	for k, vs := range c.Request.PostForm {
		add(cleanKeyValues("form", k, vs))
	}
	if mf := c.Request.MultipartForm; mf != nil {
		for k, vs := range mf.Value {
			add(cleanKeyValues("form", k, vs))
		}
		for k, fhs := range mf.File {
			for _, fh := range fhs {
				_, fe := CleanText(k, fh.Filename)
				add(fe)
			}
		}
	}
	if len(bad) > 0 {
		return roster.Invalid(bad...)
	}
	return nil
}

// cleanKeyValues checks a query or form key and its values, normalising
// multi-line values in place.
func cleanKeyValues(where, k string, vs []string) *roster.FieldError {
	if rule, msg := roster.CheckTextInput(k, false, roster.MaxCodeLen); rule != "" {
		return &roster.FieldError{Field: where, Code: rule, Message: "names a parameter that " + msg}
	}
	for i, v := range vs {
		clean, fe := CleanText(k, v)
		if fe != nil {
			return fe
		}
		vs[i] = clean
	}
	return nil
}

var (
	dateType    = reflect.TypeFor[roster.Date]()
	timeType    = reflect.TypeFor[time.Time]()
	rawJSONType = reflect.TypeFor[json.RawMessage]()
)

// CleanValue walks a decoded JSON value (a pointer to a struct, map or
// slice) and checks every string in it, by JSON field name, and the year
// of every date and instant; multi-line strings get LF line ends.
func CleanValue(v any) error {
	var bad []roster.FieldError
	walk(reflect.ValueOf(v), "", &bad)
	if len(bad) > 0 {
		return roster.Invalid(bad...)
	}
	return nil
}

func walk(v reflect.Value, field string, bad *[]roster.FieldError) {
	if len(*bad) >= 20 {
		return
	}
	add := func(fe *roster.FieldError) {
		if fe != nil {
			*bad = append(*bad, *fe)
		}
	}
	name := field
	if name == "" {
		name = "body"
	}
	switch v.Type() {
	case dateType:
		if d := v.Interface().(roster.Date); !d.IsZero() {
			add(checkYear(name, d.Year))
		}
		return
	case timeType:
		if t := v.Interface().(time.Time); !t.IsZero() {
			add(checkYear(name, t.Year()))
		}
		return
	case rawJSONType:
		var inner any
		if raw := v.Bytes(); len(raw) > 0 && json.Unmarshal(raw, &inner) == nil {
			walk(reflect.ValueOf(&inner), field, bad)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), field, bad)
		}
	case reflect.String:
		clean, fe := CleanText(name, v.String())
		add(fe)
		if fe == nil && v.CanSet() && clean != v.String() {
			v.SetString(clean)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if tag == "-" {
				continue
			}
			if tag == "" {
				tag = sf.Name
			}
			if sf.Anonymous && sf.Tag.Get("json") == "" {
				walk(v.Field(i), field, bad)
				continue
			}
			walk(v.Field(i), join(field, tag), bad)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), field+"["+strconv.Itoa(i)+"]", bad)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			key := ""
			if k.Kind() == reflect.String {
				key = k.String()
				if rule, msg := roster.CheckTextInput(key, false, roster.MaxLineLen); rule != "" {
					add(&roster.FieldError{Field: name, Code: rule, Message: "has a key that " + msg})
					continue
				}
			}
			elem := iter.Value()
			if elem.Kind() == reflect.Interface && !elem.IsNil() && elem.Elem().Kind() == reflect.String {
				clean, fe := CleanText(join(field, key), elem.Elem().String())
				add(fe)
				if fe == nil && clean != elem.Elem().String() {
					v.SetMapIndex(k, reflect.ValueOf(clean))
				}
				continue
			}
			walk(elem, join(field, key), bad)
		}
	}
}

func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}
