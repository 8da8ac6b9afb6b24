package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/oneonone/1on1/journal"
)

const peopleUsage = `[list [--all] [--json]]
       1on1 people add NAME [--handle H] [--role R] [--cadence DAYS] [--context TEXT]
       1on1 people edit HANDLE [--name N] [--role R] [--cadence DAYS] [--context TEXT]
       1on1 people archive HANDLE
       1on1 people unarchive HANDLE`

const peopleAbout = `Lists the people you hold 1:1s with, or adds and changes one. The handle
defaults to the lower-cased first word of NAME. Roles: report, peer, manager,
stakeholder, other. Cadence is the days between 1:1s (default 14).`

func runPeople(c *call) error {
	sub := "list"
	args := c.args
scan:
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if i > 0 && (args[i-1] == "--db" || args[i-1] == "-db" || args[i-1] == "--today" || args[i-1] == "-today") {
			continue
		}
		switch a {
		case "list", "ls", "add", "edit", "archive", "unarchive":
			sub = a
			args = append(append([]string{}, args[:i]...), args[i+1:]...)
		}
		break scan
	}
	c.args = args // the sub-verb's own arguments, without its name
	switch sub {
	case "add":
		return peopleAdd(c)
	case "edit":
		return peopleEdit(c)
	case "archive", "unarchive":
		return peopleArchive(c, sub == "archive")
	default:
		return peopleList(c)
	}
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

func peopleList(c *call) error {
	fs := c.flags(peopleUsage, peopleAbout, true)
	all := fs.Bool("all", false, "include archived people")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.parseArgs(fs, 0, 0, ""); err != nil {
		return err
	}
	today, j, err := c.openToday(true)
	if err != nil {
		return err
	}
	defer j.Close()
	st, err := j.PeopleStatus(today, *all)
	if err != nil {
		return err
	}
	if *asJSON {
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
	name, handle, role, context *string
	cadence                     *int
}

func addPersonFlags(fs *flag.FlagSet, withHandle, withName bool) personFlags {
	var pf personFlags
	if withHandle {
		pf.handle = fs.String("handle", "", "short lower-case handle (default: first word of NAME)")
	}
	if withName {
		pf.name = fs.String("name", "", "full name")
	}
	pf.role = fs.String("role", "", "report, peer, manager, stakeholder or other")
	pf.cadence = fs.Int("cadence", 0, "days between 1:1s")
	pf.context = fs.String("context", "", "free-form notes about the person (markdown)")
	return pf
}

func peopleAdd(c *call) error {
	fs := c.flags(peopleUsage, peopleAbout)
	pf := addPersonFlags(fs, true, false)
	if err := c.parseArgs(fs, 1, -1, "NAME"); err != nil {
		return err
	}
	name := strings.TrimSpace(strings.Join(c.pos, " "))
	if name == "" {
		return usagef(c.name, "missing NAME")
	}
	handle := *pf.handle
	if handle == "" {
		handle = strings.ToLower(strings.Fields(name)[0])
	}
	if !journal.ValidHandle(handle) {
		return fmt.Errorf("handle %q: use 1 to 32 lower-case letters, digits, '.', '_' or '-' (give one with --handle)", handle)
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := j.AddPerson(journal.Person{Handle: handle, Name: name, Role: journal.Role(*pf.role), Cadence: *pf.cadence, Context: *pf.context})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "added %s (%s, %s, every %d days)\n", p.Handle, p.Name, p.Role, p.Cadence)
	return nil
}

func peopleEdit(c *call) error {
	fs := c.flags(peopleUsage, peopleAbout)
	pf := addPersonFlags(fs, false, true)
	if err := c.parseArgs(fs, 1, 1, "HANDLE"); err != nil {
		return err
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, c.pos[0])
	if err != nil {
		return err
	}
	changed := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			p.Name, changed = *pf.name, true
		case "role":
			p.Role, changed = journal.Role(*pf.role), true
		case "cadence":
			p.Cadence, changed = *pf.cadence, true
		case "context":
			p.Context, changed = *pf.context, true
		}
	})
	if !changed {
		return usagef(c.name, "nothing to change: give --name, --role, --cadence or --context")
	}
	p, err = j.UpdatePerson(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "updated %s (%s, %s, every %d days)\n", p.Handle, p.Name, p.Role, p.Cadence)
	return nil
}

func peopleArchive(c *call, archive bool) error {
	fs := c.flags(peopleUsage, peopleAbout)
	if err := c.parseArgs(fs, 1, 1, "HANDLE"); err != nil {
		return err
	}
	j, err := c.open(false)
	if err != nil {
		return err
	}
	defer j.Close()
	p, err := person(j, c.pos[0])
	if err != nil {
		return err
	}
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
