// Package convert is the front door of tiptapmd for migration scripts: it
// converts whole Isomer pages between the markdown and tiptap variants,
// normalizes them, rewrites the paths they reference, and reports every
// difference a step makes.
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
// an [Entry] of the [Report], with a code, a [Severity] and the line and
// column in the source page.
//
// Severity means what a visitor sees. [SeverityReview] marks a change
// that shows on the rendered page: text, links, images, layout (a
// column grid that becomes one column, widths, floats), sizes, colours,
// borders, spacing, alignment, text styling or behaviour, and each such
// entry says in a visitor's words what will look different.
// [SeverityInfo] marks a change no visitor sees: an id, a comment,
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
// [Converter.Convert] returns [ErrNotAPage] for it, and a [Batch] skips
// it.
//
// # Rewriting paths
//
// A [RewriteFunc] sees every reference of a page once (links, images,
// iframes, srcset candidates, card links, CSS url() and the front matter
// fields that hold paths) and returns the URL to use. Built-in rewriters
// compose with [Chain]: [PrefixMap], [PermalinkMap], [StripBaseURL],
// [OwnDomain], [RootRelative], [Lowercase] and [Encode]; they compare
// paths decoded, so raw, %20 and percent-encoded forms of a path match,
// and they keep #anchor and ?query. [WithRewrite] applies a hook during
// conversions; [RewritePage] (and [OpRewrite]) rewrites a page without
// converting it, changing only the bytes of the URLs.
//
// # Batches
//
// [Batch] runs an operation ([Converter.PageFunc], [RewritePageFunc]) over
// many pages or whole sites ([WalkSite] picks the page files) with bounded
// concurrency and a [context.Context]. Results arrive in a deterministic
// order; one failing page never stops the batch; files are written
// atomically and never outside the output directory; a dry run writes
// nothing and can show unified diffs ([Diff]); [ReportWriter] writes the
// report as JSON or CSV.
//
// # Errors
//
// A page that cannot be read (broken front matter, an unknown variant,
// HTML nested beyond what can be read) gives an [*Error] with the path,
// line and column; the source bytes are never modified.
package convert
