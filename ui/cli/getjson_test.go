package cli

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWriteGetJSONMatchesWholeEncoding: `get --json` escapes its output itself, straight into the
// writer; the bytes must be those writeJSON gives for the whole output as one string (invalid
// bytes, HTML characters, C0, C1 and bidi controls, line separators).
func TestWriteGetJSONMatchesWholeEncoding(t *testing.T) {
	t.Parallel()
	last := "2026-11-20T02:04:57Z"
	j := getJSON{InstanceID: "i-x", Region: "cn-hangzhou", LastUpdateTime: &last, LastUpdateTimeRaw: "2026-11-20 10:04:57", RequestID: ""}
	atoms := []string{"a", "\r\n", "\x1b[0;32m", "€", "😀", "\xe2\x82", "\xff", "\x80\x80\x80\x80\x80", "<&>", "\u2028", "\u009b", "\u202e", "\x7f", "\"\\", "é", "\b\f\t\x00\x01\x1f", "\ufffd", "\u2029", "\u0085", "\U0001F600"}
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for b.Len() < 100<<10 {
		b.WriteString(atoms[r.IntN(len(atoms))])
	}
	cases := []string{"", "plain", b.String(), strings.Repeat("\x80", 5000)}
	for i, data := range cases {
		want := j
		want.Output = data
		var w1, w2 bytes.Buffer
		if err := writeJSON(&w1, want); err != nil {
			t.Fatal(err)
		}
		if err := writeGetJSON(&w2, j, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			k := 0
			for k < min(w1.Len(), w2.Len()) && w1.Bytes()[k] == w2.Bytes()[k] {
				k++
			}
			t.Errorf("case %d: differs at byte %d of %d: whole %q, pieces %q", i, k, w1.Len(),
				w1.Bytes()[k:min(k+30, w1.Len())], w2.Bytes()[k:min(k+30, w2.Len())])
		}
	}
}

// FuzzWriteGetJSON compares writeGetJSON with writeJSON on any output.
func FuzzWriteGetJSON(f *testing.F) {
	for _, s := range []string{"", "a<b>&c\x7f", "\xe2\x82\xac\xe2\x82", "\u009b\u202e\u2028\x00\x1f", "\xff\xfe\r\n"} {
		f.Add([]byte(s))
	}
	j := getJSON{InstanceID: "i-x", Region: "cn-hangzhou", RequestID: "r"}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := j
		want.Output = string(data)
		var w1, w2 bytes.Buffer
		if err := writeJSON(&w1, want); err != nil {
			t.Fatal(err)
		}
		if err := writeGetJSON(&w2, j, data); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			t.Fatalf("output %q: whole %q, streamed %q", data, w1.Bytes(), w2.Bytes())
		}
	})
}
