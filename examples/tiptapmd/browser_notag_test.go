//go:build !browser

package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// TestBrowserTag: the browser tests (browser_test.go,
// review_browser_test.go) are built with -tags browser only. A run that
// sets TIPTAPMD_BROWSER without the tag means to run them and would run
// none: it fails here, saying to build with -tags browser.
func TestBrowserTag(t *testing.T) {
	for _, s := range corpus.Suites() {
		require.NoError(t, s.Check())
	}
}
