package fetch

import (
	"context"
	"encoding/json"
	"io"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
)

// The SDK reads a GetInstanceConsoleOutput answer whole, keeps it as bytes and as a string, and
// unmarshals it into a struct with another copy of the base64 text; bootlog then decoded that. A
// 10 MB log cost about 78 MB. consoleBody sits between the SDK and the wire instead: it decodes
// the ConsoleOutput string as it streams in, into one buffer sized from the body's length, and
// hands the SDK the same JSON with that string emptied. The SDK still signs, classifies errors
// and reads RequestId, InstanceId and LastUpdateTime itself. Anything that is not the expected
// shape (not a JSON object, no RequestId, ConsoleOutput twice or not a string, text that is not
// base64, JSON that is invalid) reaches the SDK exactly as it was sent, so the ordinary path
// judges it as before: the JSON text read so far is rebuilt losslessly from the decoded bytes.

// consoleCapture is where one answer's decoded console output is left for ConsoleOutput. One is
// made per HTTP response, so a retried attempt starts from nothing, and an abandoned attempt
// cannot write into the next one's.
type consoleCapture struct {
	// ok says the body was transformed: the SDK saw ConsoleOutput as "", and data holds it
	// decoded.
	ok   bool
	data []byte
}

// consoleCaptureKey finds an answer's consoleCapture in the context of the request that got it.
type consoleCaptureKey struct{}

// withConsoleCapture returns ctx carrying a new capture.
func withConsoleCapture(ctx context.Context) (context.Context, *consoleCapture) {
	hold := &consoleCapture{}
	return context.WithValue(ctx, consoleCaptureKey{}, hold), hold
}

// capturedConsole is the decoded output of the answer resp was read from, or nil when that body
// went to the SDK untouched. ctxTransport puts the capture in the context of the answer's
// Request, which is how it travels with the very response that carried it.
func capturedConsole(resp responses.AcsResponse) *consoleCapture {
	if resp == nil {
		return nil
	}
	hr := resp.GetOriginHttpResponse()
	if hr == nil || hr.Request == nil {
		return nil
	}
	hold, _ := hr.Request.Context().Value(consoleCaptureKey{}).(*consoleCapture)
	if hold == nil || !hold.ok {
		return nil
	}
	return hold
}

// scanState is where consoleBody is in the JSON text.
type scanState int

const (
	stBegin   scanState = iota // before the top-level '{'
	stOutside                  // inside the object, between tokens
	stString                   // inside a string that passes through
	stValue                    // after `"ConsoleOutput":`, before its value
	stCapture                  // inside the ConsoleOutput string
	stEnd                      // after the top-level object
)

// unknownSize is the first capacity for decoding a body of unknown length: a 64 KB log, what ECS
// usually keeps, fits without growing.
const unknownSize = 128 << 10

// maxKey bounds the top-level key kept for comparison: "ConsoleOutput" spelled entirely in \u
// escapes is 78 bytes.
const maxKey = 128

// consoleBody transforms one GetInstanceConsoleOutput answer for the SDK; see the top of the
// file.
type consoleBody struct {
	src  io.ReadCloser
	hold *consoleCapture
	// size and reserve are the decoded output's first capacity and the one it may jump to
	// (newB64Stream).
	size, reserve int

	in     []byte // read buffer
	out    []byte // the text for the SDK: held whole until the end, then served
	served int
	done   bool  // src is finished: out is final
	direct bool  // gave up: after out, the rest of src goes through as it is
	err    error // a read error, returned again on every call

	st        scanState
	depth     int
	expectKey bool   // the next string at depth 1 is a key
	inKey     bool   // the current string is a top-level key
	key       []byte // that key's raw text, up to maxKey
	keyLong   bool
	strEsc    bool // in a passing string, the previous byte was a backslash
	isTarget  bool // the last top-level key was ConsoleOutput
	dec       *b64Stream
	capAt     int    // where the ConsoleOutput text was cut out of out
	esc       []byte // an escape sequence in the ConsoleOutput string, still incomplete
}

// newConsoleBody wraps src (already capped) for an answer of contentLength bytes (-1 when
// unknown) whose decoded output goes to hold. limit is the body's cap.
func newConsoleBody(src io.ReadCloser, hold *consoleCapture, contentLength, limit int64) *consoleBody {
	size := unknownSize
	if contentLength >= 0 && contentLength <= limit {
		// The text cannot be longer than the body holding it.
		size = int(contentLength/4*3 + 3)
	}
	return &consoleBody{src: src, hold: hold, size: size, reserve: int(limit/4*3 + 3), in: make([]byte, 32<<10)}
}

// Read serves the transformed answer. The source is read to its end before the first byte is
// served, because whether the answer can be transformed is only known there; the text held until
// then is small, the console output being decoded out of it. Once it has given up, the rest of
// the source is served as it arrives.
func (b *consoleBody) Read(p []byte) (int, error) {
	for {
		if b.err != nil {
			return 0, b.err
		}
		if (b.done || b.direct) && b.served < len(b.out) {
			n := copy(p, b.out[b.served:])
			b.served += n
			return n, nil
		}
		if b.done {
			return 0, io.EOF
		}
		if b.direct {
			b.out = nil
			return b.src.Read(p)
		}
		n, err := b.src.Read(b.in)
		b.scan(b.in[:n])
		switch {
		case err == io.EOF:
			if !b.direct {
				b.end()
			}
			b.done = true
		case err != nil:
			// The SDK fails on it as it would have without this wrapper (a cut-off or
			// oversized body), and the next attempt starts afresh.
			b.err, b.out, b.dec = err, nil, nil
		}
	}
}

// Close closes the source.
func (b *consoleBody) Close() error { return b.src.Close() }

// scan runs one chunk of the body through the state machine.
func (b *consoleBody) scan(c []byte) {
	for i := 0; i < len(c); {
		ch := c[i]
		switch b.st {
		case stBegin:
			if ch == '{' {
				b.st, b.depth, b.expectKey = stOutside, 1, true
			} else if !isJSONSpace(ch) {
				b.giveUp(c[i:])
				return
			}
			b.out = append(b.out, ch)
			i++
		case stOutside:
			b.outside(ch)
			i++
		case stString:
			i += b.passString(c[i:])
		case stValue:
			switch {
			case isJSONSpace(ch):
				b.out = append(b.out, ch)
				i++
			case ch == '"' && b.dec == nil:
				b.out = append(b.out, ch)
				b.capAt, b.dec, b.st = len(b.out), newB64Stream(b.size, b.reserve), stCapture
				i++
			case ch == '"':
				// ConsoleOutput twice: left to the ordinary path.
				b.giveUp(c[i:])
				return
			default:
				// Not a string (null, a number): passes through, and the ordinary path
				// judges it.
				b.st = stOutside
			}
		case stCapture:
			next, ok := b.capture(c, i)
			if !ok {
				b.giveUp(c[next:])
				return
			}
			i = next
		case stEnd:
			b.out = append(b.out, c[i:]...)
			return
		}
	}
}

// outside handles one byte between tokens.
func (b *consoleBody) outside(ch byte) {
	b.out = append(b.out, ch)
	if isJSONSpace(ch) {
		return
	}
	target := b.isTarget
	b.isTarget = false
	switch ch {
	case '"':
		b.st, b.inKey, b.strEsc = stString, b.depth == 1 && b.expectKey, false
		b.key, b.keyLong = b.key[:0], false
	case '{', '[':
		b.depth++
	case '}', ']':
		b.depth--
		if b.depth == 0 {
			b.st = stEnd
		}
	case ':':
		if b.depth == 1 {
			b.expectKey = false
			if target {
				b.st = stValue
			}
		}
	case ',':
		if b.depth == 1 {
			b.expectKey = true
		}
	}
}

// passString copies string text up to and including its closing quote, and returns how much of
// c it took. A top-level key is kept to be compared.
func (b *consoleBody) passString(c []byte) int {
	for i, ch := range c {
		if b.inKey {
			if len(b.key) < maxKey {
				b.key = append(b.key, ch)
			} else {
				b.keyLong = true
			}
		}
		switch {
		case b.strEsc:
			b.strEsc = false
		case ch == '\\':
			b.strEsc = true
		case ch == '"':
			b.out = append(b.out, c[:i+1]...)
			b.st = stOutside
			if b.inKey {
				b.isTarget = !b.keyLong && isConsoleOutputKey(b.key[:len(b.key)-1])
			}
			return i + 1
		}
	}
	b.out = append(b.out, c...)
	return len(c)
}

// isConsoleOutputKey reports whether the raw key text (without quotes) names ConsoleOutput.
func isConsoleOutputKey(raw []byte) bool {
	if string(raw) == "ConsoleOutput" {
		return true
	}
	var k string
	quoted := append(append([]byte{'"'}, raw...), '"')
	return json.Unmarshal(quoted, &k) == nil && k == "ConsoleOutput"
}

// capture takes ConsoleOutput text from c[i:]: plain runs straight into the decoder, escapes
// byte by byte (they may be cut between reads). It returns where it stopped, and false when the
// text cannot be transformed; everything before that index has been taken.
func (b *consoleBody) capture(c []byte, i int) (int, bool) {
	for i < len(c) {
		if len(b.esc) > 0 {
			b.esc = append(b.esc, c[i])
			i++
			complete, ok := b.escape()
			if !ok {
				return i, false
			}
			if complete {
				b.esc = b.esc[:0]
			}
			continue
		}
		i += b.dec.plain(c[i:])
		if i == len(c) {
			break
		}
		switch c[i] {
		case '\\':
			b.esc = append(b.esc, '\\')
			i++
		case '"':
			if !b.dec.finish() {
				return i, false
			}
			b.out = append(b.out, '"')
			b.st = stOutside
			return i + 1, true
		default:
			return i, false
		}
	}
	return i, true
}

// escape judges the escape sequence in b.esc: complete when it is whole and taken, not ok when it
// is invalid JSON or does not stand for a base64 or whitespace character.
func (b *consoleBody) escape() (complete, ok bool) {
	if len(b.esc) < 2 {
		return false, true
	}
	var c byte
	switch b.esc[1] {
	case '"', '\\', '/':
		c = b.esc[1]
	case 'b':
		c = '\b'
	case 'f':
		c = '\f'
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'u':
		if len(b.esc) < 6 {
			return false, true
		}
		v := 0
		for _, h := range b.esc[2:6] {
			d := hexVal(h)
			if d < 0 {
				return false, false
			}
			v = v<<4 | d
		}
		if v >= 0x80 {
			// Not ASCII, so not base64 either.
			return false, false
		}
		c = byte(v)
	default:
		return false, false
	}
	return true, b.dec.escaped(c, b.esc)
}

// hexVal is the value of a hex digit, or -1.
func hexVal(h byte) int {
	switch {
	case '0' <= h && h <= '9':
		return int(h - '0')
	case 'a' <= h && h <= 'f':
		return int(h-'a') + 10
	case 'A' <= h && h <= 'F':
		return int(h-'A') + 10
	}
	return -1
}

// isJSONSpace reports JSON's insignificant whitespace.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// end judges the whole answer once it is read: it is transformed only if the text given to the
// SDK is JSON of the API's shape with ConsoleOutput empty, and the output decoded.
func (b *consoleBody) end() {
	if b.dec == nil || b.st != stEnd || !b.dec.finish() {
		b.giveUp(nil)
		return
	}
	var w wireConsole
	if json.Unmarshal(b.out, &w) != nil || w.problem() != "" || *w.ConsoleOutput != "" {
		b.giveUp(nil)
		return
	}
	data := b.dec.bytes()
	if cap(data) > 2*len(data) && len(data) <= maxShrink {
		// A small log in a body of unknown length may sit in the large reserve; callers
		// cache outputs, so it gets a buffer of its own size, which costs a small copy.
		data = append(make([]byte, 0, len(data)), data...)
	}
	b.hold.data, b.hold.ok = data, true
	b.dec = nil
}

// maxShrink is the largest output end copies into a buffer of its own size (see there). A larger
// one keeps its buffer: the copy would double the peak, and the reserve's untouched pages are not
// resident.
const maxShrink = 1 << 20

// giveUp restores the answer as it was sent: out with the ConsoleOutput text put back where it
// was cut, then rest, the part of the current read not yet scanned. The SDK then reads the rest
// of the body as it arrives.
func (b *consoleBody) giveUp(rest []byte) {
	orig := b.out
	if b.dec != nil {
		orig = make([]byte, 0, len(b.out)+int(b.dec.chars)+len(b.dec.marks)+len(b.esc)+len(rest))
		orig = append(orig, b.out[:b.capAt]...)
		orig = b.dec.rebuild(orig)
		orig = append(orig, b.esc...)
		orig = append(orig, b.out[b.capAt:]...)
		b.dec, b.esc = nil, nil
	}
	b.out = append(orig, rest...)
	b.direct = true
}
