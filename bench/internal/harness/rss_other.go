//go:build !linux

package harness

// PeakRSSKB returns 0: the benchmarks read peak memory on Linux only.
func PeakRSSKB() int64 { return 0 }

// RSSKB returns 0: the benchmarks read memory on Linux only.
func RSSKB() int64 { return 0 }

// CPUSeconds returns 0: the benchmarks read processor time on Linux only.
func CPUSeconds() float64 { return 0 }
