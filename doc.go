// Package tiptapmd converts and migrates the content pages of Isomer sites
// (Jekyll sites of the Singapore government) between their two page
// variants, normalizes their front matter and rewrites the paths they
// reference. The work is done by the packages below this one; this
// package holds their documentation and the vocabulary they share: a
// [Note] (a code, a [Severity] and a message at a [Pos]) is how every
// package says what it could not carry over, changed or wants a person
// to look at, and a Pos is where, in line and column, every note and
// every error with a position points.
//
// An Isomer page is YAML front matter followed by a body in one of two
// variants:
//
//   - variant: markdown (or no variant key): a kramdown/GFM Markdown body,
//     often mixed with raw HTML, kramdown attribute lists and Liquid.
//   - variant: tiptap: the HTML that the IsomerCMS Tiptap editor saves, a
//     closed dialect pretty-printed at about 70 columns with a fixed
//     attribute order.
//
// # Data flow
//
// Every conversion goes through one document model, the Tiptap document of
// package tiptap (plain data in the shape of Tiptap's JSON):
//
//	                    page bytes
//	                        │ frontmatter.Parse
//	         ┌──────────────┴──────────────┐
//	   front matter                       body
//	(frontmatter.Page)                     │
//	         │          ┌──────────────────┴──────────────────┐
//	         │    Markdown body                         Tiptap HTML body
//	         │    goldmark tree (kramdown rules)              │
//	         │    ├ Markdown blocks: built directly           │
//	         │    └ raw HTML: tiptap.ParseFragment            │ tiptap.ParseHTML
//	         │          └─────────────┬───────────────────────┘
//	         │                  *tiptap.Node ── rewrite.Doc (paths)
//	         │          ┌─────────────┴───────────────────────┐
//	         │    markdown.Render                       tiptap.Write
//	         │    (printed directly)               (the CMS's layout; read
//	         │          │                           back once: loss and
//	         │          │                           CMS re-save checks)
//	         └──────────┴──────────────┬──────────────────────┘
//	                        │ convert: set variant, normalize, report
//	                    page bytes
//
// A site is many pages: package site walks it, gives each page to a
// convert.Converter (or to URL rewriting alone) under a time and memory
// budget, writes the results atomically and the reports as JSON or CSV:
//
//	site folder ── site.Walk ── site.Batch ── convert.Converter ── site.ReportWriter
//	                                  │                      └──────── review.Write
//	                                  └─ rewrite.Page / rewrite.Data (URLs only)
//
// and package review turns a run into one review page a person can
// look at: each page that needs review before and after, side by side.
//
// Front matter never enters the document model: package frontmatter edits
// the YAML block in place, so that keys, order, comments and quoting that a
// conversion does not touch stay byte for byte as they were. Path rewriting
// works on the document (and on front matter fields that hold paths); when
// a page is only rewritten, not converted, only the bytes of the URLs
// change.
//
// # Packages
//
//   - frontmatter splits a page into front matter and body, parses the YAML
//     keeping order and comments, edits keys in place and applies Isomer's
//     normalization rules, reporting every change. It imports none of the
//     other packages.
//   - tiptap holds the document model (tiptap.Node) and reads and writes
//     the Isomer Tiptap HTML dialect exactly as the CMS stores it; the
//     dialect is declared once, one row per node and mark (tag, classes,
//     attributes and their order), and its reader, writer and notes are
//     derived from the table.
//   - markdown reads a kramdown/GFM body into the document model and writes
//     a document back as Markdown that kramdown renders the same way.
//   - convert/rewrite rewrites the URLs that pages and site files
//     reference (HTML, Markdown, front matter, YAML data files, tiptap
//     documents), changing only their bytes, with composable rewriters.
//   - convert is the front door for migration scripts: one page, both
//     conversions, normalization and rewriting, and a report of every
//     difference a step makes.
//   - convert/site runs an operation over whole sites: batches with
//     budgets, atomic writes and a lock, report files, and the asset
//     inventory.
//   - convert/review writes the review page of a run: one self-contained
//     HTML file with the run's summary and, for each page that needs
//     review, the page before and after, rendered side by side in
//     sandboxed frames with what differs marked.
//   - examples/tiptapmd is a thin command-line tool over the public
//     packages.
//
// The import graph is one-way (frontmatter and tiptap are leaves, markdown
// uses tiptap, convert/rewrite uses the three, convert uses them all,
// convert/site and convert/review use convert; all of them use this
// package's vocabulary, which uses none of them) and a test states it.
// The library's own helpers live in internal/, each once: the Liquid
// scanner, the HTML escaper, HTML's ASCII rules (white space,
// lowercasing), the grammar of kramdown tag names, the unified diff of a
// dry run, the text forms of enumerations and the slabs that the readers
// and the Markdown printer take their many small nodes from.
//
// # Notes
//
// A tiptap or markdown reader's notes count lines from the start of the
// body it was given; frontmatter's warnings, the items of a convert report
// and errors count from the start of the page file. A note's [Severity]
// is [Review] when a visitor would see the page differently (text,
// links, images and sizes, layout, alignment, styling, behaviour) and
// [Info] for a change no visitor sees; [Error] marks an operation that
// could not be done. Notes, with their severities and positions, are
// what the JSON and CSV report files of convert/site hold.
//
// # Dependencies
//
// goldmark parses Markdown (with extensions for kramdown's rules),
// golang.org/x/net/html parses HTML and go.yaml.in/yaml/v3 front matter
// (through its Node API, so order and comments survive). goldmark's
// parser is built once, with the kramdown extensions, and serves every
// page. HTML is tokenized by x/net/html's Tokenizer; a body that is plain
// nesting (as the dialect, and the HTML the Markdown pages embed, almost
// always are: 100% of the corpus's tiptap bodies and written results,
// and all but 57 of the HTML sources read in the two page benchmarks) is
// built from its tokens, with its positions, and anything the HTML5
// tree builder could restructure is read by x/net/html's tree builder
// (html.Parse), as before; differential tests and a fuzz target hold the
// two to the same document, notes and positions.
//
// The Markdown writer (markdown.Render) prints the document directly,
// one function per node and mark, with kramdown's escaping rules in one
// place. html-to-markdown, which the design card named for this
// direction, is no longer a dependency of the library: the only HTML it
// was given was a tree built from the document, with 20 of its renderers
// overridden and its markers hidden behind sentinels, so it did no work
// through its intended API, and the printer that replaced it measures
// better on the whole corpus (2,671 pages in Tiptap form, one goroutine,
// median of 3 runs on a loaded 2-core machine): the same bytes and notes
// for every page under all 8 option sets (a snapshot test holds them);
// Render 2.8× faster with 58–64% fewer bytes and 65–76% fewer
// allocations; Tiptap HTML → Markdown bodies (tiptap.ParseHTML and
// Render) 4.4 s against 6.1 s before and 3.7 s for html-to-markdown
// alone, 3.68 million allocations against 6.35 million (4.07 million for
// html-to-markdown alone). The printer is 1,500 lines with its rules
// (print.go, print_rules.go), where the old writer was 1,120 lines of
// tree building and renderers on top of html-to-markdown's 4,300. With
// the direct pipelines finished, one run of the bench module (full
// corpus, one goroutine) gives the body pipeline 0.37 s, 0.51 million
// allocations and 0.19 GB against html-to-markdown's 1.12 s, 4.06
// million and 0.50 GB alone, and the page API, which also reads its
// Markdown back (markdown.Read: Parse's document without positions or
// notes) to check what it shows, 0.93 s. The bench module keeps
// html-to-markdown for BenchmarkH2MFloor.
//
// The benchmarks are not part of this module: bench/ is a module of its
// own (github.com/tiptapmd/tiptapmd/bench) that measures these packages
// against their dependency floors and their peers, and keeps the peers'
// JavaScript and the long scaling tests out of the library's go test
// ./... (see BENCHMARKS.md; bench/run.sh runs it all).
//
// # Errors and reports
//
// Bad input is reported as a typed error carrying the line and column in
// the page file, never as a panic. Lossy steps that still succeed (an
// attribute the dialect cannot hold, a Liquid tag kept as text) are
// recorded as report entries with a code and a position, so that nothing
// is lost silently. An entry's severity says what a visitor sees: review
// for anything that renders differently, info for what no visitor can
// see; each page gets one verdict (unchanged, changed invisibly, needs
// review, failed). A tiptap result is also checked against IsomerCMS
// itself: where the editor's first save would change the page, the
// report says so (cms-resave).
//
// # Safety
//
// Every parser and writer is linear in its input or fails at a documented
// bound with a positioned error; a batch gives each page a time and
// memory budget, so that no page stops the others; no conversion makes a
// page more active than its source (no script, event handler or script
// URL is written into a tiptap page).
//
// # Site files
//
// Path rewriting and the asset inventory reach every place a site keeps
// URLs: page bodies of both variants, front matter at any depth (the
// homepage's sections, HTML inside YAML strings), _config.yml, _data/ and
// collection.yml files; the inventory also knows the site's pages and
// their permalinks, and reports links to pages that do not exist.
//
// # Concurrency
//
// The packages keep no global mutable state. Values built once with
// options are immutable and safe for concurrent use by multiple goroutines;
// documents and pages are plain values owned by their caller.
package tiptapmd
