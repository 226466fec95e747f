package slab

// An Arena hands out values of type T from blocks that it keeps, and
// takes back those handed out since a mark: where a [Slab] never hands
// a value out twice, an Arena serves values that are dead once a step is
// done (a block's spans, once its inline content is printed), so that
// the next step reuses their places rather than asking the allocator
// for more. Marks nest, and are released in the reverse order of their
// making; no value handed out after a mark may be used after the
// release to it. Blocks start at 4 elements and double up to 64, so
// that a document that needs few values pays for few. The zero Arena is
// ready to use; an Arena is not safe for concurrent use.
type Arena[T any] struct {
	blocks [][]T
	at     ArenaMark // where the next value is
}

// An ArenaMark is a place in an [Arena], for [Arena.Release].
type ArenaMark struct{ block, elem int }

// arenaMax is the number of elements of an Arena's largest block.
const arenaMax = 64

// Mark returns the arena's place, for Release.
func (a *Arena[T]) Mark() ArenaMark { return a.at }

// Release takes back every value handed out since m was made.
func (a *Arena[T]) Release(m ArenaMark) { a.at = m }

// New returns a pointer to a zero T.
func (a *Arena[T]) New() *T {
	p := a.slot()
	var zero T
	*p = zero
	return p
}

// One returns an empty slice with room for one value: appending a
// second copies it out of the arena, and never touches a value handed
// out after it.
func (a *Arena[T]) One() []T {
	a.slot()
	b, i := a.at.block, a.at.elem-1
	return a.blocks[b][i : i : i+1]
}

// slot returns the next value, its old content still in it.
func (a *Arena[T]) slot() *T {
	if a.at.block < len(a.blocks) && a.at.elem == len(a.blocks[a.at.block]) {
		a.at = ArenaMark{a.at.block + 1, 0}
	}
	if a.at.block == len(a.blocks) {
		a.blocks = append(a.blocks, make([]T, min(arenaMax, 4<<min(a.at.block, 4))))
	}
	p := &a.blocks[a.at.block][a.at.elem]
	a.at.elem++
	return p
}
