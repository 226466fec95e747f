package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"strings"
	"unicode/utf8"
)

// Temporary files are written next to the file they replace and renamed
// over it, so that a process killed at any moment leaves the old file or
// the new one, never a part of either. Their names are hidden
// (".NAME.tiptapmd-RANDOM.tmp"), so that neither Jekyll nor [Walk]
// ever takes one for a page; [Batch] removes those that an interrupted
// run left in a site it writes in place.
const (
	tempMark   = ".tiptapmd-"
	tempSuffix = ".tmp"
	// tempBaseMax bounds the part of a temporary name taken from the
	// file's name, so that the whole stays within the 255 bytes most file
	// systems allow.
	tempBaseMax = 200
)

// isTempName reports whether name is the name of one of our temporary
// files.
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, tempSuffix) && strings.Contains(name, tempMark)
}

// tempName returns a fresh temporary name for the file name (a path in a
// root).
func tempName(name string) string {
	dir, base := path.Split(name)
	if len(base) > tempBaseMax {
		cut := tempBaseMax
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return fmt.Sprintf("%s.%s%s%016x%s", dir, base, tempMark, rand.Uint64(), tempSuffix)
}

// errSameContent is returned by writeAtomic when the file exists with the
// very bytes to write, and nothing was written.
var errSameContent = errors.New("the file already holds these bytes")

// writeAtomic writes data to the file name inside root, with permissions
// perm, through a temporary file in the same folder and a rename. Folders
// on the way are made as needed. Every path is resolved inside root: a
// ".." or a symbolic link leading out of it is an error, and a symbolic
// link is never written through.
//
// When replace is false, an existing file is not replaced: writeAtomic
// returns errSameContent when it holds data already, an error wrapping
// [ErrOutputExists] when it holds anything else.
//
// Unless readOnly is set, an existing file that its owner may not write
// is not replaced either: writeAtomic returns an error wrapping
// [ErrReadOnly]. After the rename, the folder is synced, so that the new
// name survives a crash of the system (where the system allows it).
func writeAtomic(root *os.Root, name string, data []byte, perm fs.FileMode, replace, readOnly bool) (err error) {
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o777); err != nil {
			return err
		}
	}
	switch st, err := root.Lstat(name); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case st.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: "write", Path: name, Err: ErrSymlink}
	case !st.Mode().IsRegular():
		return &fs.PathError{Op: "write", Path: name, Err: errors.New("not a regular file")}
	case replace && !readOnly && st.Mode().Perm()&0o200 == 0:
		return &fs.PathError{Op: "write", Path: name, Err: ErrReadOnly}
	case !replace:
		old, err := root.ReadFile(name)
		if err != nil {
			return err
		}
		if bytes.Equal(old, data) {
			return errSameContent
		}
		return &fs.PathError{Op: "write", Path: name, Err: ErrOutputExists}
	}

	var tmp string
	var f *os.File
	for range 10 {
		tmp = tempName(name)
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm.Perm()); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if replace {
		if err = root.Rename(tmp, name); err != nil {
			return err
		}
		syncDir(root, name)
		return nil
	}
	// A hard link fails if name has appeared since it was checked, where a
	// rename would replace it.
	switch err = root.Link(tmp, name); {
	case err == nil:
		root.Remove(tmp)
		syncDir(root, name)
		return nil
	case errors.Is(err, fs.ErrExist):
		return &fs.PathError{Op: "write", Path: name, Err: ErrOutputExists}
	}
	// The file system has no hard links: check and rename.
	if _, err = root.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
		if err == nil {
			err = &fs.PathError{Op: "write", Path: name, Err: ErrOutputExists}
		}
		return err
	}
	if err = root.Rename(tmp, name); err != nil {
		return err
	}
	syncDir(root, name)
	return nil
}

// syncDir syncs the folder of the file name in root, so that a rename or
// a link made in it is on the disk. It is done where the system allows:
// some systems and file systems cannot sync a folder, and the file itself
// is synced already.
func syncDir(root *os.Root, name string) {
	d, err := root.Open(path.Dir(name))
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
