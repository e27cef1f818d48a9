package config

import "strings"

// CredentialsClaim is the first-run screens' one-line promise, naming every aliyun CLI profile
// mode bootlog reads. The TUI's first-run pane and NoCredentialsHelp both show it.
func CredentialsClaim() string {
	return "bootlog looks for credentials the way the aliyun CLI does, and reads CLI profiles in every mode " +
		"it writes: " + strings.Join(ProfileModes(), ", ") + "."
}

// NoCredentialsHelp is the first-run text shown when no credentials were found: what was tried, the
// two common fixes and the demo mode. The TUI shows it full-pane; get and list print it to stderr.
func NoCredentialsHelp(tried []string) string {
	var b strings.Builder
	b.WriteString("No Alibaba Cloud credentials found.\n")
	if len(tried) > 0 {
		b.WriteString("\nbootlog looked at, in order:\n")
		for _, t := range tried {
			b.WriteString("  - ")
			b.WriteString(Redact(t))
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(CredentialsClaim())
	b.WriteString(`

Fix it in one of these ways:

  1. Set up the aliyun CLI, whose profiles bootlog reads:
       aliyun configure
     (add --profile NAME for a named profile, then run bootlog --profile NAME;
      add --mode CloudSSO, OAuth, External, ... for the other modes)

  2. Export an AccessKey pair in your shell:
       export ALIBABA_CLOUD_ACCESS_KEY_ID=<AccessKey ID>
       export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<AccessKey secret>
     (and ALIBABA_CLOUD_SECURITY_TOKEN for STS credentials; the ALICLOUD_ and
      ALIBABACLOUD_ spellings work too)

A credentials service: export ALIBABA_CLOUD_CREDENTIALS_URI=<URL>.
On an ECS instance with a RAM role: export ALIBABA_CLOUD_ECS_METADATA=<role name>.

To look around without an account: bootlog --demo
`)
	return b.String()
}
