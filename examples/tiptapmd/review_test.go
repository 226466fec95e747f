package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/xss"
)

// reviewReport is the part of a JSON report the review tests read.
type reviewReport struct {
	Pages []struct {
		Path    string `json:"path"`
		Status  string `json:"status"`
		Verdict string `json:"verdict"`
		Report  *struct {
			Items []struct {
				Code     string `json:"code"`
				Severity string `json:"severity"`
			} `json:"items"`
		} `json:"report"`
	} `json:"pages"`
	Summary struct {
		Pages  int `json:"pages"`
		Review int `json:"review"`
	} `json:"summary"`
}

// reviewEntries returns the number of entries of severity review in a
// JSON report.
func (r *reviewReport) reviewEntries() int {
	n := 0
	for _, p := range r.Pages {
		if p.Report != nil {
			for _, e := range p.Report.Items {
				if e.Severity == "review" {
					n++
				}
			}
		}
	}
	return n
}

// checkSite runs check -to tiptap on a corpus site with a JSON report
// and a review page, and returns the report and the page's path.
func checkSite(t *testing.T, site string) (*reviewReport, string) {
	t.Helper()
	dir := t.TempDir()
	rep, page := filepath.Join(dir, "report.json"), filepath.Join(dir, "review.html")
	code, _, stderr := runCmd(t, "", "check", "-to", "tiptap", "-allow-review", "-allow-missing", "-report", rep, "-review", page, site)
	require.NotEqual(t, exitUsage, code, stderr)
	data, err := os.ReadFile(rep)
	require.NoError(t, err)
	var r reviewReport
	require.NoError(t, json.Unmarshal(data, &r))
	return &r, page
}

// worstSite returns the corpus site (sample or full) whose check has the
// most entries of severity review, with its report and review page.
func worstSite(t *testing.T) (string, *reviewReport, string) {
	t.Helper()
	sites, err := os.ReadDir(corpus.Dir(t))
	require.NoError(t, err)
	best, bestN := "", -1
	var bestRep *reviewReport
	var bestPage string
	for _, s := range sites {
		if !s.IsDir() {
			continue
		}
		// A copy: check fails the pages it could not write (read-only
		// files, as the shared corpus's are), as convert would.
		site := copySite(t, s.Name())
		r, page := checkSite(t, site)
		if n := r.reviewEntries(); n > bestN {
			best, bestN, bestRep, bestPage = site, n, r, page
		}
	}
	require.NotEmpty(t, best)
	t.Logf("the site with the most review entries: %s (%d entries, %d pages)", best, bestN, len(bestRep.Pages))
	return best, bestRep, bestPage
}

// pageCounts reads the counts a review page gives: data-count="name"
// and, for the entries by code, data-code and data-severity.
func pageCounts(t *testing.T, path string) (counts map[string]int, codes map[string]int) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	counts, codes = map[string]int{}, map[string]int{}
	for _, m := range regexp.MustCompile(`data-count="([^"]+)">(\d+)<`).FindAllStringSubmatch(string(data), -1) {
		counts[m[1]], err = strconv.Atoi(m[2])
		require.NoError(t, err)
	}
	for _, m := range regexp.MustCompile(`data-code="([^"]*)" data-severity="([a-z]+)">(\d+)<`).FindAllStringSubmatch(string(data), -1) {
		n, err := strconv.Atoi(m[3])
		require.NoError(t, err)
		codes[m[2]+"/"+html.UnescapeString(m[1])] += n
	}
	return counts, codes
}

// TestReviewCounts: the review page of the corpus site with the most
// review entries gives the JSON report's counts: pages, pages by
// verdict, entries by code and severity; and it lists every page that
// needs review, worst first.
func TestReviewCounts(t *testing.T) {
	_, rep, page := worstSite(t)
	counts, codes := pageCounts(t, page)

	want := map[string]int{"pages": len(rep.Pages), "skipped": 0}
	wantCodes := map[string]int{}
	for _, p := range rep.Pages {
		want[p.Verdict]++
		if p.Status == "skipped" {
			want["skipped"]++
		}
		if p.Report != nil {
			for _, e := range p.Report.Items {
				wantCodes[e.Severity+"/"+e.Code]++
			}
		}
	}
	for _, v := range []string{"unchanged", "changed-invisibly", "needs-review", "failed"} {
		assert.Equal(t, want[v], counts[v], "pages %s", v)
	}
	assert.Equal(t, want["pages"], counts["pages"])
	assert.Equal(t, rep.Summary.Pages, counts["pages"])
	assert.Equal(t, rep.Summary.Review, counts["needs-review"])
	assert.Equal(t, want["skipped"], counts["skipped"])
	assert.Equal(t, wantCodes, codes)
	assert.Positive(t, counts["needs-review"], "the worst site has pages to review")

	data, err := os.ReadFile(page)
	require.NoError(t, err)
	sections := strings.Count(string(data), `<section class="page" id="p`)
	assert.Equal(t, counts["needs-review"]+counts["failed"], sections, "one section per page to review or failed")
	t.Logf("review page: %d bytes, %d pages, %d to review", len(data), counts["pages"], counts["needs-review"])
}

// TestReviewHostile: a page full of active content comes out in the
// review page with nothing that runs, in the page or in its frames.
func TestReviewHostile(t *testing.T) {
	_, page := hostileReview(t)
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	frames := 0
	for _, m := range regexp.MustCompile(`<iframe( [^>]*)>`).FindAllStringSubmatch(string(data), -1) {
		frames++
		assert.True(t, strings.HasPrefix(m[1], ` sandbox="" `), "the frames allow nothing: %.80s", m[1])
		src := regexp.MustCompile(` srcdoc="([^"]*)"`).FindStringSubmatch(m[1])
		require.NotNil(t, src)
		assert.Empty(t, xss.Features(html.UnescapeString(src[1])), "a frame's document")
	}
	assert.Equal(t, 2, frames, "the hostile page before and after")
	f := xss.Features(string(data))
	delete(f, "srcdoc") // the frames' documents, checked above
	assert.Empty(t, f, "the review page itself")
	assert.Contains(t, string(data), `http-equiv="Content-Security-Policy" content="default-src 'none';`)
}

// hostilePage is a page whose body holds every vector of internal/xss
// and scripts that would show that they ran.
func hostilePage() string {
	var b strings.Builder
	b.WriteString("---\ntitle: Hostile\nlayout: post\n---\n\n")
	b.WriteString("<p>Visible text before the vectors.</p>\n")
	b.WriteString(`<script>document.title = "pwned"; console.log("xss ran")</script>` + "\n")
	b.WriteString(`<p><img src="x" onerror="document.title = 'pwned'; console.error('xss ran')"> <a href="javascript:console.log('xss ran')">a script link</a></p>` + "\n")
	vs := xss.All()
	sort.Slice(vs, func(i, j int) bool { return vs[i].Name < vs[j].Name })
	for _, v := range vs {
		b.WriteString("\n" + v.Body + "\n")
	}
	return b.String()
}

// hostileReview writes the hostile page into a site and returns the
// site and the review page of its check.
func hostileReview(t *testing.T) (string, string) {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.MkdirAll(filepath.Join(site, "pages"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(site, "pages", "hostile.md"), []byte(hostilePage()), 0o644))
	page := filepath.Join(t.TempDir(), "review.html")
	code, _, stderr := runCmd(t, "", "check", "-to", "tiptap", "-review", page, site)
	require.Equal(t, exitFailed, code, stderr) // the page needs review
	return site, page
}

// TestReviewConvert: convert writes the review page too, with -n and
// without, and the page is the same either way.
func TestReviewConvert(t *testing.T) {
	var pages [2][]byte
	for i, dry := range []bool{true, false} {
		site := copySite(t, "isomerpages__spf-spom")
		page := filepath.Join(t.TempDir(), "review.html")
		args := []string{"convert", "-to", "tiptap", "-review", page}
		if dry {
			args = append(args, "-n")
		}
		code, _, stderr := runCmd(t, "", append(args, site)...)
		require.Equal(t, exitOK, code, stderr)
		data, err := os.ReadFile(page)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(data), "<!DOCTYPE html>"))
		require.NoError(t, err)
		pages[i] = []byte(strings.ReplaceAll(string(data), site, "SITE"))
		assert.Contains(t, string(data), `<iframe sandbox=""`)
	}
	assert.True(t, string(pages[0]) == string(pages[1]), "the review page of convert -n and convert differ")
}
