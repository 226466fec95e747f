package site

import (
	"encoding/json"

	"github.com/tiptapmd/tiptapmd/convert"
)

// Verdict returns the verdict on the page: [convert.VerdictFailed] for a failed
// page; for a page the operation went through, the report's verdict
// ([convert.Report.Verdict]), but at least [convert.VerdictInvisible] when the page
// changed; [convert.VerdictUnchanged] for a skipped file.
func (r *PageResult) Verdict() convert.Verdict {
	v := convert.VerdictUnchanged
	switch {
	case r == nil:
		return convert.VerdictUnchanged
	case r.Status == StatusFailed:
		return convert.VerdictFailed
	case r.Report != nil:
		v = r.Report.Verdict()
	}
	if v == convert.VerdictUnchanged && r.Status == StatusChanged {
		v = convert.VerdictInvisible
	}
	return v
}

// MarshalJSON encodes s with its fields as their tags name them, and
// "review_pages": [] when no page needs review.
func (s Summary) MarshalJSON() ([]byte, error) {
	type plain Summary
	if s.ReviewPages == nil {
		s.ReviewPages = []string{}
	}
	return json.Marshal(plain(s))
}
