package convert

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// rwDefaultFields returns the front matter keys that hold paths in
// Isomer pages: the page's image, the file a file-layout page links to,
// the URL a link-layout page points at, and the thumbnail of resource
// room posts.
func rwDefaultFields() []string {
	return []string{"image", "file_url", "external", "thumbnail_image"}
}

// RewriteFrontMatter rewrites the front matter values of p that hold
// paths, calling fn once for each with a RefFrontMatter whose Field is
// the key. If fields is nil, the keys are image, file_url, external and
// thumbnail_image; "permalink" is rewritten only when fields names it
// (so that [PermalinkMap] can move the page itself). Values that are
// missing, empty, null, lists or mappings are not references.
//
// Only the bytes of a changed value change: it keeps its quoting style
// (plain, single- or double-quoted) when the new value can be written
// in it, and is double-quoted otherwise; spacing and comments around it
// stay. A value written in another form (a block scalar, with an anchor
// or a tag) is set with [frontmatter.Page.Set], which rewrites the key's
// line. The refs returned are in the order of the keys in the
// file, with positions in the page file and the URLs as they were. When
// fn fails, or the page refuses the new value, RewriteFrontMatter
// returns a [*RewriteError]; the values changed before it stay changed.
func RewriteFrontMatter(p *frontmatter.Page, page PageInfo, fields []string, fn RewriteFunc) ([]Ref, error) {
	if fields == nil {
		fields = rwDefaultFields()
	}
	var refs []Ref
	seen := make(map[string]bool, len(fields))
	for _, f := range fields {
		if seen[f] {
			continue
		}
		seen[f] = true
		v, ok := p.Get(f)
		if !ok || v.Kind != frontmatter.Scalar {
			continue
		}
		s, ok := p.String(f)
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		refs = append(refs, Ref{Kind: RefFrontMatter, URL: s, Field: f, Page: page, Pos: tiptap.Pos{Line: v.Line, Column: v.Column}})
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Pos.Line < refs[j].Pos.Line })
	if fn == nil {
		return refs, nil
	}
	for _, ref := range refs {
		u, err := fn(ref)
		if err == nil {
			err = rwCheck(ref.URL, u)
		}
		if err != nil {
			return refs, &RewriteError{Ref: ref, Err: err}
		}
		if u == ref.URL {
			continue
		}
		if !rwSetValue(p, ref.Field, u) {
			p.Set(ref.Field, u)
		}
		if got, _ := p.String(ref.Field); got != u {
			return refs, &RewriteError{Ref: ref, Err: ErrUnwritable}
		}
	}
	return refs, nil
}

// rwSetValue sets key to u by replacing the bytes of its value in the
// page file, keeping everything around them, and reports whether it
// did. The page is parsed again and must hold u for key, all other keys
// as they were and the same warnings.
func rwSetValue(p *frontmatter.Page, key, u string) bool {
	v, ok := p.Get(key)
	if !ok || v.Kind != frontmatter.Scalar || v.Raw == "" {
		return false
	}
	src := p.Bytes()
	off := rwLineColOffset(src, v.Line, v.Column)
	if off < 0 {
		return false
	}
	end := rwScalarEnd(src, off, v.Raw)
	if end < 0 {
		return false
	}
	for _, raw := range rwYAMLForms(v.Raw, u) {
		out := make([]byte, 0, len(src)+len(raw))
		out = append(append(append(out, src[:off]...), raw...), src[end:]...)
		np, err := frontmatter.Parse(out)
		if err != nil || !rwSameOtherKeys(p, np, key) {
			continue
		}
		if len(np.Warnings()) != len(p.Warnings()) {
			// p carries warnings of earlier edits, which replacing it
			// by a new parse would lose.
			return false
		}
		if nv, ok := np.Get(key); !ok || nv.Tag != "!!str" || nv.Str != u {
			continue
		}
		*p = *np
		return true
	}
	return false
}

// rwScalarEnd returns the end of the scalar that starts at src[off] and
// is written raw (as [frontmatter.Value.Raw] gives it), or -1. A quoted
// scalar ends at its closing quote; a plain one before a comment.
func rwScalarEnd(src []byte, off int, raw string) int {
	switch raw[0] {
	case '"':
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return -1
	case '\'':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return -1
	}
	for _, c := range []string{" #", "\t#"} {
		if i := strings.Index(raw, c); i >= 0 {
			raw = raw[:i]
		}
	}
	raw = strings.TrimRight(raw, " \t")
	if !bytes.HasPrefix(src[off:], []byte(raw)) {
		return -1
	}
	return off + len(raw)
}

// rwLineColOffset returns the offset of a 1-based line and byte column
// in src, or -1.
func rwLineColOffset(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if off+col-1 > len(src) {
		return -1
	}
	return off + col - 1
}

// rwYAMLForms returns the ways to write u in place of the scalar raw,
// in the style of raw first.
func rwYAMLForms(raw, u string) []string {
	dq := rwYAMLDouble(u)
	switch raw[0] {
	case '"':
		return []string{dq}
	case '\'':
		if strings.ContainsFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return []string{dq}
		}
		return []string{"'" + strings.ReplaceAll(u, "'", "''") + "'", dq}
	case '|', '>', '&', '*', '!', '[', '{':
		return nil
	}
	if strings.Contains(u, "/") {
		return []string{u, dq}
	}
	return []string{dq}
}

// rwYAMLDouble returns u as a YAML double-quoted scalar.
func rwYAMLDouble(u string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range u {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// rwSameOtherKeys reports whether np holds the same keys as p, with the
// same values, except key.
func rwSameOtherKeys(p, np *frontmatter.Page, key string) bool {
	a, b := p.Keys(), np.Keys()
	if len(a) != len(b) {
		return false
	}
	for i, k := range a {
		if b[i] != k {
			return false
		}
		if k == key {
			continue
		}
		x, _ := p.Get(k)
		y, _ := np.Get(k)
		if x.Raw != y.Raw || x.Str != y.Str || x.Tag != y.Tag {
			return false
		}
	}
	return true
}
