package tiptap

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// autolinked returns doc as it is once the editor has set it as its
// content: Tiptap's Link extension (2.1.12, autolink on) sees the whole
// document change, takes the first text block, the last word of its text
// (split at spaces, a hard break counting as one) and, when linkify reads
// an address in that word, links it unless part of it is already a link
// or code. doc is not modified; the result shares the nodes it does not
// change.
//
// linkify's reading is approximated (see [findAddress]): an address with
// a scheme (http, https, ftp, mailto), an e-mail address, or a host name
// whose last label is a top-level domain of the public suffix list, with
// a port and path, and without the punctuation that ends a sentence.
func autolinked(doc *Node) *Node {
	s := theSchema()
	path := firstTextblock(s, doc, nil)
	if path == nil {
		return doc
	}
	block := path[len(path)-1]
	bt := s.nodes[block.Type]
	if bt == nil || !bt.allowsMark(s.marks[MarkLink]) {
		return doc
	}
	// The block's text, one rune per position (a leaf is one space).
	var text []rune
	var owner []int // index in block.Content of each rune
	for i, c := range block.Content {
		if c.Type == TypeText {
			for _, r := range c.Text {
				text = append(text, r)
				owner = append(owner, i)
			}
		} else {
			text = append(text, ' ')
			owner = append(owner, i)
		}
	}
	// JavaScript's split(" "): only U+0020 separates words.
	str := string(text)
	if countTextblocks(s, doc) == 1 && !strings.HasSuffix(str, " ") {
		// With one text block, the plugin looks only at a change that
		// ends in whitespace.
		return doc
	}
	parts := strings.Split(str, " ")
	last := ""
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] != "" {
			last = parts[i]
			break
		}
	}
	if last == "" {
		return doc
	}
	start := utf8.RuneCountInString(str[:strings.LastIndex(str, last)])
	from, to, href, ok := findAddress([]rune(last))
	if !ok {
		return doc
	}
	from, to = start+from, start+to
	for i := from; i < to; i++ {
		c := block.Content[owner[i]]
		for _, m := range c.Marks {
			if m.Type == MarkLink || m.Type == MarkCode {
				return doc
			}
		}
		if c.Type != TypeText {
			return doc
		}
	}
	// Split the text nodes at from and to and add the link mark.
	link := Mark{Type: MarkLink, Attrs: map[string]any{"href": href, "target": defaultLinkTarget, "rel": defaultLinkRel, "class": nil}}
	var content []*Node
	pos := 0
	for _, c := range block.Content {
		n := 1
		if c.Type == TypeText {
			n = utf8.RuneCountInString(c.Text)
		}
		if c.Type != TypeText || pos+n <= from || pos >= to {
			content = append(content, c)
			pos += n
			continue
		}
		rs := []rune(c.Text)
		cut := []int{0, max(from-pos, 0), min(to-pos, n), n}
		for k := 0; k < 3; k++ {
			if cut[k] == cut[k+1] {
				continue
			}
			piece := *c
			piece.Text = string(rs[cut[k]:cut[k+1]])
			if k == 1 {
				piece.Marks, _, _ = s.addMark(append([]Mark(nil), c.Marks...), link)
			}
			content = append(content, &piece)
		}
		pos += n
	}
	nb := *block
	nb.Content = MergeText(content)
	// Copy the path down to the block.
	out := replaceAt(doc, path[1:], &nb)
	return out
}

// countTextblocks counts the nodes under n whose content is inline.
func countTextblocks(s *schema, n *Node) int {
	if t := s.nodes[n.Type]; t != nil && t.inlineContent && n.Type != TypeDoc {
		return 1
	}
	k := 0
	for _, c := range n.Content {
		k += countTextblocks(s, c)
	}
	return k
}

// replaceAt returns a copy of n in which the node reached by path (a
// chain of descendants, each a child of the one before) is replaced by
// with.
func replaceAt(n *Node, path []*Node, with *Node) *Node {
	if len(path) == 0 {
		return with
	}
	cp := *n
	cp.Content = append([]*Node(nil), n.Content...)
	for i, c := range cp.Content {
		if c == path[0] {
			cp.Content[i] = replaceAt(c, path[1:], with)
			break
		}
	}
	return &cp
}

// firstTextblock returns the path from n down to the first node, in
// document order, whose content is inline, or nil.
func firstTextblock(s *schema, n *Node, path []*Node) []*Node {
	path = append(path, n)
	if t := s.nodes[n.Type]; t != nil && t.inlineContent && n.Type != TypeDoc {
		return path
	}
	for _, c := range n.Content {
		if p := firstTextblock(s, c, path); p != nil {
			return p
		}
	}
	return nil
}

// findAddress finds the first address linkify would link in word and
// returns its rune range and the link's href.
func findAddress(word []rune) (from, to int, href string, ok bool) {
	w := string(word)
	lower := strings.ToLower(w)
	// Addresses with a scheme.
	for _, scheme := range []string{"https://", "http://", "ftp://", "mailto:"} {
		if i := strings.Index(lower, scheme); i >= 0 {
			rest := []rune(w[i:])
			end := trimTrailing(rest)
			if end <= len([]rune(scheme)) {
				continue
			}
			from = utf8.RuneCountInString(w[:i])
			return from, from + end, string(rest[:end]), true
		}
	}
	// Start after leading punctuation.
	start := 0
	for start < len(word) && !isAddrRune(word[start]) {
		start++
	}
	rest := word[start:]
	end := trimTrailing(rest)
	cand := string(rest[:end])
	if cand == "" {
		return 0, 0, "", false
	}
	host := cand
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	email := false
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		if host != cand || i == 0 {
			return 0, 0, "", false
		}
		host = host[i+1:]
		email = true
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !email {
		for _, r := range host[i+1:] {
			if r < '0' || r > '9' {
				return 0, 0, "", false
			}
		}
		host = host[:i]
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return 0, 0, "", false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return 0, 0, "", false
		}
		for _, r := range l {
			if !(r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return 0, 0, "", false
			}
		}
	}
	tld := strings.ToLower(labels[len(labels)-1])
	if _, icann := publicsuffix.PublicSuffix(tld); !icann {
		return 0, 0, "", false
	}
	if email {
		return start, start + end, "mailto:" + cand, true
	}
	return start, start + end, "http://" + cand, true
}

func isAddrRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// trimTrailing returns the length of rs without the punctuation that
// linkify leaves out of the end of an address (closing brackets only when
// unbalanced).
func trimTrailing(rs []rune) int {
	end := len(rs)
	for end > 0 {
		switch r := rs[end-1]; r {
		case '.', ',', ';', ':', '!', '?', '"', '\'', '’', '”':
			end--
			continue
		case ')', ']', '}':
			open := map[rune]rune{')': '(', ']': '[', '}': '{'}[r]
			if strings.Count(string(rs[:end]), string(open)) < strings.Count(string(rs[:end]), string(r)) {
				end--
				continue
			}
		}
		break
	}
	return end
}
