package kramdown

import (
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
