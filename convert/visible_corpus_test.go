package convert

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/kramdown"
)

// verdictRates are the error rates of the report's verdict against the
// comparer of visible_test.go: of the pages flagged for review, the share
// that shows no difference (false alarms); of the pages that show a
// difference, the share not flagged (misses).
type verdictRates struct {
	flaggedDiffers, flaggedSame, missed, quiet int
}

func (r verdictRates) falseAlarm() float64 {
	return ratio(r.flaggedSame, r.flaggedDiffers+r.flaggedSame)
}

func (r verdictRates) miss() float64 { return ratio(r.missed, r.missed+r.flaggedDiffers) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (r verdictRates) String() string {
	return fmt.Sprintf("%d pages: %d flagged & differ, %d flagged & same (false alarms %.1f%%), %d not flagged & differ (misses %.1f%%), %d not flagged & same",
		r.flaggedDiffers+r.flaggedSame+r.missed+r.quiet, r.flaggedDiffers, r.flaggedSame, 100*r.falseAlarm(),
		r.missed, 100*r.miss(), r.quiet)
}

var siteBaseURL = regexp.MustCompile(`\{\{-?\s*site\.baseurl\s*-?\}\}`)

// TestVerdictCorpus measures the truth of the verdict on every page of
// the corpus, in both directions. A Markdown page is converted to
// tiptap; what a visitor saw is kramdown's HTML of its body, what they
// see is the tiptap body. A tiptap page is converted to Markdown; what a
// visitor saw is its HTML, what they see is kramdown's HTML of the
// Markdown. Each page's verdict (needs review or not) is checked against
// the comparer (visibleView: words, blocks, headings, lists, tables and
// alignment, emphasis, images and sizes, links), with typography folded
// (kramdown's curly quotes and dashes are the concern of the
// typographer's own tests) and strictly. The rates are logged, and
// pinned so that a regression fails. With -short it runs on every 10th
// page, against the same pins.
func TestVerdictCorpus(t *testing.T) {
	every := 1
	if testing.Short() {
		every = corpus.Pick(4, 10)
	}
	kramdown.Require(t)
	// The comparer sees bodies; the front matter rules, whose visible
	// changes (a layout, a navigation title) it cannot see, are left out.
	c, err := New(WithFrontMatterRules(frontmatter.NoRules))
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		path, dir     string
		before, after string
		rep           *Report
	}
	var items []*item
	var mdIn, mdOut []int // items whose before (after) is kramdown's HTML of the text there
	notPages := 0
	for i, p := range corpus.Pages(t) {
		if i%every != 0 {
			continue
		}
		if strings.EqualFold(path.Ext(p.Path), ".html") {
			continue // left as it is by a batch
		}
		op, dir := OpToTiptap, "to-tiptap"
		if p.Variant() == string(Tiptap) {
			op, dir = OpToMarkdown, "to-markdown"
		}
		out, rep, err := c.Convert(op, p.Path, p.Data)
		if errors.Is(err, ErrNotAPage) {
			notPages++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		page, err := frontmatter.Parse(out)
		if err != nil {
			t.Fatalf("%s: the result does not parse: %v", p.Path, err)
		}
		it := &item{path: p.Path, dir: dir, after: string(page.Body()), rep: rep}
		src, err := frontmatter.Parse(p.Data)
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		it.before = string(src.Body())
		if op == OpToTiptap {
			it.before = siteBaseURL.ReplaceAllString(it.before, "")
			mdIn = append(mdIn, len(items))
		} else {
			mdOut = append(mdOut, len(items))
		}
		items = append(items, it)
	}
	var srcs []string
	for _, i := range mdIn {
		srcs = append(srcs, items[i].before)
	}
	for _, i := range mdOut {
		srcs = append(srcs, items[i].after)
	}
	res := kramdown.Convert(t, srcs)
	for k, r := range res {
		if r.Error != "" {
			t.Fatalf("kramdown fails on a page: %s", r.Error)
		}
		if k < len(mdIn) {
			items[mdIn[k]].before = r.HTML
		} else {
			items[mdOut[k-len(mdIn)]].after = r.HTML
		}
	}

	rates := map[string]*verdictRates{}
	missAspects := map[string]int{}
	var missExamples, alarmExamples []string
	alarmCodes := map[string]int{}
	// stylingAlarms counts the false alarms raised only by styles,
	// classes and elements the comparer does not see (it knows no CSS).
	stylingAlarms := 0
	for _, strict := range []bool{false, true} {
		for _, it := range items {
			o := visOptions{foldTypography: !strict}
			before, err := visibleView(it.before, o)
			if err != nil {
				t.Fatal(err)
			}
			after, err := visibleView(it.after, o)
			if err != nil {
				t.Fatal(err)
			}
			diff := visDiff(before, after)
			flagged := it.rep.Verdict() == VerdictReview
			if len(diff) == 0 && cmsResaveOnly(it.rep) {
				// The converted page shows what the source showed, but the
				// CMS's first save will not (TestCMSOracle proves each
				// such entry): the page differs, later.
				diff = []string{"cms-resave: the first CMS save changes the page"}
			}
			for _, key := range []string{it.dir, "all"} {
				if strict {
					key += " strict"
				}
				r := rates[key]
				if r == nil {
					r = &verdictRates{}
					rates[key] = r
				}
				switch {
				case flagged && len(diff) > 0:
					r.flaggedDiffers++
				case flagged:
					r.flaggedSame++
				case len(diff) > 0:
					r.missed++
				default:
					r.quiet++
				}
			}
			if strict {
				continue
			}
			switch {
			case !flagged && len(diff) > 0:
				for _, d := range diff {
					aspect, _, _ := strings.Cut(d, ":")
					missAspects[it.dir+" "+aspect]++
				}
				missExamples = append(missExamples, it.path+": "+strings.Join(diff, "; "))
			case flagged && len(diff) == 0:
				styling := true
				for _, e := range it.rep.Items {
					switch {
					case e.Severity < tiptapmd.Review:
					case e.Code == "dropped-attr", e.Code == "unwrapped", e.Code == "dropped-element", e.Code == "dropped-script":
					default:
						styling = false
					}
				}
				if styling {
					stylingAlarms++
				}
				seen := map[tiptapmd.Code]bool{}
				for _, e := range it.rep.Items {
					if e.Severity >= tiptapmd.Review && !seen[e.Code] {
						seen[e.Code] = true
						alarmCodes[it.dir+" "+string(e.Code)]++
					}
				}
				if len(alarmExamples) < 400 {
					var why []string
					for _, e := range it.rep.Items {
						if e.Severity >= tiptapmd.Review {
							why = append(why, e.String())
						}
					}
					alarmExamples = append(alarmExamples, it.path+": "+strings.Join(why, " | "))
				}
			}
		}
	}
	t.Logf("%d files without front matter are not pages", notPages)
	keys := make([]string, 0, len(rates))
	for k := range rates {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s: %v", k, rates[k])
	}
	// The pins: the rates reached, to be lowered as the tool improves,
	// never raised to let a regression through; one set for each corpus
	// and each part of it (all of it, or every 10th page of the full
	// corpus and every 4th of the sample with -short). Folded, the rates
	// are those of the report's truth about structure; strictly, the
	// misses are mostly kramdown's typography that the converted pages
	// lose. A strict false alarm is a folded one, so its rate is at most
	// the folded rate, whatever the typographer does. The sample is
	// chosen for its constructs, which are those the report flags most:
	// its false alarms run higher than the corpus's.
	type pin struct {
		key              string
		falseAlarm, miss float64
	}
	pins := corpus.Pick([]pin{
		// 97 flagged pages, 18 of them false alarms; 79 pages that
		// differ, 1 missed strictly.
		{"all", 0.186, 0.001},
		{"to-tiptap", 0.193, 0.001},
		{"to-markdown", 0.143, 0.001},
		{"all strict", 0.186, 0.013},
	}, []pin{
		{"all", 0.080, 0.0025},
		{"to-tiptap", 0.079, 0.003},
		{"to-markdown", 0.088, 0.001},
		{"all strict", 0.080, 0.26},
	})
	if testing.Short() {
		pins = corpus.Pick([]pin{
			// 25 flagged pages, 5 of them false alarms; no miss.
			{"all", 0.200, 0.001},
			{"to-tiptap", 0.200, 0.001},
			{"to-markdown", 0.200, 0.001},
			{"all strict", 0.200, 0.001},
		}, []pin{
			// 97 flagged pages, 8 of them false alarms; no miss.
			{"all", 0.083, 0.001},
			{"to-tiptap", 0.063, 0.001},
			{"to-markdown", 0.177, 0.001},
			{"all strict", 0.083, 0.001},
		})
	}
	for _, p := range pins {
		r := rates[p.key]
		if r == nil {
			t.Fatalf("no pages for %s", p.key)
		}
		if r.falseAlarm() > p.falseAlarm {
			t.Errorf("%s: false alarms %.2f%%, more than the %.2f%% reached", p.key, 100*r.falseAlarm(), 100*p.falseAlarm)
		}
		if r.miss() > p.miss {
			t.Errorf("%s: misses %.2f%%, more than the %.2f%% reached", p.key, 100*r.miss(), 100*p.miss)
		}
	}
	t.Logf("misses by aspect: %v", missAspects)
	t.Logf("false alarms by code of their review entries: %v", alarmCodes)
	t.Logf("%d false alarms are raised only by dropped styles, classes, stylesheets, scripts or elements, which the comparer does not see", stylingAlarms)
	for i, e := range missExamples {
		if i == 40 {
			break
		}
		t.Logf("miss: %s", e)
	}
	for i, e := range alarmExamples {
		if i == 40 {
			break
		}
		t.Logf("false alarm: %s", truncateString(e, 600))
	}
}

func truncateString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// cmsResaveOnly reports whether the only review entries of r are
// [CodeCMSResave] ones, and there is at least one.
func cmsResaveOnly(r *Report) bool {
	n := 0
	for _, e := range r.Items {
		if e.Severity < tiptapmd.Review {
			continue
		}
		if e.Code != CodeCMSResave {
			return false
		}
		n++
	}
	return n > 0
}
