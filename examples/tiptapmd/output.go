package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/convert"
)

// quoteName returns a file name as the command prints it: as it is, or
// quoted as strconv.Quote does when it holds a control character, a
// backslash, a double quote or bytes that are not UTF-8, so that a name
// can never make lines of its own or pass for something else.
func quoteName(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}

// clean returns a message with its control characters, and bytes that
// are not UTF-8, escaped as strconv.Quote escapes them, so that it stays
// on its line.
func clean(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, size := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", msg[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(msg[i : i+size])
		}
		i += size
	}
	return b.String()
}

// errorLine returns the line that the command prints for an error: the
// page's name quoted if need be, then the position and the message with
// its control characters escaped.
func errorLine(err error) string {
	var e *convert.Error
	if errors.As(err, &e) && e.Path != "" {
		msg := err.Error()
		if rest, ok := strings.CutPrefix(msg, e.Path); ok {
			return quoteName(e.Path) + clean(rest)
		}
	}
	return clean(err.Error())
}

// A reportFile is a report written atomically: into a hidden temporary
// file next to it, synced and renamed over the report when it is done,
// whatever way the batch ended, so that the report file is always whole,
// old or new, never cut short.
type reportFile struct {
	*os.File
	name string
}

// createReport starts the report file name.
func createReport(name string) (*reportFile, error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tiptapmd-report-*")
	if err != nil {
		return nil, err
	}
	return &reportFile{File: f, name: name}, nil
}

// commit puts the report in place.
func (r *reportFile) commit() error {
	if err := r.Chmod(0o644); err != nil {
		r.abort()
		return err
	}
	if err := r.Sync(); err != nil {
		r.abort()
		return err
	}
	if err := r.Close(); err != nil {
		os.Remove(r.File.Name())
		return err
	}
	if err := os.Rename(r.File.Name(), r.name); err != nil {
		os.Remove(r.File.Name())
		return err
	}
	if d, err := os.Open(filepath.Dir(r.name)); err == nil {
		d.Sync() // where the system allows it
		d.Close()
	}
	return nil
}

// abort removes the unfinished report; the report file is left as it
// was.
func (r *reportFile) abort() {
	r.Close()
	os.Remove(r.File.Name())
}
