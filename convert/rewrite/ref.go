package rewrite

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/enum"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// A Kind tells what a [Ref] points at.
type Kind int

// The kinds of [Ref].
const (
	// KindLink is a link a visitor follows: a Markdown link, reference
	// definition or autolink, or the href of <a> and <area> (and the
	// action of <form>, the formaction of buttons).
	KindLink Kind = iota + 1
	// KindImage is an image: a Markdown image, or the src of <img> (and
	// of <input type="image">, the poster of <video>).
	KindImage
	// KindIframe is an embedded page: the src of <iframe>, <frame> and
	// <embed>, the data of <object>.
	KindIframe
	// KindSrcset is one candidate URL of a srcset attribute.
	KindSrcset
	// KindCardLink is the link of a Tiptap clickable card: the href of
	// <a class="isomer-card">.
	KindCardLink
	// KindFrontMatter is a front matter value that holds a path, such as
	// image or file_url; Ref.Field names the key.
	KindFrontMatter
	// KindResource is another resource a page loads: the href of <link>,
	// the src of <script>, <audio>, <video>, <source> and <track>, and
	// url() in CSS (style attributes and <style> elements).
	KindResource
)

var kinds = enum.New[Kind]("rewrite.Kind", []string{KindLink: "link", KindImage: "image", KindIframe: "iframe", KindSrcset: "srcset", KindCardLink: "card-link", KindFrontMatter: "front-matter", KindResource: "resource"})

// String returns the name of the kind: "link", "image", "iframe",
// "srcset", "card-link", "front-matter" or "resource".
func (k Kind) String() string { return kinds.String(k) }

// PageInfo says where a page lives in its site, so that rewriters can
// resolve relative URLs.
type PageInfo struct {
	// Path is the page's file in the site, slash-separated and without
	// a leading slash: "pages/about.md", "_posts/2024-01-02-x.md".
	Path string
	// Permalink is the URL path the page is served at, "/about/". When
	// it is empty, pages outside underscore folders are taken to be
	// served from their folder, as Jekyll serves them.
	Permalink string
}

// A Ref is one reference to a URL in a page: a link, image, iframe,
// srcset candidate, card link, CSS url() or front matter path. A
// [Func] receives each one.
type Ref struct {
	Kind Kind
	// URL is the URL as the page means it, as a browser reads it from
	// the HTML Jekyll makes: character references (&amp;) decoded, in
	// attribute values and in Markdown destinations alike; leading and
	// trailing white space of attribute values left out; backslashes
	// and percent-escapes as written (kramdown keeps them). Liquid
	// ({{ … }}, {% … %}) is kept as written. An e-mail autolink <a@b.c>
	// has the URL "mailto:a@b.c".
	URL string
	// Field is the front matter key of a KindFrontMatter, the attribute
	// name (lower case) of a URL in HTML, "style" for url() in CSS, and
	// "" for Markdown syntax.
	Field string
	// Page is the page the reference is in.
	Page PageInfo
	// Pos is where the URL starts in the page file (or in the body or
	// HTML passed to Markdown and HTML).
	Pos tiptapmd.Pos
}

// A Func returns the URL to use for ref. Returning ref.URL keeps
// the reference as it is, byte for byte; returning an error stops the
// rewriting of the page with a [*Error]. A nil Func keeps
// every reference.
//
// The URL returned is written the way its context needs (see
// [HTML] and [Markdown]), so it is given as the page
// should mean it: not HTML-escaped.
//
// The built-in RewriteFuncs ([PrefixMap], [PermalinkMap],
// [StripBaseURL], [OwnDomain], [RootRelative], [Lowercase], [Encode]
// and what [Chain] makes of them) keep no state and are safe for
// concurrent use; a Func used by concurrent rewrites must be too.
type Func func(ref Ref) (string, error)

// Chain returns a Func that applies fns in order, each seeing
// the URL the previous one returned. It stops at the first error. Nil
// funcs are skipped; Chain() keeps every URL.
func Chain(fns ...Func) Func {
	var list []Func
	for _, f := range fns {
		if f != nil {
			list = append(list, f)
		}
	}
	return func(ref Ref) (string, error) {
		for _, f := range list {
			u, err := f(ref)
			if err != nil {
				return "", err
			}
			ref.URL = u
		}
		return ref.URL, nil
	}
}

// These are the errors that can be returned in [Error.Err]
// besides the errors of the [Func] itself.
var (
	// ErrNoPageURL: a relative URL cannot be resolved because the URL of
	// the page is not known (a post or collection document without a
	// permalink, or a page without a path).
	ErrNoPageURL = errors.New("the URL of the page is not known: set PageInfo.Permalink")
	// ErrUnwritable: the new URL cannot be written where the old one
	// was without changing what the page means (the rewritten page
	// would not read back with the same references).
	ErrUnwritable = errors.New("the URL cannot be written in place")
	// ErrUnsafeURL: the new URL is a javascript:, vbscript: or data: URL,
	// which would make the page run script; a rewrite never writes one
	// (a URL the page already had is kept as it is).
	ErrUnsafeURL = errors.New("the new URL is a javascript:, vbscript: or data: URL")
)

// check returns ErrUnsafeURL when a rewrite from old to u would write
// a script URL that was not there.
func check(old, u string) error {
	if u != old && tiptap.UnsafeURL(u) {
		return ErrUnsafeURL
	}
	return nil
}

// An Error reports a reference that could not be rewritten: the
// Func failed on it, or its new URL could not be written back.
// Like [net/url.Error], it wraps the cause.
type Error struct {
	Ref Ref // the reference as found in the page
	Err error
}

// Error returns "convert: PATH:LINE:COL: rewriting KIND "URL": ERR".
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString("convert: ")
	if e.Ref.Page.Path != "" {
		b.WriteString(e.Ref.Page.Path)
		b.WriteString(":")
	}
	if e.Ref.Pos.IsValid() {
		b.WriteString(e.Ref.Pos.String())
		b.WriteString(": ")
	} else if e.Ref.Page.Path != "" {
		b.WriteString(" ")
	}
	what := e.Ref.Kind.String()
	if e.Ref.Field != "" {
		what += " " + e.Ref.Field
	}
	fmt.Fprintf(&b, "rewriting %s %q: %v", what, e.Ref.URL, e.Err)
	return b.String()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
