//go:build unix

package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// SIGKILL is a Unix signal: this test is built on Unix systems only.

// TestCrashSafety kills the command with SIGKILL at random moments,
// spread over the run, while it converts a site in place, and checks after each kill that every page
// is whole: its old bytes or the bytes a full run gives, never a part,
// and that no page is missing or added. Each kill starts from a fresh
// copy of the site, but the last ones, which go on from where the one
// before stopped, as a user running the command again would.
func TestCrashSafety(t *testing.T) {
	const siteName = "isomerpages__enterprisesg-seeds"
	ref := copySite(t, siteName)
	start := time.Now()
	code, _, errs := runBin(t, nil, "convert", "-to", "tiptap", ref)
	require.Equal(t, 0, code, errs)
	full := time.Since(start)
	want := readTree(t, ref)

	src := copySite(t, siteName)
	orig := readTree(t, src)
	pages, err := site.Walk(os.DirFS(src))
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	kills := 8
	if testing.Short() {
		kills = 3
	}
	killedMidway := 0
	dir := ""
	for i := range kills {
		if i < kills-2 || dir == "" {
			dir = filepath.Join(t.TempDir(), siteName)
			require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
		}
		// Kill i falls in the i-th of kills equal parts of the first
		// three quarters of a full run's time, at random within it: the
		// kills spread over the run, the first ones early, whatever the
		// draws (a run goes faster than the first, timed one).
		part := int64(full) * 3 / 4 / int64(kills)
		delay := time.Duration(int64(i)*part + r.Int64N(part))
		cmd := exec.Command(binPath, "convert", "-to", "tiptap", dir)
		require.NoError(t, cmd.Start())
		time.Sleep(delay)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && !ee.Exited() {
			killedMidway++
		}

		now, err := site.Walk(os.DirFS(dir))
		require.NoError(t, err)
		require.Equal(t, pages, now, "kill %d after %v: no page is missing, and no temporary file is taken for a page", i, delay)
		converted := 0
		for _, p := range pages {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			require.NoError(t, err)
			switch string(b) {
			case want[p]:
				converted++
			case orig[p]:
			default:
				t.Fatalf("kill %d after %v: %s is neither the old page nor the new one (%d bytes)", i, delay, p, len(b))
			}
		}
		t.Logf("kill %d after %v of %v: %d of %d pages as a full run leaves them", i, delay, full, converted, len(pages))
	}
	assert.Positive(t, killedMidway, "at least one run was killed before it ended")

	// A full run ends the job and removes the temporary files killed
	// runs left.
	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", dir)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, want, readTree(t, dir))
}
