package review

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/xss"
	"github.com/tiptapmd/tiptapmd/markdown"
)

func TestSanitize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p class="x" style="color: red" onclick="alert(1)">Hi <b>there</b></p>`, `<p class="x" style="color: red">Hi <b>there</b></p>`},
		{`<a href="/about/" title="About">about</a>`, `<a title="→ /about/ About">about</a>`},
		{`<a href="javascript:alert(1)">x</a>`, `<a title="→ javascript:alert(1)">x</a>`},
		{`<img src="/images/a.png" alt="A map" width="300" height="200">`, `<span class="rv-img" style="width:300px;height:200px;" title="/images/a.png">image: A map (300×200)</span>`},
		{`<img src="/images/a.png" style="width: 50%">`, `<span class="rv-img" style="width:50%;" title="/images/a.png">image</span>`},
		{`<iframe src="https://www.youtube.com/embed/x" onload="alert(1)"></iframe>`, `<span class="rv-box" title="https://www.youtube.com/embed/x">iframe: https://www.youtube.com/embed/x</span>`},
		{`<script>alert(1)</script><style>p{}</style>`, `<span class="rv-box">script</span><span class="rv-box">style</span>`},
		{`<base href="https://evil.example/"><meta http-equiv="refresh" content="0"><link rel="import" href="x">t`, `t`},
		{`<div style="background: url(javascript:alert(1))">x</div>`, `<div>x</div>`},
		{`<custom-el data-x="1"><em>kept</em></custom-el>`, `<em>kept</em>`},
		{`<form action="/x"><label>Name</label><input name="n"></form>`, `<label>Name</label><span class="rv-box">input</span>`},
		{`<svg onload="alert(1)"><a href="javascript:x"><text>t</text></a></svg>`, `<span class="rv-box">svg</span>`},
		{`<!-- <img src=x onerror=alert(1)> -->text`, `text`},
		{`<table><tr><td colspan="2" onclick="x">c</td></tr></table>`, `<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>`},
		{`<p>{{ site.title }} &lt;script&gt;</p>`, `<p>{{ site.title }} &lt;script&gt;</p>`},
	} {
		assert.Equal(t, c.want, sanitizeHTML([]byte(c.in)), c.in)
	}
}

// TestSanitizeVectors: no vector of internal/xss survives, whether the
// body is read as HTML or as Markdown rendered as kramdown shows it.
func TestSanitizeVectors(t *testing.T) {
	for _, v := range xss.All() {
		out := sanitizeHTML([]byte(v.Body))
		assert.Empty(t, xss.Features(out), "%s: %s", v.Name, out)
		md, err := markdown.HTML([]byte(v.Body), markdown.Options{})
		require.NoError(t, err, v.Name)
		out = sanitizeHTML(md)
		assert.Empty(t, xss.Features(out), "%s as Markdown: %s", v.Name, out)
	}
}

func TestLength(t *testing.T) {
	for in, want := range map[string]string{"300": "300px", "300px": "300px", " 50% ": "50%", "auto": "", "0": "", "99999": "", "1e3": "1000px", "-5": ""} {
		assert.Equal(t, want, length(in), in)
	}
}
