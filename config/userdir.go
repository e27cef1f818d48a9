package config

import (
	"path/filepath"
	"runtime"
)

// userDir is one of the platform's per-user directories, found as os.UserConfigDir and
// os.UserCacheDir find them but from env and home, so tests never see the real ones: the XDG
// variable when it holds an absolute path, else the Windows variable (or its default under home)
// on Windows, else a directory under home.
type userDir struct {
	xdg       string // XDG_CONFIG_HOME, XDG_CACHE_HOME
	winEnv    string // AppData, LocalAppData
	winHome   string // the Windows default under home when winEnv is unset
	darwinDir string // under home on macOS
	unixDir   string // under home on Linux and the BSDs
}

var (
	// configDir is where settings live (os.UserConfigDir).
	configDir = userDir{xdg: "XDG_CONFIG_HOME", winEnv: "AppData", winHome: filepath.Join("AppData", "Roaming"),
		darwinDir: filepath.Join("Library", "Application Support"), unixDir: ".config"}
	// cacheDir is where what can be rebuilt lives (os.UserCacheDir).
	cacheDir = userDir{xdg: "XDG_CACHE_HOME", winEnv: "LocalAppData", winHome: filepath.Join("AppData", "Local"),
		darwinDir: filepath.Join("Library", "Caches"), unixDir: ".cache"}
)

// file is the path of bootlog's file name in this directory: DIR/bootlog/name.
func (d userDir) file(env func(string) string, home, name string) string {
	if x := env(d.xdg); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "bootlog", name)
	}
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = env(d.winEnv)
		if dir == "" {
			dir = filepath.Join(home, d.winHome)
		}
	case "darwin", "ios":
		dir = filepath.Join(home, d.darwinDir)
	default:
		dir = filepath.Join(home, d.unixDir)
	}
	return filepath.Join(dir, "bootlog", name)
}
