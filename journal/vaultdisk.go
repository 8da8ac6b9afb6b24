package journal

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oneonone/1on1/internal/atomicfile"
)

// The vault's folder as a sync reads and writes it: the marker that says
// it is there, the notes and people files it holds (readVaultDisk,
// readVaultNote), git's conflict markers and the conflict copies.

// ErrVaultGone is returned when the vault's folder, or its marker file,
// is not there: an unmounted disk or a moved folder must never read as
// every note deleted. It matches ErrNotFound.
var ErrVaultGone = fmt.Errorf("the vault's folder is not there, or lost its %s file: %w", vaultMarker, ErrNotFound)

// vaultThere fails with ErrVaultGone unless dir holds the vault marker.
func vaultThere(dir string) error {
	if fi, err := os.Lstat(filepath.Join(dir, vaultMarker)); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("vault %s: %w", dir, ErrVaultGone)
	}
	return nil
}

// vaultFile is a file read from a vault.
type vaultFile struct {
	data []byte
	sum  [32]byte
}

// vaultDisk is what a vault folder holds in the export layout.
type vaultDisk struct {
	files    map[string]vaultFile
	copies   map[string][]string // a file's path → its conflict copies
	problems []ImportProblem
	temps    []string // hidden .tmp files: writes in progress, or a killed process's
}

// staleVaultTemp is how old a temporary file in a vault must be before a
// sync takes it for a killed write's leftover (a write in progress renames
// its file within milliseconds).
const staleVaultTemp = time.Minute

// removeStaleTemps removes what writes killed midway left in the vault,
// before git or a folder sync copies it to every machine.
func (d vaultDisk) removeStaleTemps(dir string, now time.Time) {
	for _, rel := range d.temps {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > staleVaultTemp {
			os.Remove(p)
		}
	}
}

// conflictCopyRE matches a conflict copy's name: "2026-11-20.conflict-2.md"
// beside "2026-11-20.md".
var conflictCopyRE = lazyRegexp(`^(.+)\.conflict-[0-9]+\.md$`)

// readVaultDisk reads people/*.md and meetings/*/*.md under dir: regular
// files only, bounded as import reads them; hidden files (editors' swap
// files, temporary files of a write in progress) are passed over.
func readVaultDisk(dir string) (vaultDisk, error) {
	disk := vaultDisk{files: map[string]vaultFile{}, copies: map[string][]string{}}
	readFolder := func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("vault %s: %w", dir, err)
		}
		for _, e := range entries {
			name := e.Name()
			frel := rel + "/" + name
			if strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") && !e.IsDir() {
				disk.temps = append(disk.temps, frel)
				continue
			}
			if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || e.IsDir() {
				continue
			}
			if m := conflictCopyRE().FindStringSubmatch(name); m != nil {
				of := rel + "/" + m[1] + ".md"
				disk.copies[of] = append(disk.copies[of], frel)
				continue
			}
			if !e.Type().IsRegular() {
				disk.problems = append(disk.problems, ImportProblem{File: frel, Reason: "not a regular file (a vault never follows links)"})
				continue
			}
			data, reason := readRegular(filepath.Join(dir, filepath.FromSlash(frel)), maxImportFile)
			if reason != "" {
				disk.problems = append(disk.problems, ImportProblem{File: frel, Reason: reason})
				continue
			}
			disk.files[frel] = vaultFile{data: data, sum: sha256.Sum256(data)}
		}
		return nil
	}
	if err := readFolder(peopleFolder); err != nil {
		return disk, err
	}
	folders, err := os.ReadDir(filepath.Join(dir, meetingsFolder))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return disk, fmt.Errorf("vault %s: %w", dir, err)
	}
	for _, f := range folders {
		if f.IsDir() && !strings.HasPrefix(f.Name(), ".") {
			if err := readFolder(meetingsFolder + "/" + f.Name()); err != nil {
				return disk, err
			}
		}
	}
	return disk, nil
}

// hasConflictMarkers reports whether data holds the lines git writes
// around a merge conflict.
func hasConflictMarkers(data []byte) bool {
	return lineStarts(data, "<<<<<<< ") && lineStarts(data, ">>>>>>> ")
}

func lineStarts(data []byte, prefix string) bool {
	return bytes.HasPrefix(data, []byte(prefix)) || bytes.Contains(data, []byte("\n"+prefix))
}

// readVaultNote reads a meeting file of a vault as one meeting (never as
// a running document: the file is one note): person and date from its
// front matter, else from its folder and name; the note as import keeps
// it, with the file's own front matter keys at its top.
func readVaultNote(rel string, data []byte) (ref string, m Meeting, reason string) {
	if !utf8.Valid(data) {
		return "", m, "not UTF-8"
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	fields := map[string]string{}
	body := data
	var own []byte
	if inner, rest, ok := frontMatterBlock(data); ok {
		f, _, err := parseFrontMatter(data)
		if err != nil {
			return "", m, "bad front matter: " + err.Error()
		}
		fields, own, body = f, ownFrontMatter(inner), rest
	}
	ref = fields["person"]
	if strings.TrimSpace(ref) == "" {
		ref = handleOfPath(rel)
	}
	if strings.TrimSpace(ref) == "" {
		return "", m, "no person"
	}
	date, ok := leadingDate(fields["date"])
	if !ok {
		date, ok = dateInName(path.Base(rel))
	}
	if !ok {
		return "", m, "no date"
	}
	tm := fields["time"]
	if len(tm) == 4 && tm[1] == ':' {
		tm = "0" + tm
	}
	if tm != "" && !timeRE().MatchString(tm) {
		return "", m, "bad time"
	}
	return ref, Meeting{Date: date, Time: tm, Note: string(withOwnFrontMatter(own, body))}, ""
}

// writeConflictCopy writes the journal's version of rel beside it as
// <name>.conflict-<n>.md, the first n free, and returns its path; a copy
// that already holds the same text is reused.
func writeConflictCopy(dir, rel string, data []byte) (string, error) {
	stem := strings.TrimSuffix(rel, ".md")
	for n := 1; ; n++ {
		c := fmt.Sprintf("%s.conflict-%d.md", stem, n)
		p := filepath.Join(dir, filepath.FromSlash(c))
		have, exists, err := vaultFileSum(dir, c)
		switch {
		case err != nil:
			return "", err
		case exists && have == sha256.Sum256(data):
			return c, nil
		case exists:
			continue
		}
		if err := privateDirs(dir, path.Dir(c)); err != nil {
			return "", err
		}
		if err := atomicfile.Write(p, data, atomicfile.Options{}); err != nil {
			return "", fmt.Errorf("vault: %w", err)
		}
		return c, nil
	}
}
