package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/review"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// A reviewPage collects a run for its review page (-review FILE): every
// result, and the page before and after for those that need review or
// failed.
type reviewPage struct {
	name string
	mu   sync.Mutex
	// bodies are the source and result of the pages to show, by path.
	bodies map[string][2][]byte
	run    review.Run
}

func newReviewPage(name, title string) *reviewPage {
	return &reviewPage{name: name, bodies: map[string][2][]byte{}, run: review.Run{Title: title}}
}

// wrap returns page, keeping the source and result of the pages that
// need review or fail. It is called from the batch's workers.
func (rp *reviewPage) wrap(page site.PageFunc) site.PageFunc {
	return func(pf site.PageFile, src []byte) ([]byte, *convert.Report, error) {
		out, rep, err := page(pf, src)
		if err != nil || rep.Max() >= tiptapmd.Review {
			s := append([]byte(nil), src...)
			rp.mu.Lock()
			rp.bodies[pf.Path] = [2][]byte{s, out}
			rp.mu.Unlock()
		}
		return out, rep, err
	}
}

// add adds a result of the batch, in the order of the run.
func (rp *reviewPage) add(r *site.PageResult) {
	pg := review.Page{Path: r.Path, Verdict: r.Verdict(), Skipped: r.Status == site.StatusSkipped}
	if rep := r.Report; rep != nil {
		pg.Op, pg.From, pg.To, pg.Entries = rep.Op.String(), rep.From, rep.To, rep.Items
	}
	if r.Err != nil {
		pg.Error = r.Err.Error()
		var e *convert.Error
		if errors.As(r.Err, &e) {
			pg.Pos = e.Pos
			if e.Err != nil {
				pg.Error = e.Err.Error()
			}
		}
	}
	rp.mu.Lock()
	if b, ok := rp.bodies[r.Path]; ok {
		pg.Source, pg.Output = b[0], b[1]
		if r.Status == site.StatusFailed {
			pg.Output = nil
		}
		delete(rp.bodies, r.Path)
	}
	rp.mu.Unlock()
	rp.run.Pages = append(rp.run.Pages, pg)
}

// inventory adds what the inventory of the site in folder root found.
func (rp *reviewPage) inventory(root string, inv *site.Inventory) {
	uses := func(us []site.AssetUse) []review.Use {
		var out []review.Use
		for _, u := range us {
			out = append(out, review.Use{File: filepath.Join(root, filepath.FromSlash(u.Page)), Pos: u.Pos, URL: u.URL})
		}
		return out
	}
	for _, a := range inv.Assets {
		ra := review.Asset{Path: a.Path, Status: a.Status.String(), Actual: a.Actual, Uses: uses(a.Uses)}
		switch a.Status {
		case site.AssetOK:
		case site.AssetUnreferenced:
			rp.run.Unreferenced = append(rp.run.Unreferenced, ra)
		default:
			rp.run.Missing = append(rp.run.Missing, ra)
		}
	}
	for _, l := range inv.BrokenLinks {
		rp.run.BrokenLinks = append(rp.run.BrokenLinks, review.Link{Path: l.Path, Closest: l.Closest, Uses: uses(l.Uses)})
	}
}

// write writes the review page, atomically as the report.
func (rp *reviewPage) write() error {
	f, err := createReport(rp.name)
	if err != nil {
		return err
	}
	if err := review.Write(f, &rp.run); err != nil {
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
