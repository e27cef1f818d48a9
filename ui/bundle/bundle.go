// Package bundle writes the incident bundle: one tar.gz that holds what a ticket about a boot
// failure needs, so the operator attaches one file instead of six. Its members, under one
// directory named like the archive:
//
//	instance.json     the instance (ID, name, region, status, OS) and when the log was updated and fetched
//	console.log       the console log as bootlog shows it: sanitised, no escape sequences
//	console.raw       the console log's bytes exactly as ECS returned them
//	findings.json     every finding: severity, kind, line (1-based), text, explanation, remedy
//	timeline.json     the reboot or start bootlog requested, and each status seen, with times
//	request-ids.txt   every RequestId ECS answered with, one a line, oldest first
//	screenshot.png    (or .jpg) the latest screenshot, when there is one
//
// Like every file bootlog writes, the archive is created 0600 and never replaces a file.
package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/history"
	"github.com/bootlog/bootlog/ui/imageview"
)

// Bundle is what goes into the archive.
type Bundle struct {
	Instance Instance
	// CreatedAt stamps the archive's members and names its directory.
	CreatedAt time.Time
	// Text is the sanitised log, one element a line; Raw the bytes ECS returned.
	Text []string
	Raw  []byte
	// Findings are the log's findings, in line order.
	Findings []Finding
	// Timeline is what the operator asked of ECS (a reboot, a start) and the statuses seen.
	Timeline []Event
	// RequestIDs are ECS's answers' IDs, oldest first.
	RequestIDs []string
	// Screenshot is a PNG or JPEG, or nil.
	Screenshot []byte
}

// Instance describes the instance in instance.json.
type Instance struct {
	ID         string    `json:"id"`
	Name       string    `json:"name,omitempty"`
	Region     string    `json:"region"`
	Status     string    `json:"status,omitempty"`
	OSType     string    `json:"os_type,omitempty"`
	OSName     string    `json:"os_name,omitempty"`
	LastUpdate time.Time `json:"console_last_update,omitzero"`
	FetchedAt  time.Time `json:"console_fetched_at,omitzero"`
}

// Finding is one line of findings.json.
type Finding struct {
	Severity    string `json:"severity"`
	Kind        string `json:"kind"`
	Line        int    `json:"line"`
	Text        string `json:"text"`
	Explanation string `json:"explanation,omitempty"`
	Remedy      string `json:"remedy,omitempty"`
}

// Event is one step of the timeline: an action requested ("reboot", "force reboot", "start")
// or a status seen ("Stopping", "Running"), and when.
type Event struct {
	At     time.Time `json:"at"`
	Action string    `json:"action,omitempty"`
	Status string    `json:"status,omitempty"`
}

// FromFindings converts the scanner's findings for findings.json; lines become 1-based, as in
// the viewer's line numbers, grep -n and less -N.
func FromFindings(fs []findings.Finding) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.Rule == nil {
			continue
		}
		out = append(out, Finding{
			Severity: f.Rule.Severity.String(), Kind: f.Rule.Name, Line: f.Line + 1, Text: f.Text,
			Explanation: f.Rule.Explain, Remedy: f.Rule.Remedy,
		})
	}
	return out
}

// FileName suggests the archive's name: "bootlog-i-bp1abc-20261130T140305Z.tar.gz"
// (history.StampedName: the time in UTC, and the ID reduced so that it cannot name a path).
func FileName(instanceID string, at time.Time) string {
	return history.StampedName(instanceID, at) + ".tar.gz"
}

// Write writes b as a new tar.gz at path through history.WriteNew: mode 0600, and never over an
// existing file, when it returns an error wrapping a *history.ExistsError. The archive is built
// in memory first (a console log is at most a few MB), so a failure leaves no file.
func Write(path string, b Bundle) error {
	data, err := Archive(b)
	if err != nil {
		return err
	}
	if err := history.WriteNew(path, data); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// Archive returns the tar.gz bytes of b.
func Archive(b Bundle) ([]byte, error) {
	dir := history.StampedName(b.Instance.ID, b.CreatedAt) + "/"
	var out bytes.Buffer
	gz := gzip.NewWriter(&out)
	tw := tar.NewWriter(gz)
	add := func(name string, data []byte) error {
		hdr := &tar.Header{Name: dir + name, Mode: 0o600, Size: int64(len(data)), ModTime: b.CreatedAt, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	asJSON := func(v any) []byte {
		j, _ := json.MarshalIndent(v, "", "  ") // plain data: cannot fail
		return append(j, '\n')
	}
	text := strings.Join(b.Text, "\n")
	if len(b.Text) > 0 {
		text += "\n"
	}
	fnd, tl := b.Findings, b.Timeline
	if fnd == nil {
		fnd = []Finding{}
	}
	if tl == nil {
		tl = []Event{}
	}
	ids := strings.Join(b.RequestIDs, "\n")
	if ids != "" {
		ids += "\n"
	}
	members := []struct {
		name string
		data []byte
	}{
		{"instance.json", asJSON(b.Instance)},
		{"console.log", []byte(text)},
		{"console.raw", b.Raw},
		{"findings.json", asJSON(fnd)},
		{"timeline.json", asJSON(tl)},
		{"request-ids.txt", []byte(ids)},
	}
	if name := screenshotName(b.Screenshot); name != "" {
		members = append(members, struct {
			name string
			data []byte
		}{name, b.Screenshot})
	}
	for _, m := range members {
		if err := add(m.name, m.data); err != nil {
			return nil, fmt.Errorf("bundle %s: %w", m.name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if err := gz.Close(); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return out.Bytes(), nil
}

// screenshotName is the member name for an image, by its format; "" when there is none or it is
// not a PNG or JPEG (nothing is stored under an image name that is not one).
func screenshotName(img []byte) string {
	switch imageview.Detect(img) {
	case "png":
		return "screenshot.png"
	case "jpeg":
		return "screenshot.jpg"
	}
	return ""
}

// AddRequestID appends id unless it is empty or already the last one, keeping at most max IDs
// (the oldest go first), so a long watch cannot grow the list without end.
func AddRequestID(ids []string, id string, max int) []string {
	if id == "" || (len(ids) > 0 && ids[len(ids)-1] == id) {
		return ids
	}
	if len(ids) >= max {
		ids = append(ids[:0], ids[1:]...)
	}
	return append(ids, id)
}
