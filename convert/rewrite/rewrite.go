package rewrite

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

// The built-in rewriters below each do one thing and compose with
// [Chain]. They share these rules:
//
//   - Paths are compared decoded: "/images/a b.png", "/images/a%20b.png"
//     and a fully percent-encoded form are the same path, as the CMS
//     treats them.
//   - What a rewriter does not change is kept as written: the rest of
//     the path in its own encoding, the query, the fragment, "../".
//   - Liquid is never decoded, encoded or split. A URL that starts with
//     Liquid, such as "{{ site.baseurl }}/images/x.png", only matches
//     maps once [StripBaseURL] has removed it, so put StripBaseURL first.
//   - Fragment-only ("#top") and query-only URLs are left alone, and so
//     are mailto:, tel:, data: and other URLs without "//".

// PrefixMap returns a Func that replaces the start of URLs: each
// key of m is a path prefix ("/images/") or a whole path
// ("/files/old name.pdf"), and its value what replaces it
// ("/media/images/"). Keys are matched against the decoded URL before
// its query and fragment, at a path segment boundary: "/images" matches
// "/images" and "/images/x.png" but not "/images2/x.png"; a key ending in
// "/" matches what starts with it. The longest matching key wins. The
// value is written as given, the rest of the URL as it was.
//
// Keys may also be absolute URL prefixes ("https://old.example.com/"),
// matched as written (use [OwnDomain] to make the site's own URLs
// root-relative first). Relative URLs only match relative keys: resolve
// them first with [RootRelative]. The map is copied; an empty key is
// ignored.
func PrefixMap(m map[string]string) Func {
	type entry struct{ from, to string }
	entries := make([]entry, 0, len(m))
	for k, v := range m {
		if k != "" {
			entries = append(entries, entry{decode(k), v})
		}
	}
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i].from, entries[j].from
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	return func(ref Ref) (string, error) {
		u := parse(ref.URL)
		if u.class == classEmpty || u.class == classFragment || u.class == classQuery || u.class == classOpaque {
			return ref.URL, nil
		}
		loc := u.head + u.path
		dec := decode(loc)
		for _, e := range entries {
			if !prefixMatch(dec, e.from) {
				continue
			}
			if n := rawIndex(loc, len(e.from)); n >= 0 {
				return join(e.to, loc[n:]) + u.tail, nil
			}
		}
		return ref.URL, nil
	}
}

// join puts rest after the new prefix to, with one slash between
// them when to ends in a slash and rest starts with one: a map of
// "https://www.example.gov.sg" to "/" gives "/suppliers/" for
// "https://www.example.gov.sg/suppliers/", never "//suppliers/", which
// a browser reads as a link to a host named suppliers. A URL that was
// only the key becomes to.
func join(to, rest string) string {
	if strings.HasSuffix(to, "/") && strings.HasPrefix(rest, "/") {
		return to + rest[1:]
	}
	return to + rest
}

// prefixMatch reports whether key is a prefix of s that ends at a
// path segment boundary.
func prefixMatch(s, key string) bool {
	if !strings.HasPrefix(s, key) {
		return false
	}
	return len(s) == len(key) || key[len(key)-1] == '/' || s[len(key)] == '/'
}

// PermalinkMap returns a Func that replaces links to pages that
// moved: each key of m is an old page URL path ("/about-us/"), its value
// the new one ("/about/"). Keys match root-relative URLs whose decoded
// path is the same, with or without a trailing slash; the query and
// fragment are kept ("/about-us#team" becomes "/about/#team"). The new
// path is written as given. Keys without a leading "/" get one, as
// Jekyll reads permalinks; of keys that are the same path ("/a" and
// "/a/"), the one that sorts last counts. The map is copied.
func PermalinkMap(m map[string]string) Func {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // of keys that are the same path, the last wins
	index := make(map[string]string, len(m))
	for _, k := range keys {
		p := k
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		index[permalinkKey(p)] = m[k]
	}
	return func(ref Ref) (string, error) {
		u := parse(ref.URL)
		if u.class != classRoot {
			return ref.URL, nil
		}
		if v, ok := index[permalinkKey(u.path)]; ok {
			return v + u.tail, nil
		}
		return ref.URL, nil
	}
}

// permalinkKey returns the decoded path p without its trailing
// slashes ("/" stays "/").
func permalinkKey(p string) string {
	d := decode(p)
	for len(d) > 1 && d[len(d)-1] == '/' {
		d = d[:len(d)-1]
	}
	return d
}

// StripBaseURL returns a Func that removes the Liquid Jekyll
// sites put before root-relative paths: {{ site.baseurl }} and
// {{ site.url }} (any spacing, with or without "-" whitespace control,
// alone or one after the other), and unwraps
// {{ "/path" | relative_url }} and {{ "/path" | absolute_url }}. Isomer
// sites have baseurl "", so "{{site.baseurl}}/files/a.pdf" becomes
// "/files/a.pdf" and "{{site.url}}{{site.baseurl}}/" becomes "/". A URL
// that was only that Liquid becomes "/", the site's home page. Other
// Liquid is left alone.
func StripBaseURL() Func {
	return func(ref Ref) (string, error) {
		s := ref.URL
		if p, ok := unwrapURLFilter(s); ok {
			return p, nil
		}
		i := baseURLEnd(s)
		if i == 0 {
			return s, nil
		}
		rest := s[i:]
		if rest == "" || rest[0] == '?' || rest[0] == '#' {
			rest = "/" + rest
		}
		return rest, nil
	}
}

// baseURLEnd returns the end of the {{ site.baseurl }} and
// {{ site.url }} outputs at the start of s, or 0.
func baseURLEnd(s string) int {
	i := 0
	for {
		end := liquid.End(s, i)
		if end < 0 {
			return i
		}
		if e := liquidExpr(s[i:end]); e != "site.baseurl" && e != "site.url" {
			return i
		}
		i = end
	}
}

// liquidExpr returns the expression inside a Liquid output "{{ x }}"
// (whitespace control and spaces trimmed), or "" for a tag.
func liquidExpr(out string) string {
	if !strings.HasPrefix(out, "{{") {
		return ""
	}
	e := out[2 : len(out)-2]
	e = strings.TrimPrefix(e, "-")
	e = strings.TrimSuffix(e, "-")
	return strings.TrimSpace(e)
}

// unwrapURLFilter turns "{{ "/x" | relative_url }}" (or absolute_url)
// at the start of s into "/x" followed by the rest of s.
func unwrapURLFilter(s string) (string, bool) {
	end := liquid.End(s, 0)
	if end < 0 {
		return "", false
	}
	e := liquidExpr(s[:end])
	if len(e) < 2 || (e[0] != '"' && e[0] != '\'') {
		return "", false
	}
	q := strings.IndexByte(e[1:], e[0])
	if q < 0 {
		return "", false
	}
	p, filter := e[1:1+q], strings.TrimSpace(e[2+q:])
	filter, ok := strings.CutPrefix(filter, "|")
	if !ok {
		return "", false
	}
	if f := strings.TrimSpace(filter); f != "relative_url" && f != "absolute_url" {
		return "", false
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p + s[end:], true
}

// OwnDomain returns a Func that makes the site's own absolute
// URLs root-relative: with OwnDomain("www.example.gov.sg"),
// "https://www.example.gov.sg/about/?a#b" becomes "/about/?a#b" and
// "http://example.gov.sg" becomes "/". Hosts match case-insensitively,
// with or without "www.", over http, https and protocol-relative "//"
// URLs; URLs with a port or user name do not match. A host may be given
// as a URL ("https://example.gov.sg/"); only its host counts.
func OwnDomain(hosts ...string) Func {
	set := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		if i := strings.Index(h, "//"); i >= 0 {
			h = h[i+2:]
		}
		if i := strings.IndexAny(h, "/?#"); i >= 0 {
			h = h[:i]
		}
		if h = hostKey(h); h != "" {
			set[h] = true
		}
	}
	return func(ref Ref) (string, error) {
		u := parse(ref.URL)
		var host string
		switch u.class {
		case classNetwork:
			host = u.head[2:]
		case classAbsolute:
			scheme, rest, _ := strings.Cut(u.head, "://")
			if s := strings.ToLower(scheme); s != "http" && s != "https" {
				return ref.URL, nil
			}
			host = rest
		default:
			return ref.URL, nil
		}
		if strings.ContainsAny(host, "@:") || !set[hostKey(host)] {
			return ref.URL, nil
		}
		p := u.path
		if p == "" {
			p = "/"
		}
		return p + u.tail, nil
	}
}

// hostKey returns host lower-cased, without "www." and a final dot.
func hostKey(h string) string {
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	return strings.TrimPrefix(h, "www.")
}

// RootRelative returns a Func that resolves relative URLs
// ("images/a.png", "../about/") against the page's URL, as a browser
// does, giving root-relative ones ("/pages/images/a.png"). The page's
// URL is Ref.Page.Permalink, or when that is empty the folder of
// Ref.Page.Path; posts and collection documents (in folders starting
// with "_") are served elsewhere, so for them without a permalink it
// fails with [ErrNoPageURL]. Note that a permalink without a trailing
// slash ("/about") resolves "x" to "/x", like a browser.
//
// Root-relative and absolute URLs, fragments, queries, mailto: and the
// like are left alone, and so are relative URLs that start with a host
// name ("www.example.com/x", "go.gov.sg/abc"): their author left out
// "https://", and resolving them would not find what they meant.
func RootRelative() Func {
	return func(ref Ref) (string, error) {
		u := parse(ref.URL)
		if u.class != classRelative || looksLikeHost(u.path) {
			return ref.URL, nil
		}
		base, err := pageBase(ref.Page)
		if err != nil {
			return "", err
		}
		dir := base[:strings.LastIndexByte(base, '/')+1]
		return removeDots(dir+u.path) + u.tail, nil
	}
}

// pageBase returns the URL path of the page.
func pageBase(p PageInfo) (string, error) {
	if p.Permalink != "" {
		u := parse(p.Permalink)
		base := u.path
		if !strings.HasPrefix(base, "/") {
			base = "/" + base
		}
		return base, nil
	}
	file := strings.TrimPrefix(p.Path, "/")
	if file == "" {
		return "", ErrNoPageURL
	}
	dir := path.Dir(file)
	if dir == "." {
		return "/", nil
	}
	for _, seg := range strings.Split(dir, "/") {
		if strings.HasPrefix(seg, "_") {
			return "", ErrNoPageURL
		}
	}
	return "/" + dir + "/", nil
}

// Lowercase returns a Func that lower-cases the path of URLs
// into the site (root-relative, relative, or starting with Liquid),
// escaped characters included ("/Files/%C3%89t%C3%A9.PDF" becomes
// "/files/%C3%A9t%C3%A9.pdf"). The query and fragment keep their case;
// absolute URLs are left alone (make the site's own root-relative first
// with [OwnDomain]).
func Lowercase() Func {
	return func(ref Ref) (string, error) {
		u := parse(ref.URL)
		if !u.internal() {
			return ref.URL, nil
		}
		return u.head + lowerPath(u.path) + u.tail, nil
	}
}

// Encode returns a Func that writes the paths of web URLs (into
// the site, http, https and protocol-relative) in one style: see
// [EncodeRaw], [EncodeSpaces] and [EncodePercent]. The scheme, host,
// query and fragment are left as written, and so is Liquid. Escapes
// that change a path's meaning when decoded (%2F, %3F, %23, %25),
// escaped control characters and escapes of bytes that are not UTF-8
// stay escaped in every style; so do escaped characters that Markdown
// or HTML would need escaped again, such as quotes, brackets and braces.
// An unknown style makes the func fail.
func Encode(style EncodeStyle) Func {
	return func(ref Ref) (string, error) {
		if style < EncodeRaw || style > EncodePercent {
			return "", fmt.Errorf("unknown encode style %d", int(style))
		}
		u := parse(ref.URL)
		if !u.web() {
			return ref.URL, nil
		}
		return u.head + encodePath(u.path, style) + u.tail, nil
	}
}

// KindChange returns why the URL new means another kind of URL than
// old, or "" when it does not. A rewrite may make an absolute URL
// root-relative, a relative one root-relative, a Liquid one plain, or
// move a path to another web host; it may not make a URL
// scheme-relative ("//host/x", which a browser reads as a host) unless
// it named the same host before, give it a scheme other than http or https
// that it did not have (mailto:, javascript:), or leave nothing, a
// fragment or a query alone where a path was.
func KindChange(old, new string) string {
	o, n := parse(strings.TrimSpace(old)), parse(strings.TrimSpace(new))
	scheme := func(u parsedURL) string {
		s, _, _ := strings.Cut(u.head, ":")
		return strings.ToLower(s)
	}
	web := func(s string) bool { return s == "http" || s == "https" }
	switch n.class {
	case o.class:
		if n.class == classAbsolute || n.class == classOpaque {
			if a, b := scheme(o), scheme(n); a != b && !(web(a) && web(b)) {
				return "its scheme changes from " + a + ": to " + b + ":"
			}
		}
		return ""
	case classNetwork:
		host := strings.TrimPrefix(n.head, "//")
		if _, oh, _ := strings.Cut(o.head, "://"); o.class != classAbsolute || !strings.EqualFold(oh, host) {
			return `it would start with "//", which a browser reads as a link to the host ` + strconvQuote(host)
		}
	case classAbsolute:
		if !web(scheme(n)) && !(o.class == classAbsolute && scheme(o) == scheme(n)) {
			return "it would get the scheme " + scheme(n) + ":"
		}
	case classOpaque:
		return "it would get the scheme " + scheme(n) + ":"
	case classEmpty:
		return "it would be empty"
	case classFragment, classQuery:
		if o.class != classEmpty {
			return "it would lose its path"
		}
	}
	return ""
}

func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }

// Resolved returns a Func that gives fn relative URLs resolved
// against the page as [RootRelative] resolves them, so that a map of
// root-relative paths also reaches "images/a.png" and "../images/a.png".
// fn sees each URL as written first; when it keeps a relative one, it
// sees it resolved: when fn changes the resolved URL, its result replaces the relative
// one (root-relative, as fn gave it); when fn keeps it, the relative URL
// stays as written. A relative URL whose page URL is not known (see
// [ErrNoPageURL]) is kept as written. Other URLs go to fn as they are.
func Resolved(fn Func) Func {
	resolve := RootRelative()
	return func(ref Ref) (string, error) {
		if fn == nil {
			return ref.URL, nil
		}
		if out, err := fn(ref); err != nil || out != ref.URL {
			return out, err
		}
		u := parse(ref.URL)
		if u.class != classRelative || looksLikeHost(u.path) {
			return ref.URL, nil
		}
		abs, err := resolve(ref)
		if err != nil {
			if errors.Is(err, ErrNoPageURL) {
				return ref.URL, nil
			}
			return "", err
		}
		r := ref
		r.URL = abs
		out, err := fn(r)
		if err != nil || out == abs {
			return ref.URL, err
		}
		return out, nil
	}
}

// HostPaths returns a Func that gives fn the absolute URLs to the
// site's own hosts (matched as [OwnDomain] matches them) as the
// root-relative URLs they name when it keeps them as written, so that a map of the site's paths also
// reaches "https://www.example.gov.sg/images/a.png": when fn returns a
// root-relative URL, the scheme and host are put back on it
// ("https://www.example.gov.sg/media/images/a.png"); another result is
// used as fn gives it. Other URLs go to fn as they are.
func HostPaths(fn Func, hosts ...string) Func {
	own := OwnDomain(hosts...)
	return func(ref Ref) (string, error) {
		if fn == nil {
			return ref.URL, nil
		}
		if out, err := fn(ref); err != nil || out != ref.URL {
			return out, err
		}
		rel, err := own(ref)
		if err != nil || rel == ref.URL {
			return ref.URL, err
		}
		r := ref
		r.URL = rel
		out, err := fn(r)
		if err != nil || out == rel {
			return ref.URL, err
		}
		if o := parse(out); o.class == classRoot {
			u := parse(ref.URL)
			return u.head + out, nil
		}
		return out, nil
	}
}

// LiquidPaths returns a Func that gives fn the URLs that start
// with Jekyll's base URL Liquid ("{{ site.baseurl }}/images/a.png",
// "{{ "/images/a.png" | relative_url }}") as the root-relative URLs
// they name, as [StripBaseURL] makes them, when fn keeps them as
// written; when fn returns a root-relative URL, the Liquid is put back
// around it ("{{ site.baseurl }}/media/images/a.png"), another result is
// used as fn gives it. Other URLs go to fn as they are.
func LiquidPaths(fn Func) Func {
	strip := StripBaseURL()
	return func(ref Ref) (string, error) {
		if fn == nil {
			return ref.URL, nil
		}
		if out, err := fn(ref); err != nil || out != ref.URL {
			return out, err
		}
		plain, err := strip(ref)
		if err != nil || plain == ref.URL {
			return ref.URL, err
		}
		r := ref
		r.URL = plain
		out, err := fn(r)
		if err != nil || out == plain {
			return ref.URL, err
		}
		if parse(out).class != classRoot {
			return out, nil
		}
		if i := baseURLEnd(ref.URL); i > 0 {
			return ref.URL[:i] + out, nil
		}
		// {{ "/path" | relative_url }}rest: put the new path in the quotes.
		end := liquid.End(ref.URL, 0)
		rest := ref.URL[end:]
		q := strings.IndexAny(ref.URL[:end], "\"'")
		if q < 0 || !strings.HasSuffix(out, rest) {
			return out, nil
		}
		qe := strings.IndexByte(ref.URL[q+1:end], ref.URL[q])
		if qe < 0 {
			return out, nil
		}
		qe += q + 1
		np := out[:len(out)-len(rest)]
		if !strings.HasPrefix(ref.URL[q+1:qe], "/") {
			np = strings.TrimPrefix(np, "/")
		}
		if strings.ContainsRune(np, rune(ref.URL[q])) {
			return out, nil
		}
		return ref.URL[:q+1] + np + ref.URL[qe:], nil
	}
}
