package journal

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// How an export knows its own files: a manifest in the export folder lists
// the SHA-256 of every file it wrote, one "<hex>  <path>" line each (the
// format of sha256sum, so `sha256sum -c .1on1-export.sha256` checks a
// folder). A file whose sum is listed for its path is the export's to
// replace; a listed path whose file has another sum was changed since (by
// the user, a sync tool), and is not. A file with no entry is taken for the
// export's when it starts with the front matter an export writes for that
// path (an export from before the manifest), else it is someone else's.

// exportManifest is the manifest's name; import passes over hidden files.
const exportManifest = ".1on1-export.sha256"

// maxManifest bounds the manifest read back: ample for a century of notes.
const maxManifest = 64 << 20

// manifest maps a file's path in the export (with '/') to the sums the
// export wrote there.
type manifest map[string][][32]byte

// merged returns m with the sums of n added.
func (m manifest) merged(n manifest) manifest {
	out := manifest{}
	for rel, sums := range m {
		out[rel] = append(out[rel], sums...)
	}
	for rel, sums := range n {
		for _, s := range sums {
			if !slices.Contains(out[rel], s) {
				out[rel] = append(out[rel], s)
			}
		}
	}
	return out
}

// readManifest reads dir's manifest; a missing one, or anything but a
// regular file in its place, is an empty one.
func readManifest(dir string) (manifest, error) {
	m := manifest{}
	p := filepath.Join(dir, exportManifest)
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
		return m, nil
	}
	data, reason := readRegular(p, maxManifest)
	if reason != "" {
		return nil, fmt.Errorf("export to %s: the manifest %s is %s", dir, exportManifest, reason)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		hexSum, rel, ok := strings.Cut(sc.Text(), "  ")
		var sum [32]byte
		if b, err := hex.DecodeString(hexSum); !ok || err != nil || len(b) != 32 {
			continue // not a line the export wrote: it proves nothing
		} else {
			copy(sum[:], b)
		}
		m[rel] = append(m[rel], sum)
	}
	return m, nil
}

// writeManifest writes m as dir's manifest, sorted by path.
func writeManifest(dir string, m manifest) error {
	rels := make([]string, 0, len(m))
	for rel := range m {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	var b strings.Builder
	for _, rel := range rels {
		for _, sum := range m[rel] {
			b.WriteString(hex.EncodeToString(sum[:]) + "  " + rel + "\n")
		}
	}
	if err := atomicfile.Write(filepath.Join(dir, exportManifest), []byte(b.String()), atomicfile.Options{}); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// OverwriteError is an export's (or a backup's) refusal to replace files
// the journal did not write, or that were changed since it wrote them.
// Nothing was written. It wraps ErrExists.
type OverwriteError struct {
	Dir   string   // the folder written to
	Files []string // paths under Dir, with '/'
	What  string   // "backup" for Backup; empty for an export
}

func (e *OverwriteError) Error() string {
	if e.What == "backup" {
		return fmt.Sprintf("backup to %s: it is not a journal or an earlier backup; nothing was written", filepath.Join(e.Dir, e.Files[0]))
	}
	names := e.Files
	more := ""
	if len(names) > 3 {
		names, more = names[:3], fmt.Sprintf(" and %d more", len(e.Files)-3)
	}
	return fmt.Sprintf("export to %s: %d files there were not written by the journal's export, or were changed since (%s%s); nothing was written",
		e.Dir, len(e.Files), strings.Join(names, ", "), more)
}

// Unwrap makes errors.Is(err, ErrExists) true.
func (e *OverwriteError) Unwrap() error { return ErrExists }

// targetVerdict is what an export may do with the place a file goes.
type targetVerdict int

const (
	targetFree    targetVerdict = iota // nothing there, or the export's own file: write
	targetSame                         // already holds what would be written: leave it
	targetForeign                      // someone else's file, or a link: only with Force
)

// checkTarget says what is at dir/rel, where an export would write data
// (whose sum is sum). A link or a non-folder where a folder of rel goes,
// and a folder or special file where the file goes, are errors: no option
// makes an export write there.
func checkTarget(dir, rel string, data []byte, sum [32]byte, man manifest) (targetVerdict, error) {
	// The folders on the way must be real folders inside dir.
	for sub := path.Dir(rel); sub != "."; sub = path.Dir(sub) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(sub)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return targetFree, nil // nothing below it either
		case err != nil:
			return 0, fmt.Errorf("export to %s: %w", dir, err)
		case fi.Mode()&fs.ModeSymlink != 0:
			return 0, fmt.Errorf("export to %s: %s is a link; an export never writes through links (remove it, or export elsewhere): %w", dir, sub, ErrInvalid)
		case !fi.IsDir():
			return 0, fmt.Errorf("export to %s: %s is a file where the export needs a folder: %w", dir, sub, ErrInvalid)
		}
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return targetFree, nil
	case err != nil:
		return 0, fmt.Errorf("export to %s: %w", dir, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return targetForeign, nil // Force replaces the link itself
	case !fi.Mode().IsRegular():
		return 0, fmt.Errorf("export to %s: %s is a %s where a note goes: %w", dir, rel, kindOf(fi.Mode()), ErrInvalid)
	}
	listed := man[rel]
	if fi.Size() == int64(len(data)) || len(listed) > 0 {
		have, err := sumOfFile(p)
		if err != nil {
			return 0, fmt.Errorf("export to %s: %w", dir, err)
		}
		switch {
		case have == sum:
			return targetSame, nil
		case slices.Contains(listed, have):
			return targetFree, nil
		case len(listed) > 0:
			return targetForeign, nil // changed since the export wrote it
		}
	}
	if startsAsExported(p, rel) {
		return targetFree, nil
	}
	return targetForeign, nil
}

// sumOfFile is the SHA-256 of a regular file, read without blocking.
func sumOfFile(p string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return sum, fmt.Errorf("%s is not a regular file", p)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// startsAsExported reports whether the file at p starts with the front
// matter an export writes at rel: "person: <handle>" and "date: <date>"
// for a meeting, "name:" then "handle: <handle>" for a person.
func startsAsExported(p, rel string) bool {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	s := string(head[:n])
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 2 && parts[0] == peopleFolder:
		h := strings.TrimSuffix(parts[1], ".md")
		name, rest, ok := strings.Cut(strings.TrimPrefix(s, "---\nname: "), "\n")
		return ok && strings.HasPrefix(s, "---\nname: ") && name != "" && strings.HasPrefix(rest, "handle: "+yamlString(h)+"\n")
	case len(parts) == 3 && parts[0] == meetingsFolder:
		d := strings.TrimSuffix(parts[2], ".md")
		if len(d) > 10 {
			d = d[:10] // <date>-2.md
		}
		return strings.HasPrefix(s, "---\nperson: "+yamlString(parts[1])+"\ndate: "+d+"\n")
	}
	return false
}

// privateDirs makes the folders of rel under dir (rel with '/'), each
// with mode 0700, refusing a link on the way.
func privateDirs(dir, rel string) error {
	cur := dir
	for _, part := range strings.Split(rel, "/") {
		if part == "." || part == "" {
			continue
		}
		cur = filepath.Join(cur, part)
		fi, err := os.Lstat(cur)
		switch {
		case err == nil && fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("export to %s: %s is a link; an export never writes through links: %w", dir, part, ErrInvalid)
		case err == nil && !fi.IsDir():
			return fmt.Errorf("export to %s: %s is a file where the export needs a folder: %w", dir, part, ErrInvalid)
		case err == nil:
			continue
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("export to %s: %w", dir, err)
		}
		if err := os.Mkdir(cur, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create folder %s: %w", cur, err)
		}
		if err := os.Chmod(cur, 0o700); err != nil {
			return fmt.Errorf("create folder %s: %w", cur, err)
		}
	}
	return nil
}

// ExportJSONFile writes ExportJSON's document to path atomically (mode
// 0600). It replaces an earlier export document but, unless opt.Force,
// not another file (*OverwriteError) nor a link in its place; a folder or
// special file there is an error.
func (j *Journal) ExportJSONFile(path string, today Date, opt ExportOptions) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("export JSON to %s: %w", path, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		if !opt.Force {
			return &OverwriteError{Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}}
		}
	case !fi.Mode().IsRegular():
		return fmt.Errorf("export JSON to %s: it is a %s, not a file: %w", path, kindOf(fi.Mode()), ErrInvalid)
	default:
		if !opt.Force && !isJSONExport(path) {
			return &OverwriteError{Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}}
		}
	}
	if err := atomicfile.WriteFrom(path, atomicfile.Options{}, func(w io.Writer) error { return j.ExportJSON(w, today) }); err != nil {
		return fmt.Errorf("export JSON: %w", err)
	}
	return nil
}

// isJSONExport reports whether the file at path is a document ExportJSON
// wrote: a JSON object with its people, meetings and items.
func isJSONExport(path string) bool {
	data, reason := readRegular(path, maxImportJSON)
	if reason != "" {
		return false
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(data, &doc) != nil {
		return false
	}
	for _, k := range []string{"people", "meetings", "items"} {
		if _, ok := doc[k]; !ok {
			return false
		}
	}
	return true
}
