package api

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Independent readers of the documents the API sends: poppler's pdftotext
// and pdfinfo, and openpyxl (api/document/testdata/xlsx_dump.py).

// needReader returns the path of a reader; missing, it fails the test under
// CI=true (CI installs them) and skips it elsewhere.
func needReader(t *testing.T, name string, check ...string) string {
	t.Helper()
	// The Debian packages' tools first: a python3 earlier on PATH (pyenv)
	// may lack openpyxl.
	var p string
	var err error
	for _, cand := range []string{"/usr/bin/" + name, name} {
		if p, err = exec.LookPath(cand); err == nil && len(check) > 0 {
			err = exec.Command(p, check...).Run()
		}
		if err == nil {
			break
		}
	}
	if err != nil {
		msg := fmt.Sprintf("this check needs %s %v (Debian: poppler-utils, python3-openpyxl): %v", name, check, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// tempFile writes b to a temporary file named name.
func tempFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText is the text of a PDF (page 0: all pages) by pdftotext.
func pdfText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	tool := needReader(t, "pdftotext", "-v")
	args := []string{}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command(tool, append(args, tempFile(t, "doc.pdf", pdf), "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfPages is the number of pages of a PDF by pdfinfo.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	tool := needReader(t, "pdfinfo", "-v")
	out, err := exec.Command(tool, tempFile(t, "doc.pdf", pdf)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// xlsxSheet is a sheet as openpyxl reads it.
type xlsxSheet struct {
	Name   string         `json:"name"`
	Cells  map[string]any `json:"cells"`
	Merged []string       `json:"merged"`
}

// xlsxRead reads a spreadsheet with openpyxl.
func xlsxRead(t *testing.T, b []byte) []xlsxSheet {
	t.Helper()
	py := needReader(t, "python3", "-c", "import openpyxl")
	out, err := exec.Command(py, "document/testdata/xlsx_dump.py", tempFile(t, "book.xlsx", b)).Output()
	if err != nil {
		t.Fatalf("xlsx_dump.py: %v", err)
	}
	var dump struct {
		Sheets []xlsxSheet `json:"sheets"`
	}
	if err := json.Unmarshal(out, &dump); err != nil {
		t.Fatal(err)
	}
	return dump.Sheets
}

// rowsOf returns a sheet's cells by row and column numbers (1-based).
func rowsOf(sh xlsxSheet) map[int]map[int]any {
	out := map[int]map[int]any{}
	re := regexp.MustCompile(`^([A-Z]+)(\d+)$`)
	for ref, v := range sh.Cells {
		m := re.FindStringSubmatch(ref)
		col := 0
		for _, c := range m[1] {
			col = col*26 + int(c-'A'+1)
		}
		row, _ := strconv.Atoi(m[2])
		if out[row] == nil {
			out[row] = map[int]any{}
		}
		out[row][col] = v
	}
	return out
}
