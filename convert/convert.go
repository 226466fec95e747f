package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/enum"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// A Variant is the format of a page body, as the front matter key
// variant names it.
type Variant string

// The two variants of Isomer pages.
const (
	// Markdown: a kramdown Markdown body (variant: markdown, or no
	// variant key).
	Markdown Variant = "markdown"
	// Tiptap: the HTML that the IsomerCMS Tiptap editor saves
	// (variant: tiptap).
	Tiptap Variant = "tiptap"
)

// An Op is what [Converter.Convert] does to a page.
type Op int

const (
	// OpNormalize applies the front matter rules and, for a tiptap
	// page, writes the body in the CMS's canonical layout. A Markdown
	// body is left as it is.
	OpNormalize Op = iota
	// OpToTiptap converts the page to the tiptap variant (a tiptap page
	// is normalized).
	OpToTiptap
	// OpToMarkdown converts the page to the markdown variant (a
	// Markdown page is normalized).
	OpToMarkdown
	// OpRewrite only rewrites the page's URLs with the hook of
	// [WithRewrite], changing nothing but their bytes (see
	// [Rewrite]); front matter rules are not applied.
	OpRewrite
)

var ops = enum.New[Op]("convert.Op", []string{OpNormalize: "normalize", OpToTiptap: "to-tiptap", OpToMarkdown: "to-markdown", OpRewrite: "rewrite"})

// String returns "normalize", "to-tiptap", "to-markdown" or "rewrite".
func (o Op) String() string { return ops.String(o) }

// MarshalText encodes o as its name.
func (o Op) MarshalText() ([]byte, error) { return ops.MarshalText(o) }

// UnmarshalText decodes a name written by [Op.MarshalText].
func (o *Op) UnmarshalText(b []byte) error { return ops.UnmarshalText(b, o) }

// ErrVariant is the error in an [*Error] for a page whose variant key
// names neither markdown nor tiptap.
var ErrVariant = errors.New("unknown variant")

// ErrNotAPage is the error in an [*Error] for a file without front
// matter given to [Converter.Convert]: Jekyll copies such a file as it
// is, so it is not a page, and converting it would make it one. A
// site.Batch skips the same file (site.StatusSkipped) instead of failing it.
// (A file whose front matter lost its opening "---" line is converted by
// Convert with a review entry about it, and failed by a Batch with
// site.ErrNoFrontMatter.)
var ErrNotAPage = errors.New("no front matter: Jekyll copies the file as it is, it is not a page")

// An Error reports a page that an operation could not handle. Pos counts
// from the start of the page file; it is the zero Pos when the error has
// no position. Err is the error of the package that
// failed (a *frontmatter.ParseError, a *tiptap.ParseError, a
// *markdown.ParseError, …) or [ErrVariant].
type Error struct {
	Path string
	Pos  tiptapmd.Pos
	Err  error
}

// Error returns "path:line:column: message", leaving out what is unknown.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b bytes.Buffer
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(":")
	}
	if e.Pos.IsValid() {
		b.WriteString(e.Pos.String())
		b.WriteString(":")
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	msg := e.Message()
	if l := strings.ToLower(e.Path); strings.HasSuffix(l, ".yml") || strings.HasSuffix(l, ".yaml") {
		msg = strings.Replace(msg, "front matter: ", "YAML: ", 1) // a data file has none
	}
	b.WriteString(msg)
	return b.String()
}

// Message returns the message of e without its path and position, which
// reports give apart: the message of e.Err as [Error.Error] words it.
func (e *Error) Message() string {
	if e == nil || e.Err == nil {
		return "convert: unknown error"
	}
	return describe(e.Err)
}

// describe returns the message of err without the position that the
// errors of the lower packages carry: an [Error] states the position in
// the page file itself, and a body parser's position is relative to the
// body.
func describe(err error) string {
	var fe *frontmatter.ParseError
	if errors.As(err, &fe) && fe.Err != nil {
		if fe.Msg != "" {
			return "front matter: " + fe.Err.Error() + ": " + fe.Msg
		}
		return "front matter: " + fe.Err.Error()
	}
	var re *rewrite.Error
	if errors.As(err, &re) && re.Err != nil {
		what := re.Ref.Kind.String()
		if re.Ref.Field != "" {
			what += " " + re.Ref.Field
		}
		return fmt.Sprintf("rewriting %s %q: %v", what, re.Ref.URL, re.Err)
	}
	var te *tiptap.ParseError
	if errors.As(err, &te) && te.Err != nil {
		return "tiptap body: " + te.Err.Error()
	}
	var me *markdown.ParseError
	if errors.As(err, &me) && me.Err != nil {
		return "markdown body: " + me.Err.Error()
	}
	return err.Error()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// A Converter converts, normalizes and rewrites pages. Build it once with
// [New]; it is immutable and safe for concurrent use by multiple
// goroutines.
type Converter struct {
	cfg config
}

type config struct {
	md       markdown.Options
	mdOut    markdown.RenderOptions
	rules    frontmatter.Rule
	cmsStyle bool
	sniff    bool
	rewrite  rewrite.Func
	fields   []string
}

// An Option configures a [Converter].
type Option func(*config) error

// errNoConfig is the error of an Option called outside [New].
var errNoConfig = errors.New("convert: an Option is given to New, not called")

// WithBaseURL sets the value that {{ site.baseurl }} resolves to when
// Markdown is read. Default: "" (Isomer sites use baseurl "").
func WithBaseURL(u string) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.md.BaseURL = u
		return nil
	}
}

// WithKeepBaseURL keeps {{ site.baseurl }} in Markdown as literal text
// instead of resolving it. Default: false.
func WithKeepBaseURL(keep bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.md.KeepBaseURL = keep
		return nil
	}
}

// WithTypographer applies kramdown's typographic substitutions (curly
// quotes, en and em dashes, ellipses, guillemets) to Markdown text when
// it is read, so that a converted page shows the characters Jekyll
// showed. Default: true; false keeps the characters as they are written
// in the Markdown (see [markdown.Options].Typographer).
func WithTypographer(on bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.md.Typographer = on
		return nil
	}
}

// WithEscapeTypography writes the straight quotes, "--", "---", "...",
// "<<" and ">>" of a document into Markdown so that kramdown shows them
// as they are, escaping them where its typography would change them
// (see [markdown.RenderOptions].EscapeTypography). Default: true; false
// writes them plainly, and Jekyll then shows curly quotes, dashes, an
// ellipsis and guillemets where the tiptap page showed straight ones.
func WithEscapeTypography(on bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.mdOut.EscapeTypography = on
		return nil
	}
}

// WithLinkTargets writes {:target="_blank"} after Markdown links that
// open in a new tab. Default: false (the editor gives every link
// target="_blank", so the attribute carries no intent).
func WithLinkTargets(on bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.mdOut.LinkTargets = on
		return nil
	}
}

// WithFrontMatterRules selects the front matter rules every operation
// applies. Default: [frontmatter.DefaultRules]. Pass [frontmatter.NoRules]
// to leave front matter alone (apart from the variant key that a
// conversion sets).
func WithFrontMatterRules(r frontmatter.Rule) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}

		if r&^(frontmatter.AllRules|frontmatter.NoRules) != 0 {
			return fmt.Errorf("convert: unknown front matter rules %#x", uint32(r&^frontmatter.AllRules))
		}
		c.rules = r
		return nil
	}
}

// WithCMSStyle rewrites the whole front matter block in the style in which
// IsomerCMS saves it. Default: false, only the keys that change are
// rewritten.
func WithCMSStyle(on bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.cmsStyle = on
		return nil
	}
}

// WithSniffHTML treats a page without a variant key whose body is plainly
// HTML (it starts with a tag and has no line of Markdown block syntax) as
// a tiptap page. Default: false, a page without a variant is Markdown, as
// Isomer reads it.
func WithSniffHTML(on bool) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}
		c.sniff = on
		return nil
	}
}

// WithRewrite sets a hook that every operation applies once to every
// reference of a page: links, images, iframes, card links and the front
// matter fields that hold paths (see [WithRewriteFields]). Several
// WithRewrite options compose in the order given, as [rewrite.Chain] does.
// Default: none, URLs are kept as they are.
//
// When a page is converted, or a tiptap page normalized, the hook runs on
// the document between reading and writing; when a Markdown page is
// normalized, its body is kept as written and only the bytes of changed
// URLs change, as [rewrite.Markdown] does.
func WithRewrite(fn rewrite.Func) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}

		if fn == nil {
			return errors.New("convert: WithRewrite: nil RewriteFunc")
		}
		c.rewrite = rewrite.Chain(c.rewrite, fn)
		return nil
	}
}

// WithRewriteFields names the front matter keys whose values the rewrite
// hook sees, at any depth. Default: every value that is a URL or holds
// links (as [rewrite.FrontMatter] with nil fields); name "permalink"
// (with the other keys wanted) to move pages with [rewrite.PermalinkMap].
func WithRewriteFields(keys ...string) Option {
	return func(c *config) error {
		if c == nil {
			return errNoConfig
		}

		c.fields = append([]string(nil), keys...)
		return nil
	}
}

// New returns a Converter configured by opts. It checks every option and
// returns the first error.
func New(opts ...Option) (*Converter, error) {
	c := &Converter{cfg: config{
		md:    markdown.Options{Typographer: true},
		mdOut: markdown.RenderOptions{EscapeTypography: true},
	}}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c.cfg); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ToTiptap converts a page to the tiptap variant with a Converter built
// from opts. See [Converter.Convert].
func ToTiptap(src []byte, opts ...Option) ([]byte, *Report, error) {
	return run(OpToTiptap, src, opts)
}

// ToMarkdown converts a page to the markdown variant with a Converter
// built from opts. See [Converter.Convert].
func ToMarkdown(src []byte, opts ...Option) ([]byte, *Report, error) {
	return run(OpToMarkdown, src, opts)
}

// Normalize normalizes a page with a Converter built from opts. See
// [Converter.Convert].
func Normalize(src []byte, opts ...Option) ([]byte, *Report, error) {
	return run(OpNormalize, src, opts)
}

func run(op Op, src []byte, opts []Option) ([]byte, *Report, error) {
	c, err := New(opts...)
	if err != nil {
		return nil, nil, err
	}
	return c.Convert(op, "", src)
}

// ToTiptap converts a page to the tiptap variant; see [Converter.Convert].
func (c *Converter) ToTiptap(src []byte) ([]byte, *Report, error) {
	return c.Convert(OpToTiptap, "", src)
}

// ToMarkdown converts a page to the markdown variant; see
// [Converter.Convert].
func (c *Converter) ToMarkdown(src []byte) ([]byte, *Report, error) {
	return c.Convert(OpToMarkdown, "", src)
}

// Normalize normalizes a page; see [Converter.Convert].
func (c *Converter) Normalize(src []byte) ([]byte, *Report, error) {
	return c.Convert(OpNormalize, "", src)
}

// Convert applies op to the page src and returns the new page and a
// report. path, which may be empty, names the page in the report and in
// errors.
//
// The page's variant comes from its front matter (no variant key means
// markdown). Converting sets the variant key; converting a page to the
// variant it already has normalizes it. Every operation applies the
// configured front matter rules, reads its result back and compares it
// with the source: visible text and the numbers of links, images,
// tables, list items and headings. Each difference, each change of front
// matter and everything the target cannot hold as it was is an entry of
// the report, with its line and column in the source page file.
//
// The error, when the page cannot be handled at all, is an [*Error]; src
// is never modified. A file without front matter is not a page: Convert
// returns [ErrNotAPage], as a site.Batch skips it; add front matter (even an
// empty "---\n---\n") to convert a body alone.
func (c *Converter) Convert(op Op, path string, src []byte) ([]byte, *Report, error) {
	return c.convert(op, path, src, nil)
}

// ConvertContext is [Converter.Convert] under ctx (nil: none): between
// the parts of the page (the front matter, reading the body, writing it,
// reading it back) it stops with the cause of ctx ([context.Cause]) once
// ctx is done. at, when not nil, is called as each part starts, with what
// it is ("the markdown body") and the line of the page file where it
// starts, so that a caller enforcing a time budget can tell where a page
// was abandoned.
func (c *Converter) ConvertContext(ctx context.Context, op Op, path string, src []byte, at func(what string, line int)) ([]byte, *Report, error) {
	return c.convert(op, path, src, &tracker{ctx: ctx, at: at})
}

// convert is Convert, telling t (which may be nil) which part of the
// page it works on, and stopping between parts once t is stopped.
func (c *Converter) convert(op Op, path string, src []byte, t *tracker) ([]byte, *Report, error) {
	if c == nil {
		c = &Converter{}
	}
	t.enter("the front matter", 1)
	if op == OpRewrite {
		return Rewrite(path, path, src, c.cfg.rewrite, c.cfg.fields)
	}
	fail := func(line, col int, err error) ([]byte, *Report, error) {
		return nil, nil, &Error{Path: path, Pos: tiptapmd.Pos{Line: line, Column: col}, Err: err}
	}
	page, err := frontmatter.Parse(src)
	if err != nil {
		var pe *frontmatter.ParseError
		if errors.As(err, &pe) {
			return fail(pe.Pos.Line, pe.Pos.Column, err)
		}
		return fail(0, 0, err)
	}
	if !page.HasFrontMatter() && !missingOpen(page) {
		// Jekyll copies a file without front matter as it is: it is not a
		// page, and a Batch skips it (StatusSkipped).
		return fail(0, 0, ErrNotAPage)
	}
	from, err := c.variant(page)
	if err != nil {
		v, _ := page.Get("variant")
		return fail(v.Pos.Line, v.Pos.Column, err)
	}
	to := from
	switch op {
	case OpToTiptap:
		to = Tiptap
	case OpToMarkdown:
		to = Markdown
	case OpNormalize:
	default:
		return fail(0, 0, fmt.Errorf("convert: unknown operation %v", op))
	}
	r := &Report{Path: path, Op: op, From: from, To: to}
	bodyLine := page.BodyLine() - 1
	// A variant entry points at the variant key, or where the key is
	// added: the closing line of the front matter (line 1 of a page
	// without one, which gets a block).
	variant := tiptapmd.Note{Code: CodeVariant, Severity: tiptapmd.Info, Pos: tiptapmd.Pos{Line: 1}}
	if v, ok := page.Get("variant"); ok {
		variant.Pos = v.Pos
	} else if page.HasFrontMatter() {
		variant.Line = max(1, bodyLine)
	}
	for _, w := range page.Warnings() {
		r.add(tiptapmd.Note{Code: CodeWarning, Severity: tiptapmd.Review, Message: w.Message, Pos: w.Pos})
	}

	info := rewrite.PageInfo{Path: path}
	if pl, ok := page.String("permalink"); ok {
		info.Permalink = pl
	}
	body := page.Body()
	if t.stopped() {
		return nil, nil, t.err()
	}
	t.enterBody("the ", from, " body", bodyLine+1)
	read := from // the variant the body is written in
	if from == Tiptap && markdownBody(body) {
		read = Markdown
		r.add(tiptapmd.Note{Code: CodeMarkdownBody, Severity: tiptapmd.Review, Pos: tiptapmd.Pos{Line: bodyLine + 1, Column: 1},
			Message: "the page says variant: tiptap but its body is Markdown (no HTML tag starts it), as the CMS and Jekyll show it; it is read as Markdown"})
	}
	if c.cfg.rewrite != nil && read == Markdown && to == Markdown {
		out, _, err := rewrite.Markdown(body, info, c.cfg.rewrite)
		if err != nil {
			return fail(rewriteErrorPos(err, bodyLine), 0, err)
		}
		page.SetBody(out)
		body = page.Body()
	}
	doc, notes, err := c.read(read, body)
	if err != nil {
		line, col := bodyErrorPos(err)
		if line > 0 {
			line += bodyLine
		}
		return fail(line, col, err)
	}
	if !(read == Markdown && to == Markdown) {
		// A Markdown body that is kept as written loses nothing.
		for _, n := range notes {
			r.add(noteEntry(n, bodyLine))
		}
	}
	r.Before = statsOf(doc)
	for _, e := range imageSizeEntries(doc, from, to, bodyLine) {
		r.add(e)
	}

	if c.cfg.rewrite != nil && !(read == Markdown && to == Markdown) {
		if err := rewrite.Doc(doc, info, bodyLine, c.cfg.rewrite); err != nil {
			return fail(rewriteErrorPos(err, 0), 0, err)
		}
	}
	if c.cfg.rewrite != nil {
		if _, err := rewrite.FrontMatter(page, info, c.cfg.fields, c.cfg.rewrite); err != nil {
			return fail(rewriteErrorPos(err, 0), 0, err)
		}
	}

	if read == Markdown && to == Markdown {
		// A Markdown body has no canonical form: normalizing keeps it as
		// written.
		r.After = r.Before
	} else {
		if t.stopped() {
			return nil, nil, t.err()
		}
		t.enterBody("writing the ", to, " body", bodyLine+1)
		out, written, wnotes, err := c.write(to, doc)
		if err != nil {
			line, col := bodyErrorPos(err)
			if line > 0 {
				line += bodyLine
			}
			return fail(line, col, err)
		}
		for _, n := range wnotes {
			r.add(noteEntry(n, 0))
		}
		if t.stopped() {
			return nil, nil, t.err()
		}
		t.enterBody("reading back the ", to, " body", bodyLine+1)
		// A tiptap result is read back once for both checks, what it
		// shows and what the CMS's first save will change, reusing what
		// writing it learnt.
		var back *tiptap.Node
		var saved []byte
		if written != nil {
			back, saved, err = written.ReadBack()
		} else {
			// A Markdown result is read back for its stats alone.
			back, err = markdown.Read(out, c.cfg.md)
		}
		if err != nil {
			return fail(0, 0, fmt.Errorf("convert: the %s result does not read back: %w", to, err))
		}
		r.After = afterStats(doc, back, r.Before, c.cfg.rewrite == nil)
		compareStats(r, r.Before, r.After)
		if to == Tiptap {
			for _, e := range cmsResaveEntries(doc, back, out, saved, bodyLine) {
				r.add(e)
			}
		}
		page.SetBody(out)
	}

	if v, _ := page.String("variant"); op != OpNormalize && v != string(to) {
		page.SetVariant(string(to))
		variant.Message = "variant set to " + string(to)
		r.add(variant)
	}
	if c.cfg.rules != frontmatter.NoRules || c.cfg.cmsStyle {
		for _, ch := range page.Normalize(frontmatter.NormalizeOptions{Rules: c.cfg.rules, CMSStyle: c.cfg.cmsStyle}) {
			r.add(changeEntry(ch))
		}
	}
	out := page.Bytes()
	r.Changed = !bytes.Equal(out, src)
	return out, r, nil
}

// missingOpen reports a page whose front matter lost its opening line.
func missingOpen(page *frontmatter.Page) bool {
	for _, w := range page.Warnings() {
		if w.Code == frontmatter.WarnMissingOpen {
			return true
		}
	}
	return false
}

// variant returns the variant of page.
func (c *Converter) variant(page *frontmatter.Page) (Variant, error) {
	v, ok := page.String("variant")
	switch {
	case !ok:
		if c.cfg.sniff && plainlyHTML(page.Body()) {
			return Tiptap, nil
		}
		return Markdown, nil
	case v == string(Markdown):
		return Markdown, nil
	case v == string(Tiptap):
		return Tiptap, nil
	}
	return "", fmt.Errorf("%w %q: Isomer pages are markdown or tiptap", ErrVariant, v)
}

// read parses a body of variant v into a document.
func (c *Converter) read(v Variant, body []byte) (*tiptap.Node, []tiptapmd.Note, error) {
	if v == Tiptap {
		return tiptap.ParseHTML(body)
	}
	return markdown.Parse(body, c.cfg.md)
}

// write renders doc as a body of variant v; a tiptap body comes with
// what reading it back can reuse.
func (c *Converter) write(v Variant, doc *tiptap.Node) ([]byte, *tiptap.Written, []tiptapmd.Note, error) {
	if v == Tiptap {
		w, err := tiptap.Write(doc)
		if err != nil {
			return nil, nil, nil, err
		}
		return w.HTML, w, nil, nil
	}
	out, notes, err := markdown.Render(doc, c.cfg.mdOut)
	return out, nil, notes, err
}

// rewriteErrorPos returns the line of the reference a *rewrite.Error is
// about, moved down by line lines; 0 when unknown.
func rewriteErrorPos(err error, line int) int {
	var re *rewrite.Error
	if errors.As(err, &re) && re.Ref.Pos.IsValid() {
		return re.Ref.Pos.Line + line
	}
	return 0
}

// bodyErrorPos returns the body-relative position of a reader's or a
// writer's error.
func bodyErrorPos(err error) (line, col int) {
	var te *tiptap.ParseError
	if errors.As(err, &te) {
		return te.Pos.Line, te.Pos.Column
	}
	var me *markdown.ParseError
	if errors.As(err, &me) {
		return me.Pos.Line, me.Pos.Column
	}
	var se *tiptap.SchemaError
	if errors.As(err, &se) {
		return se.Pos.Line, se.Pos.Column
	}
	return 0, 0
}

// markdownBody reports whether the body of a variant: tiptap page is
// Markdown rather than the editor's HTML: it has text and does not start
// with a tag. The editor writes every block as an element, so a body it
// saved always starts with "<"; one that does not was written by hand or
// left as it was when the variant was switched in Page Settings. The
// editor loads such a body as Markdown (through markdown-it) and Jekyll
// renders it as Markdown.
func markdownBody(body []byte) bool {
	t := bytes.TrimLeft(body, " \t\r\n")
	return len(t) > 0 && t[0] != '<'
}

// plainlyHTML reports whether a body is HTML rather than Markdown: it
// starts with a tag, and no line starts with Markdown block syntax.
func plainlyHTML(body []byte) bool {
	t := bytes.TrimSpace(body)
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	for _, line := range bytes.Split(t, []byte("\n")) {
		l := bytes.TrimRight(line, "\r")
		if bytes.HasPrefix(l, []byte("    ")) || bytes.HasPrefix(l, []byte("\t")) {
			return false
		}
		l = bytes.TrimLeft(l, " ")
		if len(l) == 0 {
			continue
		}
		switch l[0] {
		case '#', '>', '|', '!', '[':
			return false
		case '-', '*', '+':
			if len(l) > 1 && l[1] == ' ' {
				return false
			}
		}
		if i := bytes.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' ' {
			return false
		}
	}
	return true
}
