package convert_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/cmsoracle"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// TestCMSOracle converts every tiptap page and every 4th Markdown page of
// the corpus (every Markdown page of the in-repository sample) to tiptap,
// opens and saves each result in the headless IsomerCMS editor of the
// oracle, and checks the targets of the CMS round trip:
//
//   - at least 99% of the pages either come back byte for byte with no
//     cms-resave entry, or come back changed and carry one;
//   - at most 1% carry a cms-resave entry though they come back
//     unchanged;
//   - at least 85% come back byte for byte;
//   - the CMS drops markup (an element, or an attribute of one) on none.
//
// On the sample, the figures are pinned at what the code achieves.
//
// By default it runs on the oracle's answers recorded in testdata/cms
// (see internal/cmsoracle), and needs no node; TIPTAPMD_CMS_ORACLE=DIR
// runs the installed oracle in DIR, and fails, never skips, when it
// cannot run or a recorded answer is stale.
func TestCMSOracle(t *testing.T) {
	cmsoracle.Require(t)
	pages := oraclePages(t)
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		path, variant string
		body          []byte
		flagged       bool
		message       string
		err           error
		job           int // index in files, or -1
	}
	results := make([]result, len(pages))
	var files []string
	for i, p := range pages {
		res := result{path: p.Path, variant: p.Variant(), job: -1}
		out, rep, err := c.Convert(convert.OpToTiptap, p.Path, p.Data)
		if err != nil {
			res.err = err
			results[i] = res
			continue
		}
		page, err := frontmatter.Parse(out)
		if err != nil {
			res.err = err
			results[i] = res
			continue
		}
		res.body = page.Body()
		for _, e := range rep.Items {
			if e.Code == convert.CodeCMSResave {
				if e.Severity != tiptapmd.Review {
					t.Errorf("%s: %s entry of severity %s; want review", p.Path, e.Code, e.Severity)
				}
				res.flagged, res.message = true, e.String()
			}
		}
		res.job = len(files)
		results[i] = res
		files = append(files, string(out))
	}
	saved := cmsoracle.Resave(t, files)

	var n, identical, correct, falseFlag, missed, dropped, errs int
	for _, res := range results {
		n++
		if res.err != nil {
			errs++
			t.Errorf("%s: convert: %v", res.path, res.err)
			continue
		}
		r := saved[res.job]
		if r.Error != "" {
			errs++
			t.Errorf("%s: the oracle saved nothing: %s", res.path, r.Error)
			continue
		}
		s := r.Saved
		same := s == string(res.body)
		if same {
			identical++
		}
		switch {
		case same == !res.flagged:
			correct++
		case same:
			falseFlag++
			t.Logf("%s: flagged but the CMS saves it unchanged: %s", res.path, res.message)
		default:
			missed++
			t.Logf("%s: the CMS changes it and no cms-resave entry says so: first difference at %s", res.path, oracleDiff(res.body, []byte(s)))
		}
		if d := droppedMarkup(res.body, []byte(s)); d != "" {
			dropped++
			t.Errorf("%s: the CMS drops %s", res.path, d)
		}
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	t.Logf("CMS oracle: %d pages (%d tiptap, the rest Markdown): byte-identical %d (%.1f%%), identical or correctly flagged %d (%.1f%%), flagged but identical %d (%.1f%%), changed but not flagged %d, CMS drops markup on %d, errors %d",
		n, countVariant(pages, "tiptap"), identical, pct(identical), correct, pct(correct), falseFlag, pct(falseFlag), missed, dropped, errs)
	// The targets of the full corpus; on the sample, the figures the code
	// achieves (213 pages: 211 identical or correctly flagged, none
	// flagged needlessly, 207 byte-identical), to be raised as the tool
	// improves, never lowered to let a regression through.
	want := corpus.Pick(
		struct{ correct, falseFlag, identical float64 }{99.0, 0, 97.1},
		struct{ correct, falseFlag, identical float64 }{99, 1, 85},
	)
	if pct(correct) < want.correct {
		t.Errorf("identical or correctly flagged: %.1f%%; want at least %.1f%%", pct(correct), want.correct)
	}
	if pct(falseFlag) > want.falseFlag {
		t.Errorf("flagged but identical: %.1f%%; want at most %.1f%%", pct(falseFlag), want.falseFlag)
	}
	if pct(identical) < want.identical {
		t.Errorf("byte-identical: %.1f%%; want at least %.1f%%", pct(identical), want.identical)
	}
}

// oraclePages returns the pages the oracle test converts: every tiptap
// page of the corpus and every 4th other page with front matter (every
// one on the sample), in path order (every Nth with
// TIPTAPMD_CMS_ORACLE_MD_EVERY=N, N from 1 to 4).
func oraclePages(t *testing.T) []corpus.Page {
	every := corpus.Pick(1, 4)
	if v := os.Getenv("TIPTAPMD_CMS_ORACLE_MD_EVERY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			t.Fatalf("TIPTAPMD_CMS_ORACLE_MD_EVERY=%q: want 1, 2, 3 or 4", v)
		}
		every = n
	}
	var out []corpus.Page
	md := 0
	for _, p := range corpus.Pages(t) {
		if !bytes.HasPrefix(bytes.TrimPrefix(p.Data, []byte("\xef\xbb\xbf")), []byte("---")) || skippedDir(p.Path) {
			continue
		}
		if p.Variant() == "tiptap" {
			out = append(out, p)
			continue
		}
		if md%every == 0 {
			out = append(out, p)
		}
		md++
	}
	return out
}

// skippedDir reports whether a page lies in a folder of templates rather
// than pages (Jekyll's _layouts, _includes and the like).
func skippedDir(path string) bool {
	for _, d := range strings.Split(path, "/") {
		switch d {
		case "_layouts", "_includes", "_sass", "node_modules", "vendor", "_site":
			return true
		}
	}
	return false
}

func countVariant(pages []corpus.Page, v string) int {
	k := 0
	for _, p := range pages {
		if p.Variant() == v {
			k++
		}
	}
	return k
}

// oracleDiff describes where a and b first differ.
func oracleDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	line := 1 + bytes.Count(a[:i], []byte("\n"))
	ex := func(s []byte) string { return fmt.Sprintf("%.70q", s[max(0, i-30):min(len(s), i+40)]) }
	return fmt.Sprintf("line %d: %s became %s", line, ex(a), ex(b))
}

// droppedMarkup names an element or an (element, attribute) pair that
// saved has fewer of than body, or returns "".
func droppedMarkup(body, saved []byte) string {
	a, b := markupCounts(body), markupCounts(saved)
	for k, v := range a {
		if b[k] < v {
			return fmt.Sprintf("%s (%d of %d)", k, v-b[k], v)
		}
	}
	return ""
}

// markupCounts counts the start tags of each element, and each attribute
// of each element, in an HTML body.
func markupCounts(src []byte) map[string]int {
	counts := map[string]int{}
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return counts
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			counts["<"+tok.Data+">"]++
			for _, a := range tok.Attr {
				counts["<"+tok.Data+" "+a.Key+">"]++
			}
		}
	}
}
