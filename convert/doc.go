// Package convert converts one Isomer page: between the markdown and
// tiptap variants, normalized, or with its paths rewritten, with a report
// of every difference the step makes. It is the front door of tiptapmd
// for migration scripts; the URL rewriters it applies are package
// [rewrite], and runs over whole sites (batches, report files, the
// inventory) are package site.
//
// A page is front matter plus a body. [Converter.Convert] reads the
// front matter with package frontmatter, the body into the document
// model of package tiptap (through package markdown for a Markdown body),
// writes the body in the target variant, sets the variant key and
// applies the front matter rules:
//
//	out, report, err := convert.ToTiptap(page)
//
// For many pages, build a [Converter] once with [New] and options, and
// call its methods from as many goroutines as you like.
//
// # Reports
//
// Nothing is lost silently. Every operation reads its own result back
// and compares it with the source (visible text, and the numbers of
// links, images, tables, list items and headings); each difference, each
// construct the target cannot hold as it was, each front matter change is
// a note of the [Report] (a [tiptapmd.Note]), with a code, a severity
// ([tiptapmd.Review] for what a visitor sees, [tiptapmd.Info] otherwise)
// and the line and column in the source page.
//
// A tiptap result is also checked against the CMS itself: editors will
// open the converted pages in IsomerCMS and save them, and whatever that
// first save changes is a change the migration caused. Bodies are
// written so that the save gives back the same bytes wherever that keeps
// the page as it is (see package tiptap, "Surviving the CMS"); where it
// cannot (the CMS's layout would add or drop a space around a link, or
// its editor would turn the last word of the first paragraph into a
// link), tiptapmd does not copy the damage and reports it instead: each
// block the save will change gets a [CodeCMSResave] entry, of severity
// review, that says what a visitor will see change. A page gets such an
// entry exactly when [tiptap.Resave] of its body differs from it.
//
// # Active content
//
// No operation makes a page more active than it was. A tiptap result
// carries no script but the Instagram embed script the CMS allow-lists,
// no event handler, no javascript:, vbscript: or data: URL and no srcdoc,
// the line the CMS's sanitiser draws; what is removed is an entry for
// review. A Markdown result never turns into markup what the tiptap page
// showed as text. A rewrite never writes a script URL ([rewrite.ErrUnsafeURL]).
//
// A page that says variant: tiptap but whose body does not start with a
// tag (a variant switched in the CMS's Page Settings and never saved
// from the editor) is read as the Markdown that the CMS and Jekyll show,
// with a [CodeMarkdownBody] entry.
// Severity means what a visitor sees. [tiptapmd.Review] marks a change
// that shows on the rendered page: text, links, images, layout (a
// column grid that becomes one column, widths, floats), sizes, colours,
// borders, spacing, alignment, text styling or behaviour, and each such
// entry says in a visitor's words what will look different.
// [tiptapmd.Info] marks a change no visitor sees: an id, a comment,
// attribute order, markup written in the dialect's form. A dropped class
// needs review unless it is known to be unstyled (Word's Mso* classes,
// the dialect's own): the tool cannot see the site's CSS, and takes the
// safe side.
//
// [Report.Verdict] sums a page up in one word: [VerdictUnchanged],
// [VerdictInvisible] (changed, but a visitor sees the same page) or
// [VerdictReview]; a batch adds [VerdictFailed]. Pages laid out by their
// layout alone (layout: homepage, the search page, an empty body) change
// only in their front matter when converted: their verdict is
// [VerdictInvisible], and the CMS shows them as the tiptap pages they
// now are.
//
// A file without front matter is not a page: Jekyll copies it as it is.
// [Converter.Convert] returns [ErrNotAPage] for it, and a site.Batch skips
// it.
//
// # Rewriting paths
//
// [WithRewrite] gives a [rewrite.Func] every reference of a page once
// during a conversion (links, images, iframes, card links, and the front
// matter values that hold URLs; see package rewrite for the built-in
// rewriters and how they compose). [Rewrite] (and [OpRewrite]) rewrites
// a page or a site's YAML file without converting it, changing only the
// bytes of the URLs, with an entry for each URL: it refuses a new URL of
// another kind ("//suppliers/" for "/suppliers/", [CodeKindChanged]) with
// a review entry.
//
// # Sites
//
// Package site runs an operation over many pages or whole sites
// (site.Convert makes one from a Converter), writes report files, and
// builds a site's asset inventory. [Converter.ConvertContext] is what it
// uses to stop a page over its time budget.
//
// # Errors
//
// A page that cannot be read (broken front matter, an unknown variant,
// HTML nested beyond what can be read) gives an [*Error] with the path,
// line and column; the source bytes are never modified.
package convert
