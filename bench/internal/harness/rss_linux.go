package harness

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// PeakRSSKB returns the peak resident memory of this process so far, in
// kilobytes: VmHWM of /proc/self/status. (getrusage's ru_maxrss is not
// used: Linux carries it over an exec from the process that forked, so a
// child of a large process would report the parent's size.)
func PeakRSSKB() int64 { return procStatus("VmHWM:") }

// RSSKB returns the resident memory of this process now, in kilobytes
// (VmRSS of /proc/self/status), or 0 when it cannot be read.
func RSSKB() int64 { return procStatus("VmRSS:") }

// procStatus returns the value in kilobytes of a field of
// /proc/self/status, or 0.
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := bytes.CutPrefix(sc.Bytes(), []byte(field)); ok {
			v = bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))
			n, _ := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			return n
		}
	}
	return 0
}

// CPUSeconds returns the processor time (user and system) used so far by
// this process and by its children that have been waited for.
func CPUSeconds() float64 {
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return 0
	}
	sec := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return sec(self.Utime) + sec(self.Stime) + sec(children.Utime) + sec(children.Stime)
}
