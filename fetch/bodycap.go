package fetch

import (
	"fmt"
	"io"
)

// The SDK reads every answer whole (io.ReadAll in responses.BaseResponse.parseFromHttpResponse)
// and then copies it into a string, with no limit: an endpoint that never ends its body would be
// read until the attempt's timeout, gigabytes on a fast link. ECS's answers to the actions
// bootlog sends are a few hundred KB at most (a page of 100 instances is about 300 KB), so each
// answer is capped with generous headroom, and a larger one fails as a malformed response.
const (
	// maxConsoleBody caps GetInstanceConsoleOutput and GetInstanceScreenshot, whose base64
	// payloads are the only large things ECS sends. The size of the cached console output is
	// not documented (other clouds keep the last 64 KB); 32 MiB admits a 24 MiB log.
	maxConsoleBody = 32 << 20
	// maxBody caps every other answer: DescribeInstances pages, DescribeRegions,
	// DescribeInstanceStatus, RebootInstance and every error body.
	maxBody = 8 << 20
)

// bodyLimit is the cap on the answer to op.
func bodyLimit(op string) int64 {
	switch op {
	case "GetInstanceConsoleOutput", "GetInstanceScreenshot":
		return maxConsoleBody
	}
	return maxBody
}

// bodyTooLargeError is what reading an answer past its cap returns; classify turns it into a
// KindMalformedResponse error.
type bodyTooLargeError struct {
	op    string
	limit int64
}

func (e *bodyTooLargeError) Error() string {
	return fmt.Sprintf("the answer to %s is larger than %s, far more than ECS sends; bootlog stopped reading it", e.op, mib(e.limit))
}

// mib renders a byte count as whole MiB.
func mib(n int64) string { return fmt.Sprintf("%d MiB", n>>20) }

// cappedBody passes at most limit bytes of a response body through, and fails the read that
// would go past them. The check reads one byte beyond the cap, so an answer of exactly limit
// bytes still ends with io.EOF.
type cappedBody struct {
	rc   io.ReadCloser
	left int64
	err  *bodyTooLargeError
}

func newCappedBody(rc io.ReadCloser, op string, limit int64) *cappedBody {
	return &cappedBody{rc: rc, left: limit, err: &bodyTooLargeError{op: op, limit: limit}}
}

// Read reads from the body until the cap is reached.
func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, b.err
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

// Close closes the body. A body abandoned at the cap is not drained, so its connection is
// closed rather than reused.
func (b *cappedBody) Close() error { return b.rc.Close() }
