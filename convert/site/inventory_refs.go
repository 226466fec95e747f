package site

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// A refUse is a reference with the path it resolves to.
type refUse struct {
	kind useKind
	path string
	use  AssetUse
}

// useKind says what a reference is for the inventory.
type useKind int

const (
	asset      useKind = iota + 1 // a path under an asset root
	link                          // a link to a path of the site outside the asset roots
	unresolved                    // a path that cannot be worked out
)

// pageUses returns the references of the page file name, the URL it
// is served at, and whether it is a page (has front matter).
func pageUses(fsys fs.FS, name string, roots, fields []string, own rewrite.Func) ([]refUse, string, bool, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, "", false, &convert.Error{Path: name, Err: err}
	}
	if parts, err := frontmatter.Split(src); err == nil && !parts.HasFrontMatter() {
		return nil, "", false, nil
	}
	var url string
	if p, err := frontmatter.Parse(src); err == nil {
		pl, _ := p.String("permalink")
		url = pageURL(name, strings.TrimSpace(pl))
	}
	_, refs, err := rewrite.Page(src, rewrite.PageInfo{Path: name}, fields, nil)
	if err != nil {
		e := &convert.Error{Path: name, Err: err}
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			e.Pos = pe.Pos
		}
		return nil, url, true, e
	}
	vars := liquidVars(src)
	for i, r := range refs {
		if u, ok := liquidResolve(r.URL, vars); ok {
			refs[i].URL = u
			refs[i].Field = r.Field + "\x00" + r.URL // the URL as written, restored below
		}
	}
	uses := refUses(name, refs, roots, own)
	for i := range uses {
		if f, written, ok := strings.Cut(uses[i].use.Field, "\x00"); ok {
			uses[i].use.Field, uses[i].use.URL = f, written
		}
	}
	return uses, url, true, nil
}

// Liquid that a page uses to build a path out of literals:
// {% assign x = "BOA" %} and {% capture y %}/images/{{ x }}.png{% endcapture %}.
var (
	assign  = regexp.MustCompile(`\{%-?\s*assign\s+([A-Za-z_][\w-]*)\s*=\s*(?:"([^"{}%]*)"|'([^'{}%]*)')\s*-?%\}`)
	capture = regexp.MustCompile(`(?s)\{%-?\s*capture\s+([A-Za-z_][\w-]*)\s*-?%\}(.*?)\{%-?\s*endcapture\s*-?%\}`)
	output  = regexp.MustCompile(`\{\{-?\s*([A-Za-z_][\w-]*)\s*-?\}\}`)
	anyName = regexp.MustCompile(`\{%-?\s*(?:assign|capture|for|increment|decrement|cycle)\s+([A-Za-z_][\w-]*)`)
)

// liquidVars returns the variables of the page src that are set once,
// to a string literal or to a capture of text and such variables, and
// their values. A variable set more than once, or by a loop, is left
// out: its value is not known without running Jekyll.
func liquidVars(src []byte) map[string]string {
	if !bytes.Contains(src, []byte("{%")) {
		return nil
	}
	count := map[string]int{}
	for _, m := range anyName.FindAllSubmatch(src, -1) {
		count[string(m[1])]++
	}
	raw := map[string]string{}
	for _, m := range assign.FindAllSubmatch(src, -1) {
		raw[string(m[1])] = string(m[2]) + string(m[3])
	}
	captured := map[string]string{}
	for _, m := range capture.FindAllSubmatch(src, -1) {
		captured[string(m[1])] = string(m[2])
	}
	vars := map[string]string{}
	for k, v := range raw {
		if count[k] == 1 {
			vars[k] = v
		}
	}
	for k, v := range captured {
		if count[k] != 1 {
			continue
		}
		if r, ok := liquidSubst(v, vars); ok {
			vars[k] = strings.TrimSpace(r)
		}
	}
	return vars
}

// liquidSubst replaces the outputs {{ x }} of s by the values of
// vars, and reports whether no Liquid is left.
func liquidSubst(s string, vars map[string]string) (string, bool) {
	ok := true
	out := output.ReplaceAllStringFunc(s, func(m string) string {
		name := output.FindStringSubmatch(m)[1]
		v, known := vars[name]
		if !known {
			ok = false
			return m
		}
		return v
	})
	return out, ok && !strings.Contains(out, "{{") && !strings.Contains(out, "{%")
}

// liquidResolve returns the URL u with its Liquid outputs replaced by
// the values of vars, when all of them are known.
func liquidResolve(u string, vars map[string]string) (string, bool) {
	if len(vars) == 0 || !strings.Contains(u, "{{") {
		return "", false
	}
	r, ok := liquidSubst(u, vars)
	if !ok {
		return "", false
	}
	return strings.TrimSpace(r), true
}

// dataUses returns the references of the data file name.
func dataUses(fsys fs.FS, name string, roots []string, own rewrite.Func) ([]refUse, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &convert.Error{Path: name, Err: err}
	}
	_, refs, err := rewrite.Data(src, name, nil)
	if err != nil {
		e := &convert.Error{Path: name, Err: err}
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			e.Pos = pe.Pos
		}
		return nil, e
	}
	return refUses(name, refs, roots, own), nil
}

// refUses sorts the references of a file into assets, links and
// unresolved paths.
func refUses(name string, refs []rewrite.Ref, roots []string, own rewrite.Func) []refUse {
	var uses []refUse
	for _, ref := range refs {
		use := AssetUse{Page: name, Kind: ref.Kind, Field: ref.Field, URL: ref.URL, Pos: ref.Pos}
		if own != nil {
			if u, err := own(ref); err == nil {
				ref.URL = u
			}
		}
		p, ok := rewrite.Resolve(ref)
		switch {
		case !ok:
			if rewrite.MayBeLocal(ref) {
				uses = append(uses, refUse{kind: unresolved, use: use})
			}
		case under(p, roots):
			if !strings.HasSuffix(p, "/") {
				uses = append(uses, refUse{kind: asset, path: p, use: use})
			}
		case isPageLink(ref, p):
			uses = append(uses, refUse{kind: link, path: p, use: use})
		}
	}
	return uses
}

// configHost returns the host of the url key of the site's
// _config.yml, or nil.
func configHost(fsys fs.FS) []string {
	src, err := fs.ReadFile(fsys, "_config.yml")
	if err != nil {
		return nil
	}
	d, err := frontmatter.ParseData(src)
	if err != nil {
		return nil
	}
	for _, s := range d.Strings() {
		if s.Path == "url" {
			if rewrite.HasHost(s.Str) {
				return []string{strings.TrimSpace(s.Str)}
			}
		}
	}
	return nil
}

// isPageLink reports whether a reference that resolves to the path p
// of the site, outside the asset roots, is a link to a page: a link,
// card or front matter URL whose path has no extension or ends in .html.
func isPageLink(ref rewrite.Ref, p string) bool {
	switch ref.Kind {
	case rewrite.KindLink, rewrite.KindCardLink, rewrite.KindFrontMatter:
	default:
		return false
	}
	if ref.Kind == rewrite.KindFrontMatter && strings.HasSuffix(ref.Field, "permalink") {
		return false
	}
	ext := strings.ToLower(path.Ext(p))
	return ext == "" || ext == ".html" || ext == ".htm" || strings.HasSuffix(p, "/")
}

// pageURL returns the URL Jekyll serves the page file name at, given
// its permalink (or ""), or "" when it is not known (a document of a
// collection without a permalink, whose URL the site's configuration
// decides).
func pageURL(name, permalink string) string {
	if permalink != "" && !strings.Contains(permalink, ":") && !strings.Contains(permalink, "{") {
		if !strings.HasPrefix(permalink, "/") {
			permalink = "/" + permalink
		}
		return permalink
	}
	dir, base := path.Split(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if strings.HasPrefix(name, "_posts/") || strings.Contains(name, "/_posts/") {
		// _posts/2024-01-02-title.md is served at /2024/01/02/title.html
		// (Jekyll's "date" permalink style), under its categories, the
		// folders above _posts.
		if len(stem) > 11 && stem[4] == '-' && stem[7] == '-' && stem[10] == '-' {
			cats := strings.TrimSuffix(strings.TrimSuffix(dir, "_posts/"), "/")
			prefix := "/"
			if cats != "" {
				prefix = "/" + cats + "/"
			}
			return prefix + stem[:4] + "/" + stem[5:7] + "/" + stem[8:10] + "/" + stem[11:] + ".html"
		}
		return ""
	}
	for _, seg := range strings.Split(dir, "/") {
		if strings.HasPrefix(seg, "_") {
			return "" // a collection document: its URL is in _config.yml
		}
	}
	if stem == "index" {
		return "/" + dir
	}
	return "/" + dir + stem + ".html"
}

// linkKey is how a page URL and a link are compared: decoded, without
// a trailing slash, ".html" or "/index".
func linkKey(p string) string {
	p = rewrite.DecodePath(p)
	p = strings.TrimSuffix(p, ".html")
	p = strings.TrimSuffix(p, "/index")
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	if p == "" {
		p = "/"
	}
	return p
}

// brokenLinks returns the links of links that reach no page and no
// file of fsys, with the closest page URL. Links under /NAME/, where
// NAME is a collection (in unknown) that has documents whose URL is not
// known, are left out: they may reach one.
func brokenLinks(fsys fs.FS, pages []Page, links map[string]*BrokenLink, unknown map[string]bool) []BrokenLink {
	known := map[string]bool{}
	for _, p := range pages {
		known[linkKey(p.URL)] = true
	}
	var out []BrokenLink
	for p, l := range links {
		if known[linkKey(p)] {
			continue
		}
		if first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/"); unknown[first] {
			continue // may be a document of a collection whose URLs are not known
		}
		name := strings.Trim(p, "/")
		if name == "" {
			name = "."
		}
		if fs.ValidPath(name) {
			if _, err := fs.Stat(fsys, name); err == nil {
				continue // a file or folder of the site, served as it is
			}
		}
		l.Closest = closest(linkKey(p), pages)
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b BrokenLink) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// closest returns the URL of the page closest to the link key k, or
// "" when none is within half of k's length.
func closest(k string, pages []Page) string {
	best, bestD := "", len(k)/2+1
	for _, p := range pages {
		pk := linkKey(p.URL)
		if d := distance(k, pk, bestD); d < bestD || d == bestD && best != "" && p.URL < best {
			best, bestD = p.URL, d
		}
	}
	return best
}

// distance returns the edit distance of a and b (bytes), or limit
// when it is at least limit.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
