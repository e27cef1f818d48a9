package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRedact checks that Redact never panics and that a registered secret never survives,
// whatever surrounds it.
func FuzzRedact(f *testing.F) {
	const secret = "fuzzSecretValue+/=0123"
	registerSecrets(secret)
	for _, s := range []string{"", "Signature=", "SecurityToken=%26", "a&SecurityToken=x%2", `{"sts_token":"`, "%2526Signature%253Dz"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, before, after string) {
		out := Redact(before + secret + after)
		if strings.Contains(out, secret) {
			t.Errorf("secret survived: %q", out)
		}
	})
}

// FuzzSettingsFile checks that any settings file either loads or fails with an error naming the
// file, and never panics.
func FuzzSettingsFile(f *testing.F) {
	for _, s := range []string{fullSettings, "wrap = 1", "[a]\nb=1", "a.b.c = 1", `"" = 1`, "x = [1,2]", "region = \"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		dir := t.TempDir()
		path := filepath.Join(dir, "c.toml")
		writeFile(t, path, content)
		_, err := Load(Flags{SettingsFile: path}, mapEnv(nil), dir)
		var se *SettingsError
		if err != nil && !errors.As(err, &se) {
			t.Errorf("error is not a *SettingsError: %v", err)
		}
		if err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("error does not name the file: %v", err)
		}
	})
}
