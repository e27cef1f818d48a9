package fetch

import (
	"strconv"
	"sync/atomic"
	_ "unsafe" // for go:linkname

	// The package whose hookPrint is replaced below; imported for its side of the link.
	_ "github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
)

// The SDK has a debug mode of its own, switched on by DEBUG=sdk in the environment when the
// program starts. It then prints every request's signed URL (with Signature and the STS
// SecurityToken), every header and every whole answer body to standard output: onto the TUI's
// screen, and into whatever `bootlog get` is piped into. The SDK offers no setting for where
// that goes; every one of its debug lines passes through the package variable
// sdk/utils.hookPrint (a seam its own tests use), so that variable is pointed at
// printSDKDebug, which sends the lines, redacted, cut and quoted, to the Debug writer instead.
//
//go:linkname sdkHookPrint github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils.hookPrint
var sdkHookPrint func(string)

func init() { sdkHookPrint = printSDKDebug }

// sdkDebugClient is the Client whose Debug writer receives the SDK's debug lines: the most
// recent one created with a Debug writer. The hook is process-wide, and bootlog makes one
// client per process; with none, the lines are dropped.
var sdkDebugClient atomic.Pointer[Client]

// maxSDKDebugLine bounds one SDK debug line in the debug log; the SDK would write whole
// answers, up to the body cap.
const maxSDKDebugLine = 2048

// printSDKDebug writes one SDK debug line to the debug log. The line is cut first (a secret
// cut in two leaves its name and the start of its value, which Redact still hides), redacted,
// and quoted, because answer bodies carry server-controlled text that may hold terminal escapes.
func printSDKDebug(line string) {
	c := sdkDebugClient.Load()
	if c == nil {
		return
	}
	c.debugf("sdk %s", strconv.Quote(Redact(truncate(line, maxSDKDebugLine))))
}
