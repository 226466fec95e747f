package convert

import (
	"encoding"
	"encoding/json"
	"fmt"
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

var verdictNames = [...]string{
	VerdictUnchanged: "unchanged",
	VerdictInvisible: "changed-invisibly",
	VerdictReview:    "needs-review",
	VerdictFailed:    "failed",
}

// String returns "unchanged", "changed-invisibly", "needs-review" or
// "failed".
func (v Verdict) String() string {
	if v < 0 || int(v) >= len(verdictNames) {
		return fmt.Sprintf("Verdict(%d)", int(v))
	}
	return verdictNames[v]
}

// MarshalText encodes v as its name, for JSON and CSV reports.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText decodes a name written by [Verdict.MarshalText].
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, n := range verdictNames {
		if n == string(b) {
			*v = Verdict(i)
			return nil
		}
	}
	return fmt.Errorf("convert: unknown verdict %q", b)
}

var (
	_ encoding.TextMarshaler   = Verdict(0)
	_ encoding.TextUnmarshaler = (*Verdict)(nil)
)

// Verdict returns the verdict on the page of r: [VerdictReview] when an
// entry has severity review or higher, else [VerdictInvisible] when the
// page changed, else [VerdictUnchanged].
func (r *Report) Verdict() Verdict {
	switch {
	case r == nil:
		return VerdictUnchanged
	case r.Max() >= SeverityReview:
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
		items = []Entry{}
	}
	return json.Marshal(struct {
		plain
		Verdict Verdict `json:"verdict"`
		Items   []Entry `json:"items"`
	}{plain(r), r.Verdict(), items})
}
