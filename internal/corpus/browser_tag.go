//go:build browser

package corpus

// browserBuilt reports whether the browser tests are built: this build
// has the tag browser (go test -tags browser).
const browserBuilt = true
