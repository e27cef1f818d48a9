package ui

import (
	"github.com/bootlog/bootlog/ui/console"
)

// maxRequestIDs bounds the RequestIds a viewer keeps for the incident bundle; a follow left
// running for days must not grow it without end. The oldest go first.
const maxRequestIDs = 500

// noteRequestID records a RequestId the viewer's instance was answered with, for the incident
// bundle: a support ticket names them.
func (v *viewer) noteRequestID(id string) {
	id = console.SafeLine(id)
	if id == "" {
		return
	}
	if n := len(v.requestIDs); n > 0 && v.requestIDs[n-1] == id {
		return
	}
	if len(v.requestIDs) >= maxRequestIDs {
		v.requestIDs = append(v.requestIDs[:0], v.requestIDs[1:]...)
	}
	v.requestIDs = append(v.requestIDs, id)
}

// noteErrRequestID records the RequestId of a refused call.
func (v *viewer) noteErrRequestID(err error) {
	if fe, ok := asFetchError(err); ok {
		v.noteRequestID(fe.RequestID)
	}
}
