package config

import "strings"

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
	b.WriteString(`
Fix it in one of these ways:

  1. Set up the aliyun CLI, whose profiles bootlog reads:
       aliyun configure
     (add --profile NAME for a named profile, then run bootlog --profile NAME)

  2. Export an AccessKey pair in your shell:
       export ALIBABA_CLOUD_ACCESS_KEY_ID=<AccessKey ID>
       export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<AccessKey secret>
     (and ALIBABA_CLOUD_SECURITY_TOKEN for STS credentials)

On an ECS instance with a RAM role: export ALIBABA_CLOUD_ECS_METADATA=<role name>.

To look around without an account: bootlog --demo
`)
	return b.String()
}
