package review

import (
	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
)

// A Run is what the review page shows: the pages of one batch run and
// what the site's inventory found.
type Run struct {
	// Title names the run, such as the command that made it
	// ("tiptapmd check -to tiptap site/").
	Title string
	// Pages are the results of the run, one per page file, in the order
	// of the run. The counts of the summary are theirs.
	Pages []Page
	// Missing are the assets that pages reference and that the site
	// does not have (or has only under another letter case or
	// encoding).
	Missing []Asset
	// Unreferenced are the files under the asset roots that nothing
	// read references (for review, not for deletion).
	Unreferenced []Asset
	// BrokenLinks are the links to pages of the site that do not exist.
	BrokenLinks []Link
}

// A Page is one page of a run.
type Page struct {
	// Path names the page file, as the run's report names it.
	Path string
	// Op names the operation ("to-tiptap"); From and To are the page's
	// variant before and after it (convert.Markdown or convert.Tiptap),
	// which say how to render Source and Output.
	Op       string
	From, To convert.Variant
	// Verdict sums the page up; Skipped is set for a file that is not a
	// page (its verdict is unchanged).
	Verdict convert.Verdict
	Skipped bool
	// Entries are the report's entries on the page.
	Entries []tiptapmd.Note
	// Source is the page file before the operation and Output the result
	// (nil when the page failed). Both are needed only for the pages that
	// need review or failed: only those are rendered.
	Source, Output []byte
	// Error says why the page failed, at Pos of the page file when it is
	// known.
	Error string
	Pos   tiptapmd.Pos
}

// An Asset is a path under the site's asset roots.
type Asset struct {
	// Path is the root-relative path ("/images/a.png").
	Path string
	// Status says how it matches the files of the site ("missing",
	// "case-mismatch", "unreferenced").
	Status string
	// Actual is the file found under another letter case or encoding.
	Actual string
	// Uses are the references to it.
	Uses []Use
}

// A Link is a path of the site that links go to and no page is served
// at.
type Link struct {
	Path string
	// Closest is the URL of the page closest to Path, or "".
	Closest string
	Uses    []Use
}

// A Use is a reference to an asset or a page: the file that makes it,
// where, and the URL as written.
type Use struct {
	File string
	Pos  tiptapmd.Pos
	URL  string
}

// reviewCount returns the number of p's entries of severity review or
// higher.
func (p *Page) reviewCount() int {
	n := 0
	for _, e := range p.Entries {
		if e.Severity >= tiptapmd.Review {
			n++
		}
	}
	return n
}

// rendered reports whether the review page shows p before and after.
func (p *Page) rendered() bool {
	return p.Verdict == convert.VerdictReview || p.Verdict == convert.VerdictFailed
}
