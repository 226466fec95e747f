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
	// EnvBrowser names the browser the browser tests of the review page
	// run headless: a Chromium's path or name; chromium from PATH when it
	// is not set. The browser tests are built, and run, with the build
	// tag browser (go test -tags browser); the variable alone asks for
	// nothing, and a test of the build without the tag fails when it is
	// set (see [Suite.Check]).
	EnvBrowser = "TIPTAPMD_BROWSER"
)

// A Suite is an opt-in part of the tests: left out of a default run
// (which runs a smaller or recorded form of it where there is one), run
// when its environment variable is set, or, for a suite with a build tag,
// when the tests are built with the tag.
type Suite struct {
	Name  string // short name, e.g. "full corpus"
	Env   string // the variable that asks for it, or chooses for it (see Tag)
	Value string // the value to give it
	Needs string // what it needs beside the repository
	// Tag is the build tag the suite's tests are built with ("" for a
	// suite whose tests are always built): such a suite is asked for by
	// building with the tag (go test -tags TAG), and its variable only
	// chooses what it runs on, Default when it is not set.
	Tag     string
	Default string // what the suite runs on when Env is not set (with a Tag)
	Built   bool   // whether this build has Tag
}

// Suites returns the opt-in suites, in the order the one-line summary
// of a default run names them.
func Suites() []Suite {
	return []Suite{
		{Name: "full corpus", Env: EnvCorpus, Value: "full", Needs: "../shared/corpus"},
		{Name: "live kramdown", Env: EnvKramdown, Value: "live", Needs: "ruby with kramdown"},
		{Name: "live CMS oracle", Env: EnvCMS, Value: "DIR", Needs: "node and an installed copy of the CMS oracle in DIR"},
		{Name: "long tests", Env: EnvLong, Value: "1", Needs: "a few minutes"},
		{Name: "browser tests", Env: EnvBrowser, Value: "PATH", Needs: "Chromium",
			Tag: "browser", Default: "chromium from PATH", Built: browserBuilt},
	}
}

// Asked reports whether the suite s is asked for: its variable is set
// (to anything but "" or "0"), or, for a suite with a build tag, this
// build has the tag.
func (s Suite) Asked() bool {
	if s.Tag != "" {
		return s.Built
	}
	return s.set()
}

// set reports whether the variable of s is set to anything but "" or
// "0".
func (s Suite) set() bool {
	v := os.Getenv(s.Env)
	return v != "" && v != "0"
}

// Check returns an error when the suite s is asked for by half: its
// variable is set, but its tests are not built (the build lacks its
// tag), so that a run meant to include them does not pass having run
// none of them.
func (s Suite) Check() error {
	if s.Tag == "" || s.Built || !s.set() {
		return nil
	}
	return fmt.Errorf("%s=%s is set, but the %s are not built: build with -tags %s (go test -tags %s ./...)",
		s.Env, os.Getenv(s.Env), s.Name, s.Tag, s.Tag)
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
	return leftOut(Suites())
}

// leftOut returns the line of [LeftOut] for the suites.
func leftOut(suites []Suite) string {
	var names, cmd, notes []string
	var tags []string
	for _, s := range suites {
		if s.Tag != "" {
			// The command has every tag: the suites left out need it, and
			// those this run built keep it.
			tags = append(tags, s.Tag)
		}
		if s.Asked() {
			continue
		}
		names = append(names, s.Name)
		if s.Tag == "" {
			cmd = append(cmd, s.Env+"="+s.Value)
			continue
		}
		notes = append(notes, s.Env+"="+s.Value+" instead of "+s.Default)
	}
	if len(names) == 0 {
		return ""
	}
	cmd = append(cmd, "go test")
	if len(tags) > 0 {
		cmd = append(cmd, "-tags "+strings.Join(tags, ","))
	}
	cmd = append(cmd, "./...")
	notes = append(notes, "see README.md")
	return "tiptapmd: this run left out " + strings.Join(names, ", ") +
		"; to run them: " + strings.Join(cmd, " ") + " (" + strings.Join(notes, "; ") + ")"
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
