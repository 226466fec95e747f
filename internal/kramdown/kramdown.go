// Package kramdown gives tests the answers of real kramdown, the Markdown
// converter Jekyll uses on Isomer sites, as an oracle. It is internal:
// only tests of the tiptapmd packages use it.
//
// By default the answers are read from recordings checked in at the
// root of the repository, testdata/kramdown/<SHA-256 of the text>.html
// (or .error, with the message of the error kramdown raised), so that the
// kramdown-agreement tests run without Ruby. TIPTAPMD_KRAMDOWN selects
// real kramdown instead:
//
//   - live: every text is converted by kramdown, and an answer that
//     differs from its recording fails the test (the recording is
//     stale: kramdown or its options changed);
//   - record: every text is converted by kramdown and its answer is
//     recorded. "TIPTAPMD_KRAMDOWN=record go test ./..." records every
//     answer the tests need (delete testdata/kramdown first to drop the
//     ones no test asks for any more). Recording runs on the
//     in-repository sample only, and not with -short.
//
// Real kramdown needs ruby with the kramdown and kramdown-parser-gfm gems
// (Debian: apt-get install ruby-kramdown ruby-kramdown-parser-gfm); this
// package installs nothing itself. A test that asks for live kramdown
// fails when they are missing: it never skips.
package kramdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// Env is the environment variable that selects real kramdown: "live" or
// "record" (see the package documentation).
const Env = "TIPTAPMD_KRAMDOWN"

// script converts a JSON array of Markdown texts into a JSON array of
// HTML texts, or {"error": …} objects, in one process, with the options
// Jekyll gives kramdown on Isomer sites (GFM input, no hard wraps) but
// without syntax highlighting: a highlighter only adds markup around code
// (<div class="language-go highlighter-rouge">), which would hide the
// code's language from the editor and adds no text.
const script = `
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'
srcs = JSON.parse(STDIN.read)
out = srcs.map do |s|
  begin
    Kramdown::Document.new(s, input: 'GFM', hard_wrap: false, syntax_highlighter: nil).to_html
  rescue StandardError => e
    {'error' => e.message}
  end
end
STDOUT.write(JSON.generate(out))
`

// A Result is kramdown's output for one text: its HTML, or the message
// of the error kramdown raised.
type Result struct {
	HTML  string
	Error string
}

// mode returns the value of TIPTAPMD_KRAMDOWN, checked.
func mode(t testing.TB) string {
	t.Helper()
	switch m := os.Getenv(Env); m {
	case "", "live", "record":
		return m
	default:
		t.Fatalf("%s=%s: the values are live and record (or unset for the recorded answers)", Env, m)
		return ""
	}
}

// Require fails t when kramdown is to run live (TIPTAPMD_KRAMDOWN=live
// or record) and ruby or its kramdown gems are missing. With the
// recorded answers (the default) it needs nothing and does nothing.
func Require(t testing.TB) {
	t.Helper()
	if mode(t) == "" {
		return
	}
	err := exec.Command("ruby", "-e", `require 'kramdown'; require 'kramdown-parser-gfm'`).Run()
	if err != nil {
		t.Fatalf("%s=%s runs kramdown, which needs ruby with the kramdown and kramdown-parser-gfm gems "+
			"(apt-get install ruby-kramdown ruby-kramdown-parser-gfm): %v; "+
			"leave %s unset to use the recorded answers", Env, os.Getenv(Env), err, Env)
	}
}

// Convert returns kramdown's answer for every text, in the same order:
// the recorded answers by default, or those of real kramdown, run once
// for all the texts, with TIPTAPMD_KRAMDOWN=live or record (see the
// package documentation). It fails t when an answer is not recorded,
// saying how to record it.
func Convert(t testing.TB, srcs []string) []Result {
	t.Helper()
	m := mode(t)
	dir := Recordings()
	if m == "" {
		res := make([]Result, len(srcs))
		missing := 0
		for i, src := range srcs {
			r, ok, err := readAnswer(dir, src)
			if err != nil {
				t.Fatalf("reading kramdown's recorded answer: %v", err)
			}
			if !ok {
				missing++
			}
			res[i] = r
		}
		if missing > 0 {
			t.Fatalf("kramdown's answers to %d of the %d texts of %s are not recorded in %s: "+
				"record them with %s=record go test -run '^%s$' (needs ruby with kramdown), "+
				"or set %s=live to run kramdown (as the full corpus needs)",
				missing, len(srcs), t.Name(), dir, Env, regexp.QuoteMeta(strings.SplitN(t.Name(), "/", 2)[0]), Env)
		}
		return res
	}
	Require(t)
	res := run(t, srcs)
	switch m {
	case "live":
		stale := 0
		for i, src := range srcs {
			r, ok, err := readAnswer(dir, src)
			if err != nil {
				t.Fatalf("reading kramdown's recorded answer: %v", err)
			}
			if ok && r != res[i] {
				if stale == 0 {
					t.Errorf("kramdown's answer to text %d differs from the one recorded in %s:\nrecorded: %q\nkramdown: %q", i, dir, r, res[i])
				}
				stale++
			}
		}
		if stale > 0 {
			t.Errorf("%d recorded answers are stale: record them again with %s=record", stale, Env)
		}
	case "record":
		if os.Getenv("TIPTAPMD_CORPUS") != "" {
			t.Fatalf("%s=record records answers for the in-repository sample: unset TIPTAPMD_CORPUS", Env)
		}
		if testing.Short() {
			t.Fatalf("%s=record needs a run without -short, whose texts are all the test's", Env)
		}
		for i, src := range srcs {
			if err := writeAnswer(dir, src, res[i]); err != nil {
				t.Fatalf("recording kramdown's answer: %v", err)
			}
		}
	}
	return res
}

// Recordings returns the directory of kramdown's recorded answers,
// testdata/kramdown at the root of the repository.
func Recordings() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "kramdown")
}

// key is the name of the recorded answer to src, without its extension.
func key(src string) string {
	h := sha256.Sum256([]byte(src))
	return hex.EncodeToString(h[:])
}

// readAnswer reads the recorded answer to src, if there is one.
func readAnswer(dir, src string) (Result, bool, error) {
	base := filepath.Join(dir, key(src))
	data, err := os.ReadFile(base + ".html")
	if err == nil {
		return Result{HTML: string(data)}, true, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Result{}, false, err
	}
	data, err = os.ReadFile(base + ".error")
	if err == nil {
		return Result{Error: string(data)}, true, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Result{}, false, err
	}
	return Result{}, false, nil
}

// writeAnswer records r as the answer to src. Answers are named by the
// text's hash, so runs of several packages at once write distinct files
// or the same bytes; each is written to a temporary file and renamed.
func writeAnswer(dir, src string, r Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	base := filepath.Join(dir, key(src))
	name, data, other := base+".html", r.HTML, base+".error"
	if r.Error != "" {
		name, data, other = base+".error", r.Error, base+".html"
	}
	if err := os.Remove(other); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".answer-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// run converts every text with kramdown in one ruby process.
func run(t testing.TB, srcs []string) []Result {
	t.Helper()
	in, err := json.Marshal(srcs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ruby", "-e", script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running kramdown: %v\n%s", err, stderr.Bytes())
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("reading kramdown's output: %v", err)
	}
	if len(raw) != len(srcs) {
		t.Fatalf("kramdown returned %d results for %d texts", len(raw), len(srcs))
	}
	res := make([]Result, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &res[i].HTML); err != nil {
			var e struct{ Error string }
			if err := json.Unmarshal(r, &e); err != nil || e.Error == "" {
				t.Fatalf("kramdown result %d is neither HTML nor an error: %s", i, r)
			}
			res[i].Error = e.Error
		}
	}
	return res
}
