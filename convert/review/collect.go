package review

import (
	"errors"
	"path/filepath"
	"sync"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// A Collector gathers a [site.Batch] run into the [Run] its review page
// shows: wrap the batch's page function with [Collector.Wrap] (it keeps
// the page before and after for the pages that need review or fail, the
// only ones rendered), give it each result with [Collector.Add] and,
// optionally, each site's inventory with [Collector.AddInventory]; then
// [Write] the [Collector.Run]. Its methods are safe for concurrent use;
// the zero Collector is ready to use, and a nil one collects nothing.
type Collector struct {
	mu sync.Mutex
	// bodies are the source and result of the pages to show, by path,
	// until their result is added.
	bodies map[string][2][]byte
	run    Run
}

// NewCollector returns a Collector for a run named title.
func NewCollector(title string) *Collector {
	return &Collector{run: Run{Title: title}}
}

// Wrap returns page, keeping the source and result of the pages that
// need review or fail. The batch's workers call it concurrently.
func (c *Collector) Wrap(page site.PageFunc) site.PageFunc {
	if c == nil || page == nil {
		return page
	}
	return func(pf site.PageFile, src []byte) ([]byte, *convert.Report, error) {
		out, rep, err := page(pf, src)
		if err != nil || rep.Max() >= tiptapmd.Review {
			s := append([]byte(nil), src...)
			c.mu.Lock()
			if c.bodies == nil {
				c.bodies = map[string][2][]byte{}
			}
			c.bodies[pf.Path] = [2][]byte{s, out}
			c.mu.Unlock()
		}
		return out, rep, err
	}
}

// Add adds a result of the batch, in the order of the run.
func (c *Collector) Add(r *site.PageResult) {
	if c == nil || r == nil {
		return
	}
	pg := Page{Path: r.Path, Verdict: r.Verdict(), Skipped: r.Status == site.StatusSkipped}
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.bodies[r.Path]; ok {
		pg.Source, pg.Output = b[0], b[1]
		if r.Status == site.StatusFailed {
			pg.Output = nil
		}
		delete(c.bodies, r.Path)
	}
	c.run.Pages = append(c.run.Pages, pg)
}

// AddInventory adds what the inventory of the site in folder root found:
// its missing and unreferenced assets and its broken page links.
func (c *Collector) AddInventory(root string, inv *site.Inventory) {
	if c == nil || inv == nil {
		return
	}
	uses := func(us []site.AssetUse) []Use {
		var out []Use
		for _, u := range us {
			out = append(out, Use{File: filepath.Join(root, filepath.FromSlash(u.Page)), Pos: u.Pos, URL: u.URL})
		}
		return out
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, a := range inv.Assets {
		ra := Asset{Path: a.Path, Status: a.Status.String(), Actual: a.Actual, Uses: uses(a.Uses)}
		switch a.Status {
		case site.AssetOK:
		case site.AssetUnreferenced:
			c.run.Unreferenced = append(c.run.Unreferenced, ra)
		default:
			c.run.Missing = append(c.run.Missing, ra)
		}
	}
	for _, l := range inv.BrokenLinks {
		c.run.BrokenLinks = append(c.run.BrokenLinks, Link{Path: l.Path, Closest: l.Closest, Uses: uses(l.Uses)})
	}
}

// Run returns the run gathered so far, for [Write].
func (c *Collector) Run() *Run {
	if c == nil {
		return &Run{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return &c.run
}
