package convert_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// cmsOracleEnv names the environment variable that turns on
// TestCMSOracle: the folder of an installed copy of the CMS re-save oracle
// (../shared/oracles/cms after npm ci). .ci/run sets it.
const cmsOracleEnv = corpus.EnvCMS

// TestCMSOracle converts every tiptap page and every 4th Markdown page of
// the corpus to tiptap, opens and saves each result in the headless
// IsomerCMS editor of the oracle, and checks the targets of the CMS
// round trip:
//
//   - at least 99% of the pages either come back byte for byte with no
//     cms-resave entry, or come back changed and carry one;
//   - at most 1% carry a cms-resave entry though they come back
//     unchanged;
//   - at least 85% come back byte for byte;
//   - the CMS drops markup (an element, or an attribute of one) on none.
//
// It runs only when TIPTAPMD_CMS_ORACLE is set, and then fails, never
// skips, when the oracle cannot run.
func TestCMSOracle(t *testing.T) {
	dir := os.Getenv(cmsOracleEnv)
	if dir == "" {
		t.Skipf("%s is not set: the CMS re-save oracle runs in .ci/run", cmsOracleEnv)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@tiptap", "core")); err != nil {
		t.Fatalf("%s=%s: no installed oracle there (run npm ci in a copy of ../shared/oracles/cms): %v", cmsOracleEnv, dir, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("%s is set but node is not installed: %v", cmsOracleEnv, err)
	}

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
	}
	results := make([]result, len(pages))
	var jobs []oracleJob
	for i, p := range pages {
		res := result{path: p.Path, variant: p.Variant()}
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
				if e.Severity != convert.SeverityReview {
					t.Errorf("%s: %s entry of severity %s; want review", p.Path, e.Code, e.Severity)
				}
				res.flagged, res.message = true, e.String()
			}
		}
		results[i] = res
		jobs = append(jobs, oracleJob{ID: fmt.Sprint(i), File: string(out)})
	}
	saved := runOracle(t, node, dir, jobs)

	var n, identical, correct, falseFlag, missed, dropped, errs int
	for i, res := range results {
		n++
		if res.err != nil {
			errs++
			t.Errorf("%s: convert: %v", res.path, res.err)
			continue
		}
		s, ok := saved[fmt.Sprint(i)]
		if !ok {
			errs++
			t.Errorf("%s: the oracle returned nothing", res.path)
			continue
		}
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
	if pct(correct) < 99 {
		t.Errorf("identical or correctly flagged: %.1f%%; want at least 99%%", pct(correct))
	}
	if pct(falseFlag) > 1 {
		t.Errorf("flagged but identical: %.1f%%; want at most 1%%", pct(falseFlag))
	}
	if pct(identical) < 85 {
		t.Errorf("byte-identical: %.1f%%; want at least 85%%", pct(identical))
	}
}

// oraclePages returns the pages the oracle test converts: every tiptap
// page of the corpus and every 4th other page with front matter, in path
// order (every Nth with TIPTAPMD_CMS_ORACLE_MD_EVERY=N, N from 1 to 4).
func oraclePages(t *testing.T) []corpus.Page {
	every := 4
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

// oracleJob is one line of the oracle's batch input: a whole page, which
// the oracle reads as the CMS's backend does.
type oracleJob struct {
	ID   string `json:"id"`
	File string `json:"file"`
}

// runOracle re-saves every body in the oracle's headless editor (node
// bin/resave.mjs --jsonl, two processes) and returns the saved bodies by
// id.
func runOracle(t *testing.T, node, dir string, jobs []oracleJob) map[string]string {
	const workers = 2
	var mu sync.Mutex
	saved := make(map[string]string, len(jobs))
	var wg sync.WaitGroup
	for w := range workers {
		var in bytes.Buffer
		enc := json.NewEncoder(&in)
		for i := w; i < len(jobs); i += workers {
			if err := enc.Encode(jobs[i]); err != nil {
				t.Fatal(err)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(node, filepath.Join("bin", "resave.mjs"), "--jsonl")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "CMS_PROFILE=observed")
			cmd.Stdin = &in
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Error(err)
				return
			}
			if err := cmd.Start(); err != nil {
				t.Errorf("starting the oracle: %v", err)
				return
			}
			dec := json.NewDecoder(bufio.NewReader(stdout))
			for {
				var r struct {
					ID    string  `json:"id"`
					Saved *string `json:"saved"`
					Error string  `json:"error"`
				}
				if err := dec.Decode(&r); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("reading the oracle's output: %v", err)
					break
				}
				if r.Saved == nil {
					t.Errorf("oracle error on page %s: %s", r.ID, r.Error)
					continue
				}
				mu.Lock()
				saved[r.ID] = *r.Saved
				mu.Unlock()
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("the oracle failed: %v\n%s", err, stderr.Bytes())
			}
		}()
	}
	wg.Wait()
	return saved
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
