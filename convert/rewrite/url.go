package rewrite

import (
	"strings"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/enum"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

// URLs are handled as the strings written in pages, never through
// net/url's parsed form, which would re-encode what it does not change.
// Liquid ({{ … }}, {% … %}) inside a URL is opaque: it is never
// decoded, encoded or split.

// urlClass classifies a URL.
type urlClass int

const (
	classEmpty    urlClass = iota // ""
	classFragment                 // "#top"
	classQuery                    // "?page=2"
	classLiquid                   // "{{ site.baseurl }}/x", any URL starting with Liquid
	classAbsolute                 // "https://host/x", any scheme followed by "//"
	classOpaque                   // "mailto:x", "tel:", "data:", "javascript:"
	classNetwork                  // "//host/x"
	classRoot                     // "/x"
	classRelative                 // "x", "../x"
)

// parsedURL is a URL cut into three parts, each as written: head is the
// scheme and authority ("https://host", "//host") or the scheme of an
// opaque URL ("mailto:"); path runs to the first "?" or "#" outside
// Liquid; tail is the query and fragment.
type parsedURL struct {
	class            urlClass
	head, path, tail string
}

func (u parsedURL) String() string { return u.head + u.path + u.tail }

// internal reports whether the URL points into the site: root-relative,
// relative, or starting with Liquid (such as {{ site.baseurl }}).
func (u parsedURL) internal() bool {
	return u.class == classRoot || u.class == classRelative || u.class == classLiquid
}

// web reports whether the URL's path is a web path: internal, or an
// http(s) or protocol-relative URL.
func (u parsedURL) web() bool {
	if u.internal() || u.class == classNetwork {
		return true
	}
	if u.class != classAbsolute {
		return false
	}
	s := strings.ToLower(u.head)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// schemeEnd returns the length of the scheme of s, colon included, or
// 0 when s has none.
func schemeEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// cutTail returns the offset of the first "?" or "#" of s outside
// Liquid, or len(s).
func cutTail(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?', '#':
			return i
		case '{':
			if end := liquid.End(s, i); end > 0 {
				i = end - 1
			}
		}
	}
	return len(s)
}

// parse cuts u into its parts.
func parse(u string) parsedURL {
	var r parsedURL
	switch {
	case u == "":
		return r
	case u[0] == '#':
		return parsedURL{class: classFragment, tail: u}
	case u[0] == '?':
		return parsedURL{class: classQuery, tail: u}
	case liquid.End(u, 0) > 0:
		r.class = classLiquid
	case strings.HasPrefix(u, "//"):
		r.class = classNetwork
		end := 2 + strings.IndexAny(u[2:]+"/", "/?#")
		r.head, u = u[:end], u[end:]
	case u[0] == '/':
		r.class = classRoot
	default:
		if n := schemeEnd(u); n > 0 {
			if strings.HasPrefix(u[n:], "//") {
				r.class = classAbsolute
				end := n + 2 + strings.IndexAny(u[n+2:]+"/", "/?#")
				r.head, u = u[:end], u[end:]
			} else {
				r.class = classOpaque
				r.head, u = u[:n], u[n:]
			}
		} else {
			r.class = classRelative
		}
	}
	t := cutTail(u)
	r.path, r.tail = u[:t], u[t:]
	return r
}

// hex returns the value of a hex digit, or -1.
func hex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// escapeAt reports whether s[i:] starts with a valid percent escape,
// and its byte.
func escapeAt(s string, i int) (byte, bool) {
	if i+2 >= len(s) || s[i] != '%' {
		return 0, false
	}
	h, l := hex(s[i+1]), hex(s[i+2])
	if h < 0 || l < 0 {
		return 0, false
	}
	return byte(h<<4 | l), true
}

// decode percent-decodes s outside Liquid, as the CMS compares paths
// (decodeURIComponent); a "%" that starts no valid escape stays.
func decode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '{' {
			if end := liquid.End(s, i); end > 0 {
				b = append(b, s[i:end]...)
				i = end - 1
				continue
			}
		}
		if c, ok := escapeAt(s, i); ok {
			b = append(b, c)
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// rawIndex returns the offset in raw at which the first n bytes of
// decode(raw) end, or -1 when that is not between two characters of
// raw.
func rawIndex(raw string, n int) int {
	d := 0
	for i := 0; i <= len(raw); i++ {
		if d == n {
			return i
		}
		if d > n || i == len(raw) {
			return -1
		}
		if raw[i] == '{' {
			if end := liquid.End(raw, i); end > 0 {
				d += end - i
				i = end - 1
				continue
			}
		}
		if _, ok := escapeAt(raw, i); ok {
			i += 2
		}
		d++
	}
	return -1
}

// EncodeStyle is one way of writing spaces and non-ASCII characters in
// URL paths.
type EncodeStyle int

// The encode styles of [Encode]. All keep the escapes that change what
// a path means when decoded (%2F, %3F, %23, %25), escaped control
// characters and escapes of bytes that are not UTF-8.
const (
	// EncodeRaw writes spaces and Unicode as they are ("/images/a b/é.png"),
	// as the Tiptap editor inserts them.
	EncodeRaw EncodeStyle = iota
	// EncodeSpaces writes spaces as %20 and Unicode as it is
	// ("/images/a%20b/é.png"), as the Markdown editor inserts paths.
	EncodeSpaces
	// EncodePercent percent-encodes, as UTF-8, every character that is
	// not an unreserved or reserved ASCII character
	// ("/images/a%20b/%C3%A9.png"), as markdown-it writes URLs when the
	// CMS converts Markdown to Tiptap.
	EncodePercent
)

var encodeStyles = enum.New[EncodeStyle]("rewrite.EncodeStyle", []string{EncodeRaw: "raw", EncodeSpaces: "spaces", EncodePercent: "percent"})

// String returns "raw", "spaces" or "percent".
func (s EncodeStyle) String() string { return encodeStyles.String(s) }

// keepEscaped reports whether an escaped byte must stay escaped: it
// would mean something else raw ("/", "?", "#", "%") or it is a control
// character.
func keepEscaped(c byte) bool {
	return c == '/' || c == '?' || c == '#' || c == '%' || c < 0x20 || c == 0x7f
}

// percentKeep reports whether EncodePercent writes the ASCII byte c
// raw: letters, digits and the characters markdown-it's encoder keeps.
func percentKeep(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte(";/?:@&=+$,-_.!~*'()#", c) >= 0
}

const upperHex = "0123456789ABCDEF"

func appendEscape(b []byte, c byte) []byte {
	return append(b, '%', upperHex[c>>4], upperHex[c&15])
}

// encodePath rewrites path (no query or fragment) in style, leaving
// Liquid alone.
func encodePath(path string, style EncodeStyle) string {
	return mapPath(path, func(b []byte, esc, ch string, valid bool) []byte {
		if !valid || len(ch) == 1 && keepEscaped(ch[0]) {
			return append(b, esc...) // kept as written
		}
		return appendChar(b, esc, ch, style)
	}, func(b []byte, ch string, valid bool) []byte {
		if !valid {
			return appendEscape(b, ch[0]) // invalid UTF-8 is never raw
		}
		return appendChar(b, "", ch, style)
	})
}

// mapPath rebuilds path one character at a time, leaving Liquid as
// written: escaped is given each character written as percent escapes
// (esc as written, ch decoded), plain each character written as itself.
// valid is false for a byte that is not UTF-8, which ch then holds
// alone.
func mapPath(path string, escaped func(b []byte, esc, ch string, valid bool) []byte, plain func(b []byte, ch string, valid bool) []byte) string {
	b := make([]byte, 0, len(path)+8)
	for i := 0; i < len(path); {
		if path[i] == '{' {
			if end := liquid.End(path, i); end > 0 {
				b = append(b, path[i:end]...)
				i = end
				continue
			}
		}
		if _, ok := escapeAt(path, i); ok {
			// A run of escapes: decode the UTF-8 characters it holds.
			j := i
			var run []byte
			for {
				e, ok := escapeAt(path, j)
				if !ok {
					break
				}
				run = append(run, e)
				j += 3
			}
			for k := 0; k < len(run); {
				r, n := utf8.DecodeRune(run[k:])
				b = escaped(b, path[i+3*k:i+3*k+3*n], string(run[k:k+n]), r != utf8.RuneError || n > 1)
				k += n
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(path[i:])
		b = plain(b, path[i:i+n], r != utf8.RuneError || n > 1)
		i += n
	}
	return string(b)
}

// appendChar appends the character ch (one rune, decoded) in style.
// esc is how it was written when it was escaped.
func appendChar(b []byte, esc, ch string, style EncodeStyle) []byte {
	if len(ch) == 1 {
		c := ch[0]
		switch {
		case c == '%':
			if style == EncodePercent {
				return appendEscape(b, c)
			}
			return append(b, c)
		case c == ' ':
			if style == EncodeRaw {
				return append(b, c)
			}
			return append(b, "%20"...)
		case style == EncodePercent && !percentKeep(c):
			if esc != "" {
				return append(b, strings.ToUpper(esc)...)
			}
			return appendEscape(b, c)
		}
		if esc != "" && !safeRaw(c) {
			return append(b, esc...)
		}
		return append(b, c)
	}
	if style == EncodePercent {
		for i := 0; i < len(ch); i++ {
			b = appendEscape(b, ch[i])
		}
		return b
	}
	return append(b, ch...)
}

// safeRaw reports whether the ASCII byte c, written escaped, may be
// decoded in styles raw and spaces: not a delimiter of Markdown or HTML
// contexts that the writers would have to escape again, nor a "{" that
// could start Liquid.
func safeRaw(c byte) bool {
	return strings.IndexByte("\"'<>\\^`{|}[]()", c) < 0
}

// lowerPath lower-cases the characters of path, escaped ones
// included, leaving Liquid and the case of escapes of unchanged
// characters alone.
func lowerPath(path string) string {
	return mapPath(path, func(b []byte, esc, ch string, valid bool) []byte {
		lower := strings.ToLower(ch)
		if !valid || lower == ch {
			return append(b, esc...)
		}
		for x := 0; x < len(lower); x++ {
			b = appendEscape(b, lower[x])
		}
		return b
	}, func(b []byte, ch string, valid bool) []byte {
		if !valid {
			return append(b, ch[0])
		}
		return append(b, strings.ToLower(ch)...)
	})
}

// removeDots removes the "." and ".." segments of an absolute path as
// RFC 3986 (section 5.2.4) and browsers do; ".." at the root stays at
// the root.
func removeDots(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// looksLikeHost reports whether a relative path starts with a host
// name ("www.example.gov.sg/x", "go.gov.sg/abc"): an author who left out
// "https://". Such URLs are left alone rather than resolved.
func looksLikeHost(path string) bool {
	first := path
	if i := strings.IndexByte(first, '/'); i >= 0 {
		first = first[:i]
	}
	first = strings.ToLower(first)
	if strings.HasPrefix(first, "www.") && len(first) > 4 {
		return true
	}
	dot := strings.LastIndexByte(first, '.')
	if dot <= 0 {
		return false
	}
	for i := 0; i < len(first); i++ {
		c := first[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	switch first[dot+1:] {
	case "com", "org", "net", "gov", "edu", "int", "mil", "io", "co", "sg", "info",
		"biz", "app", "dev", "ai", "asia", "uk", "us", "au", "my", "in", "cn", "jp":
		return true
	}
	return false
}
