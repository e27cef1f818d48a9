package config

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		secrets []string // must not survive
		keep    []string // must survive
	}{
		{
			name: "signed request URL",
			in: `Post "http://127.0.0.1:1/?AccessKeyId=testid&Action=GetInstanceConsoleOutput&SecurityToken=tok+en%2A~` +
				`&Signature=hpICGc6mJoAY3E4EZrrvFqfkhIs%3D&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0": dial tcp: refused`,
			secrets: []string{"tok+en", "hpICGc6mJoAY3E4EZrrvFqfkhIs"},
			keep:    []string{"AccessKeyId=testid", "SignatureMethod=HMAC-SHA1", "SecurityToken=REDACTED", "Signature=REDACTED", "refused"},
		},
		{
			name:    "string to sign",
			in:      `server string to sign is:POST&%2F&AccessKeyId%3Dtestid%26SecurityToken%3Dtok%2520en%252A~%26SignatureMethod%3DHMAC-SHA1`,
			secrets: []string{"tok%2520en", "en%252A"},
			keep:    []string{"AccessKeyId%3Dtestid", "SignatureMethod%3DHMAC-SHA1"},
		},
		{
			name:    "JSON and escaped JSON",
			in:      `{"access_key_secret": "S3cr3tValue", "sts_token":"STS.tok"} {\"AccessKeySecret\":\"abcdef\"}`,
			secrets: []string{"S3cr3tValue", "STS.tok", "abcdef"},
		},
		{
			name:    "ini and env assignments",
			in:      "access_key_secret = iniSecret\nexport ALIBABA_CLOUD_ACCESS_KEY_SECRET=envSecret ALIBABA_CLOUD_SECURITY_TOKEN=envTok",
			secrets: []string{"iniSecret", "envSecret", "envTok"},
			keep:    []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET=", "ALIBABA_CLOUD_SECURITY_TOKEN="},
		},
		{
			name:    "Go struct dump and header",
			in:      "{AccessKeyId:id AccessKeySecret:dumpSecret SecurityToken:dumpTok}\nx-acs-security-token: hdrTok",
			secrets: []string{"dumpSecret", "dumpTok", "hdrTok"},
			keep:    []string{"AccessKeyId:id"},
		},
		{
			name: "prose is left alone",
			in:   "Specified signature is not matched; the security token was fine",
			keep: []string{"Specified signature is not matched; the security token was fine"},
		},
	}
	for _, tt := range tests {
		got := Redact(tt.in)
		for _, s := range tt.secrets {
			if strings.Contains(got, s) {
				t.Errorf("%s: %q survived in %q", tt.name, s, got)
			}
		}
		for _, s := range tt.keep {
			if !strings.Contains(got, s) {
				t.Errorf("%s: %q lost from %q", tt.name, s, got)
			}
		}
	}
}

func TestRedactRegisteredSecrets(t *testing.T) {
	registerSecrets("x", "registered+Sec/ret=", "") // too short and empty ones are ignored
	if got := Redact("x marks the spot"); got != "x marks the spot" {
		t.Errorf("short secret redacted: %q", got)
	}
	for _, in := range []string{
		"bare registered+Sec/ret= in prose",
		"query registered%2BSec%2Fret%3D here",
		"twice registered%252BSec%252Fret%253D here",
	} {
		got := Redact(in)
		if strings.Contains(got, "registered") || !strings.Contains(got, "REDACTED") {
			t.Errorf("Redact(%q) = %q", in, got)
		}
	}
}

func BenchmarkRedact(b *testing.B) {
	registerSecrets("benchSecretValue0123456789")
	line := strings.Repeat("GetInstanceConsoleOutput i-abc ok ", 20) + "&SecurityToken=abc&Signature=def"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		_ = Redact(line)
	}
}
