package rewrite

import (
	"errors"
	"html"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// Markdown rewrites the URLs of a Markdown page body (the text
// after the front matter), read with kramdown's rules as
// [markdown.Refs] reads it. It calls fn once for each reference, in
// source order: the destinations of links and images (inline, images
// inside links, links followed by a kramdown attribute list such as
// {:target="_blank"}), of reference definitions (once for each, however
// many links use it), autolinks, and the URLs in raw HTML, found as
// [HTML] finds them but with kramdown's grammar for tags: a tag
// kramdown shows as text (such as <a href=/x>, whose unquoted value is
// not a word) holds no reference. Markdown references have an empty
// Ref.Field. Positions in the refs are in src.
//
// Only the bytes of the URLs that fn changes are changed. A new
// destination is escaped as its syntax needs: spaces become %20 (unless
// the destination already held raw spaces, which kramdown allows),
// parentheses that do not balance and line breaks are percent-encoded,
// and in <…> the angle brackets; "&" is written as "&amp;" where the
// destination already did so or where it would start a character
// reference. An autolink whose new URL cannot be an
// autolink (such as "https://www.example.gov.sg/x" made root-relative)
// becomes an inline link with the same text: <https://x.sg/a> becomes
// [https://x.sg/a](/a).
//
// The refs returned are those found in src, with the URLs as they were.
// The rewritten page is read again and must give the same references
// with the new URLs; if not, or when fn fails, Markdown returns a
// [*Error] and no output. It fails on invalid UTF-8 with the
// [*markdown.ParseError] of [markdown.Refs]. With a nil fn it only finds
// the references.
func Markdown(src []byte, page PageInfo, fn Func) ([]byte, []Ref, error) {
	return rewriteMarkdown(src, page, fn, 1)
}

// rewriteMarkdown is Markdown for a body that starts on line first of
// the page file.
func rewriteMarkdown(src []byte, page PageInfo, fn Func, first int) ([]byte, []Ref, error) {
	sites, err := markdownSites(src)
	if err != nil {
		var pe *markdown.ParseError
		if first > 1 && errors.As(err, &pe) && pe.Pos.IsValid() {
			return nil, nil, &markdown.ParseError{Pos: tiptapmd.Pos{Line: pe.Pos.Line + first - 1, Column: pe.Pos.Column}, Err: pe.Err}
		}
		return nil, nil, err
	}
	return rewriteSites(src, sites, page, fn, first, markdownSites)
}

// decodeMdRefs decodes the character references of a Markdown
// destination that a browser decodes in the HTML kramdown writes:
// kramdown escapes every "&" except those that start a reference ended
// by ";" ("&amp;", "&#38;"), which it leaves as written. Liquid is kept
// as written.
func decodeMdRefs(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if e := liquid.End(s, i); e > 0 {
				b.WriteString(s[i:e])
				i = e - 1
				continue
			}
		case '&':
			if n := refLen(s[i:]); n > 0 {
				b.WriteString(html.UnescapeString(s[i : i+n]))
				i += n - 1
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// refLen returns the length of the character reference ended by ";"
// at the start of s ("&amp;", "&#38;", "&#x26;"), or 0.
func refLen(s string) int {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	start := i
	for i < len(s) && ('a' <= s[i]|0x20 && s[i]|0x20 <= 'z' || '0' <= s[i] && s[i] <= '9') {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0
	}
	return i + 1
}

// mdAmp writes the "&" of a destination: as "&amp;" when amp is set
// (the page's style) or where it would start a reference, else as is.
func mdAmp(u string, amp bool) string {
	if strings.IndexByte(u, '&') < 0 {
		return u
	}
	return outsideLiquid(u, func(b *strings.Builder, i int) {
		if u[i] == '&' && (amp || refLen(u[i:]) > 0) {
			b.WriteString("&amp;")
			return
		}
		b.WriteByte(u[i])
	})
}

// markdownSites returns the references of a Markdown body, sorted.
func markdownSites(src []byte) ([]refSite, error) {
	refs, err := markdown.Refs(src)
	if err != nil {
		return nil, err
	}
	var sites []refSite
	for _, r := range refs {
		s := refSite{start: r.Start, end: r.End, url: decodeMdRefs(r.URL), amp: hasReference(r.URL)}
		switch r.Kind {
		case markdown.RefHTML:
			sites = scanKramdownHTML(src, r.Start, r.End, sites)
			continue
		case markdown.RefLink, markdown.RefImage:
			s.kind, s.ctx = KindLink, ctxMdInline
			if r.Kind == markdown.RefImage {
				s.kind = KindImage
			}
			s.spaces = strings.Contains(r.URL, " ")
		case markdown.RefLinkDefinition, markdown.RefImageDefinition:
			s.kind, s.ctx = KindLink, ctxMdDef
			if r.Kind == markdown.RefImageDefinition {
				s.kind = KindImage
			}
		case markdown.RefAutolink:
			s.kind, s.ctx = KindLink, ctxMdAutolink
			if r.Start >= 0 && string(src[r.Start:r.End]) != r.URL {
				s.ctx = ctxMdEmail
			}
		default:
			continue
		}
		if r.Angle && s.ctx != ctxMdAutolink && s.ctx != ctxMdEmail {
			s.ctx = ctxMdAngle
		}
		sites = append(sites, s)
	}
	sortSites(sites)
	return sites, nil
}
