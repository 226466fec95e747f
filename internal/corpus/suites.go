package corpus

import (
	"fmt"
	"os"
	"strings"
)

// The environment variables that ask for the opt-in suites. Each is
// described by [Suites]; .ci/run sets them all.
const (
	// EnvCorpus runs the corpus tests on the full shared corpus: "full"
	// for ../shared/corpus beside the repository, or the corpus's path.
	EnvCorpus = "TIPTAPMD_CORPUS"
	// EnvKramdown runs real kramdown (ruby) instead of reading its
	// recorded answers: "live" compares, "record" rewrites the
	// recordings (see internal/kramdown).
	EnvKramdown = "TIPTAPMD_KRAMDOWN"
	// EnvCMS runs the CMS re-save oracle instead of reading its
	// recorded answers: the folder of an installed copy of
	// ../shared/oracles/cms (after npm ci), which needs node (see
	// internal/cmsoracle).
	EnvCMS = "TIPTAPMD_CMS_ORACLE"
	// EnvLong runs the long scaling and site tests at full size.
	EnvLong = "TIPTAPMD_LONG"
	// EnvBrowser runs the browser tests of the review page: the path of
	// a Chromium to run headless ("/usr/bin/chromium").
	EnvBrowser = "TIPTAPMD_BROWSER"
)

// A Suite is an opt-in part of the tests: left out of a default run
// (which runs a smaller or recorded form of it where there is one), run
// when its environment variable is set.
type Suite struct {
	Name  string // short name, e.g. "full corpus"
	Env   string // the variable that asks for it
	Value string // the value to give it
	Needs string // what it needs beside the repository
}

// Suites returns the opt-in suites, in the order the one-line summary
// of a default run names them.
func Suites() []Suite {
	return []Suite{
		{"full corpus", EnvCorpus, "full", "../shared/corpus"},
		{"live kramdown", EnvKramdown, "live", "ruby with kramdown"},
		{"live CMS oracle", EnvCMS, "DIR", "node and an installed copy of the CMS oracle in DIR"},
		{"long tests", EnvLong, "1", "a few minutes"},
		{"browser tests", EnvBrowser, "/usr/bin/chromium", "Chromium"},
	}
}

// Asked reports whether the suite s is asked for: its variable is set
// (to anything but "" or "0").
func (s Suite) Asked() bool {
	v := os.Getenv(s.Env)
	return v != "" && v != "0"
}

// Long reports whether the long scaling and site tests run at full size
// (TIPTAPMD_LONG=1); otherwise they run on smaller inputs.
func Long() bool {
	return Suite{Env: EnvLong}.Asked()
}

// LeftOut returns the one line a default run prints about the opt-in
// suites it left out and how to ask for them, or "" when none was left
// out.
func LeftOut() string {
	var names, vars []string
	for _, s := range Suites() {
		if !s.Asked() {
			names = append(names, s.Name)
			vars = append(vars, s.Env+"="+s.Value)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "tiptapmd: this run left out " + strings.Join(names, ", ") +
		"; to run them: " + strings.Join(vars, " ") + " go test ./... (see README.md)"
}

// PrintLeftOut prints the line of [LeftOut], when there is one, where
// the person running the tests sees it. go test shows what a passing
// package prints only with -v (verbose), so otherwise the line goes to
// the terminal (/dev/tty) when there is one, and to standard output when
// there is none. The tests of the module's root package call it from
// their TestMain, so that go test ./... prints it once.
func PrintLeftOut(verbose bool) {
	line := LeftOut()
	if line == "" {
		return
	}
	if !verbose {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			if _, err := fmt.Fprintln(tty, line); err == nil {
				return
			}
		}
	}
	fmt.Println(line)
}
