package xss

import "testing"

func TestAll(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range All() {
		if v.Name == "" || v.Body == "" || seen[v.Name] {
			t.Errorf("vector %q: empty or repeated", v.Name)
		}
		seen[v.Name] = true
	}
	if n := len(All()); n < 166 {
		t.Errorf("%d vectors, want at least 166", n)
	}
	t.Logf("%d vectors", len(All()))
}
