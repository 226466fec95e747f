// Package bench measures tiptapmd against its dependency floors and its
// peers. It holds no library code: its tests are the Go benchmarks and the
// scaling checks, and its programs the corpus runner and the report.
//
// bench is a module of its own (github.com/tiptapmd/tiptapmd/bench, in
// bench/go.mod), outside the library's go test ./...; a replace directive
// points it at the repository's root, so it measures the code beside it.
// Its Go commands run from the bench directory:
//
//	cd bench && go test ./...
//
// The Go benchmarks run with the standard tools. By default they run on
// the sample of the corpus kept in the repository; the figures of
// BENCHMARKS.md are for the full shared corpus (../shared/corpus beside
// the repository, see internal/corpus), from the bench directory:
//
//	TIPTAPMD_CORPUS=full go test -run '^$' -bench . -benchmem .
//
// They are:
//
//   - BenchmarkToTiptapCorpus and BenchmarkToMarkdownCorpus convert every
//     page of the corpus with the page API of package convert;
//     BenchmarkBodyCorpus runs the lower-level packages on the bodies alone.
//   - BenchmarkGoldmarkFloor and BenchmarkH2MFloor run goldmark and
//     html-to-markdown alone on the same bodies: the least that any
//     converter built on them can cost.
//   - BenchmarkSize converts pages of 1 KB, 100 KB and 10 MB, and
//     BenchmarkNesting input nested 1,000 and 10,000 levels deep.
//
// The tests check, with allocation counts and ratios of times rather than
// wall-clock limits, that the cost grows linearly with the size of a page
// and with the depth of its nesting, that deep nesting never overflows
// the stack, and that a batch over a synthetic site of 100,000 pages
// streams them: the memory it holds grows by a few hundred bytes of
// bookkeeping per page, not by the pages.
//
// The comparison with the peers (pandoc, turndown, Tiptap's own
// pipeline) needs node and pandoc, so it is not part of go test: run
// bench/run.sh, which installs them, runs bench/cmd/benchcorpus over the
// whole corpus and writes bench/results.json, then renders the table of
// BENCHMARKS.md and bench/throughput.png with bench/cmd/benchreport.
package bench
