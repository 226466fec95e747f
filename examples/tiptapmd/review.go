package main

import (
	"fmt"
	"io"

	"github.com/tiptapmd/tiptapmd/convert/review"
)

// A reviewPage collects a run for its review page (-review FILE).
type reviewPage struct {
	name string
	*review.Collector
}

func newReviewPage(name, title string) *reviewPage {
	return &reviewPage{name: name, Collector: review.NewCollector(title)}
}

// write writes the review page, atomically as the report.
func (rp *reviewPage) write() error {
	f, err := createReport(rp.name)
	if err != nil {
		return err
	}
	if err := review.Write(f, rp.Run()); err != nil {
		f.abort()
		return err
	}
	return f.commit()
}

// writeReview writes the review page of rp, if any, and reports whether
// it could.
func writeReview(rp *reviewPage, stderr io.Writer) bool {
	if rp == nil {
		return true
	}
	if err := rp.write(); err != nil {
		fmt.Fprintf(stderr, "tiptapmd: review page: %s\n", clean(err.Error()))
		return false
	}
	return true
}
