// Package slab hands out values of one type from blocks allocated
// together, for the many small nodes a reader or a printer makes for
// one document: a text node, a parse context, a span, a list of one.
// One allocation then serves many values, and nothing handed out is
// handed out again, so a value stays what it was made for after the
// reader is done (unlike a sync.Pool). An [Arena] does the same for
// values that die in step, and takes them back at a mark for the next
// step to reuse.
package slab

// A Slab hands out values of type T. The zero Slab is ready to use. A
// Slab is not safe for concurrent use: each reader or printer has its
// own, which lives as long as the document it builds.
type Slab[T any] struct {
	// Max is the number of elements of the largest block (64 when it is
	// zero or less). Blocks start at 4 elements and double up to Max,
	// so that a small document does not pay for a large block.
	Max int

	free []T // the rest of the current block
	size int // the size of the current block
}

// New returns a pointer to a new zero T.
func (s *Slab[T]) New() *T {
	return &s.Take(1)[0]
}

// Take returns n new zero values, as a slice of length and capacity n:
// appending to it copies it, and never touches a value handed out
// after it.
func (s *Slab[T]) Take(n int) []T {
	if n <= 0 {
		return nil
	}
	if len(s.free) < n {
		limit := s.Max
		if limit <= 0 {
			limit = 64
		}
		s.size = min(limit, max(4, 2*s.size))
		s.free = make([]T, max(s.size, n))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}
