// Package frontmatter reads, edits and normalizes the YAML front matter of
// Jekyll and Isomer pages: a "---" line, YAML, a closing "---" (or "...")
// line, then the body.
//
// [Split] cuts a page at its front matter exactly as Jekyll does and never
// anywhere else: a "---" inside a value, a table row "|---|", a thematic
// break or a setext underline in the body are left alone. [Parse] splits
// and parses the YAML into a [Page] whose keys can be read ([Page.Get],
// [Page.String]) and edited ([Page.Set], [Page.Delete], [Page.Rename],
// [Page.SetVariant]). Edits rewrite only the lines of the keys they touch,
// so key order, comments, quoting and unknown keys survive, and a page
// that is not edited writes back byte for byte ([Page.Bytes]), byte order
// mark and CRLF line endings included.
//
// Values stay as written: a date such as 2024-12-30 is the text
// "2024-12-30" (with the tag "!!timestamp"), 1.10 stays "1.10", and no and
// yes keep their spelling. Values written by this package are quoted when
// Jekyll's YAML 1.1 reader would otherwise read them as something other
// than the string given.
//
// [Page.Strings] lists the string values of the front matter at any
// depth (nested mappings and lists, such as a homepage's sections) and
// [Page.SetString] sets one, changing only the bytes that must change;
// [ParseData] does the same for a site's YAML files (_config.yml,
// _data/*.yml), which have no front matter delimiters.
//
// [Normalize] and [Page.Normalize] apply Isomer's rules for front matter,
// each selectable on its own ([Rule]) and each reporting what it changed
// ([Change]): permalink slashes, the variant key, legacy keys and layouts,
// HTML entities, line breaks and white space in values, repeated keys. On
// request they also rewrite the block in the style in which IsomerCMS
// saves it ([NormalizeOptions.CMSStyle]). Normalizing twice gives the same
// page as normalizing once.
//
// # Errors
//
// A page that cannot be read gives a [*ParseError] with the line and
// column in the page file and one of the Err* sentinels, to be tested with
// [errors.Is]. A page without front matter is not an error. Things worth
// knowing that do not stop parsing, such as a repeated key, are reported
// by [Page.Warnings] as notes ([tiptapmd.Note]) with the Warn* codes.
//
// # Concurrency
//
// The package keeps no global state. A [Page] is a plain value owned by its
// caller and not safe for concurrent use; distinct pages may be used from
// distinct goroutines.
package frontmatter
