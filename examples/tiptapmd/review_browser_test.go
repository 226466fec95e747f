//go:build browser

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReviewBrowser opens review pages in headless Chromium: the page of
// the corpus site with the most review entries loads with no console
// message, exception or log entry, and so does a page full of active
// content, which runs nothing (no dialog, no title change, no message).
// Screenshots of the first screen and of a page's side-by-side view go
// to the test's artifacts (go test -artifacts -outputdir DIR).
func TestReviewBrowser(t *testing.T) {
	chromium := browserPath(t)
	art := t.ArtifactDir()

	t.Run("worst-site", func(t *testing.T) {
		_, _, page := worstSite(t)
		st, err := os.Stat(page)
		require.NoError(t, err)
		b := startBrowser(t, chromium, 1400, 900)
		load := b.open(fileURL(t, page))
		t.Logf("the review page (%d bytes) loaded in %v", st.Size(), load.Round(time.Millisecond))
		b.screenshot(filepath.Join(art, "review-first-screen.png"))
		b.scrollTo("p0-view")
		b.screenshot(filepath.Join(art, "review-side-by-side.png"))
		loaded := 0
		for _, u := range b.frames()[1:] {
			switch u {
			case "about:srcdoc":
				loaded++
			case "": // a lazy frame not loaded yet
			default:
				t.Errorf("a frame at %q", u)
			}
		}
		assert.GreaterOrEqual(t, loaded, 2, "the frames of the first page to review loaded")
		assert.Empty(t, b.problems())
	})

	// The test sees what it looks for: a console message and a blocked
	// script in a sandboxed frame, in a page without the review page's
	// policy.
	t.Run("controls", func(t *testing.T) {
		dir := t.TempDir()
		page := filepath.Join(dir, "control.html")
		require.NoError(t, os.WriteFile(page, []byte(`<!DOCTYPE html><title>control</title><script>console.log("seen")</script>`+
			`<iframe sandbox="" srcdoc="<script>document.title='x'</script>"></iframe>`), 0o644))
		b := startBrowser(t, chromium, 800, 600)
		b.open(fileURL(t, page))
		problems := strings.Join(b.problems(), "\n")
		assert.Contains(t, problems, `"seen"`, "the console message")
		assert.Contains(t, problems, "Blocked script execution in 'about:srcdoc'", "the frame's blocked script")
		assert.Len(t, b.frames(), 2)
	})

	t.Run("hostile", func(t *testing.T) {
		site, page := hostileReview(t)
		b := startBrowser(t, chromium, 1400, 900)
		b.open(fileURL(t, page))
		b.scrollTo("p0-view")
		b.screenshot(filepath.Join(art, "review-hostile.png"))
		frames := b.frames()
		assert.Len(t, frames, 3, "the page and its two frames")
		assert.Empty(t, b.problems())
		assert.Equal(t, "Review: tiptapmd check -to tiptap "+site, b.title(), "no script changed the title")
	})
}
