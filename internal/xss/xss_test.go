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

// TestFeatures: the checker finds what runs script and nothing in inert
// pages.
func TestFeatures(t *testing.T) {
	for page, want := range map[string]map[string]int{
		`<p>text <a href="/x">x</a> <img src="data:image/png;base64,AA"></p>`:                                  {},
		`<div class="instagram-wrapper"><script async src="//www.instagram.com/embed.js"></script></div>`:      {},
		`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`:                                                         {},
		`<script>alert(1)</script><img src=x onerror=alert(1)>`:                                                {"script": 1, "handler": 1},
		`<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a><iframe srcdoc="x"></iframe>`:                               {"url": 1, "srcdoc": 1},
		`<div style="width: e\xpression(alert(1))"></div><meta http-equiv="Refresh" content="0">`:              {"style": 1, "refresh": 1},
		`<base href="/"><object data="x"></object><form action="/"></form><svg><set to="javascript:x"/></svg>`: {"base": 1, "plugin": 1, "form": 1, "url": 1},
	} {
		got := Features(page)
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", page, got, want)
			continue
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s: %v, want %v", page, got, want)
			}
		}
	}
}
