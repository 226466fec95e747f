package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// reviewEntries returns the entries of r that need review.
func reviewEntries(r *convert.Report) []tiptapmd.Note {
	var out []tiptapmd.Note
	for _, e := range r.Items {
		if e.Severity >= tiptapmd.Review {
			out = append(out, e)
		}
	}
	return out
}

// TestGridNeedsReview: a column grid converted to tiptap becomes one
// column; the page needs review, and the entry says so where the grid is.
func TestGridNeedsReview(t *testing.T) {
	page := "---\ntitle: Grid\n---\n" +
		`<div class="row">` + "\n" +
		`<div class="col" style="width:33%"><p>One</p></div>` + "\n" +
		`<div class="col" style="width:33%"><p>Two</p></div>` + "\n" +
		"</div>\n"
	_, r, err := convert.ToTiptap([]byte(page))
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictReview, r.Verdict())
	rev := reviewEntries(r)
	require.Len(t, rev, 3, "%v", r.Items)
	assert.Equal(t, tiptapmd.Note{Code: "dropped-attr", Severity: tiptapmd.Review, Pos: tiptapmd.Pos{Line: 4, Column: 1},
		Message: `<div>: dropped class "row": the column grid becomes one column, its columns stacked`}, rev[0])
	assert.Equal(t, `<div>: dropped class "col", style (width: 33%): the column grid becomes one column, its columns stacked; sizes change`, rev[1].Message)
}

// TestStyleNeedsReview: a styled pull-quote becomes a plain paragraph.
func TestStyleNeedsReview(t *testing.T) {
	page := "---\ntitle: Quote\n---\n" +
		`<p style="font-size: 24px; color: #0a5; border-left: 4px solid #0a5; padding-left: 1em">Big words.</p>` + "\n"
	_, r, err := convert.ToTiptap([]byte(page))
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictReview, r.Verdict())
	rev := reviewEntries(r)
	require.Len(t, rev, 1, "%v", r.Items)
	assert.Equal(t, 4, rev[0].Line)
	assert.Equal(t, "<p>: dropped style (font-size: 24px; color: #0a5; border-left: 4px solid #0a5; p…): "+
		"sizes change; colours and backgrounds are lost; borders and shadows are lost; spacing changes", rev[0].Message)
}

// TestGalleryNeedsReview converts a real photo gallery of the corpus,
// laid out by its own CSS classes: the page needs review.
func TestGalleryNeedsReview(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpus.Dir(t), "isomerpages__spf-spom", "pages", "Gallery Page 2.md"))
	require.NoError(t, err)
	_, r, err := convert.ToTiptap(data)
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictReview, r.Verdict())
	var grid, style bool
	for _, e := range reviewEntries(r) {
		grid = grid || strings.Contains(e.Message, `"photo-gallery-box"`)
		style = style || e.Code == "dropped-element" && strings.Contains(e.Message, "<style>")
	}
	assert.True(t, grid, "the gallery's boxes are reported")
	assert.True(t, style, "the gallery's stylesheet is reported")
}

// TestInvisibleStaysInfo: changes no visitor sees are information, and
// the page's verdict says it changed invisibly.
func TestInvisibleStaysInfo(t *testing.T) {
	page := "---\ntitle: Plain\n---\n" +
		`<p id="intro" class="MsoNormal" style="mso-line-height-rule: exactly">Hello <span lang="en">there</span></p>` + "\n" +
		"<!-- a comment -->\n<section>Text</section>\n"
	_, r, err := convert.ToTiptap([]byte(page))
	require.NoError(t, err)
	assert.Empty(t, reviewEntries(r), "%v", r.Items)
	assert.Equal(t, convert.VerdictInvisible, r.Verdict())
	codes := map[tiptapmd.Code]bool{}
	for _, e := range r.Items {
		codes[e.Code] = true
	}
	assert.True(t, codes["dropped-attr"] && codes["dropped-comment"] && codes["unwrapped"], "%v", r.Items)
}

// TestVerdict checks the verdict of reports and results, and its text.
func TestVerdict(t *testing.T) {
	assert.Equal(t, convert.VerdictUnchanged, (&convert.Report{}).Verdict())
	assert.Equal(t, convert.VerdictInvisible, (&convert.Report{Changed: true, Items: []tiptapmd.Note{{Severity: tiptapmd.Info}}}).Verdict())
	assert.Equal(t, convert.VerdictReview, (&convert.Report{Items: []tiptapmd.Note{{Severity: tiptapmd.Review}}}).Verdict(),
		"a page that needs review needs it even when its bytes are the same")
	assert.Equal(t, convert.VerdictFailed, (&PageResult{Status: StatusFailed, Report: &convert.Report{}}).Verdict())
	assert.Equal(t, convert.VerdictUnchanged, (&PageResult{Status: StatusSkipped}).Verdict())
	assert.Equal(t, convert.VerdictInvisible, (&PageResult{Status: StatusChanged}).Verdict(), "a custom PageFunc without a report")

	for v := convert.VerdictUnchanged; v <= convert.VerdictFailed; v++ {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back convert.Verdict
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	assert.Equal(t, "needs-review", convert.VerdictReview.String())
	var v convert.Verdict
	assert.Error(t, v.UnmarshalText([]byte("fine")))

	// The verdict of a real conversion.
	c, err := convert.New()
	require.NoError(t, err)
	_, r, err := c.Convert(convert.OpNormalize, "", []byte("---\ntitle: A\nvariant: markdown\n---\nHello.\n"))
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictUnchanged, r.Verdict())
	_, r, err = c.Convert(convert.OpToTiptap, "", []byte("---\ntitle: A\n---\nHello.\n"))
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictInvisible, r.Verdict())
	_, r, err = c.Convert(convert.OpToTiptap, "", []byte("---\nlayout: homepage\ntitle: Home\n---\n"))
	require.NoError(t, err)
	assert.Equal(t, convert.VerdictInvisible, r.Verdict(), "a homepage changes only in its front matter")
}

// TestImageSizeEntries: an image shown at its natural size on one side
// and at the column's width on the other needs review; a sized image and
// an image in a card (written as HTML) do not.
func TestImageSizeEntries(t *testing.T) {
	_, r, err := convert.ToTiptap([]byte("---\ntitle: A\n---\n![Logo](/images/logo.png)\n\n<img src=\"/b.png\" width=\"200\">\n"))
	require.NoError(t, err)
	rev := reviewEntries(r)
	require.Len(t, rev, 1, "%v", r.Items)
	assert.Equal(t, convert.CodeImageSize, rev[0].Code)
	assert.Equal(t, 4, rev[0].Line)
	assert.Contains(t, rev[0].Message, `"/images/logo.png"`)

	tt := "---\ntitle: A\nvariant: tiptap\n---\n" +
		`<div class="isomer-image-wrapper">` + "\n" + `<img style="width: 100%" height="auto" width="100%" alt="A" src="/a.png">` + "\n</div>\n" +
		`<div class="isomer-image-wrapper">` + "\n" + `<img style="width: 50%;" height="auto" width="100%" alt="B" src="/b.png">` + "\n</div>\n"
	_, r, err = convert.ToMarkdown([]byte(tt))
	require.NoError(t, err)
	rev = reviewEntries(r)
	require.Len(t, rev, 1, "%v", r.Items)
	assert.Equal(t, convert.CodeImageSize, rev[0].Code)
	assert.Equal(t, 6, rev[0].Line)
	assert.Contains(t, rev[0].Message, `"/a.png"`)

	card := "---\ntitle: A\nvariant: tiptap\n---\n" +
		`<div class="isomer-card-grid"><div class="isomer-card"><div class="isomer-card-image"><div class="isomer-image-wrapper">` +
		`<img style="width: 100%" height="auto" width="100%" alt="C" src="/c.png"></div></div>` +
		`<div class="isomer-card-body"><h4 class="isomer-card-title">T</h4></div></div></div>` + "\n"
	_, r, err = convert.ToMarkdown([]byte(card))
	require.NoError(t, err)
	for _, e := range r.Items {
		assert.NotEqual(t, convert.CodeImageSize, e.Code, "a card is written as HTML, with its image's size")
	}
}

// TestNotAPageAgrees: a file without front matter is not a page, for
// Convert as for a batch.
func TestNotAPageAgrees(t *testing.T) {
	src := []byte("Just notes.\n")
	_, _, err := convert.ToTiptap(src)
	var e *convert.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, convert.ErrNotAPage)
	c, err := convert.New()
	require.NoError(t, err)
	r, out := (&Batch{Page: Convert(c, convert.OpToTiptap)}).RunPage("notes.md", src)
	assert.Equal(t, StatusSkipped, r.Status)
	assert.Nil(t, out)
	_, _, err = convert.ToTiptap([]byte("---\n---\nJust notes.\n"))
	assert.NoError(t, err, "empty front matter makes a page")
}

// TestOutputErrorNames checks which path the error of an output names:
// the folder that cannot be made, the folder a file cannot be made in,
// the output for a write.
func TestOutputErrorNames(t *testing.T) {
	j := &job{dstName: "pages/a.md", output: filepath.Join("out", "pages", "a.md")}
	err := outputError(&fs.PathError{Op: "mkdirat", Path: "pages", Err: syscall.EACCES}, j)
	assert.Equal(t, "mkdirat "+filepath.Join("out", "pages")+": permission denied", err.Error())
	err = outputError(&fs.PathError{Op: "openat", Path: "pages/.a.md" + tempMark + "0123.tmp", Err: syscall.EACCES}, j)
	assert.Equal(t, "create a file in folder "+filepath.Join("out", "pages")+": permission denied", err.Error())
	err = outputError(&fs.PathError{Op: "write", Path: filepath.Join("out", "pages", ".a.md"+tempMark+"0123.tmp"), Err: syscall.EFBIG}, j)
	assert.Equal(t, "write "+filepath.Join("out", "pages", "a.md")+": file too large", err.Error())
	err = outputError(&fs.PathError{Op: "write", Path: "pages/a.md", Err: ErrOutputExists}, j)
	assert.True(t, errors.Is(err, ErrOutputExists))
	assert.Equal(t, "write "+filepath.Join("out", "pages", "a.md")+": output file exists", err.Error())
}

// TestAnchorTargets: an id that a link of the page points to is
// behaviour (the link no longer jumps); an id nothing points to is not.
func TestAnchorTargets(t *testing.T) {
	page := "---\ntitle: A\nvariant: tiptap\n---\n" +
		`<p><a href="#sec">Go</a></p>` + "\n" + `<h3 id="sec">Sec</h3>` + "\n" + `<h3 id="other">Other</h3>` + "\n"
	_, r, err := convert.ToMarkdown([]byte(page))
	require.NoError(t, err)
	rev := reviewEntries(r)
	require.Len(t, rev, 1, "%v", r.Items)
	assert.Equal(t, tiptapmd.Note{Code: "dropped-anchor", Severity: tiptapmd.Review, Pos: tiptapmd.Pos{Line: 6, Column: 1},
		Message: `<h3>: in-page anchor "sec" dropped: the links of this page to #sec will no longer jump to this place`}, rev[0])
}
