package kramdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvert(t *testing.T) {
	res := Convert(t, []string{"# Hi\n\nSome *text* | here.\n", "[x](/a){:target=\"_blank\"}\n", ""})
	require.Len(t, res, 3)
	// kramdown reads any line with a | as a table row.
	assert.Equal(t, "<h1 id=\"hi\">Hi</h1>\n\n<table>\n  <tbody>\n    <tr>\n      <td>Some <em>text</em></td>\n      <td>here.</td>\n    </tr>\n  </tbody>\n</table>\n", res[0].HTML)
	assert.True(t, strings.Contains(res[1].HTML, `<a href="/a" target="_blank">x</a>`), res[1].HTML)
	assert.Equal(t, "\n", res[2].HTML)
	assert.Empty(t, res[0].Error)
}

func TestAnswers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kramdown")
	_, ok, err := readAnswer(dir, "# x\n")
	require.NoError(t, err)
	assert.False(t, ok, "nothing is recorded in a missing directory")

	require.NoError(t, writeAnswer(dir, "# x\n", Result{HTML: "<h1 id=\"x\">x</h1>\n"}))
	r, ok, err := readAnswer(dir, "# x\n")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, Result{HTML: "<h1 id=\"x\">x</h1>\n"}, r)
	assert.FileExists(t, filepath.Join(dir, key("# x\n")+".html"), "the answer is readable HTML named by the text's hash")

	// An answer recorded again replaces the old one, an error its HTML.
	require.NoError(t, writeAnswer(dir, "# x\n", Result{Error: "boom"}))
	r, ok, err = readAnswer(dir, "# x\n")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, Result{Error: "boom"}, r)
	assert.NoFileExists(t, filepath.Join(dir, key("# x\n")+".html"))

	_, ok, err = readAnswer(dir, "# y\n")
	require.NoError(t, err)
	assert.False(t, ok, "another text has no answer")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")
}

func TestMode(t *testing.T) {
	t.Setenv(Env, "")
	assert.Equal(t, "", mode(t))
	Require(t) // the recorded answers need no ruby
	t.Setenv(Env, "live")
	assert.Equal(t, "live", mode(t))
}
