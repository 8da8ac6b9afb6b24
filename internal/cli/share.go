package cli

import (
	"errors"
	"fmt"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newShareCmd) }

func newShareCmd(c *call) *cobra.Command {
	var meeting string
	cmd := &cobra.Command{
		Use:   "share HANDLE [--meeting ID]",
		Short: "a recap of the latest meeting to send the other person",
		Long: `Prints a recap of the latest 1:1 with a person (or of --meeting ID), ready to
paste in chat or mail: the note without its private sections (under a
heading that says "private") and without block ids, then the commitments of
that meeting both ways as they stand today, with their due dates. The
markdown is printed as is, to copy:

  1on1 share alice | pbcopy`,
		GroupID: groupNotes,
		Args:    args(1, 1, "HANDLE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runShare(c, args[0], meeting) },
	}
	cmd.Flags().StringVar(&meeting, "meeting", "", "the meeting `ID` to recap (from '1on1 meetings HANDLE'; default: the latest)")
	c.todayFlag(cmd)
	return cmd
}

func runShare(c *call, handle, meeting string) error {
	var id journal.MeetingID
	if meeting != "" {
		var err error
		if id, err = journal.ParseMeetingID(meeting); err != nil {
			return err
		}
	}
	today, j, p, err := c.openPerson(true, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	recap, err := j.Share(p.Handle, id, today)
	switch {
	case errors.Is(err, journal.ErrNotFound) && id == 0:
		return notFoundf("no meeting with %s yet; add one with '1on1 note %s'", p.Handle, p.Handle)
	case errors.Is(err, journal.ErrNotFound):
		return notFoundf("no meeting %s with %s; see '1on1 meetings %s'", meeting, p.Handle, p.Handle)
	case err != nil:
		return err
	}
	_, err = fmt.Fprint(c.env.Stdout, recap)
	return err
}
