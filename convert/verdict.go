package convert

import (
	"encoding/json"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// A Verdict is what a visitor would see of an operation on one page, in
// one word: the page is the same, changed in ways no visitor sees, or
// changed in ways a visitor sees (it needs review), or it failed.
type Verdict int

const (
	// VerdictUnchanged: the page is byte for byte the same (or the file
	// was skipped) and nothing needs review.
	VerdictUnchanged Verdict = iota
	// VerdictInvisible: the page changed, but no visitor sees the
	// difference: the variant key set, front matter normalized, markup
	// written in the dialect's form. Converting a page laid out by its
	// layout alone (layout: homepage, the search page, a page whose body
	// is empty) gets this verdict: only its front matter changes.
	VerdictInvisible
	// VerdictReview: a visitor would see the page differently (text,
	// links, images, layout, sizes, styling or behaviour), or the source
	// has a problem that a person must look at; the report's entries of
	// severity review say what and where.
	VerdictReview
	// VerdictFailed: the operation could not be done; the page is as it
	// was.
	VerdictFailed
)

var verdicts = enum.New[Verdict]("convert.Verdict", []string{
	VerdictUnchanged: "unchanged",
	VerdictInvisible: "changed-invisibly",
	VerdictReview:    "needs-review",
	VerdictFailed:    "failed",
})

// String returns "unchanged", "changed-invisibly", "needs-review" or
// "failed".
func (v Verdict) String() string { return verdicts.String(v) }

// MarshalText encodes v as its name, for JSON and CSV reports.
func (v Verdict) MarshalText() ([]byte, error) { return verdicts.MarshalText(v) }

// UnmarshalText decodes a name written by [Verdict.MarshalText].
func (v *Verdict) UnmarshalText(b []byte) error { return verdicts.UnmarshalText(b, v) }

// Verdict returns the verdict on the page of r: [VerdictReview] when an
// entry has severity review or higher, else [VerdictInvisible] when the
// page changed, else [VerdictUnchanged].
func (r *Report) Verdict() Verdict {
	switch {
	case r == nil:
		return VerdictUnchanged
	case r.Max() >= tiptapmd.Review:
		return VerdictReview
	case r.Changed:
		return VerdictInvisible
	}
	return VerdictUnchanged
}

// MarshalJSON encodes r with its fields as their tags name them (the
// snake_case of the Go names), its verdict added as "verdict", and
// "items": [] when it has no entries.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	items := r.Items
	if items == nil {
		items = []tiptapmd.Note{}
	}
	return json.Marshal(struct {
		plain
		Verdict Verdict         `json:"verdict"`
		Items   []tiptapmd.Note `json:"items"`
	}{plain(r), r.Verdict(), items})
}
