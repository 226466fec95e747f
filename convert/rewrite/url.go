package rewrite

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// URLs are handled as the strings written in pages, never through
// net/url's parsed form, which would re-encode what it does not change.
// Liquid ({{ … }}, {% … %}) inside a URL is opaque: it is never
// decoded, encoded or split.

// rwLiquidEnd returns the offset past the Liquid output or tag that
// starts at s[i] ("{{" or "{%"), or -1. Liquid does not span lines,
// as package markdown reads it.
func rwLiquidEnd(s string, i int) int {
	if i+1 >= len(s) || s[i] != '{' {
		return -1
	}
	var closer string
	switch s[i+1] {
	case '{':
		closer = "}}"
	case '%':
		closer = "%}"
	default:
		return -1
	}
	rest := s[i+2:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	j := strings.Index(rest, closer)
	if j < 0 {
		return -1
	}
	return i + 2 + j + 2
}

// rwClass classifies a URL.
type rwClass int

const (
	rwEmpty    rwClass = iota // ""
	rwFragment                // "#top"
	rwQuery                   // "?page=2"
	rwLiquid                  // "{{ site.baseurl }}/x", any URL starting with Liquid
	rwAbsolute                // "https://host/x", any scheme followed by "//"
	rwOpaque                  // "mailto:x", "tel:", "data:", "javascript:"
	rwNetwork                 // "//host/x"
	rwRoot                    // "/x"
	rwRelative                // "x", "../x"
)

// rwURL is a URL cut into three parts, each as written: head is the
// scheme and authority ("https://host", "//host") or the scheme of an
// opaque URL ("mailto:"); path runs to the first "?" or "#" outside
// Liquid; tail is the query and fragment.
type rwURL struct {
	class            rwClass
	head, path, tail string
}

func (u rwURL) String() string { return u.head + u.path + u.tail }

// internal reports whether the URL points into the site: root-relative,
// relative, or starting with Liquid (such as {{ site.baseurl }}).
func (u rwURL) internal() bool {
	return u.class == rwRoot || u.class == rwRelative || u.class == rwLiquid
}

// web reports whether the URL's path is a web path: internal, or an
// http(s) or protocol-relative URL.
func (u rwURL) web() bool {
	if u.internal() || u.class == rwNetwork {
		return true
	}
	if u.class != rwAbsolute {
		return false
	}
	s := strings.ToLower(u.head)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// rwSchemeEnd returns the length of the scheme of s, colon included, or
// 0 when s has none.
func rwSchemeEnd(s string) int {
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

// rwCutTail returns the offset of the first "?" or "#" of s outside
// Liquid, or len(s).
func rwCutTail(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?', '#':
			return i
		case '{':
			if end := rwLiquidEnd(s, i); end > 0 {
				i = end - 1
			}
		}
	}
	return len(s)
}

// rwParse cuts u into its parts.
func rwParse(u string) rwURL {
	var r rwURL
	switch {
	case u == "":
		return r
	case u[0] == '#':
		return rwURL{class: rwFragment, tail: u}
	case u[0] == '?':
		return rwURL{class: rwQuery, tail: u}
	case rwLiquidEnd(u, 0) > 0:
		r.class = rwLiquid
	case strings.HasPrefix(u, "//"):
		r.class = rwNetwork
		end := 2 + strings.IndexAny(u[2:]+"/", "/?#")
		r.head, u = u[:end], u[end:]
	case u[0] == '/':
		r.class = rwRoot
	default:
		if n := rwSchemeEnd(u); n > 0 {
			if strings.HasPrefix(u[n:], "//") {
				r.class = rwAbsolute
				end := n + 2 + strings.IndexAny(u[n+2:]+"/", "/?#")
				r.head, u = u[:end], u[end:]
			} else {
				r.class = rwOpaque
				r.head, u = u[:n], u[n:]
			}
		} else {
			r.class = rwRelative
		}
	}
	t := rwCutTail(u)
	r.path, r.tail = u[:t], u[t:]
	return r
}

// rwHex returns the value of a hex digit, or -1.
func rwHex(c byte) int {
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

// rwEscapeAt reports whether s[i:] starts with a valid percent escape,
// and its byte.
func rwEscapeAt(s string, i int) (byte, bool) {
	if i+2 >= len(s) || s[i] != '%' {
		return 0, false
	}
	h, l := rwHex(s[i+1]), rwHex(s[i+2])
	if h < 0 || l < 0 {
		return 0, false
	}
	return byte(h<<4 | l), true
}

// rwDecode percent-decodes s outside Liquid, as the CMS compares paths
// (decodeURIComponent); a "%" that starts no valid escape stays.
func rwDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '{' {
			if end := rwLiquidEnd(s, i); end > 0 {
				b = append(b, s[i:end]...)
				i = end - 1
				continue
			}
		}
		if c, ok := rwEscapeAt(s, i); ok {
			b = append(b, c)
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// rwRawIndex returns the offset in raw at which the first n bytes of
// rwDecode(raw) end, or -1 when that is not between two characters of
// raw.
func rwRawIndex(raw string, n int) int {
	d := 0
	for i := 0; i <= len(raw); i++ {
		if d == n {
			return i
		}
		if d > n || i == len(raw) {
			return -1
		}
		if raw[i] == '{' {
			if end := rwLiquidEnd(raw, i); end > 0 {
				d += end - i
				i = end - 1
				continue
			}
		}
		if _, ok := rwEscapeAt(raw, i); ok {
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

// String returns "raw", "spaces" or "percent".
func (s EncodeStyle) String() string {
	switch s {
	case EncodeRaw:
		return "raw"
	case EncodeSpaces:
		return "spaces"
	case EncodePercent:
		return "percent"
	}
	return "EncodeStyle(" + strconv.Itoa(int(s)) + ")"
}

// rwKeepEscaped reports whether an escaped byte must stay escaped: it
// would mean something else raw ("/", "?", "#", "%") or it is a control
// character.
func rwKeepEscaped(c byte) bool {
	return c == '/' || c == '?' || c == '#' || c == '%' || c < 0x20 || c == 0x7f
}

// rwPercentKeep reports whether EncodePercent writes the ASCII byte c
// raw: letters, digits and the characters markdown-it's encoder keeps.
func rwPercentKeep(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte(";/?:@&=+$,-_.!~*'()#", c) >= 0
}

const rwUpperHex = "0123456789ABCDEF"

func rwAppendEscape(b []byte, c byte) []byte {
	return append(b, '%', rwUpperHex[c>>4], rwUpperHex[c&15])
}

// rwEncodePath rewrites path (no query or fragment) in style, leaving
// Liquid alone.
func rwEncodePath(path string, style EncodeStyle) string {
	b := make([]byte, 0, len(path)+8)
	for i := 0; i < len(path); {
		c := path[i]
		if c == '{' {
			if end := rwLiquidEnd(path, i); end > 0 {
				b = append(b, path[i:end]...)
				i = end
				continue
			}
		}
		if _, ok := rwEscapeAt(path, i); ok {
			// A run of escapes: decode the UTF-8 characters it holds.
			j := i
			var run []byte
			for {
				e, ok := rwEscapeAt(path, j)
				if !ok {
					break
				}
				run = append(run, e)
				j += 3
			}
			for k := 0; k < len(run); {
				r, n := utf8.DecodeRune(run[k:])
				esc := path[i+3*k : i+3*k+3*n]
				switch {
				case r == utf8.RuneError && n <= 1, n == 1 && rwKeepEscaped(run[k]):
					b = append(b, esc...) // kept as written
				default:
					b = rwAppendChar(b, path[i+3*k:i+3*k+3*n], string(run[k:k+n]), style)
				}
				k += n
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(path[i:])
		if r == utf8.RuneError && n <= 1 {
			b = rwAppendEscape(b, c) // invalid UTF-8 is never raw
			i++
			continue
		}
		b = rwAppendChar(b, "", path[i:i+n], style)
		i += n
	}
	return string(b)
}

// rwAppendChar appends the character ch (one rune, decoded) in style.
// esc is how it was written when it was escaped.
func rwAppendChar(b []byte, esc, ch string, style EncodeStyle) []byte {
	if len(ch) == 1 {
		c := ch[0]
		switch {
		case c == '%':
			if style == EncodePercent {
				return rwAppendEscape(b, c)
			}
			return append(b, c)
		case c == ' ':
			if style == EncodeRaw {
				return append(b, c)
			}
			return append(b, "%20"...)
		case style == EncodePercent && !rwPercentKeep(c):
			if esc != "" {
				return append(b, strings.ToUpper(esc)...)
			}
			return rwAppendEscape(b, c)
		}
		if esc != "" && !rwSafeRaw(c) {
			return append(b, esc...)
		}
		return append(b, c)
	}
	if style == EncodePercent {
		for i := 0; i < len(ch); i++ {
			b = rwAppendEscape(b, ch[i])
		}
		return b
	}
	return append(b, ch...)
}

// rwSafeRaw reports whether the ASCII byte c, written escaped, may be
// decoded in styles raw and spaces: not a delimiter of Markdown or HTML
// contexts that the writers would have to escape again, nor a "{" that
// could start Liquid.
func rwSafeRaw(c byte) bool {
	return strings.IndexByte("\"'<>\\^`{|}[]()", c) < 0
}

// rwLowerPath lower-cases the characters of path, escaped ones
// included, leaving Liquid and the case of escapes of unchanged
// characters alone.
func rwLowerPath(path string) string {
	b := make([]byte, 0, len(path))
	for i := 0; i < len(path); {
		c := path[i]
		if c == '{' {
			if end := rwLiquidEnd(path, i); end > 0 {
				b = append(b, path[i:end]...)
				i = end
				continue
			}
		}
		if _, ok := rwEscapeAt(path, i); ok {
			j := i
			var run []byte
			for {
				e, ok := rwEscapeAt(path, j)
				if !ok {
					break
				}
				run = append(run, e)
				j += 3
			}
			for k := 0; k < len(run); {
				r, n := utf8.DecodeRune(run[k:])
				esc := path[i+3*k : i+3*k+3*n]
				lower := strings.ToLower(string(run[k : k+n]))
				if r == utf8.RuneError && n <= 1 || lower == string(run[k:k+n]) {
					b = append(b, esc...)
				} else {
					for x := 0; x < len(lower); x++ {
						b = rwAppendEscape(b, lower[x])
					}
				}
				k += n
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(path[i:])
		if r == utf8.RuneError && n <= 1 {
			b = append(b, c)
			i++
			continue
		}
		b = append(b, strings.ToLower(path[i:i+n])...)
		i += n
	}
	return string(b)
}

// rwRemoveDots removes the "." and ".." segments of an absolute path as
// RFC 3986 (section 5.2.4) and browsers do; ".." at the root stays at
// the root.
func rwRemoveDots(p string) string {
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

// rwLooksLikeHost reports whether a relative path starts with a host
// name ("www.example.gov.sg/x", "go.gov.sg/abc"): an author who left out
// "https://". Such URLs are left alone rather than resolved.
func rwLooksLikeHost(path string) bool {
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
