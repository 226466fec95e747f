package frontmatter_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// corpusPages returns the pages of the corpus of real Isomer pages: the
// in-repository sample, or the full corpus with TIPTAPMD_CORPUS=full
// (see internal/corpus).
func corpusPages(t testing.TB) []corpus.Page {
	t.Helper()
	return corpus.Pages(t)
}

// TestCorpus checks the package's promises on every real page: it splits
// and parses or fails with a typed error, writes back byte for byte when
// untouched, and normalizes idempotently with the default rules, with all
// rules, with the CMS style alone, and with both.
func TestCorpus(t *testing.T) {
	pages := corpusPages(t)
	optionSets := []frontmatter.NormalizeOptions{
		{},
		{Rules: frontmatter.AllRules},
		{Rules: frontmatter.NoRules, CMSStyle: true},
		{CMSStyle: true},
	}
	var parsed, noFM, failed int
	changed := make([]int, len(optionSets))
	warnings := map[tiptapmd.Code]int{}
	for _, pg := range pages {
		parts, err := frontmatter.Split(pg.Data)
		if err == nil {
			require.True(t, bytes.Equal(pg.Data, parts.Bytes()), "%s: Split then Bytes changes the page", pg.Path)
		}
		p, err := frontmatter.Parse(pg.Data)
		if err != nil {
			var pe *frontmatter.ParseError
			require.ErrorAs(t, err, &pe, pg.Path)
			failed++
			t.Logf("%s: %v", pg.Path, err)
			continue
		}
		parsed++
		if !p.HasFrontMatter() {
			noFM++
		}
		for _, w := range p.Warnings() {
			warnings[w.Code]++
			t.Logf("%s: %s", pg.Path, w)
		}
		require.True(t, bytes.Equal(pg.Data, p.Bytes()), "%s: an untouched page does not write back byte for byte", pg.Path)

		for i, opts := range optionSets {
			once, ch, err := frontmatter.Normalize(pg.Data, opts)
			require.NoError(t, err, pg.Path)
			if !bytes.Equal(once, pg.Data) {
				changed[i]++
			}
			assert.Equal(t, len(ch) > 0, !bytes.Equal(once, pg.Data), "%s (%+v): changes are reported when and only when the page changes", pg.Path, opts)
			twice, ch2, err := frontmatter.Normalize(once, opts)
			require.NoError(t, err, pg.Path)
			assert.Equal(t, string(once), string(twice), "%s (%+v): normalizing twice differs from once", pg.Path, opts)
			assert.Empty(t, ch2, "%s (%+v): the second pass reports changes", pg.Path, opts)
		}
	}
	t.Logf("corpus: %d pages: %d parsed (%d without front matter), %d failed; warnings %v; pages changed by Normalize: %d default rules, %d all rules, %d CMS style alone, %d default rules + CMS style",
		len(pages), parsed, noFM, failed, warnings, changed[0], changed[1], changed[2], changed[3])
	// What the corpus is known to hold (shared/docs/corpus-stats.md §7):
	// one page whose opening "---" is missing and one page with repeated
	// keys (title and permalink).
	assert.Equal(t, 1, warnings[frontmatter.WarnMissingOpen])
	assert.Equal(t, 2, warnings[frontmatter.WarnDuplicateKey])
	assert.Zero(t, warnings[frontmatter.WarnEditRefused])
}

// TestCorpusCMSFixedPoint checks that the pages the CMS saved (variant:
// tiptap) are fixed points of the CMS style: writing their front matter
// the way the CMS writes it changes nothing.
func TestCorpusCMSFixedPoint(t *testing.T) {
	pages := corpusPages(t)
	opts := frontmatter.NormalizeOptions{Rules: frontmatter.NoRules, CMSStyle: true}
	fixed, tiptap, fixedAll := 0, 0, 0
	for _, pg := range pages {
		out, changes, err := frontmatter.Normalize(pg.Data, opts)
		require.NoError(t, err, pg.Path)
		same := bytes.Equal(out, pg.Data)
		if same {
			fixedAll++
		}
		if pg.Variant() != "tiptap" {
			continue
		}
		tiptap++
		if same {
			fixed++
		} else {
			t.Errorf("%s: a CMS-saved page changes in the CMS style: %+v", pg.Path, changes)
		}
	}
	require.NotZero(t, tiptap)
	t.Logf("CMS style fixed points: %d of %d CMS-saved (tiptap) pages; %d of %d pages in all", fixed, tiptap, fixedAll, len(pages))
}

// TestCorpusErrorsAreTyped breaks real pages in the ways the package must
// report, and checks the errors and their positions.
func TestCorpusErrorsAreTyped(t *testing.T) {
	pages := corpusPages(t)
	n := 0
	for _, pg := range pages {
		parts, err := frontmatter.Split(pg.Data)
		if err != nil || !parts.HasFrontMatter() || len(parts.YAML) == 0 || parts.BOM {
			continue
		}
		n++
		// Drop the closing delimiter: unterminated, reported on line 1.
		broken := append(append([]byte{}, parts.Open...), parts.YAML...)
		_, err = frontmatter.Parse(broken)
		var pe *frontmatter.ParseError
		require.ErrorAs(t, err, &pe, pg.Path)
		assert.True(t, errors.Is(err, frontmatter.ErrUnterminated), pg.Path)
		assert.Equal(t, 1, pe.Pos.Line)
		// A control character at the start of the last YAML line.
		last := bytes.LastIndexByte(parts.YAML[:len(parts.YAML)-1], '\n') + 1
		yaml := append(append(append([]byte{}, parts.YAML[:last]...), 0x03), parts.YAML[last:]...)
		page := append(append(append(append([]byte{}, parts.Open...), yaml...), parts.Close...), parts.Body...)
		_, err = frontmatter.Parse(page)
		require.ErrorAs(t, err, &pe, pg.Path)
		assert.True(t, errors.Is(err, frontmatter.ErrControlChar), pg.Path)
		assert.Equal(t, parts.YAMLLine+bytes.Count(parts.YAML[:last], []byte("\n")), pe.Pos.Line, pg.Path)
		assert.Equal(t, 1, pe.Pos.Column, pg.Path)
	}
	require.NotZero(t, n)
}
