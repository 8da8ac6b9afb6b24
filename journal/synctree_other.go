//go:build !linux

package journal

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// syncTree makes everything written under dir durable: every file and
// folder is synced, where Linux does it with one syncfs(2).
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("sync %s: %w", path, err)
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", path, err)
		}
		return nil
	})
}
