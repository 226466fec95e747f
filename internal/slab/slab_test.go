package slab

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTake(t *testing.T) {
	var s Slab[int]
	assert.Nil(t, s.Take(0))
	assert.Nil(t, s.Take(-1))
	a := s.Take(3)
	require.Len(t, a, 3)
	assert.Equal(t, 3, cap(a), "three-index slice: appending copies")
	b := s.Take(1)
	a = append(a, 7)
	assert.Equal(t, 0, b[0], "appending to a does not write into b")
	assert.Equal(t, []int{0, 0, 0, 7}, a)
	big := s.Take(1000)
	assert.Len(t, big, 1000, "a request beyond Max gets a block of its own size")
}

func TestBlockSizes(t *testing.T) {
	for _, tc := range []struct {
		max  int
		want []int
	}{
		{0, []int{4, 8, 16, 32, 64, 64}},
		{-3, []int{4, 8, 16, 32, 64, 64}},
		{16, []int{4, 8, 16, 16}},
		{1024, []int{4, 8, 16, 32, 64, 128, 256, 512, 1024, 1024}},
	} {
		s := Slab[byte]{Max: tc.max}
		var got []int
		for range tc.want {
			s.free = nil
			s.New()
			got = append(got, s.size)
		}
		assert.Equal(t, tc.want, got, "Max %d", tc.max)
	}
}

// TestDistinct checks that no two values handed out share memory, over
// every mix of sizes a fuzzer tries.
func TestDistinct(t *testing.T) {
	checkDistinct(t, []byte{1, 1, 3, 0, 64, 65, 2, 200, 1, 1, 1, 1, 1, 9})
}

func FuzzDistinct(f *testing.F) {
	f.Add([]byte{1, 2, 3})
	f.Add([]byte{64, 1, 63, 2, 128})
	f.Fuzz(checkDistinct)
}

func checkDistinct(t *testing.T, sizes []byte) {
	var s Slab[int]
	var taken [][]int
	for i, n := range sizes {
		v := s.Take(int(n))
		require.Len(t, v, int(n))
		require.Equal(t, int(n), cap(v))
		for j := range v {
			require.Zero(t, v[j], "a new value is zero")
			v[j] = i + 1
		}
		taken = append(taken, v)
	}
	for i, v := range taken {
		for _, x := range v {
			require.Equal(t, i+1, x, "a value handed out later overwrote one handed out before")
		}
	}
}

func BenchmarkNew(b *testing.B) {
	type node struct {
		text string
		n    int
	}
	b.ReportAllocs()
	for b.Loop() {
		var s Slab[node]
		for i := range 1000 {
			n := s.New()
			n.n, n.text = i, "x"
		}
	}
}
