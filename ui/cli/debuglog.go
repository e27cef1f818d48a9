package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui/console"
)

// openDebugLog appends to the --debug log. It is owner-only because it names instances and request
// IDs: a new file is created 0600 and an existing one is set to 0600. It refuses to follow a
// symbolic link at the last path element (O_NOFOLLOW where the platform has it), so a link planted
// in a shared directory cannot redirect the log into another file.
func openDebugLog(path string) (*os.File, error) {
	if err := refuseSymlink(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND|oNoFollow, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open debug log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open debug log: %w", err)
	}
	if st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, fmt.Errorf("debug log %s: cannot make it owner-only (0600): %w", path, err)
		}
	}
	return f, nil
}

// refuseSymlink fails when path is a symbolic link. O_NOFOLLOW already does this where it exists;
// this check gives the clear message, and covers platforms without the flag.
func refuseSymlink(path string) error {
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("debug log %s is a symbolic link; give the real file", path)
	}
	return nil
}

// sanitisingWriter passes every write of the debug log through config.Redact (a second line of
// defence in case an SDK message carries a secret fetch did not know about) and console.SafeText
// (server messages in the log must not replay escapes when the log is read with cat or tail).
type sanitisingWriter struct{ w io.Writer }

func (s sanitisingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, console.SafeText(config.Redact(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}
