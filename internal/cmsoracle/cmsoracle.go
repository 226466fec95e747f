// Package cmsoracle gives tests the answers of the IsomerCMS re-save
// oracle (../shared/oracles/cms): the body the CMS writes when a page is
// opened in its Tiptap editor and saved. It is internal: only tests of
// the tiptapmd packages use it.
//
// By default the answers are read from recordings checked in at the
// root of the repository, testdata/cms/<SHA-256>.html, so that the tests
// that need them run without Node. A recording is named by the SHA-256
// of the body the CMS's backend reads from the page: the text after the
// second "---" of the file (its retrieveDataFromMarkdown splits the file
// on "---"), which for a page tiptapmd writes is a newline and then the
// body. The oracle's answer depends on nothing else.
//
// TIPTAPMD_CMS_ORACLE=DIR, the folder of an installed copy of the oracle
// (a copy of ../shared/oracles/cms after npm ci there), runs the oracle
// instead:
//
//   - alone, every page is re-saved by the oracle, and an answer that
//     differs from its recording fails the test (the recording is stale:
//     the oracle changed);
//   - with TIPTAPMD_CMS_RECORD=1, every page is re-saved by the oracle
//     and its answer is recorded:
//     "TIPTAPMD_CMS_ORACLE=DIR TIPTAPMD_CMS_RECORD=1 go test ./convert ./internal/cmsoracle"
//     records every answer the tests need (delete testdata/cms first to
//     drop the ones no test asks for any more). Recording runs on the
//     in-repository sample of the corpus only.
//
// The oracle needs node; this package installs nothing itself. A test
// that asks for the live oracle fails when it cannot run: it never skips.
package cmsoracle

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The environment variables that select the live oracle (see the
// package documentation).
const (
	// Env is the folder of an installed copy of the oracle; set, the
	// oracle runs live. It is internal/corpus's EnvCMS, which lists it
	// among the opt-in suites.
	Env = "TIPTAPMD_CMS_ORACLE"
	// EnvRecord, set to 1 with Env, records the live answers.
	EnvRecord = "TIPTAPMD_CMS_RECORD"
)

// Profile is the oracle's CMS profile the tests use: "observed", the
// deployed CMS, which writes referrerpolicy on every iframe it saves.
const Profile = "observed"

// A Result is the oracle's answer for one page: the body the CMS saves,
// or, with the live oracle only, the error it reported for the page.
type Result struct {
	Saved string
	Error string
}

// mode returns "" (recorded answers), "live" or "record", checked.
func mode(t testing.TB) string {
	t.Helper()
	dir, rec := os.Getenv(Env), os.Getenv(EnvRecord)
	switch rec {
	case "", "0", "1":
	default:
		t.Fatalf("%s=%s: the value is 1 (or unset)", EnvRecord, rec)
	}
	switch {
	case dir == "" && rec == "1":
		t.Fatalf("%s=1 records the answers of the live oracle: set %s to the folder of an installed copy of ../shared/oracles/cms", EnvRecord, Env)
	case dir == "":
		return ""
	case rec == "1":
		return "record"
	}
	return "live"
}

// Live reports whether the oracle runs live (TIPTAPMD_CMS_ORACLE is
// set) rather than answering from its recordings.
func Live() bool {
	return os.Getenv(Env) != ""
}

// Require fails t when the oracle is to run live and cannot: the folder
// TIPTAPMD_CMS_ORACLE names holds no installed oracle, or node is
// missing. It returns node's path, or "" with the recorded answers (the
// default), which need nothing.
func Require(t testing.TB) string {
	t.Helper()
	if mode(t) == "" {
		return ""
	}
	dir := os.Getenv(Env)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@tiptap", "core")); err != nil {
		t.Fatalf("%s=%s: no installed oracle there (run npm ci in a copy of ../shared/oracles/cms): %v", Env, dir, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("%s is set but node is not installed: %v; leave %s unset to use the recorded answers", Env, err, Env)
	}
	return node
}

// Resave returns the oracle's answer for every page (a whole file,
// front matter and body, as the CMS's backend reads it), in the same
// order: the recorded answers by default, or those of the live oracle,
// run once for all the pages, with TIPTAPMD_CMS_ORACLE set (see the
// package documentation). It fails t when an answer is not recorded,
// saying how to record it, and when a live answer differs from its
// recording.
func Resave(t testing.TB, files []string) []Result {
	t.Helper()
	m := mode(t)
	dir := Recordings()
	if m == "" {
		res := make([]Result, len(files))
		missing := 0
		for i, f := range files {
			saved, ok, err := readAnswer(dir, Key(f))
			if err != nil {
				t.Fatalf("reading the CMS oracle's recorded answer: %v", err)
			}
			if !ok {
				missing++
			}
			res[i] = Result{Saved: saved}
		}
		if missing > 0 {
			t.Fatalf("the CMS oracle's answers to %d of the %d pages of %s are not recorded in %s: "+
				"record them with %s=DIR %s=1 go test %s -run '^%s$' "+
				"(DIR: a copy of ../shared/oracles/cms after npm ci there; needs node)",
				missing, len(files), t.Name(), dir, Env, EnvRecord, callerPackage(),
				regexp.QuoteMeta(strings.SplitN(t.Name(), "/", 2)[0]))
		}
		return res
	}
	node := Require(t)
	if m == "record" && os.Getenv("TIPTAPMD_CORPUS") != "" {
		t.Fatalf("%s=1 records answers for the in-repository sample: unset TIPTAPMD_CORPUS", EnvRecord)
	}
	res := run(t, node, os.Getenv(Env), files)
	switch m {
	case "live":
		stale := 0
		for i, f := range files {
			if res[i].Error != "" {
				continue
			}
			saved, ok, err := readAnswer(dir, Key(f))
			if err != nil {
				t.Fatalf("reading the CMS oracle's recorded answer: %v", err)
			}
			if ok && saved != res[i].Saved {
				if stale == 0 {
					t.Errorf("the CMS oracle's answer to page %d differs from its recording %s:\nrecorded: %q\noracle:   %q",
						i, filepath.Join(dir, Key(f)+".html"), saved, res[i].Saved)
				}
				stale++
			}
		}
		if stale > 0 {
			t.Errorf("%d recorded answers of the CMS oracle are stale: record them again with %s=DIR %s=1", stale, Env, EnvRecord)
		}
	case "record":
		for i, f := range files {
			if res[i].Error != "" {
				continue // not an answer: run reported it
			}
			if err := writeAnswer(dir, Key(f), res[i].Saved); err != nil {
				t.Fatalf("recording the CMS oracle's answer: %v", err)
			}
		}
	}
	return res
}

// Recordings returns the directory of the oracle's recorded answers,
// testdata/cms at the root of the repository.
func Recordings() string {
	return filepath.Join(root(), "testdata", "cms")
}

// root returns the root of the repository.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// callerPackage returns the package of the test that called Resave, as
// go test names it from the repository's root ("./convert"), or
// "./..." when it cannot tell.
func callerPackage() string {
	for skip := 2; skip < 10; skip++ {
		_, file, _, ok := runtime.Caller(skip)
		if !ok {
			break
		}
		if !strings.HasSuffix(file, "_test.go") {
			continue
		}
		rel, err := filepath.Rel(root(), filepath.Dir(file))
		if err != nil || strings.HasPrefix(rel, "..") {
			break
		}
		return "./" + filepath.ToSlash(rel)
	}
	return "./..."
}

// BackendBody returns the body the CMS's backend reads from a page file
// (retrieveDataFromMarkdown): the file split on "---", less the first two
// parts, joined again with "---"; before its sanitiser and trim.
func BackendBody(file string) string {
	parts := strings.Split(file, "---")
	if len(parts) < 3 {
		return ""
	}
	return strings.Join(parts[2:], "---")
}

// Key is the name of the recorded answer for a page file, without its
// extension: the SHA-256, in hex, of [BackendBody].
func Key(file string) string {
	h := sha256.Sum256([]byte(BackendBody(file)))
	return hex.EncodeToString(h[:])
}

// readAnswer reads the recorded answer named key, if there is one.
func readAnswer(dir, key string) (string, bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, key+".html"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return string(data), true, nil
}

// writeAnswer records saved as the answer named key. Answers are named
// by the hash of what decides them, so two pages or two packages
// recording at once write distinct files or the same bytes; each is
// written to a temporary file and renamed.
func writeAnswer(dir, key, saved string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".answer-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(saved); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, key+".html"))
}

// job is one line of the oracle's batch input: a whole page, which the
// oracle reads as the CMS's backend does.
type job struct {
	ID   string `json:"id"`
	File string `json:"file"`
}

// run re-saves every page in the oracle's headless editor (node
// bin/resave.mjs --jsonl, in two processes), once for each distinct
// backend body, and returns the answers in the order of files. A page
// the oracle reports an error for, or returns nothing for, fails t and
// has its Error set.
func run(t testing.TB, node, dir string, files []string) []Result {
	t.Helper()
	const workers = 2
	first := map[string]int{} // key -> index of the first page with it
	var jobs []job
	for i, f := range files {
		k := Key(f)
		if _, ok := first[k]; ok {
			continue
		}
		first[k] = i
		jobs = append(jobs, job{ID: fmt.Sprint(i), File: f})
	}
	var mu sync.Mutex
	answers := make(map[string]Result, len(jobs))
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
			cmd.Env = append(os.Environ(), "CMS_PROFILE="+Profile)
			cmd.Stdin = &in
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Error(err)
				return
			}
			if err := cmd.Start(); err != nil {
				t.Errorf("starting the CMS oracle: %v", err)
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
					t.Errorf("reading the CMS oracle's output: %v", err)
					break
				}
				mu.Lock()
				if r.Saved == nil {
					answers[r.ID] = Result{Error: r.Error}
				} else {
					answers[r.ID] = Result{Saved: *r.Saved}
				}
				mu.Unlock()
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("the CMS oracle failed: %v\n%s", err, stderr.Bytes())
			}
		}()
	}
	wg.Wait()
	res := make([]Result, len(files))
	for i, f := range files {
		id := fmt.Sprint(first[Key(f)])
		r, ok := answers[id]
		if !ok {
			r = Result{Error: "the oracle returned nothing"}
		}
		if r.Error != "" && id == fmt.Sprint(i) {
			t.Errorf("CMS oracle error on page %d: %s", i, r.Error)
		}
		res[i] = r
	}
	return res
}
