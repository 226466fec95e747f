//go:build !browser

package corpus

// browserBuilt reports whether the browser tests are built: this build
// does not have the tag browser (go test -tags browser builds them).
const browserBuilt = false
