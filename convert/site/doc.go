// Package site runs operations over the pages of whole Isomer sites: a
// [Batch] applies a [PageFunc] (such as [Convert] of a
// convert.Converter, or [RewritePageFunc]) to many pages or whole sites
// ([Walk] picks the page files, [WalkData] the YAML files, see
// [Batch.DataFiles]) with bounded concurrency and a [context.Context].
//
// Results arrive in a deterministic order; one failing page never stops
// the batch, nor does a page over its time or memory budget, which fails
// alone with [ErrBudget] (see the limits of that guarantee at [Batch]);
// files are written atomically and never outside the output directory,
// read-only files are left alone, and a lock file ([LockName]) keeps two
// batches from writing one folder at once; a dry run writes nothing and
// can give unified diffs ([Batch.Diff]); a [ReportWriter] writes the
// results as JSON or CSV.
//
// [BuildInventory] lists a site's assets and checks every reference to
// them (from pages, data files and the theme) against its files, lists
// its pages with the URLs Jekyll serves them at, and the links to pages
// that do not exist, with the closest page. Its unreferenced files are
// for review, never a list of files to delete.
package site
