// Package harness is the shared machinery of the tiptapmd benchmarks: it
// reads the corpus into the page sets every tool converts, times a tool
// over a page set the same way for every tool, builds the synthetic
// inputs of the scaling and stress runs, and defines the results file
// that bench/cmd/benchcorpus writes and bench/cmd/benchreport reads.
//
// # Page sets
//
// Every page of the corpus is converted in both directions, so there are
// two page sets of the same pages in the same order:
//
//   - the Markdown set: the body of each markdown page as it is, and for
//     each tiptap page the body tiptapmd writes for it (ToMarkdown);
//   - the Tiptap set: the body of each tiptap page as it is, and for each
//     markdown page the body tiptapmd writes for it (ToTiptap).
//
// A page taken as it is, is native; the others are derived. Front matter
// is split off once, with package frontmatter, and every tool but
// tiptapmd's whole-page API gets only the body. Results give the figures
// over the whole set and over its native pages alone.
package harness
