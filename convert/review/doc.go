// Package review writes the review page of a run: one self-contained
// HTML file that shows a migration team what a batch did to a site.
//
// At the top is the run's summary (pages by verdict with a chart,
// entries by code, missing and unreferenced assets, broken internal
// links) and the pages that need review, worst first. Each page that
// needs review or failed has a section of its own: its entries, the
// source lines around each, and the page before and after, rendered
// side by side, with what differs marked on both sides (words added and
// removed, elements dropped or unwrapped, images resized, links
// changed); the worst 100 only, for a browser to open the page of a big
// run quickly, the others with their entries and source lines. The pages
// that need nothing from the reviewer are listed.
//
// The page needs no network and runs no script. The pages' own HTML is
// sanitized and shown in sandboxed frames, under a content
// security policy that forbids every fetch but inline styles and data:
// images; the site's images, which the page does not have, are shown
// as boxes with their alt text and size.
//
// The input is plain data ([Run], [Page]) that a batch fills in; [Write]
// writes the page.
package review
