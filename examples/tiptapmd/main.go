// Command tiptapmd is a thin command-line tool over the tiptapmd library:
// it converts, normalizes, rewrites and checks the pages of Isomer sites,
// whole sites at a time.
//
// Usage:
//
//	tiptapmd                              run on the example pages built into the tool
//	tiptapmd convert -to tiptap|markdown [flags] PATH...
//	tiptapmd normalize [flags] PATH...
//	tiptapmd rewrite [-map OLD=NEW ...] [-move OLD=NEW ...] [-own-domain HOSTS] [flags] PATH...
//	tiptapmd check [-to tiptap|markdown] [flags] PATH...
//
// A PATH is a site folder (every page in it is done, see
// site.WalkSite), a page file, or - for standard input to standard
// output. convert, normalize and rewrite write each page that changes in
// place, or with -o DIR into DIR; -n writes nothing; -d prints unified
// diffs; -report FILE writes every page and every entry to FILE as JSON
// or CSV. rewrite also rewrites a site folder's _config.yml, _data/ and
// collection.yml files. check writes nothing and prints what needs
// review, the site's missing and unreferenced assets (the latter for
// review, not deletion) and its links to pages that do not exist; it exits
// with 1 when a page fails or needs review or an asset is missing. Entries
// that need review go to standard error; the closing line names the pages
// that need review. Run a command with -h for its flags.
//
// A page that takes longer than its time budget (-page-timeout) or
// during which memory grows past -page-memory fails alone; -report FILE
// is written atomically, whole, however the run ends. Two runs never write
// one folder at once (a lock file, .tiptapmd.lock, names the holder), and
// read-only pages are left alone unless -replace-read-only.
//
// Errors and entries name the file, line and column; a name with a
// control character in it is printed quoted. A progress bar is
// shown on standard error when it is a terminal and the work takes more
// than a second.
//
// Exit codes: 0 all good, 1 some pages failed (check: or a page needs
// review, or an asset is missing), 2 usage error.
//
// The command only parses flags and prints; all the work is done by
// package convert (site.Batch).
package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
)

//go:embed pages/*.md
var examplePages embed.FS

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const usage = `usage:
  tiptapmd                                    run on the example pages built into the tool
  tiptapmd convert -to tiptap|markdown [flags] PATH...
                                              convert pages to the tiptap or the markdown variant
  tiptapmd normalize [flags] PATH...          apply Isomer's front matter rules
  tiptapmd rewrite [-map OLD=NEW ...] [-move OLD=NEW ...] [-own-domain HOSTS] [flags] PATH...
                                              rewrite the URLs of a site (pages, _config.yml, _data/),
                                              without converting pages
  tiptapmd check [-to tiptap|markdown] [flags] PATH...
                                              report broken pages and what needs review; write nothing

A PATH is a site folder, a page file, or - for standard input to standard output.
Run "tiptapmd COMMAND -h" for the flags of a command.
Exit codes: 0 all good, 1 some pages failed (check: or need review, or an
asset is missing), 2 usage error.
`

// run is the whole command; it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		pages, err := fs.Sub(examplePages, "pages")
		if err != nil {
			fmt.Fprintf(stderr, "tiptapmd: %v\n", err)
			return exitFailed
		}
		return runExamples(pages, stdout, stderr)
	}
	switch args[0] {
	case "convert", "normalize", "rewrite", "check":
		return runBatch(args[0], args[1:], stdin, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "tiptapmd: unknown command %q\n%s", args[0], usage)
		return exitUsage
	}
}
