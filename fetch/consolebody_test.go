package fetch

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// chunkReader returns its text n bytes at a time, so that escapes, keys and quanta are cut
// between reads.
type chunkReader struct {
	b []byte
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n, len(r.b))
	copy(p, r.b[:k])
	r.b = r.b[k:]
	return k, nil
}

func (r *chunkReader) Close() error { return nil }

// transform runs body through consoleBody in reads of chunk bytes and returns what the SDK would
// read and the capture.
func transform(t testing.TB, body []byte, chunk int, contentLength int64) ([]byte, *consoleCapture) {
	t.Helper()
	hold := &consoleCapture{}
	b := newConsoleBody(&chunkReader{b: body, n: max(chunk, 1)}, hold, contentLength, maxConsoleBody)
	got, err := io.ReadAll(b)
	if err != nil {
		t.Fatalf("reading the transformed body: %v", err)
	}
	return got, hold
}

// checkTransform is the oracle: encoding/json and DecodeConsole (base64.StdEncoding) on the whole
// body, as the path without streaming judges it. A transformed answer must carry the same
// decoded bytes and give the SDK the same JSON with ConsoleOutput empty; any other answer must
// reach the SDK byte for byte as sent. An answer the ordinary path would decode without error
// must be transformed, so that nothing falls back needlessly.
func checkTransform(t *testing.T, body []byte, chunk int) {
	t.Helper()
	var want wireConsole
	jsonErr := json.Unmarshal(body, &want)
	var wantData []byte
	var decErr error = errNotApplicable
	if jsonErr == nil && want.problem() == "" {
		wantData, decErr = DecodeConsole(*want.ConsoleOutput)
	}
	for _, cl := range []int64{-1, int64(len(body))} {
		got, hold := transform(t, body, chunk, cl)
		if !hold.ok {
			if !bytes.Equal(got, body) {
				t.Fatalf("untransformed answer changed:\n got %q\nwant %q", got, body)
			}
			// (Answers with the key spelled twice, in any case, may fall back.)
			if decErr == nil && strings.Count(strings.ToLower(string(body)), `"consoleoutput"`) == 1 &&
				strings.Count(string(body), `"ConsoleOutput"`) == 1 {
				t.Fatalf("a valid answer was not transformed: %q", body)
			}
			continue
		}
		if decErr != nil {
			t.Fatalf("transformed an answer the ordinary path rejects (%v): %q", decErr, body)
		}
		if !bytes.Equal(hold.data, wantData) {
			t.Fatalf("decoded %q, want %q (body %q)", hold.data, wantData, body)
		}
		var w wireConsole
		if err := json.Unmarshal(got, &w); err != nil || w.problem() != "" || *w.ConsoleOutput != "" ||
			*w.RequestID != *want.RequestID || w.InstanceID != want.InstanceID || w.LastUpdateTime != want.LastUpdateTime {
			t.Fatalf("the SDK's text %q (%v) does not match %q", got, err, body)
		}
	}
}

// errNotApplicable stands for "the ordinary path fails before decoding".
var errNotApplicable = errors.New("the answer is not JSON of the API's shape")

// wrapBody is an answer with content as the raw JSON text of ConsoleOutput.
func wrapBody(content string) []byte {
	return []byte(`{"RequestId":"5C3F","InstanceId":"i-x","ConsoleOutput":"` + content + `","LastUpdateTime":"2026-11-20 10:04:57"}`)
}

func TestConsoleBodyCases(t *testing.T) {
	log := bytes.Repeat([]byte("[  OK  ] Started \x1b[32mssh\x1b[0m.\r\n\xff\xfe/+?>"), 500)
	std := base64.StdEncoding.EncodeToString(log)
	var wrapped strings.Builder
	for i := 0; i < len(std); i += 76 {
		wrapped.WriteString(std[i:min(i+76, len(std))])
		wrapped.WriteString(`\r\n`)
	}
	cases := map[string][]byte{
		"plain":                  wrapBody(std),
		"slashes escaped":        wrapBody(strings.ReplaceAll(std, "/", `\/`)),
		"plus as unicode":        wrapBody(strings.ReplaceAll(std, "+", `\u002B`)),
		"wrapped lines":          wrapBody(wrapped.String()),
		"spaces":                 wrapBody(strings.ReplaceAll(std, "A", " A")),
		"no padding":             wrapBody(strings.TrimRight(base64.StdEncoding.EncodeToString([]byte("ab")), "=")),
		"empty":                  wrapBody(""),
		"invalid deep inside":    wrapBody(std[:9000] + `\/*not base64*` + std[9000:]),
		"invalid at the end":     wrapBody(std + "!"),
		"escaped, then invalid":  wrapBody(strings.ReplaceAll(wrapped.String(), "/", `\/`) + "*"),
		"non-ASCII escape":       wrapBody(std[:5000] + `\u00e9\ud83d\ude00` + std[5000:]),
		"raw newline (bad JSON)": wrapBody(std[:5000] + "\n" + std[5000:]),
		"bad escape":             wrapBody(std[:5000] + `\x` + std[5000:]),
		"padding in the middle":  wrapBody("QQ==" + std),
		"stray low bits":         wrapBody("QR=="),
		"key escaped":            []byte(`{"RequestId":"r","Console\u004Futput":"` + std + `"}`),
		"twice":                  []byte(`{"RequestId":"r","ConsoleOutput":"QQ==","ConsoleOutput":"QUI="}`),
		"other case after":       []byte(`{"RequestId":"r","ConsoleOutput":"QQ==","consoleoutput":"QUI="}`),
		"other case before":      []byte(`{"RequestId":"r","consoleoutput":"QUI=","ConsoleOutput":"QQ=="}`),
		"nested key":             []byte(`{"RequestId":"r","X":{"ConsoleOutput":"QUI="},"ConsoleOutput":"QQ=="}`),
		"null":                   []byte(`{"RequestId":"r","ConsoleOutput":null}`),
		"no RequestId":           []byte(`{"ConsoleOutput":"` + std + `"}`),
		"trailing garbage":       append(wrapBody(std), "x"...),
		"cut short":              wrapBody(std)[:4000],
		"not an object":          []byte(`["ConsoleOutput"]`),
		"HTML":                   []byte(`<html>captive portal</html>`),
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			for _, chunk := range []int{1, 7, 4096, 1 << 20} {
				checkTransform(t, body, chunk)
			}
		})
	}
	// The cases above must exercise both outcomes.
	if _, hold := transform(t, cases["wrapped lines"], 100, -1); !hold.ok || !bytes.Equal(hold.data, log) {
		t.Error("wrapped base64 was not decoded on the way in")
	}
	if _, hold := transform(t, cases["key escaped"], 100, -1); !hold.ok || !bytes.Equal(hold.data, log) {
		t.Error("an escaped ConsoleOutput key was not recognised")
	}
	if _, hold := transform(t, cases["invalid deep inside"], 100, -1); hold.ok {
		t.Error("invalid base64 was transformed")
	}
}

// TestConsoleBodyBuffer: a body of known length decodes into one buffer sized from it; one of
// unknown length starts small, and a small log ends in a buffer of its own size (outputs are
// cached) while a large one keeps the reserve it was decoded into rather than being copied.
func TestConsoleBodyBuffer(t *testing.T) {
	tiny := bytes.Repeat([]byte("boot\r\n"), 10<<10/6)
	small := bytes.Repeat([]byte("boot\r\n"), 600<<10/6)
	large := bytes.Repeat([]byte("boot\r\n"), 3<<20/6)
	for _, tt := range []struct {
		name   string
		log    []byte
		known  bool
		maxCap int
		minCap int
	}{
		{"small, known length", small, true, len(small) + 200, len(small)},
		{"tiny, unknown length", tiny, false, len(tiny), len(tiny)},
		{"small, unknown length (past the first buffer)", small, false, len(small), len(small)},
		{"large, known length", large, true, len(large) + 200, len(large)},
		{"large, unknown length", large, false, maxConsoleBody/4*3 + 3, maxConsoleBody / 4 * 3},
	} {
		body := wrapBody(base64.StdEncoding.EncodeToString(tt.log))
		cl := int64(-1)
		if tt.known {
			cl = int64(len(body))
		}
		_, hold := transform(t, body, 32<<10, cl)
		if !hold.ok || !bytes.Equal(hold.data, tt.log) {
			t.Fatalf("%s: not decoded", tt.name)
		}
		if c := cap(hold.data); c < tt.minCap || c > tt.maxCap {
			t.Errorf("%s: %d-byte log in a buffer of %d bytes, want %d to %d", tt.name, len(tt.log), c, tt.minCap, tt.maxCap)
		}
	}
}

// TestConsoleBodyKeepsReadError: a read error (a cut connection, the body cap) reaches the SDK
// unchanged, and nothing is captured.
func TestConsoleBodyKeepsReadError(t *testing.T) {
	hold := &consoleCapture{}
	src := io.NopCloser(io.MultiReader(bytes.NewReader(wrapBody("QUJD")[:40]), errReader{}))
	_, err := io.ReadAll(newConsoleBody(src, hold, -1, maxConsoleBody))
	if err != io.ErrUnexpectedEOF || hold.ok {
		t.Errorf("error %v, captured %v; want io.ErrUnexpectedEOF and nothing", err, hold.ok)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// FuzzConsoleBody checks the streaming decoder against encoding/json and base64.StdEncoding
// (through DecodeConsole) on the whole body. content is either the raw JSON text of ConsoleOutput
// or, with whole set, the entire body.
func FuzzConsoleBody(f *testing.F) {
	std := base64.StdEncoding.EncodeToString([]byte("[    0.000000] Linux\r\n\x1b[0m\xff/?>"))
	for _, s := range []string{std, strings.ReplaceAll(std, "/", `\/`), "QQ", "QQ=", "QQ==QQ==", `\/\/\/*`, `\u002b\/ \/\n*`, "Q R\\n=\\u003D", `\u002b\u002F`, "*", "\\", `\ud800`} {
		f.Add([]byte(s), false, uint8(3))
	}
	f.Add([]byte(`{"RequestId":"r","ConsoleOutput":"QQ==","x":[1,{"ConsoleOutput":"y"}]}`), true, uint8(5))
	f.Add([]byte(`{"RequestId":"r","ConsoleOutput":"QQ==","ConsoleOutput":"QQ=="}`), true, uint8(1))
	f.Fuzz(func(t *testing.T, content []byte, whole bool, chunk uint8) {
		body := content
		if !whole {
			body = wrapBody(string(content))
		}
		checkTransform(t, body, int(chunk))
	})
}

// BenchmarkConsoleBody measures the streaming decoder on a 10 MB log, without HTTP.
func BenchmarkConsoleBody(b *testing.B) {
	log := bytes.Repeat([]byte("[  OK  ] Started \x1b[32mssh\x1b[0m.\r\n"), 10<<20/36)
	body := wrapBody(base64.StdEncoding.EncodeToString(log))
	b.SetBytes(int64(len(log)))
	for b.Loop() {
		if _, hold := transform(b, body, 32<<10, int64(len(body))); !hold.ok {
			b.Fatal("not transformed")
		}
	}
}
