package journal

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncTree makes everything written under dir durable with one syncfs(2)
// call for its file system, instead of one fsync per file.
func syncTree(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
