// Command benchreport turns the results of bench/cmd/benchcorpus into the
// tables of BENCHMARKS.md and the chart bench/throughput.png.
//
// Usage:
//
//	benchreport [-results bench/results.json] [-md BENCHMARKS.md] [-png bench/throughput.png]
//
// It rewrites only the part of the Markdown file between the markers
// "<!-- benchreport:begin … -->" and "<!-- benchreport:end -->"; the rest
// of the file (how the benchmark works, the analysis) is written by hand.
// The chart is drawn with the standard library alone, with a bitmap font
// of its own.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	results := fs.String("results", "results.json", "the results file written by benchcorpus")
	md := fs.String("md", "../BENCHMARKS.md", "the Markdown file whose generated part is rewritten (empty: none)")
	pngFile := fs.String("png", "throughput.png", "the chart to write (empty: none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "benchreport: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := report(*results, *md, *pngFile); err != nil {
		fmt.Fprintln(stderr, "benchreport:", err)
		return 1
	}
	return 0
}

// report reads the results file and writes the Markdown and the chart.
func report(results, md, pngFile string) error {
	f, err := harness.ReadFile(results)
	if err != nil {
		return err
	}
	if len(f.Results) == 0 {
		return fmt.Errorf("%s holds no results", results)
	}
	if md != "" {
		doc, err := os.ReadFile(md)
		if err != nil {
			return err
		}
		out, err := replaceRegion(doc, renderTables(f))
		if err != nil {
			return fmt.Errorf("%s: %w", md, err)
		}
		if err := os.WriteFile(md, out, 0o644); err != nil {
			return err
		}
	}
	if pngFile != "" {
		var b bytes.Buffer
		img, _ := renderChart(f)
		if err := png.Encode(&b, img); err != nil {
			return err
		}
		if err := os.WriteFile(pngFile, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
