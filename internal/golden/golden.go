// Package golden runs golden-file tests over txtar archives. It is
// internal: tests of the tiptapmd packages use it, nothing else may.
//
// A golden file is a txtar archive (golang.org/x/tools/txtar). Its comment
// is free text or JSON options for the test; its files are named sections,
// typically one input and one or more expected outputs. Run the tests with
// -update to rewrite the expected sections from the actual results.
//
// In section bodies a line ending in "$" marks significant trailing
// spaces: the "$" is removed on load and added back on update. A section
// whose name ends in ".crlf" has "\n" turned into "\r\n" on load. A section
// whose last line is "\ No newline at end of file" (as in a unified diff)
// has no final newline.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files with the actual output")

// Updating reports whether the test binary was run with -update.
func Updating() bool { return *update }

// A File is one golden archive being checked.
type File struct {
	Path    string
	Comment []byte
	archive *txtar.Archive
	dirty   bool
}

// Glob loads every archive matching pattern (relative to the test's
// package directory) and runs fn for each as a subtest named after the
// file. It fails the test when nothing matches.
func Glob(t *testing.T, pattern string, fn func(t *testing.T, f *File)) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden files match %s", pattern)
	}
	sort.Strings(paths)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := &File{Path: p, Comment: a.Comment, archive: a}
			fn(t, f)
			if f.dirty && *update {
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// Has reports whether the archive has a section called name.
func (f *File) Has(name string) bool {
	for _, s := range f.archive.Files {
		if s.Name == name {
			return true
		}
	}
	return false
}

// Input returns the section called name, failing the test when it is
// missing.
func (f *File) Input(t *testing.T, name string) []byte {
	t.Helper()
	for _, s := range f.archive.Files {
		if s.Name == name {
			return decode(name, s.Data)
		}
	}
	t.Fatalf("%s: no section %q", f.Path, name)
	return nil
}

// Check compares got with the section called name. With -update it
// rewrites (or adds) the section instead.
func (f *File) Check(t *testing.T, name string, got []byte) {
	t.Helper()
	enc := encode(name, got)
	for i, s := range f.archive.Files {
		if s.Name != name {
			continue
		}
		if bytes.Equal(s.Data, enc) {
			return
		}
		if *update {
			f.archive.Files[i].Data = enc
			f.dirty = true
			return
		}
		t.Errorf("%s: section %q differs\n--- want\n%s\n--- got\n%s", f.Path, name, s.Data, enc)
		return
	}
	if *update {
		f.archive.Files = append(f.archive.Files, txtar.File{Name: name, Data: enc})
		f.dirty = true
		return
	}
	t.Errorf("%s: no section %q; got\n%s", f.Path, name, enc)
}

const noEOL = "\\ No newline at end of file\n"

func decode(name string, data []byte) []byte {
	eol := true
	if bytes.HasSuffix(data, []byte(noEOL)) {
		data = data[:len(data)-len(noEOL)]
		eol = false
	}
	var out []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		body, nl := bytes.CutSuffix(line, []byte("\n"))
		out = append(out, bytes.TrimSuffix(body, []byte("$"))...)
		if nl {
			out = append(out, '\n')
		}
	}
	if !eol {
		out = bytes.TrimSuffix(out, []byte("\n"))
	}
	if strings.HasSuffix(name, ".crlf") {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	return out
}

func encode(name string, got []byte) []byte {
	if strings.HasSuffix(name, ".crlf") {
		got = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
	}
	eol := len(got) == 0 || got[len(got)-1] == '\n'
	var out []byte
	for _, line := range bytes.SplitAfter(got, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		body := bytes.TrimSuffix(line, []byte("\n"))
		out = append(out, body...)
		if n := len(body); n > 0 && (body[n-1] == ' ' || body[n-1] == '\t' || body[n-1] == '$') {
			out = append(out, '$')
		}
		out = append(out, '\n')
	}
	if !eol {
		out = append(out, noEOL...)
	}
	return out
}
