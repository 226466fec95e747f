package tiptap

// TokenPathDiff is tokenPathDiff, for the tests of package tiptap_test
// (which may import the markdown package: this one may not).
var TokenPathDiff = tokenPathDiff
