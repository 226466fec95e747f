package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// runExamples converts the example pages in pages to tiptap, in a dry
// run, and prints what it did to each: the entries of its report and the
// diff of the page.
func runExamples(pages fs.FS, stdout, stderr io.Writer) int {
	c, err := convert.New()
	if err != nil {
		fmt.Fprintf(stderr, "tiptapmd: %v\n", err)
		return exitFailed
	}
	names, err := site.Walk(pages)
	if err != nil || len(names) == 0 {
		fmt.Fprintf(stderr, "tiptapmd: no example pages built in (%v)\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "tiptapmd: converting the %d example pages built into the tool to tiptap\n", len(names))
	fmt.Fprintf(stdout, "(a dry run: nothing is written; run \"tiptapmd -h\" to convert your own pages)\n")

	b := &site.Batch{Page: site.Convert(c, convert.OpToTiptap), DryRun: true, Diff: true}
	sum, err := b.RunFS(context.Background(), pages, func(r *site.PageResult) error {
		fmt.Fprintf(stdout, "\n== %s: %s", r.Path, r.Status)
		if r.Report != nil {
			fmt.Fprintf(stdout, " (%s -> %s), %d entries", r.Report.From, r.Report.To, len(r.Report.Items))
		}
		fmt.Fprintln(stdout)
		if r.Err != nil {
			fmt.Fprintf(stdout, "   %v\n", r.Err)
		}
		if r.Report != nil {
			for _, e := range r.Report.Items {
				fmt.Fprintf(stdout, "   %s\n", entryLine(r.Path, e))
			}
		}
		if r.Diff != nil {
			stdout.Write(r.Diff)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "tiptapmd: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "\n== %d pages: %d would change, %d unchanged, %d failed; %d need review\n",
		sum.Pages, sum.Changed, sum.Unchanged, sum.Failed, sum.Review)
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}
