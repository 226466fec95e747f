// Package kramdown runs real kramdown, the Markdown converter Jekyll uses
// on Isomer sites, as an oracle for tests. It is internal: only tests of
// the tiptapmd packages use it.
//
// It needs ruby with the kramdown and kramdown-parser-gfm gems (Debian:
// apt-get install ruby-kramdown ruby-kramdown-parser-gfm) and installs
// nothing itself. A test that needs it fails when they are missing,
// unless the environment variable TIPTAPMD_NO_KRAMDOWN=1 is set, in which
// case the test is skipped with the reason.
package kramdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

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

// Require fails t when ruby or the gems are missing, unless
// TIPTAPMD_NO_KRAMDOWN=1, in which case it skips t.
func Require(t testing.TB) {
	t.Helper()
	err := exec.Command("ruby", "-e", `require 'kramdown'; require 'kramdown-parser-gfm'`).Run()
	if err == nil {
		return
	}
	if os.Getenv("TIPTAPMD_NO_KRAMDOWN") == "1" {
		t.Skipf("ruby with kramdown is not available (%v) and TIPTAPMD_NO_KRAMDOWN=1", err)
	}
	t.Fatalf("this test runs kramdown and needs ruby with the kramdown and kramdown-parser-gfm gems "+
		"(apt-get install ruby-kramdown ruby-kramdown-parser-gfm): %v; "+
		"set TIPTAPMD_NO_KRAMDOWN=1 to leave it out", err)
}

// Convert converts every text with kramdown in one ruby process and
// returns the results in the same order. It calls [Require] first.
func Convert(t testing.TB, srcs []string) []Result {
	t.Helper()
	Require(t)
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
