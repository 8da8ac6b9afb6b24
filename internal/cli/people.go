package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/oneonone/1on1/journal"
	"github.com/spf13/cobra"
)

func init() { addVerb(newPeopleCmd) }

const peopleAbout = `Lists the people you hold 1:1s with, or adds and changes one. The handle
defaults to the lower-cased first word of NAME. Roles: report, peer, manager,
stakeholder, other. Cadence is the days between 1:1s (default 14).`

// newPeopleCmd is "people" and its sub-verbs; "people" alone lists.
func newPeopleCmd(c *call) *cobra.Command {
	var lf peopleListFlags
	cmd := &cobra.Command{
		Use:     "people",
		Short:   "list, add and edit the people you hold 1:1s with",
		Long:    peopleAbout,
		GroupID: groupNotes,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(cmd, "no sub-verb %q: use list, add, edit, archive or unarchive", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return peopleList(c, lf) },
	}
	lf.add(cmd)
	c.todayFlag(cmd)

	var llf peopleListFlags
	list := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "list the people, with their last 1:1 and open promises",
		Long:    peopleAbout,
		Args:    args(0, 0, ""),
		RunE:    func(cmd *cobra.Command, args []string) error { return peopleList(c, llf) },
	}
	llf.add(list)
	c.todayFlag(list)
	cmd.AddCommand(list, newPeopleAddCmd(c), newPeopleEditCmd(c), newPeopleArchiveCmd(c, true), newPeopleArchiveCmd(c, false))
	return cmd
}

// peopleListFlags are the flags of "people" and "people list".
type peopleListFlags struct{ all, json bool }

func (f *peopleListFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.all, "all", false, "include archived people")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON")
}

type personJSON struct {
	Handle         string       `json:"handle"`
	Name           string       `json:"name"`
	Role           string       `json:"role"`
	Cadence        int          `json:"cadence"`
	Context        string       `json:"context,omitempty"`
	Archived       bool         `json:"archived"`
	Meetings       int          `json:"meetings"`
	LastMeeting    journal.Date `json:"last_meeting,omitempty"`
	DaysSince      int          `json:"days_since"`
	DueForOneOnOne bool         `json:"due_for_1on1"`
	OverdueMine    int          `json:"overdue_mine"`
	OverdueTheirs  int          `json:"overdue_theirs"`
	DueSoon        int          `json:"due_soon"`
	OpenMine       int          `json:"open_mine"`
	OpenTheirs     int          `json:"open_theirs"`
	OpenFollowUps  int          `json:"open_followups"`
}

func peopleList(c *call, f peopleListFlags) error {
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	st, err := j.PeopleStatus(today, f.all)
	if err != nil {
		return err
	}
	if f.json {
		out := make([]personJSON, 0, len(st))
		for _, s := range st {
			out = append(out, personJSON{
				Handle: s.Handle, Name: s.Name, Role: string(s.Role), Cadence: s.Cadence,
				Context: s.Context, Archived: s.Archived, Meetings: s.Meetings,
				LastMeeting: s.LastMeeting, DaysSince: s.DaysSince, DueForOneOnOne: s.DueForOneOnOne,
				OverdueMine: s.OverdueMine, OverdueTheirs: s.OverdueTheirs, DueSoon: s.DueSoon,
				OpenMine: s.OpenMine, OpenTheirs: s.OpenTheirs, OpenFollowUps: s.OpenFollowUps,
			})
		}
		return c.writeJSON(out)
	}
	empty := "No people yet. Add one with: 1on1 people add \"Alice Martin\" --role report"
	header := "HANDLE\tNAME\tROLE\tCADENCE\tLAST 1:1\tOVERDUE me/them\tOPEN me/them\tFOLLOW-UPS\tNOTE"
	return c.printTable(len(st), empty, header, func(w io.Writer) {
		for _, s := range st {
			last := "never"
			if !s.LastMeeting.IsZero() {
				last = fmt.Sprintf("%s (%dd)", s.LastMeeting, s.DaysSince)
			}
			var notes []string
			if s.DueForOneOnOne {
				notes = append(notes, "due for a 1:1")
			}
			if s.Archived {
				notes = append(notes, "archived")
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%dd\t%s\t%d/%d\t%d/%d\t%d\t%s\n", s.Handle, s.Name, s.Role, s.Cadence,
				last, s.OverdueMine, s.OverdueTheirs, s.OpenMine, s.OpenTheirs, s.OpenFollowUps, strings.Join(notes, ", "))
		}
	})
}

// personFlags are the fields add and edit share.
type personFlags struct {
	name, handle, role, context string
	cadence                     int
}

func (pf *personFlags) add(cmd *cobra.Command, withHandle, withName bool) {
	fs := cmd.Flags()
	if withHandle {
		fs.StringVar(&pf.handle, "handle", "", "short lower-case handle (default: first word of NAME)")
	}
	if withName {
		fs.StringVar(&pf.name, "name", "", "full name")
	}
	fs.StringVar(&pf.role, "role", "", "report, peer, manager, stakeholder or other")
	fs.IntVar(&pf.cadence, "cadence", 0, "days between 1:1s")
	fs.StringVar(&pf.context, "context", "", "free-form notes about the person (markdown)")
}

func newPeopleAddCmd(c *call) *cobra.Command {
	var pf personFlags
	cmd := &cobra.Command{
		Use:               "add NAME",
		ValidArgsFunction: noFiles,
		Short:             "add someone you hold 1:1s with",
		Long:              peopleAbout,
		Args:              args(1, -1, "NAME"),
		RunE:              func(cmd *cobra.Command, args []string) error { return peopleAdd(c, cmd, args, pf) },
	}
	pf.add(cmd, true, false)
	return cmd
}

// check refuses values the journal would take another way: --cadence 0
// is not "the default".
func (pf personFlags) check(cmd *cobra.Command) error {
	if cmd.Flags().Changed("cadence") && (pf.cadence < 1 || pf.cadence > 366) {
		return usagef(cmd, "--cadence %d: give the days between 1:1s, from 1 to 366", pf.cadence)
	}
	return nil
}

func peopleAdd(c *call, cmd *cobra.Command, args []string, pf personFlags) error {
	if err := pf.check(cmd); err != nil {
		return err
	}
	name := strings.TrimSpace(strings.Join(args, " "))
	if name == "" {
		return usagef(cmd, "missing NAME")
	}
	handle := strings.ToLower(pf.handle)
	if handle != "" && !journal.ValidHandle(handle) {
		return fmt.Errorf("handle %q: use 1 to 32 lower-case letters, digits, '.', '_' or '-'", pf.handle)
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	people, err := j.People(true)
	if err != nil {
		return err
	}
	byHandle := map[string]journal.Person{}
	for _, p := range people {
		byHandle[p.Handle] = p
		if strings.EqualFold(p.Name, name) && handle == "" {
			return fmt.Errorf("%s is already in the journal as %s; to add someone else of that name, give --handle", p.Name, p.Handle)
		}
	}
	taken := func(h string) bool { _, ok := byHandle[h]; return ok }
	derived := ""
	if handle == "" {
		// The first name, else the first name and an initial, and so on:
		// "José Núñez" is jose, a second Priya is priya.s.
		handle = journal.SuggestHandle(name, taken)
		if first := journal.SuggestHandle(name, func(string) bool { return false }); first != handle {
			derived = first
		}
	} else if p, ok := byHandle[handle]; ok {
		return fmt.Errorf("handle %s is taken by %s; give another, such as --handle %s", handle, p.Name, journal.SuggestHandle(name, taken))
	}
	p, err := j.AddPerson(journal.Person{Handle: handle, Name: name, Role: journal.Role(pf.role), Cadence: pf.cadence, Context: pf.context})
	if err != nil {
		return err
	}
	if derived != "" {
		fmt.Fprintf(c.env.Stderr, "%s is %s's handle, so %s's is %s (or choose one with --handle)\n",
			derived, byHandle[derived].Name, p.Name, p.Handle)
	}
	fmt.Fprintf(c.env.Stdout, "added %s (%s, %s, every %d days)\n", p.Handle, p.Name, p.Role, p.Cadence)
	return nil
}

func newPeopleEditCmd(c *call) *cobra.Command {
	var pf personFlags
	cmd := &cobra.Command{
		Use:               "edit HANDLE",
		ValidArgsFunction: c.completeHandle,
		Short:             "change someone's name, role, cadence or context",
		Long:              peopleAbout,
		Args:              args(1, 1, "HANDLE"),
		RunE:              func(cmd *cobra.Command, args []string) error { return peopleEdit(c, cmd, args[0], pf) },
	}
	pf.add(cmd, false, true)
	return cmd
}

func peopleEdit(c *call, cmd *cobra.Command, handle string, pf personFlags) error {
	set := cmd.Flags().Changed
	if !set("name") && !set("role") && !set("cadence") && !set("context") {
		return usagef(cmd, "nothing to change: give --name, --role, --cadence or --context")
	}
	if err := pf.check(cmd); err != nil {
		return err
	}
	j, p, err := c.openHandle(false, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	if set("name") {
		p.Name = pf.name
	}
	if set("role") {
		p.Role = journal.Role(pf.role)
	}
	if set("cadence") {
		p.Cadence = pf.cadence
	}
	if set("context") {
		p.Context = pf.context
	}
	p, err = j.UpdatePerson(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "updated %s (%s, %s, every %d days)\n", p.Handle, p.Name, p.Role, p.Cadence)
	return nil
}

func newPeopleArchiveCmd(c *call, archive bool) *cobra.Command {
	cmd := &cobra.Command{
		Use:               "archive HANDLE",
		ValidArgsFunction: c.completeHandle,
		Short:             "hide someone from lists and flags (notes kept)",
		Long:              "Archives a person: hidden from lists and flags; their notes are kept.",
		Args:              args(1, 1, "HANDLE"),
		RunE:              func(cmd *cobra.Command, args []string) error { return peopleArchive(c, args[0], archive) },
	}
	if !archive {
		cmd.Use, cmd.Short, cmd.Long = "unarchive HANDLE", "bring an archived person back", "Brings an archived person back into lists and flags."
		cmd.ValidArgsFunction = c.completeArchived
	}
	return cmd
}

func peopleArchive(c *call, handle string, archive bool) error {
	j, p, err := c.openHandle(false, handle)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := j.SetArchived(p.Handle, archive); err != nil {
		return err
	}
	if archive {
		fmt.Fprintf(c.env.Stdout, "archived %s: hidden from lists and flags, notes kept\n", p.Handle)
	} else {
		fmt.Fprintf(c.env.Stdout, "%s is active again\n", p.Handle)
	}
	return nil
}
