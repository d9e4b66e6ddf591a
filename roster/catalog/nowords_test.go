package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// vietnamese matches a letter only Vietnamese text has: ă â đ ê ô ơ ư, a
// precomposed letter with a tone mark, or a combining mark.
var vietnamese = regexp.MustCompile(`[ăâđêôơưĂÂĐÊÔƠƯ\x{0300}-\x{036F}\x{1EA0}-\x{1EF9}àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ]`)

// surfaces are the packages that show words to people, relative to this
// package; they must take every word from the catalog.
var surfaces = []string{"../../api", "../../notify", "../../calendar"}

// reportFiles are the roster files of duty results, custody requests,
// cases and the year report: their words (once roster/yearwords.go) are
// the catalog's, and none may come back.
var reportFiles = []string{"../results.go", "../custody.go", "../cases.go", "../yearreport.go"}

// TestNoVietnameseOutsideTheCatalog scans the non-test Go files of the
// surfaces for string literals with Vietnamese letters.
func TestNoVietnameseOutsideTheCatalog(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	for _, dir := range surfaces {
		walk(t, dir, ".go", func(path string) {
			if strings.HasSuffix(path, "_test.go") {
				return
			}
			files++
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && vietnamese.MatchString(lit.Value) {
					t.Errorf("%s: a Vietnamese text outside the catalog: %s", fset.Position(lit.Pos()), short(lit.Value))
				}
				return true
			})
		})
	}
	if files < 20 {
		t.Fatalf("only %d Go files found under %v", files, surfaces)
	}
	for _, path := range reportFiles {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && vietnamese.MatchString(lit.Value) {
				t.Errorf("%s: a Vietnamese text outside the catalog: %s", fset.Position(lit.Pos()), short(lit.Value))
			}
			return true
		})
	}
}

var (
	actions   = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	comments  = regexp.MustCompile(`(?s)<!--.*?-->`)
	scripts   = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
	tags      = regexp.MustCompile(`(?s)<[^>]*>`)
	shownAttr = regexp.MustCompile(`(?i)\b(title|alt|placeholder|aria-label|label)="([^"]*)"`)
	word      = regexp.MustCompile(`\p{L}{2,}`)
)

// TestNoWordsInTheTemplates scans the HTML templates under api/ for text
// outside {{…}} actions: a page takes every word, in either language,
// from the catalog.
func TestNoWordsInTheTemplates(t *testing.T) {
	files := 0
	walk(t, "../../api", ".html", func(path string) {
		files++
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		byLine := map[int][]string{}
		var lines []int
		for _, bad := range templateWords(string(b)) {
			if byLine[bad.line] == nil {
				lines = append(lines, bad.line)
			}
			byLine[bad.line] = append(byLine[bad.line], bad.text)
		}
		for _, l := range lines {
			t.Errorf("%s:%d: text outside the catalog: %s", path, l, short(strings.Join(byLine[l], " ")))
		}
	})
	if files == 0 {
		t.Fatal("no templates found under api/")
	}
}

// found is a text found in a template, with its line.
type found struct {
	line int
	text string
}

// templateWords returns the texts of a template that a person would read
// but that do not come from an action: text between tags and the values
// of shown attributes. Lengths are kept so that lines stay right.
func templateWords(src string) []found {
	blank := func(re *regexp.Regexp, s string) string {
		return re.ReplaceAllStringFunc(s, func(m string) string {
			return strings.Map(func(r rune) rune {
				if r == '\n' {
					return r
				}
				return ' '
			}, m)
		})
	}
	s := blank(actions, src)
	s = blank(comments, s)
	s = blank(scripts, s)
	var out []found
	lineOf := func(i int) int { return strings.Count(s[:i], "\n") + 1 }
	for _, m := range shownAttr.FindAllStringSubmatchIndex(s, -1) {
		if v := s[m[4]:m[5]]; word.MatchString(v) {
			out = append(out, found{lineOf(m[4]), v})
		}
	}
	s = blank(tags, s)
	for _, m := range word.FindAllStringIndex(s, -1) {
		out = append(out, found{lineOf(m[0]), s[m[0]:m[1]]})
	}
	return out
}

func TestTemplateWordsFindsText(t *testing.T) {
	src := "<p>{{.L.T \"x\"}}</p>\n<p title=\"Help\">Lịch {{.Name}}</p>\n<script>var x = 1;</script><b>{{if .A}}ok{{end}}</b>"
	got := templateWords(src)
	want := []found{{2, "Help"}, {2, "Lịch"}, {3, "ok"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
	if !vietnamese.MatchString(`"Điểm trực"`) || !vietnamese.MatchString("\"hủy\"") || vietnamese.MatchString(`"Site"`) {
		t.Error("vietnamese")
	}
}

// walk calls fn for every file under dir whose name ends in ext.
func walk(t *testing.T, dir, ext string, fn func(path string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ext) {
			fn(path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// short cuts a text for a message.
func short(s string) string {
	r := []rune(strings.TrimFunc(s, unicode.IsSpace))
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return string(r)
}
