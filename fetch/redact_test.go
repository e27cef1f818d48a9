package fetch

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
			in: `Post "http://127.0.0.1:1/?AccessKeyId=testid&Action=GetInstanceConsoleOutput&Format=JSON&InstanceId=i-abc` +
				`&RegionId=cn-beijing&SecurityToken=tok+en%2A~&Signature=hpICGc6mJoAY3E4EZrrvFqfkhIs%3D&SignatureMethod=HMAC-SHA1` +
				`&SignatureNonce=8a55e17f5d26b0046e6462afbf10a9bd&SignatureType=&SignatureVersion=1.0": dial tcp 127.0.0.1:1: connect: connection refused`,
			secrets: []string{"tok+en", "hpICGc6mJoAY3E4EZrrvFqfkhIs", "8a55e17f5d26b0046e6462afbf10a9bd"},
			keep:    []string{"AccessKeyId=testid", "InstanceId=i-abc", "SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "connection refused", "SecurityToken=", "Signature="},
		},
		{
			name: "string to sign echoed by SignatureDoesNotMatch",
			in: `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid` +
				`%26Action%3DGetInstanceConsoleOutput%26SecurityToken%3Dtok%2520en%252A~%26SignatureMethod%3DHMAC-SHA1` +
				`%26SignatureNonce%3D8a55e17f5d26b0046e6462afbf10a9bd%26SignatureType%3D%26SignatureVersion%3D1.0`,
			secrets: []string{"tok%2520en", "en%252A", "8a55e17f5d26b0046e6462afbf10a9bd"},
			keep:    []string{"Specified signature is not matched", "SignatureMethod%3DHMAC-SHA1", "AccessKeyId%3Dtestid"},
		},
		{
			name:    "aliyun CLI config quoted by the SDK",
			in:      `unmarshal aliyun cli config from '/home/x/.aliyun/config.json' failed: {"profiles":[{"name":"default","access_key_id":"LTAI5t","access_key_secret": "S3cr3tValue","sts_token":"STS.tok"}]`,
			secrets: []string{"S3cr3tValue", "STS.tok"},
			keep:    []string{"LTAI5t", "config.json"},
		},
		{
			name:    "escaped JSON",
			in:      `{\"AccessKeySecret\":\"abcdef\",\"SecurityToken\":\"CAIS+x/y==\"}`,
			secrets: []string{"abcdef", "CAIS+x/y=="},
		},
		{
			name:    "V3 authorization header",
			in:      `Authorization: ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action,Signature=2b54d3431f2d85d7dcc7141bfecb98219195217e50a1e1b54f3fd568e8ba441d`,
			secrets: []string{"2b54d3431f2d85d7"},
			keep:    []string{"Credential=testid"},
		},
		{
			name: "prose is left alone",
			in:   "Specified signature is not matched; the security token was fine",
			keep: []string{"Specified signature is not matched; the security token was fine"},
		},
		{
			name:    "case and position",
			in:      "securitytoken=abc signature=def",
			secrets: []string{"abc", "def"},
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
	if got := Redact("nothing secret here"); got != "nothing secret here" {
		t.Errorf("Redact changed plain text: %q", got)
	}
}
