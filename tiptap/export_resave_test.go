package tiptap

// LayoutCMSDiff is layoutCMSDiff, for the tests of package tiptap_test.
var LayoutCMSDiff = layoutCMSDiff

// LayoutCMSOf is layoutCMSOf, for the benchmarks of package tiptap_test.
var LayoutCMSOf = layoutCMSOf
