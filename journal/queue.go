package journal

// Why this file is long: Topics and feedback queued for the next 1:1: storage, the person file's
// form and JSON of one concept.

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// QueueKind says what a queued entry is for.
type QueueKind uint8

// The two queues of SPEC 4.6.
const (
	QueueTopic    QueueKind = iota + 1 // a topic to raise ("To discuss")
	QueueFeedback                      // feedback to give ("Feedback to give")
)

// String returns "topic" or "feedback".
func (k QueueKind) String() string {
	switch k {
	case QueueTopic:
		return "topic"
	case QueueFeedback:
		return "feedback"
	}
	return ""
}

// MaxQueuedText is the longest text a queued entry may hold: it becomes
// one line of a note.
const MaxQueuedText = 1000

// Queued is a topic or feedback to give, queued for the next 1:1 with a
// person outside any note.
//
// Its ID is the block id the entry takes in the note made from the
// template, so the entry is waiting exactly while no saved note holds that
// id: saving the note takes it off the queue, and deleting that note (or
// the line) before any other note carried it puts it back.
type Queued struct {
	ID     string // block id it will have in the note ("qk3f9")
	Person string // handle
	Kind   QueueKind
	Text   string // one line of markdown
	Added  Date   // the day it was queued
	seq    uint64 // order of queueing, for a stable listing
}

// Age returns how many days the entry has waited as of today; 0 when it
// has no date (a line added by hand to an exported file).
func (q Queued) Age(today Date) int {
	if q.Added.IsZero() {
		return 0
	}
	return max(0, int(today-q.Added))
}

// cleanQueuedText makes a queued text one line of a note: line breaks
// become spaces, and a trailing block id is not the entry's to give.
func cleanQueuedText(s string) (string, error) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
	if end, id := splitBlockID(s); id != "" {
		s = strings.TrimSpace(s[:end])
	}
	switch {
	case s == "":
		return "", fmt.Errorf("queue: the text is empty: %w", ErrInvalid)
	case !utf8.ValidString(s):
		return "", fmt.Errorf("queue: the text is not UTF-8: %w", ErrInvalid)
	case len(s) > MaxQueuedText:
		return "", fmt.Errorf("queue: the text is %d bytes, more than the %d an entry may hold: %w", len(s), MaxQueuedText, ErrInvalid)
	}
	return s, nil
}

// Queue adds a topic or feedback to give for the next 1:1 with a person,
// dated today, and returns it.
func (j *Journal) Queue(handle string, kind QueueKind, text string, today Date) (Queued, error) {
	if kind != QueueTopic && kind != QueueFeedback {
		return Queued{}, fmt.Errorf("queue: unknown kind %d: %w", kind, ErrInvalid)
	}
	text, err := cleanQueuedText(text)
	if err != nil {
		return Queued{}, err
	}
	q := Queued{Person: handle, Kind: kind, Text: text, Added: today}
	err = j.update(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		b := tx.Bucket(bucketQueue)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		q.seq = seq
		q.ID = newQueueID(tx, handle, seq)
		if err := touchVault(tx, handle); err != nil {
			return err
		}
		return b.Put(joinKey([]byte(handle), []byte(q.ID)), encodeQueued(q))
	})
	if err != nil {
		return Queued{}, err
	}
	return q, nil
}

// newQueueID returns an id no item and no queued entry has. Queue ids
// start with "q" and have five characters, a length note stamping never
// hands out, so an entry's id cannot meet a note's new ids later.
func newQueueID(tx *bolt.Tx, handle string, seq uint64) string {
	salt := tx.Bucket(bucketMeta).Get(keyIDSalt)
	for attempt := 0; ; attempt++ {
		h := fnv.New64a()
		h.Write(salt)
		fmt.Fprintf(h, "queue/%s/%d/%d", handle, seq, attempt)
		id := strconv.FormatUint(h.Sum64(), 36)
		id = "q" + id[len(id)-4:]
		if attempt > 64 {
			id = "q" + strconv.FormatUint(h.Sum64(), 36) // a crowded journal: widen
		}
		if !idInUse(tx.Bucket(bucketItems), id) && !queueIDTaken(tx, id) {
			return id
		}
	}
}

// queueIDTaken reports whether any person's queue holds id.
func queueIDTaken(tx *bolt.Tx, id string) bool {
	taken := false
	_ = tx.Bucket(bucketQueue).ForEach(func(k, _ []byte) error {
		_, qid := splitKey(k)
		taken = taken || string(qid) == id
		return nil
	})
	return taken
}

// QueuedFor returns the entries waiting for the next 1:1 with a person,
// of one kind (or both when kind is 0), in the order they were queued.
func (j *Journal) QueuedFor(handle string, kind QueueKind) ([]Queued, error) {
	var out []Queued
	err := j.view(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		all, err := queuedOf(tx, handle, false)
		for _, q := range all {
			if kind == 0 || q.Kind == kind {
				out = append(out, q)
			}
		}
		return err
	})
	return out, err
}

// queuedOf reads a person's queue in queueing order: the waiting entries,
// or every entry, taken ones too, when all is set.
func queuedOf(tx *bolt.Tx, handle string, all bool) ([]Queued, error) {
	b := tx.Bucket(bucketQueue)
	if b == nil {
		return nil, nil // a journal from before queues, opened read-only
	}
	var out []Queued
	prefix := prefixKey([]byte(handle))
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		q, err := decodeQueued(v)
		if err != nil {
			return nil, fmt.Errorf("queued entry %s: %w", keyName(k[len(prefix):]), err)
		}
		q.Person, q.ID = handle, string(k[len(prefix):])
		// An id belongs to one person: only a note of this person's takes it.
		if all || tx.Bucket(bucketPersonItems).Get(itemKey(handle, q.ID)) == nil {
			out = append(out, q)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].seq < out[b].seq })
	return out, nil
}

// queuedEntry returns the entry with id in a person's queue, waiting or
// taken, or ErrNotFound.
func queuedEntry(tx *bolt.Tx, handle, id string) (Queued, error) {
	b := tx.Bucket(bucketQueue)
	var v []byte
	if b != nil {
		v = b.Get(joinKey([]byte(handle), []byte(id)))
	}
	if v == nil {
		return Queued{}, fmt.Errorf("nothing queued for %s with id %s: %w", handle, keyName(id), ErrNotFound)
	}
	q, err := decodeQueued(v)
	if err != nil {
		return Queued{}, fmt.Errorf("queued entry %s: %w", keyName(id), err)
	}
	q.Person, q.ID = handle, id
	return q, nil
}

// Unqueue removes a waiting entry from a person's queue: id is its id, or
// its 1-based position in the list of its kind that QueuedFor returns
// ("2"). It returns the entry removed. An entry a saved note already holds
// is no longer queued: change it in the note instead.
func (j *Journal) Unqueue(handle string, kind QueueKind, id string) (Queued, error) {
	var q Queued
	err := j.update(func(tx *bolt.Tx) error {
		if _, err := getPerson(tx, handle); err != nil {
			return err
		}
		waiting, err := queuedOf(tx, handle, false)
		if err != nil {
			return err
		}
		var ofKind []Queued
		for _, w := range waiting {
			if kind == 0 || w.Kind == kind {
				ofKind = append(ofKind, w)
			}
		}
		found := false
		if n, err := strconv.Atoi(id); err == nil && n >= 1 && n <= len(ofKind) {
			q, found = ofKind[n-1], true
		}
		for _, w := range ofKind {
			if !found && w.ID == strings.TrimPrefix(id, "^") {
				q, found = w, true
			}
		}
		if !found {
			return fmt.Errorf("nothing queued for %s as %s: %w", handle, keyName(id), ErrNotFound)
		}
		if err := touchVault(tx, handle); err != nil {
			return err
		}
		return tx.Bucket(bucketQueue).Delete(joinKey([]byte(handle), []byte(q.ID)))
	})
	return q, err
}

// restoreQueues puts the entries of imported person files back in their
// people's queues (AddQueued).
func (j *Journal) restoreQueues(queues map[string][]Queued) error {
	return j.AddQueued(queues)
}

// AddQueued stores queued entries by person handle as they are, keeping
// their ids and dates, in one transaction: a client that brings entries
// from elsewhere (an import, another journal, a sample) uses it where
// Queue would give new ids and today's date. An entry without an id gets
// one. An entry whose id the journal already has (as an item or an entry)
// is already there or already taken, and an entry without an id (added by
// hand to a file) that repeats a waiting one's text is the same entry:
// both are left out, so adding the same entries twice queues nothing
// twice. Entries of people the journal does not know are left out.
func (j *Journal) AddQueued(queues map[string][]Queued) error {
	handles := make([]string, 0, len(queues))
	for h, q := range queues {
		if len(q) > 0 {
			handles = append(handles, h)
		}
	}
	if len(handles) == 0 {
		return nil
	}
	sort.Strings(handles)
	err := j.update(func(tx *bolt.Tx) error {
		for _, handle := range handles {
			if err := addQueuedTx(tx, handle, queues[handle]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import queued topics and feedback: %w", err)
	}
	return nil
}

// addQueuedTx is AddQueued for one person, in the caller's transaction.
func addQueuedTx(tx *bolt.Tx, handle string, entries []Queued) error {
	if len(entries) == 0 {
		return nil
	}
	b := tx.Bucket(bucketQueue)
	if _, err := getPerson(tx, handle); err != nil {
		return nil // the person was not imported
	}
	waiting, err := queuedOf(tx, handle, false)
	if err != nil {
		return err
	}
	for _, q := range entries {
		switch {
		case q.ID == "" && sameQueued(waiting, q):
			continue
		case q.ID != "" && (!validID(q.ID) || tx.Bucket(bucketPersonItems).Get(itemKey(handle, q.ID)) != nil || queueIDTaken(tx, q.ID)):
			continue
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		q.seq = seq
		if q.ID == "" {
			q.ID = newQueueID(tx, handle, seq)
		}
		if err := touchVault(tx, handle); err != nil {
			return err
		}
		if err := b.Put(joinKey([]byte(handle), []byte(q.ID)), encodeQueued(q)); err != nil {
			return err
		}
		waiting = append(waiting, q)
	}
	return nil
}

func sameQueued(in []Queued, q Queued) bool {
	for _, w := range in {
		if w.Kind == q.Kind && w.Text == q.Text {
			return true
		}
	}
	return false
}

func encodeQueued(q Queued) []byte {
	var w writer
	w.uvarint(uint64(q.Kind))
	w.str(q.Text)
	w.varint(int64(q.Added))
	w.uvarint(q.seq)
	return frame(w.b)
}

func decodeQueued(b []byte) (Queued, error) {
	payload, err := unframe(b)
	if err != nil {
		return Queued{}, err
	}
	r := reader{b: payload}
	q := Queued{Kind: QueueKind(r.uvarint()), Text: r.str(), Added: Date(r.varint()), seq: r.uvarint()}
	if r.err == nil && q.Kind != QueueTopic && q.Kind != QueueFeedback {
		r.err = fmt.Errorf("%w: queued entry of unknown kind %d", ErrCorrupt, q.Kind)
	}
	return q, r.err
}

// The person file of an export carries the waiting entries in its front
// matter, one quoted line each, readable and editable in any editor:
//
//	topics:
//	  - "2026-11-20 the reorg timeline ^qk3f9"
//	feedback_to_give:
//	  - "2026-11-18 praise for the outage write-up ^q0b1c"
//
// Keys with no entries are left out, so a person without a queue exports
// as before.
const (
	frontTopics   = "topics"
	frontFeedback = "feedback_to_give"
)

// queueFrontMatter returns the front matter lines of a person's waiting
// entries.
func queueFrontMatter(entries []Queued) string {
	var b strings.Builder
	for _, k := range []QueueKind{QueueTopic, QueueFeedback} {
		first := true
		for _, q := range entries {
			if q.Kind != k {
				continue
			}
			if first {
				key := frontTopics
				if k == QueueFeedback {
					key = frontFeedback
				}
				b.WriteString(key + ":\n")
				first = false
			}
			b.WriteString("  - " + strconv.Quote(q.Added.String()+" "+q.Text+" ^"+q.ID) + "\n")
		}
	}
	return b.String()
}

// readQueueFrontMatter reads the entries queueFrontMatter wrote from a
// person file's front matter. It is lenient with hand edits: a line
// without a date is dated the zero day, one without an id gets none (the
// import gives it one), and a line it cannot read is skipped.
func readQueueFrontMatter(file []byte) []Queued {
	var out []Queued
	var kind QueueKind
	lines := strings.Split(string(file), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \r") != "---" {
		return nil
	}
	for _, line := range lines[1:] {
		s := strings.TrimRight(line, " \t\r")
		if s == "---" || s == "..." {
			break
		}
		if s != "" && s[0] != ' ' && s[0] != '\t' && s[0] != '-' {
			kind = 0
			switch strings.TrimSpace(strings.TrimSuffix(s, ":")) {
			case frontTopics:
				kind = QueueTopic
			case frontFeedback:
				kind = QueueFeedback
			}
			continue
		}
		t := strings.TrimSpace(s)
		if kind == 0 || !strings.HasPrefix(t, "-") {
			continue
		}
		v, err := yamlScalar(strings.TrimSpace(t[1:]))
		if err != nil {
			continue
		}
		q := Queued{Kind: kind}
		if len(v) >= 10 {
			if d, err := ParseDate(v[:10]); err == nil {
				q.Added, v = d, v[10:]
			}
		}
		if end, id := splitBlockID(strings.TrimSpace(v)); id != "" {
			q.ID, v = id, strings.TrimSpace(v)[:end]
		}
		if q.Text, err = cleanQueuedText(v); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// jsonQueued is a queued entry in the JSON export, within its person.
type jsonQueued struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"` // "topic" or "feedback"
	Text  string `json:"text"`
	Added Date   `json:"added,omitempty"`
}

func queueJSON(entries []Queued) []jsonQueued {
	var out []jsonQueued
	for _, q := range entries {
		out = append(out, jsonQueued{ID: q.ID, Kind: q.Kind.String(), Text: q.Text, Added: q.Added})
	}
	return out
}

// queueFromJSON reads a person's queue from a JSON export, passing over
// entries it cannot read.
func queueFromJSON(in []jsonQueued) []Queued {
	var out []Queued
	for _, jq := range in {
		q := Queued{ID: jq.ID, Added: jq.Added}
		switch jq.Kind {
		case "topic":
			q.Kind = QueueTopic
		case "feedback":
			q.Kind = QueueFeedback
		default:
			continue
		}
		var err error
		if q.Text, err = cleanQueuedText(jq.Text); err == nil {
			out = append(out, q)
		}
	}
	return out
}
