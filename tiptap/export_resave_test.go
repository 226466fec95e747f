package tiptap

// LayoutCMSDiff is layoutCMSDiff, for the tests of package tiptap_test.
var LayoutCMSDiff = layoutCMSDiff
