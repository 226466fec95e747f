// Command benchcorpus measures tiptapmd, its dependency floors and its
// peers over every page of the corpus, in both directions, and writes the
// results file that bench/cmd/benchreport turns into BENCHMARKS.md.
//
// Usage:
//
//	benchcorpus run [flags]       prepare, measure every tool, write results.json
//	benchcorpus prepare [flags]   write the page sets and stress inputs only
//	benchcorpus measure [flags]   measure one Go tool over one page set, print JSON
//	benchcorpus stress [flags]    run one Go tool on one stress input, print JSON
//
// bench/run.sh installs the peers (pandoc, and the npm packages of
// bench/package.json) and calls "benchcorpus run" and then benchreport.
// Each tool is measured in a process of its own, so that its peak memory
// is its own; the JavaScript peers are run by bench/peers.mjs, which times
// them the same way (see harness.Measure).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// errUsage reports bad command-line arguments (already explained).
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: benchcorpus run|prepare|measure|stress [flags] (-h for the flags of each)")
		return 2
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(args[1:], stderr)
	case "prepare":
		err = cmdPrepare(args[1:], stderr)
	case "measure":
		err = cmdMeasure(args[1:], stdout, stderr)
	case "stress":
		err = cmdStress(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "benchcorpus: unknown command %q (want run, prepare, measure or stress)\n", args[0])
		return 2
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case err != nil:
		fmt.Fprintln(stderr, "benchcorpus:", err)
		return 1
	}
	return 0
}

// parse parses the flags of a command; extra arguments are an error.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}

func cmdPrepare(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("prepare", flag.ContinueOnError)
	corpus := fs.String("corpus", filepath.Join("..", "..", "shared", "corpus"), "the corpus folder")
	out := fs.String("out", "out", "the folder that receives the page sets and stress inputs")
	var sc stressConfig
	fs.IntVar(&sc.depth, "stress-depth", 10000, "the nesting depth of the nested stress inputs")
	fs.IntVar(&sc.size, "stress-size", 10_000_000, "the size in bytes of the large stress input")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	_, err := prepare(*corpus, *out, sc, stderr)
	return err
}

func cmdMeasure(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	tool := fs.String("tool", "", "the tool: tiptapmd, goldmark, html-to-markdown or pandoc")
	variant := fs.String("variant", "", "the tool's variant (tiptapmd: page or body); empty for the first")
	set := fs.String("set", "", "the page set file (from prepare); its format gives the direction")
	runs := fs.Int("runs", 5, "the number of timed passes over all pages")
	warmup := fs.Int("warmup", 200, "the number of pages converted, untimed, before the timed passes")
	workers := fs.Int("workers", 1, "the number of goroutines that share the pages of a pass")
	e := &env{}
	fs.StringVar(&e.pandoc, "pandoc", "pandoc", "the pandoc program")
	fs.StringVar(&e.time, "time", "/usr/bin/time", "GNU time, to read the peak memory of pandoc (empty: unknown)")
	fs.StringVar(&e.version, "version", "", "tiptapmd's version, for the results")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	t, err := findTool(e.goTools(), *tool, *variant)
	if err != nil {
		return err
	}
	s, err := harness.ReadSet(*set)
	if err != nil {
		return err
	}
	r, err := e.measure(t, s, *warmup, *runs, *workers)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(r)
}

func cmdStress(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stress", flag.ContinueOnError)
	tool := fs.String("tool", "", "the tool: tiptapmd, goldmark, html-to-markdown or pandoc")
	variant := fs.String("variant", "", "the tool's variant; empty for the first")
	in := fs.String("in", "", "the input file: a body, .md (converted to Tiptap) or .html (converted to Markdown)")
	e := &env{}
	fs.StringVar(&e.pandoc, "pandoc", "pandoc", "the pandoc program")
	fs.StringVar(&e.time, "time", "/usr/bin/time", "GNU time, to read the peak memory of pandoc (empty: unknown)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	t, err := findTool(e.goTools(), *tool, *variant)
	if err != nil {
		return err
	}
	r, err := e.stress(t, *in)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(r)
}
