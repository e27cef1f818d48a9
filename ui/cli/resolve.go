package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// target is the instance a command works on, resolved from what the operator typed.
type target struct {
	id, region string
	// direct is true when the argument was taken as an ID in the configured region without
	// asking ECS; a NotFound may then mean the instance lives in another region.
	direct bool
}

// instanceArgHelp says what an instance argument may be, for usage lines and errors.
const instanceArgHelp = "an instance ID (i-...), name (* as a wildcard) or IPv4 address"

// resolveTarget turns an instance ID, name or IPv4 address into one instance and its region.
// An ID ("i-...") with a region configured is used as it is, as before find existed: no extra
// call. Anything else is looked up with fetch.Client.Find in the --region given on the command
// line, or in every region. One match is the target; several end the command with exit 2 and
// the candidates on stderr; none with exit 1, saying where it looked and which regions failed.
// Regions that failed while another answered are named on stderr as a note.
func resolveTarget(ctx context.Context, s *session, o *options, arg string) (target, error) {
	if s.cfg.Region != "" && strings.HasPrefix(arg, "i-") {
		return target{id: arg, region: s.cfg.Region, direct: true}, nil
	}
	return findTarget(ctx, s, o, arg)
}

// relocate is the second chance of a direct target that ECS did not find in the configured
// region: unless --region pinned the region, the ID is looked up in every region (a profile's
// region is only a default). ok is false when there is nothing to retry: the error stands.
func relocate(ctx context.Context, s *session, o *options, t target, err error) (target, bool, error) {
	if !t.direct || o.set("region") || kindOf(err) != fetch.KindNotFound {
		return t, false, nil
	}
	if _, perr := fetch.ParseFindQuery(t.id); perr != nil {
		return t, false, nil
	}
	found, ferr := findTarget(ctx, s, o, t.id)
	if ferr != nil {
		return t, false, ferr
	}
	return found, found.region != t.region || found.id != t.id, nil
}

// findTarget resolves arg with Find, in the --region given or in every region.
func findTarget(ctx context.Context, s *session, o *options, arg string) (target, error) {
	var regions []string
	if o.set("region") {
		regions = []string{s.cfg.Region}
	}
	// Searching every region takes a round trip or two per region: say so on a terminal, where
	// the operator would otherwise stare at nothing; piped, stderr stays for real messages.
	progress := newProgressLine(s.stderr)
	where := "every region"
	if len(regions) == 1 {
		where = regions[0]
	}
	progress.show(fmt.Sprintf("bootlog: looking for %s in %s…", console.SafeLine(arg), console.SafeLine(where)))
	res, err := s.client.Find(ctx, arg, regions)
	progress.clear()
	if err != nil {
		if kindOf(err) == fetch.KindInvalidRequest && res.Query.Text == "" {
			// ParseFindQuery refused the text itself: that is how the command was called.
			fmt.Fprintf(s.stderr, "bootlog: %q is not %s: %s\n", console.SafeLine(arg), instanceArgHelp, console.SafeLine(errMessage(err)))
			return target{}, exitWith(exitUsage)
		}
		return target{}, s.fail(err)
	}
	noteFailedRegions(s.stderr, res.Failed)
	switch len(res.Candidates) {
	case 1:
		in := res.Candidates[0]
		return target{id: in.ID, region: in.RegionID}, nil
	case 0:
		fmt.Fprintf(s.stderr, "bootlog: %s %s not found in %s (searched %s with %s)\n",
			res.Query.Kind, console.SafeLine(res.Query.Text), plural(len(res.Searched), "region"),
			console.SafeLine(strings.Join(res.Searched, ", ")), strings.Join(res.Query.Filters(), ", "))
		if len(res.Failed) > 0 {
			fmt.Fprintf(s.stderr, "bootlog: it may be in a region that could not be searched: %s\n", console.SafeLine(failedNames(res.Failed)))
		}
		return target{}, exitWith(exitAPI)
	}
	fmt.Fprintf(s.stderr, "bootlog: %s %s matches %d instances; give one's ID:\n", res.Query.Kind, console.SafeLine(res.Query.Text), len(res.Candidates))
	writeCandidates(s.stderr, res.Candidates)
	if len(res.Truncated) > 0 {
		fmt.Fprintf(s.stderr, "bootlog: more matched in %s than are shown\n", console.SafeLine(strings.Join(res.Truncated, ", ")))
	}
	return target{}, exitWith(exitUsage)
}

// errMessage is the message of a fetch error without its operation prefix.
func errMessage(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Message != "" {
		return fe.Message
	}
	return err.Error()
}

// noteFailedRegions names each region Find could not search.
func noteFailedRegions(w io.Writer, failed []fetch.RegionError) {
	for _, f := range failed {
		fmt.Fprintf(w, "bootlog: note: region %s could not be searched: %s\n", console.SafeLine(f.Region), console.SafeLine(config.Redact(f.Err.Error())))
	}
}

// failedNames lists the failed regions with the kind of each failure.
func failedNames(failed []fetch.RegionError) string {
	parts := make([]string, 0, len(failed))
	for _, f := range failed {
		parts = append(parts, fmt.Sprintf("%s (%s)", f.Region, kindOf(f.Err)))
	}
	return strings.Join(parts, ", ")
}

// writeCandidates prints the matches as a table: ID, name, region, status and addresses. Every
// cell comes from the server and is sanitised.
func writeCandidates(w io.Writer, cands []fetch.Instance) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  ID\tNAME\tREGION\tSTATUS\tIPS")
	for _, in := range cands {
		ips := append(append([]string(nil), in.PrivateIPs...), in.PublicIPs...)
		if in.EIP != "" {
			ips = append(ips, in.EIP)
		}
		cells := []string{in.ID, dash(in.Name), in.RegionID, in.Status, dash(strings.Join(ips, ","))}
		for i, c := range cells {
			cells[i] = console.SafeLine(c)
		}
		fmt.Fprintln(tw, "  "+strings.Join(cells, "\t"))
	}
	_ = tw.Flush()
}

// plural is "1 region" or "3 regions".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
