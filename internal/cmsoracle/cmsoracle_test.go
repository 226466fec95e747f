package cmsoracle

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// TestBackendBody checks the body the CMS's backend reads from a file:
// the text after the second "---", whatever the lines around it.
func TestBackendBody(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"page", "---\ntitle: A\n---\n<p>x</p>", "\n<p>x</p>"},
		{"empty body", "---\ntitle: A\n---\n", "\n"},
		{"rule in the body", "---\ntitle: A\n---\n<p>a --- b</p>", "\n<p>a --- b</p>"},
		{"dashes in the front matter", "---\ntitle: a --- b\n---\n<p>x</p>", " b\n---\n<p>x</p>"},
		{"byte order mark", "\ufeff---\ntitle: A\n---\n<p>x</p>", "\n<p>x</p>"},
		{"no front matter", "<p>x</p>", ""},
		{"one marker", "---\n<p>x</p>", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, BackendBody(tc.file))
		})
	}
}

// TestKey checks that a recording is named by the SHA-256 of the body
// the backend reads, so that pages differing only in their front matter
// share it.
func TestKey(t *testing.T) {
	h := sha256.Sum256([]byte("\n<p>x</p>"))
	assert.Equal(t, hex.EncodeToString(h[:]), Key("---\ntitle: A\n---\n<p>x</p>"))
	assert.Equal(t, Key("---\ntitle: A\n---\n<p>x</p>"), Key("---\ntitle: B\nvariant: tiptap\n---\n<p>x</p>"))
	assert.NotEqual(t, Key("---\ntitle: A\n---\n<p>x</p>"), Key("---\ntitle: A\n---\n<p>y</p>"))
}

// TestAnswers writes and reads recordings, including an empty answer,
// which is an answer and not a missing one.
func TestAnswers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cms")
	_, ok, err := readAnswer(dir, "k")
	require.NoError(t, err)
	assert.False(t, ok, "nothing recorded yet")
	for _, saved := range []string{"<p>x</p>", "", "<p>y</p>"} {
		require.NoError(t, writeAnswer(dir, "k", saved))
		got, ok, err := readAnswer(dir, "k")
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, saved, got)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

// TestEnv checks that the live oracle is asked for by the variable the
// opt-in suites name.
func TestEnv(t *testing.T) {
	assert.Equal(t, corpus.EnvCMS, Env)
}

// TestMode checks the environment variables: a bad value or recording
// without the oracle fails, never silently falls back.
func TestMode(t *testing.T) {
	for _, tc := range []struct {
		dir, rec, want string
		fails          bool
	}{
		{"", "", "", false},
		{"", "0", "", false},
		{"/x", "", "live", false},
		{"/x", "1", "record", false},
		{"", "1", "", true},
		{"/x", "yes", "", true},
	} {
		t.Setenv(Env, tc.dir)
		t.Setenv(EnvRecord, tc.rec)
		ft := &fatalTB{TB: t}
		got := func() (m string) {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(fatal); !ok {
						panic(r)
					}
				}
			}()
			return mode(ft)
		}()
		assert.Equal(t, tc.fails, ft.failed, "%s=%q %s=%q: %s", Env, tc.dir, EnvRecord, tc.rec, ft.msg)
		if !tc.fails {
			assert.Equal(t, tc.want, got)
		}
	}
}

// TestResave re-saves a few pages whose CMS save is known from the
// oracle's README and the corpus: an empty body becomes <p></p>, a
// paragraph the editor keeps is kept byte for byte, and pages differing
// only in their front matter get the same answer. It runs on the
// recorded answers by default and on the oracle with
// TIPTAPMD_CMS_ORACLE set.
func TestResave(t *testing.T) {
	Require(t)
	files := []string{
		"---\ntitle: Empty\nvariant: tiptap\n---\n",
		"---\ntitle: Kept\nvariant: tiptap\n---\n<p>Hello, <strong>world</strong>.</p>",
		"---\ntitle: Kept again\nvariant: tiptap\n---\n<p>Hello, <strong>world</strong>.</p>",
		"---\ntitle: Heading\nvariant: tiptap\n---\n<h2>Contact</h2>\n<p>Write to us.</p>",
	}
	res := Resave(t, files)
	require.Len(t, res, len(files))
	for i, r := range res {
		assert.Empty(t, r.Error, "page %d", i)
	}
	assert.Equal(t, "<p></p>", res[0].Saved)
	assert.Equal(t, "<p>Hello, <strong>world</strong>.</p>", res[1].Saved)
	assert.Equal(t, res[1], res[2])
	assert.Equal(t, "<h2>Contact</h2>\n<p>Write to us.</p>", res[3].Saved)
}

// fatal is the panic with which fatalTB stops a function at its
// Fatalf, as testing's FailNow stops the goroutine.
type fatal struct{}

// fatalTB records a call to Fatalf instead of failing the test.
type fatalTB struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.failed = true
	f.msg = format
	panic(fatal{})
}
