package rewrite

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

// readBack is what a reference must read back as after rewriting.
type readBack struct {
	kind  Kind
	field string
	url   string
}

// lines turns byte offsets of a source into positions, lines counted
// from first (the line of the page file the source starts on).
type lines struct {
	src    []byte
	first  int
	starts []int
}

func (l *lines) pos(off int) tiptapmd.Pos {
	if off < 0 || off > len(l.src) {
		return tiptapmd.Pos{}
	}
	if l.starts == nil {
		l.starts = append(l.starts, 0)
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	i := sort.SearchInts(l.starts, off+1) - 1
	return tiptapmd.Pos{Line: l.first + i, Column: off - l.starts[i] + 1}
}

// apply runs fn over the sites of src (sorted, not overlapping) and
// returns the rewritten source, the references as found and what they
// must read back as. Nothing is copied into a new source until a URL
// changes; out is nil when none did.
func apply(src []byte, sites []refSite, page PageInfo, fn Func, lines *lines) (out []byte, refs []Ref, want []readBack, err error) {
	refs = make([]Ref, len(sites))
	for i, s := range sites {
		refs[i] = Ref{Kind: s.kind, URL: s.url, Field: s.field, Page: page}
		if s.start >= 0 {
			refs[i].Pos = lines.pos(s.start)
		}
	}
	if fn == nil {
		return nil, refs, nil, nil
	}
	want = make([]readBack, len(sites))
	last := 0
	for i := range sites {
		s := &sites[i]
		u, err := fn(refs[i])
		if err == nil {
			err = check(s.url, u)
		}
		if err != nil {
			return nil, refs, nil, &Error{Ref: refs[i], Err: err}
		}
		want[i] = readBack{s.kind, s.field, s.url}
		if u == s.url {
			continue
		}
		start, end, repl, back, ok := writeSite(src, s, u)
		if !ok || start < last {
			return nil, refs, nil, &Error{Ref: refs[i], Err: ErrUnwritable}
		}
		if out == nil {
			out = make([]byte, 0, len(src)+len(repl))
		}
		out = append(out, src[last:start]...)
		out = append(out, repl...)
		last = end
		want[i].url = back
	}
	if out != nil {
		out = append(out, src[last:]...)
	}
	return out, refs, want, nil
}

// verify checks that the references of a rewritten source, found
// again, are the ones wanted; it returns the index of the first that is
// not, or -1.
func verify(got []refSite, want []readBack) int {
	for i := range want {
		if i >= len(got) {
			return i
		}
		if g := got[i]; g.kind != want[i].kind || g.field != want[i].field || g.url != want[i].url {
			return i
		}
	}
	if len(got) > len(want) {
		return max(0, len(want)-1)
	}
	return -1
}

// writeSite returns how to write u in place of site s: the span of src
// to replace (usually the site's own), the bytes to put there, and the
// URL that will be read back there (u, or u escaped as the context
// needs). ok is false when u cannot be written there.
func writeSite(src []byte, s *refSite, u string) (start, end int, repl, back string, ok bool) {
	if s.start < 0 {
		return 0, 0, "", "", false
	}
	start, end = s.start, s.end
	switch s.ctx {
	case ctxAttr:
		back = strings.Trim(u, " \t\n\f\r")
		raw, q := escapeAttr(back, s.quote, s.amp)
		if s.quote == 0 && q != 0 {
			raw = string(q) + raw + string(q)
		}
		return start, end, raw, back, true
	case ctxSrcset:
		back = srcsetURL(u, s.quote == 0)
		if back == "" {
			return 0, 0, "", "", false
		}
		raw, _ := escapeAttr(back, or(s.quote, '"'), s.amp)
		return start, end, raw, back, true
	case ctxCSSAttr, ctxCSS:
		back = cssURL(u, s.cssQuote, s.ctx == ctxCSS, s.ctx == ctxCSSAttr && s.quote == 0)
		if back == "" && s.cssQuote == 0 {
			return 0, 0, "", "", false
		}
		if s.ctx == ctxCSS {
			return start, end, back, back, true
		}
		raw, _ := escapeAttr(back, or(s.quote, '"'), s.amp)
		return start, end, raw, back, true
	case ctxMdInline:
		back = mdDest(u, s.spaces, false)
		return start, end, mdAmp(back, s.amp), back, true
	case ctxMdDef:
		back = mdDest(u, false, true)
		if back == "" {
			return start, end, "<>", "", true
		}
		return start, end, mdAmp(back, s.amp), back, true
	case ctxMdAngle:
		back = mdAngle(u)
		return start, end, mdAmp(back, s.amp), back, true
	case ctxMdAutolink:
		// White space and angle brackets are percent-encoded, which
		// browsers do to the href anyway, so that the URL stays an
		// autolink.
		enc := percent(u, func(s string, i int) bool { return strings.IndexByte(" \t\n\r\f<>", s[i]) >= 0 })
		if autolinkOK(enc) {
			return start, end, mdAmp(enc, s.amp), enc, true
		}
	case ctxMdEmail:
		if a, ok := strings.CutPrefix(u, "mailto:"); ok && emailOK(a) {
			return start, end, a, u, true
		}
	default:
		return 0, 0, "", "", false
	}
	// An autolink whose new URL cannot be one: a link with the same
	// text.
	if start == 0 || end >= len(src) {
		return 0, 0, "", "", false
	}
	back = mdDest(u, false, false)
	from, bang := start-1, ""
	if from > 0 && src[from-1] == '!' && !escaped(src, from-1) {
		// "!<…>" must not become "![…](…)", an image.
		from, bang = from-1, `\!`
	}
	return from, end + 1, bang + "[" + mdText(string(src[start:end])) + "](" + mdAmp(back, s.amp) + ")", back, true
}

// escaped reports whether the byte at i follows an odd number of
// backslashes.
func escaped(src []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

func or(q, def byte) byte {
	if q == 0 {
		return def
	}
	return q
}

// percent writes u with the bytes for which enc is true
// percent-encoded, leaving Liquid alone.
func percent(u string, enc func(s string, i int) bool) string {
	return outsideLiquid(u, func(b *strings.Builder, i int) {
		if enc(u, i) {
			b.WriteByte('%')
			b.WriteByte(upperHex[u[i]>>4])
			b.WriteByte(upperHex[u[i]&15])
			return
		}
		b.WriteByte(u[i])
	})
}

// outsideLiquid rebuilds u: its Liquid as written, and each other byte
// u[i] as write writes it.
func outsideLiquid(u string, write func(b *strings.Builder, i int)) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if u[i] == '{' {
			if e := liquid.End(u, i); e > 0 {
				b.WriteString(u[i:e])
				i = e - 1
				continue
			}
		}
		write(&b, i)
	}
	return b.String()
}

// rewriteSites gives the references at sites of src to fn and writes
// the new URLs; the output, read again by rescan, must hold the same
// references with the new URLs. first is the line of the page file src
// starts on.
func rewriteSites(src []byte, sites []refSite, page PageInfo, fn Func, first int, rescan func([]byte) ([]refSite, error)) ([]byte, []Ref, error) {
	out, refs, want, err := apply(src, sites, page, fn, &lines{src: src, first: first})
	if err != nil {
		return nil, nil, err
	}
	if out == nil {
		return clone(src), refs, nil
	}
	got, err := rescan(out)
	if err != nil {
		return nil, nil, &Error{Ref: refs[0], Err: ErrUnwritable}
	}
	if i := verify(got, want); i >= 0 {
		return nil, nil, &Error{Ref: refs[min(i, len(refs)-1)], Err: ErrUnwritable}
	}
	return out, refs, nil
}

// srcsetURL escapes u for a srcset candidate: no white space, no
// comma at either end (and, unquoted, nothing that would need quotes).
func srcsetURL(u string, unquoted bool) string {
	return percent(u, func(s string, i int) bool {
		c := s[i]
		return ascii.IsSpace(c) || c == ',' && (i == 0 || i == len(s)-1) ||
			unquoted && strings.IndexByte("\"'=<>`", c) >= 0
	})
}

// cssURL escapes u for url(): inside a CSS string, its quotes,
// backslashes and line breaks; unquoted, also white space and
// parentheses. In a <style> element "<" is escaped too, so that the
// element cannot end early; in an unquoted attribute, what would need
// quotes.
func cssURL(u string, quote byte, element, unquotedAttr bool) string {
	return percent(u, func(s string, i int) bool {
		c := s[i]
		switch {
		case c == '"' || c == '\'' || c == '\\' || c == '\n' || c == '\r' || c == '\f':
			return true
		case quote == 0 && (ascii.IsSpace(c) || c == '(' || c == ')'):
			return true
		case element && c == '<':
			return true
		case unquotedAttr && strings.IndexByte("=<>`", c) >= 0:
			return true
		}
		return false
	})
}

// mdDest escapes u for an inline destination (or, def, a reference
// definition's): line breaks and tabs, parentheses when they do not
// balance, a leading "<", and spaces, unless spaces keeps the raw
// spaces kramdown allows inline (not at either end, nor before a quote,
// where they would start a title).
func mdDest(u string, spaces, def bool) string {
	balanced := true
	depth := 0
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '{':
			if e := liquid.End(u, i); e > 0 {
				i = e - 1
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				balanced = false
			}
		}
	}
	balanced = balanced && depth == 0
	return percent(u, func(s string, i int) bool {
		c := s[i]
		switch {
		case c < 0x20 || c == 0x7f:
			return true
		case c == ' ':
			return def || !spaces || i == 0 || i == len(s)-1 || i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\'')
		case c == '(' || c == ')':
			return !balanced
		case c == '<':
			return i == 0
		}
		return false
	})
}

// mdAngle escapes u for a destination in angle brackets.
func mdAngle(u string) string {
	return percent(u, func(s string, i int) bool {
		c := s[i]
		return c == '<' || c == '>' || c == '\n' || c == '\r'
	})
}

// autolinkOK reports whether u can be written as an autolink <u>.
func autolinkOK(u string) bool {
	for _, p := range [...]string{"mailto:", "http:", "https:", "ftp:", "ftps:"} {
		if strings.HasPrefix(u, p) && len(u) > len(p) {
			return !strings.ContainsAny(u, " \t\n\r\f<>")
		}
	}
	return false
}

// emailOK reports whether a can be written as an e-mail autolink.
func emailOK(a string) bool {
	at := strings.IndexByte(a, '@')
	if at < 1 || at == len(a)-1 {
		return false
	}
	ok := func(s string) bool {
		for _, r := range s {
			if !(r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return false
			}
		}
		return true
	}
	return ok(a[:at]) && ok(a[at+1:])
}

// mdText escapes s for the text of a Markdown link.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && strings.ContainsRune("\\`*_{}[]<>$|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sortSites sorts sites by their start, keeping the order of equal
// starts.
func sortSites(sites []refSite) {
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].start < sites[j].start })
}

// clone returns a copy of b that is never nil.
func clone(b []byte) []byte {
	return append(make([]byte, 0, len(b)), b...)
}
