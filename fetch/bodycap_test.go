package fetch

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestCappedBody(t *testing.T) {
	for _, tc := range []struct {
		body    string
		limit   int64
		wantErr bool
	}{
		{"", 4, false},
		{"abc", 4, false},
		{"abcd", 4, false}, // exactly the cap
		{"abcde", 4, true},
		{strings.Repeat("x", 1<<20), 1000, true},
	} {
		b := newCappedBody(io.NopCloser(strings.NewReader(tc.body)), "GetInstanceConsoleOutput", tc.limit)
		got, err := io.ReadAll(b)
		var big *bodyTooLargeError
		if tc.wantErr {
			if !errors.As(err, &big) || int64(len(got)) > tc.limit {
				t.Errorf("%d bytes, cap %d: read %d bytes, err %v; want the cap's error", len(tc.body), tc.limit, len(got), err)
			}
			continue
		}
		if err != nil || string(got) != tc.body {
			t.Errorf("%d bytes, cap %d: read %d bytes, err %v", len(tc.body), tc.limit, len(got), err)
		}
	}
	if got := (&bodyTooLargeError{op: "GetInstanceConsoleOutput", limit: maxConsoleBody}).Error(); !strings.Contains(got, "32 MiB") || !strings.Contains(got, "GetInstanceConsoleOutput") {
		t.Errorf("error %q names neither the cap nor the action", got)
	}
	if bodyLimit("DescribeInstances") != maxBody || bodyLimit("GetInstanceScreenshot") != maxConsoleBody {
		t.Error("caps per action")
	}
}
