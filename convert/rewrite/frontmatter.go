package rewrite

import (
	"errors"
	"path"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

// urlKeys are keys whose values are URLs whatever they look like
// ("external: www.example.com", "image: images/a.png").
var urlKeys = map[string]bool{
	"image": true, "image-url": true, "file_url": true, "external": true, "url": true,
	"background": true, "logo": true, "favicon": true, "shareicon": true,
	"thumbnail_image": true, "redirect_from": true, "href": true, "src": true,
	"link": true, "link_url": true, "img": true, "bg-img": true, "website": true,
}

// A yamlValues is front matter or a data file whose string values can be set
// in place.
type yamlValues interface {
	Strings() []frontmatter.StringValue
	SetStrings(edits []frontmatter.StringEdit) error
}

// valueKind says how a string value holds URLs.
type valueKind int

const (
	valNone     valueKind = iota
	valURL                // the value is one URL
	valHTML               // the value is HTML
	valMarkdown           // the value is Markdown
)

// classify says how the string value s holds URLs. With fields, only
// values of those keys count, as whole URLs (a top-level permalink only
// when fields names it); without, every value that is a URL or a site
// path, or HTML or Markdown with links, except permalinks (which are
// page URLs rewritten only on request) and the keys skip names (by
// path).
func classify(s frontmatter.StringValue, fields map[string]bool, skip map[string]bool) valueKind {
	v := strings.TrimSpace(s.Str)
	if v == "" || skip[s.Path] {
		return valNone
	}
	if fields != nil {
		if s.Key == "permalink" && s.Path != "permalink" {
			return valNone
		}
		if fields[s.Key] && !strings.ContainsAny(v, "\n") {
			return valURL
		}
		return valNone
	}
	if s.Key == "permalink" {
		return valNone
	}
	oneLine := !strings.ContainsAny(v, "\n")
	if oneLine && urlKeys[s.Key] && !strings.ContainsAny(v, "<>\"") {
		return valURL
	}
	if oneLine && looksLikeURL(v) {
		return valURL
	}
	if strings.Contains(v, "<") && hasHTMLURL(v) {
		return valHTML
	}
	if strings.Contains(v, "](") || strings.Contains(v, "<http") || strings.Contains(v, "]:") {
		return valMarkdown
	}
	return valNone
}

// looksLikeURL reports whether a one-line value is a URL or a path into
// the site: it starts with "/", "./", "../", a web scheme or Liquid, or
// it is a relative path to a file ("images/a.png").
func looksLikeURL(v string) bool {
	l := strings.ToLower(v)
	switch {
	case strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "https://"), strings.HasPrefix(l, "//"):
		return !strings.ContainsAny(v, " \t")
	case strings.HasPrefix(v, "/"), strings.HasPrefix(v, "./"), strings.HasPrefix(v, "../"):
		return !strings.Contains(v, ": ") && !strings.Contains(v, " /")
	case strings.HasPrefix(v, "{{"):
		e := liquid.End(v, 0)
		return e > 0 && strings.HasPrefix(v[e:], "/") || e == len(v) && strings.Contains(v, "url")
	}
	if strings.ContainsAny(v, " \t") || !strings.Contains(v, "/") {
		return false
	}
	ext := strings.ToLower(path.Ext(v))
	return len(ext) >= 3 && len(ext) <= 6 && !strings.ContainsAny(ext, "/:")
}

// hasHTMLURL reports whether v holds HTML attributes that name URLs.
func hasHTMLURL(v string) bool {
	l := strings.ToLower(v)
	for _, a := range []string{"href", "src", "url(", "srcset", "poster", "action", "data="} {
		if strings.Contains(l, a) {
			return true
		}
	}
	return false
}

// FrontMatter rewrites the front matter values of p that hold
// URLs, at any depth, calling fn once for each URL.
//
// With fields nil, the values are every string value, in nested
// mappings and lists too (the homepage's sections, contact-us contacts
// and locations, redirect_from, unknown keys), that is a URL or a path
// into the site ("/images/a.png", "https://…", "{{ site.baseurl }}/x",
// "files/a.pdf"), or the value of a key that always holds one (image,
// file_url, external, url, background, logo, …), or HTML or Markdown
// holding links and images (a section's description). Each whole URL is
// given to fn as a [KindFrontMatter] whose Field is the value's path
// ("image", "sections[0].hero.background"); the URLs inside HTML and
// Markdown values are given as the body's are ([HTML],
// [Markdown]: links, images, …) with Field set to the value's
// path, and Pos the start of the value. "permalink" values are never
// rewritten unless fields names it.
//
// With fields, only values whose key is one of fields are rewritten, at
// any depth, as whole URLs; "permalink" only at the top level, so that
// [PermalinkMap] can move the page itself.
//
// Only the bytes of a changed URL change: a value keeps its quoting
// style (plain, single- or double-quoted, block), its folding over
// lines and the comments around it (see [frontmatter.Page.SetString]).
// The refs returned are in the order of the values in the file, with
// positions in the page file and the URLs as they were. When fn fails,
// or the page refuses the new value, FrontMatter returns a
// [*Error]; the values changed before it stay changed.
func FrontMatter(p *frontmatter.Page, page PageInfo, fields []string, fn Func) ([]Ref, error) {
	if p == nil {
		return nil, nil
	}
	return rewriteYAML(p, p.Bytes(), page, fields, nil, fn)
}

// locate returns the position in src (a page or data file) of the
// first occurrence of url (or of url with "&" written "&amp;") in the
// value s at or after the offset from (from its start when from is 0),
// and the offset to search the next URL from (see
// [frontmatter.StringValue.Find]); when there is none, the position of s.
func locate(src []byte, s frontmatter.StringValue, from int, url string) (tiptapmd.Pos, int) {
	if url == "" {
		return s.Pos, from
	}
	pos, next, ok := s.Find(src, from, url)
	if !ok {
		pos, next, _ = s.Find(src, from, strings.ReplaceAll(url, "&", "&amp;"))
	}
	return pos, next
}

// rewriteYAML rewrites the URLs of the string values of y, leaving out
// the values whose paths skip names.
func rewriteYAML(y yamlValues, src []byte, page PageInfo, fields []string, skip map[string]bool, fn Func) ([]Ref, error) {
	var set map[string]bool
	if fields != nil {
		set = make(map[string]bool, len(fields))
		for _, f := range fields {
			set[f] = true
		}
	}
	var refs []Ref
	var edits []frontmatter.StringEdit
	var editRef []Ref // the first changed reference of each edit
	for _, s := range y.Strings() {
		kind := classify(s, set, skip)
		pos := s.Pos
		switch kind {
		case valURL:
			lead := len(s.Str) - len(strings.TrimLeft(s.Str, " \t\r\n"))
			u := strings.TrimSpace(s.Str)
			trail := s.Str[lead+len(u):]
			ref := Ref{Kind: KindFrontMatter, URL: u, Field: s.Path, Page: page, Pos: pos}
			refs = append(refs, ref)
			if fn == nil {
				continue
			}
			nu, err := fn(ref)
			if err == nil {
				err = check(u, nu)
			}
			if err != nil {
				return refs, &Error{Ref: ref, Err: err}
			}
			if nu != u {
				edits = append(edits, frontmatter.StringEdit{Value: s, Steps: []string{s.Str[:lead] + nu + trail}})
				editRef = append(editRef, ref)
			}
		case valHTML, valMarkdown:
			inner := func(src []byte, f Func) ([]byte, []Ref, error) {
				if kind == valHTML {
					return rewriteHTML(src, page, f, 1)
				}
				return rewriteMarkdown(src, page, f, 1)
			}
			// First every URL is given to fn once; then the value goes
			// through one step per changed URL, so that only its bytes
			// change.
			var news []string
			var changed []int
			from := 0
			record := func(ref Ref) (string, error) {
				ref.Field = s.Path
				ref.Pos, from = locate(src, s, from, ref.URL)
				u := ref.URL
				if fn != nil {
					var err error
					if u, err = fn(ref); err == nil {
						err = check(ref.URL, u)
					}
					if err != nil {
						return "", err
					}
				}
				if u != ref.URL {
					changed = append(changed, len(news))
				}
				news = append(news, u)
				return ref.URL, nil
			}
			_, found, err := inner([]byte(s.Str), record)
			if err != nil {
				if kind == valMarkdown {
					continue // not Markdown after all: left alone
				}
				return refs, fmError(err, s, pos)
			}
			from = 0
			for j := range found {
				found[j].Field = s.Path
				found[j].Pos, from = locate(src, s, from, found[j].URL)
			}
			refs = append(refs, found...)
			if len(changed) == 0 {
				continue
			}
			cur := s.Str
			var steps []string
			for _, c := range changed {
				n := 0
				one := func(ref Ref) (string, error) {
					n++
					if n-1 == c {
						return news[c], nil
					}
					return ref.URL, nil
				}
				out, _, err := inner([]byte(cur), one)
				if err != nil {
					return refs, fmError(err, s, pos)
				}
				cur = string(out)
				steps = append(steps, cur)
			}
			edits = append(edits, frontmatter.StringEdit{Value: s, Steps: steps})
			editRef = append(editRef, found[changed[0]])
		}
	}
	if err := y.SetStrings(edits); err != nil {
		ref := Ref{Kind: KindFrontMatter, Page: page}
		var se *frontmatter.SetError
		if errors.As(err, &se) && se.Edit < len(editRef) {
			ref = editRef[se.Edit]
		}
		return refs, &Error{Ref: ref, Err: ErrUnwritable}
	}
	return refs, nil
}

// fmError places an error of the rewriting of a value's HTML or
// Markdown at the value.
func fmError(err error, s frontmatter.StringValue, pos tiptapmd.Pos) error {
	if re, ok := err.(*Error); ok {
		re.Ref.Field, re.Ref.Pos = s.Path, pos
		return re
	}
	return &Error{Ref: Ref{Kind: KindFrontMatter, Field: s.Path, Pos: pos, URL: s.Str}, Err: err}
}
