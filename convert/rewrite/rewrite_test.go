package rewrite

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/markdown"
)

func TestRewriteParseURL(t *testing.T) {
	for _, tc := range []struct {
		in               string
		class            urlClass
		head, path, tail string
	}{
		{"", classEmpty, "", "", ""},
		{"#top", classFragment, "", "", "#top"},
		{"?a=1#b", classQuery, "", "", "?a=1#b"},
		{"/a b/c.png?x#y", classRoot, "", "/a b/c.png", "?x#y"},
		{"images/a.png", classRelative, "", "images/a.png", ""},
		{"../a#f", classRelative, "", "../a", "#f"},
		{"https://Host.sg", classAbsolute, "https://Host.sg", "", ""},
		{"HTTP://h.sg/p?q", classAbsolute, "HTTP://h.sg", "/p", "?q"},
		{"https://h.sg?q", classAbsolute, "https://h.sg", "", "?q"},
		{"//cdn.sg/x", classNetwork, "//cdn.sg", "/x", ""},
		{"mailto:a@b.sg?subject=x", classOpaque, "mailto:", "a@b.sg", "?subject=x"},
		{"tel:+6561234567", classOpaque, "tel:", "+6561234567", ""},
		{"{{ site.baseurl }}/a?b", classLiquid, "", "{{ site.baseurl }}/a", "?b"},
		{"/a/{{ x | append: '?' }}/b#c", classRoot, "", "/a/{{ x | append: '?' }}/b", "#c"},
		{"1:2", classRelative, "", "1:2", ""},
	} {
		u := parse(tc.in)
		if u.class != tc.class || u.head != tc.head || u.path != tc.path || u.tail != tc.tail {
			t.Errorf("parse(%q) = %+v, want {%v %q %q %q}", tc.in, u, tc.class, tc.head, tc.path, tc.tail)
		}
		if u.String() != tc.in {
			t.Errorf("parse(%q).String() = %q", tc.in, u.String())
		}
	}
}

func TestRewriteDecode(t *testing.T) {
	for in, want := range map[string]string{
		"/a%20b":              "/a b",
		"/caf%C3%A9":          "/café",
		"/100%":               "/100%",
		"/x%zz%2":             "/x%zz%2",
		"{{ '%20' }}/a%2Fb":   "{{ '%20' }}/a/b",
		"%e2%80%99":           "’",
		"/already decoded é ": "/already decoded é ",
	} {
		if got := decode(in); got != want {
			t.Errorf("decode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewriteRawIndex(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		n    int
		want int
	}{
		{"/images/a", 8, 8},
		{"/images%2Fa", 8, 10},
		{"/a%20b/c", 5, 7},
		{"/a%20b/c", 3, 5},
		{"/caf%C3%A9/x", 4, 4},
		{"/caf%C3%A9/x", 6, 10},
		{"/caf%C3%A9/x", 5, 7}, // between the two escaped bytes of é
		{"/x", 5, -1},
		{"{{a}}/b", 6, 6},
	} {
		if got := rawIndex(tc.raw, tc.n); got != tc.want {
			t.Errorf("rawIndex(%q, %d) = %d, want %d", tc.raw, tc.n, got, tc.want)
		}
	}
}

func TestRewriteEncodePath(t *testing.T) {
	for _, tc := range []struct {
		in                   string
		raw, spaces, percent string
	}{
		{"/a b/é.png", "/a b/é.png", "/a%20b/é.png", "/a%20b/%C3%A9.png"},
		{"/a%20b/%C3%A9.png", "/a b/é.png", "/a%20b/é.png", "/a%20b/%C3%A9.png"},
		{"/a%2Fb%3F%23%25", "/a%2Fb%3F%23%25", "/a%2Fb%3F%23%25", "/a%2Fb%3F%23%25"},
		{"/ctl%0A%7F", "/ctl%0A%7F", "/ctl%0A%7F", "/ctl%0A%7F"},
		{"/bad%FF%C3", "/bad%FF%C3", "/bad%FF%C3", "/bad%FF%C3"},
		{"/q%22%3C%7B%7D%5B%5D", "/q%22%3C%7B%7D%5B%5D", "/q%22%3C%7B%7D%5B%5D", "/q%22%3C%7B%7D%5B%5D"},
		{"/100%.pdf", "/100%.pdf", "/100%.pdf", "/100%25.pdf"},
		{"/a[b]{c}|d", "/a[b]{c}|d", "/a[b]{c}|d", "/a%5Bb%5D%7Bc%7D%7Cd"},
		{"/{{ x y }}/a b", "/{{ x y }}/a b", "/{{ x y }}/a%20b", "/{{ x y }}/a%20b"},
		{"/%41%e2%80%99", "/A’", "/A’", "/A%E2%80%99"},
		{"/inv\xffalid", "/inv%FFalid", "/inv%FFalid", "/inv%FFalid"},
		{"/keep();,=!~*'", "/keep();,=!~*'", "/keep();,=!~*'", "/keep();,=!~*'"},
	} {
		for style, want := range map[EncodeStyle]string{EncodeRaw: tc.raw, EncodeSpaces: tc.spaces, EncodePercent: tc.percent} {
			if got := encodePath(tc.in, style); got != want {
				t.Errorf("encodePath(%q, %v) = %q, want %q", tc.in, style, got, want)
			}
			// Every style is a fixed point and keeps the decoded path.
			again := encodePath(want, style)
			if again != want {
				t.Errorf("encodePath(%q, %v) is not a fixed point: %q", want, style, again)
			}
		}
		if d := decode(encodePath(tc.in, EncodePercent)); d != decode(encodePath(tc.in, EncodeRaw)) && !strings.Contains(tc.in, "100%") {
			t.Errorf("%q: styles decode to different paths", tc.in)
		}
	}
}

func TestRewriteLowerPath(t *testing.T) {
	for in, want := range map[string]string{
		"/A/B.PNG":              "/a/b.png",
		"/%C3%89t%C3%A9.PDF":    "/%C3%A9t%C3%A9.pdf",
		"/%2F%2f":               "/%2F%2f",
		"/{{ Site.X }}/Y":       "/{{ Site.X }}/y",
		"/ÀÉ/%41":               "/àé/%61",
		"/\xff/A":               "/\xff/a",
		"/already/lower-case/x": "/already/lower-case/x",
	} {
		if got := lowerPath(in); got != want {
			t.Errorf("lowerPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewriteRemoveDots(t *testing.T) {
	for in, want := range map[string]string{
		"/a/b/../c":     "/a/c",
		"/a/./b/":       "/a/b/",
		"/a/b/..":       "/a/",
		"/a/b/.":        "/a/b/",
		"/../../x":      "/x",
		"/a//b/../c":    "/a//c",
		"/a/b":          "/a/b",
		"/a.b/c..d/.e/": "/a.b/c..d/.e/",
	} {
		if got := removeDots(in); got != want {
			t.Errorf("removeDots(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewriteLooksLikeHost(t *testing.T) {
	for in, want := range map[string]bool{
		"www.bitsxbites.com":               true,
		"wfhresearch.com/wp-content/x.pdf": true,
		"go.gov.sg/abc":                    true,
		"annex.pdf":                        false,
		"images/a.png":                     false,
		"../x.html":                        false,
		"ethos.html":                       false,
		"www.":                             false,
		"LINK":                             false,
	} {
		if got := looksLikeHost(in); got != want {
			t.Errorf("looksLikeHost(%q) = %v", in, got)
		}
	}
}

// TestRewriteDecodeAttr checks decodeAttr against the tokenizer of
// golang.org/x/net/html on whole tags.
func TestRewriteDecodeAttr(t *testing.T) {
	for _, raw := range []string{
		"/a?b=1&amp;c=2", "/a?b=1&c=2", "&copy=1", "&copy 2024", "&ampx", "&amp", "&#38;&#x26;&#9999999;",
		"&notin;&notit;", "a&quot;b", "line\r\nbreak\rx", "nul\x00", "&NotEqualTilde;", "&", "&#", "&#x;",
	} {
		z := html.NewTokenizer(strings.NewReader(`<a href="` + raw + `">`))
		z.Next()
		_, want, _ := z.TagAttr()
		if got := decodeAttr(raw); got != string(want) {
			t.Errorf("decodeAttr(%q) = %q, want %q", raw, got, want)
		}
	}
	if got := decodeAttr(`{{ "a&amp;b" }}&amp;`); got != `{{ "a&amp;b" }}&` {
		t.Errorf("Liquid is decoded: %q", got)
	}
}

func TestRewriteEscapeAttr(t *testing.T) {
	for _, tc := range []struct {
		u     string
		quote byte
		amp   bool
		want  string
		q     byte
	}{
		{"/a?b&c", '"', false, "/a?b&c", '"'},
		{"/a?b&c", '"', true, "/a?b&amp;c", '"'},
		{"/a?b&amp=1", '"', false, "/a?b&amp=1", '"'},
		{"/a?b&amp;", '"', false, "/a?b&amp;amp;", '"'},
		{`/"q"'s`, '"', false, `/&quot;q&quot;'s`, '"'},
		{`/"q"'s`, '\'', false, `/"q"&#39;s`, '\''},
		{"/plain", 0, false, "/plain", 0},
		{"/a b", 0, false, "/a b", '"'},
		{"", 0, false, "", '"'},
		{`{{ "x" }}"`, '"', false, `{{ "x" }}&quot;`, '"'},
	} {
		got, q := escapeAttr(tc.u, tc.quote, tc.amp)
		if got != tc.want || q != tc.q {
			t.Errorf("escapeAttr(%q, %q, %v) = %q, %q; want %q, %q", tc.u, tc.quote, tc.amp, got, q, tc.want, tc.q)
		}
	}
}

func TestRewriteMdDest(t *testing.T) {
	for _, tc := range []struct {
		u           string
		spaces, def bool
		want        string
	}{
		{"/a b", false, false, "/a%20b"},
		{"/a b", true, false, "/a b"},
		{" /a b ", true, false, "%20/a b%20"},
		{`/a "t"`, true, false, `/a%20"t"`},
		{"/a(b)c", false, false, "/a(b)c"},
		{"/a(b", false, false, "/a%28b"},
		{"/a)b(", false, false, "/a%29b%28"},
		{"<x>", false, false, "%3Cx>"},
		{"/l\nb\t", true, false, "/l%0Ab%09"},
		{"/a b", true, true, "/a%20b"},
		{"/{{ a ( }}/b", false, false, "/{{ a ( }}/b"},
	} {
		if got := mdDest(tc.u, tc.spaces, tc.def); got != tc.want {
			t.Errorf("mdDest(%q, %v, %v) = %q, want %q", tc.u, tc.spaces, tc.def, got, tc.want)
		}
	}
}

func TestRefKindString(t *testing.T) {
	want := []string{"link", "image", "iframe", "srcset", "card-link", "front-matter", "resource"}
	for i, w := range want {
		if got := Kind(i + 1).String(); got != w {
			t.Errorf("RefKind(%d).String() = %q, want %q", i+1, got, w)
		}
	}
	if got := Kind(0).String(); got != "Kind(0)" { // the type is rewrite.Kind (RefKind before the split)
		t.Errorf("Kind(0).String() = %q", got)
	}
	if got := EncodeStyle(7).String(); got != "EncodeStyle(7)" {
		t.Errorf("EncodeStyle(7).String() = %q", got)
	}
}

func TestRewriteErrorWraps(t *testing.T) {
	cause := errors.New("no")
	fn := func(r Ref) (string, error) {
		if r.URL == "/b" {
			return "", cause
		}
		return r.URL, nil
	}
	_, _, err := HTML([]byte("<a href=\"/a\">\n  <img\n src='/b'>"), PageInfo{Path: "p.html"}, fn)
	var re *Error
	if !errors.As(err, &re) || !errors.Is(err, cause) {
		t.Fatalf("err = %v, want a *RewriteError wrapping the cause", err)
	}
	if re.Ref.Pos != (tiptapmd.Pos{Line: 3, Column: 7}) || re.Ref.Kind != KindImage || re.Ref.Field != "src" {
		t.Errorf("Ref = %+v", re.Ref)
	}
	if want := `convert: p.html:3:7: rewriting image src "/b": no`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	e := &Error{Ref: Ref{Kind: KindLink, URL: "x"}, Err: ErrUnwritable}
	if want := `convert: rewriting link "x": the URL cannot be written in place`; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestRewriteChain(t *testing.T) {
	var seen []string
	rec := func(tag string) Func {
		return func(r Ref) (string, error) {
			seen = append(seen, tag+":"+r.URL)
			return r.URL + tag, nil
		}
	}
	got, err := Chain(rec("a"), nil, rec("b"))(Ref{URL: "/x"})
	if err != nil || got != "/xab" {
		t.Fatalf("Chain = %q, %v", got, err)
	}
	if fmt.Sprint(seen) != "[a:/x b:/xa]" {
		t.Errorf("each func sees the previous result: %v", seen)
	}
	if got, _ := Chain()(Ref{URL: "/k"}); got != "/k" {
		t.Errorf("empty Chain changed the URL: %q", got)
	}
	stop := errors.New("stop")
	_, err = Chain(func(Ref) (string, error) { return "", stop }, rec("never"))(Ref{URL: "/x"})
	if !errors.Is(err, stop) || strings.Contains(fmt.Sprint(seen), "never") {
		t.Errorf("Chain does not stop at the first error: %v %v", err, seen)
	}
}

func TestRewriteNilFuncFindsRefs(t *testing.T) {
	src := []byte("[a](/a) <img src=\"/b\">")
	out, refs, err := Markdown(src, PageInfo{}, nil)
	if err != nil || string(out) != string(src) || len(refs) != 2 {
		t.Fatalf("RewriteMarkdown(nil) = %q, %v, %v", out, refs, err)
	}
	out[0] = 'X'
	if src[0] != '[' {
		t.Error("the output shares memory with the input")
	}
}

func TestRewriteMarkdownInvalidUTF8(t *testing.T) {
	src := []byte("ok\n[a](/a\xff)")
	_, _, err := Markdown(src, PageInfo{}, nil)
	var pe *markdown.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, markdown.ErrInvalidUTF8) || pe.Pos != (tiptapmd.Pos{Line: 2, Column: 7}) {
		t.Fatalf("err = %v, want a ParseError at 2:7", err)
	}
	page := []byte("---\ntitle: x\n---\nok\n[a](/a\xff)")
	_, _, err = Page(page, PageInfo{}, nil, nil)
	if !errors.As(err, &pe) || pe.Pos != (tiptapmd.Pos{Line: 5, Column: 7}) {
		t.Fatalf("RewritePage err = %v, want a ParseError at 5:7 of the page file", err)
	}
}

func TestRewriteUnwritable(t *testing.T) {
	// An empty srcset candidate would remove the candidate.
	_, _, err := HTML([]byte(`<img srcset="/a 1x">`), PageInfo{}, func(Ref) (string, error) { return "", nil })
	if !errors.Is(err, ErrUnwritable) {
		t.Errorf("empty srcset candidate: err = %v", err)
	}
}

func TestRewriteEncodeUnknownStyle(t *testing.T) {
	if _, err := Encode(EncodeStyle(9))(Ref{URL: "/a"}); err == nil {
		t.Error("Encode with an unknown style does not fail")
	}
}

func TestRewriteFrontMatterKeepsFormatting(t *testing.T) {
	src := "---\ntitle: x\nimage:   /images/a.png   # c\t\nfile_url: \"/files/a b.pdf\"\nexternal: 'https://x.sg/it''s'\nthumbnail_image: |\n  /images/block.png\n---\nbody\n"
	p, err := frontmatter.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := FrontMatter(p, PageInfo{}, nil, func(r Ref) (string, error) { return strings.Replace(r.URL, "/", "/new/", 1), nil })
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: x\nimage:   /new/images/a.png   # c\t\nfile_url: \"/new/files/a b.pdf\"\nexternal: 'https:/new//x.sg/it''s'\nthumbnail_image: |\n  /new/images/block.png\n---\nbody\n"
	if got := string(p.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(refs) != 4 {
		t.Errorf("%d refs, want 4", len(refs))
	}
}
