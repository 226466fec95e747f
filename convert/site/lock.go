package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// LockName is the name of the lock file that a [Batch] holds, while it
// runs, in each folder it writes: each site folder that it changes in
// place, the folder of each page file named alone, and Out. The file is
// made with O_EXCL, holds the process id, host and start time of its
// holder, and is removed when the batch ends. Its name is hidden, so
// neither Jekyll nor [Walk] takes it for a page.
const LockName = ".tiptapmd.lock"

// ErrLocked reports a folder that another batch is writing: its
// [*LockError] names the holder.
var ErrLocked = errors.New("another batch is writing this folder")

// A LockError reports a folder that a [Batch] cannot write because
// another batch holds its lock file.
type LockError struct {
	// Dir is the folder, File its lock file.
	Dir, File string
	// Holder describes the holder as its lock file does ("pid 123 on
	// host, since 2026-01-02T15:04:05Z"); "" when the file cannot be
	// read.
	Holder string
}

// Error names the folder, the holder and what to do.
func (e *LockError) Error() string {
	if e == nil {
		return "<nil>"
	}
	holder := e.Holder
	if holder == "" {
		holder = "a process that left no trace of itself"
	}
	return fmt.Sprintf("convert: %s: %v: locked by %s (if that run has ended without removing %s, remove it)", e.Dir, ErrLocked, holder, e.File)
}

// Unwrap returns [ErrLocked].
func (e *LockError) Unwrap() error { return ErrLocked }

// lock takes the lock of the folder dir, through root. A lock left by a
// process of this host that no longer runs is taken over.
func lock(root *os.Root, dir string) (unlock func(), err error) {
	host, _ := os.Hostname()
	content := fmt.Sprintf("pid %d on %s, since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	// The lock file appears whole or not at all: its content is written
	// to a temporary file first, which is then linked to the lock's name
	// (a link, like O_EXCL, fails when the name exists). A process killed
	// between creating the lock and writing it would otherwise leave an
	// empty lock that names no holder, which no later run could take
	// over. The temporary file, if a kill leaves it, is a stale temporary
	// file like any other (see atomic.go).
	tmp := tempName(LockName)
	if err := root.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return nil, fmt.Errorf("convert: %s: lock file: %w", dir, err)
	}
	defer root.Remove(tmp)
	for attempt := 0; ; attempt++ {
		err := root.Link(tmp, LockName)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// A file system without hard links: create the lock in
			// place.
			err = createLock(root, content)
		}
		if err == nil {
			return func() { root.Remove(LockName) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("convert: %s: lock file: %w", dir, err)
		}
		held, _ := root.ReadFile(LockName)
		holder := strings.TrimSpace(string(bytes.ToValidUTF8(held, nil)))
		if attempt == 0 && staleLock(holder, host) {
			root.Remove(LockName)
			continue
		}
		return nil, &LockError{Dir: dir, File: lockPath(dir), Holder: escaped(holder)}
	}
}

// createLock creates the lock file with O_EXCL and writes content to it.
func createLock(root *os.Root, content string) error {
	f, err := root.OpenFile(LockName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(content)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		root.Remove(LockName)
	}
	return werr
}

// escaped returns s with its control characters escaped as strconv.Quote
// does, without the quotes.
func escaped(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// lockPath returns the path of the lock file of dir.
func lockPath(dir string) string {
	if dir == "" {
		return LockName
	}
	return strings.TrimSuffix(dir, string(os.PathSeparator)) + string(os.PathSeparator) + LockName
}

// staleLock reports whether the holder of a lock ("pid N on HOST, ...")
// is a process of this host that has ended.
func staleLock(holder, host string) bool {
	var pid int
	var on string
	if _, err := fmt.Sscanf(holder, "pid %d on %s", &pid, &on); err != nil || pid <= 0 {
		return false
	}
	if strings.TrimSuffix(on, ",") != host || host == "" {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return true // Windows: no such process
	}
	err = p.Signal(syscall.Signal(0))
	return errors.Is(err, os.ErrProcessDone)
}
