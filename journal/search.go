package journal

// Why this file is long: The search index and its query: one data structure.

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// The search index maps every term of every note to the meetings that hold
// it. A term is a run of letters and digits, lower-cased and cut to
// maxTermRunes; each Han, kana or Hangul character is a term of its own,
// since those scripts do not separate words with spaces. A query finds
// candidates through the index and then checks them against the note text,
// so the index only has to be complete, not exact.

const (
	maxTermRunes = 32
	chunkSize    = 128 // meeting ids per posting chunk
)

func isIdeograph(r rune) bool {
	// Hangul Jamo (U+1100) is the lowest of these scripts: most text is
	// settled without the table lookups.
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// tokens calls fn with each term of s, in order, repeats included. A
// block id — a word after a caret that follows a blank or starts a line,
// and ends the line or is followed by a blank — is no term: ids are looked
// up by id, and indexing every one of them would make the index twice its
// size. "2^10" and "[^note]" keep their words.
func tokens(s string, fn func(term string)) {
	tokenBytes(s, func(t []byte) { fn(string(t)) })
}

// tokenBytes is tokens with each term lent as bytes, valid only during
// the call: most words repeat within a note, and a term made a string
// only when it is kept saves an allocation per word (indexing and check
// read every word of every note).
func tokenBytes(s string, fn func(term []byte)) {
	b := make([]byte, 0, 64)
	n := 0
	maybeID := false // the word being read follows a blank and a caret
	var prev rune    // the rune before the current one; 0 at the start
	flush := func(next rune) {
		if len(b) > 0 && !(maybeID && (next == 0 || unicode.IsSpace(next))) {
			fn(b)
		}
		b = b[:0]
		n = 0
		maybeID = false
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if n < maxTermRunes {
				b = append(b, byte(r))
				n++
			}
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			if n < maxTermRunes {
				b = append(b, byte(r)+'a'-'A')
				n++
			}
		case r == utf8.RuneError:
			flush(r)
		case isIdeograph(r):
			flush(r)
			var one [utf8.UTFMax]byte
			fn(utf8.AppendRune(one[:0], r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if n < maxTermRunes {
				b = utf8.AppendRune(b, unicode.ToLower(r))
				n++
			}
		default:
			flush(r)
			maybeID = r == '^' && (prev == 0 || unicode.IsSpace(prev))
		}
		prev = r
	}
	flush(0)
}

func noteTerms(note string) map[string]bool {
	terms := map[string]bool{}
	tokenBytes(note, func(t []byte) {
		if !terms[string(t)] { // no copy for a term already seen
			terms[string(t)] = true
		}
	})
	return terms
}

// termEdits collects the changes to the search index made by one write
// transaction, so that a term shared by many notes of a batch is read and
// written once, not once per note.
type termEdits map[string]*termEdit

type termEdit struct{ add, remove []MeetingID }

func (te termEdits) edit(term string) *termEdit {
	e := te[term]
	if e == nil {
		e = &termEdit{}
		te[term] = e
	}
	return e
}

// move records that a note's terms went from (oldID, oldTerms) to (newID,
// newTerms), touching only terms that changed when the id is kept.
func (te termEdits) move(oldID MeetingID, oldTerms map[string]bool, newID MeetingID, newTerms map[string]bool) {
	for t := range oldTerms {
		if oldID != newID || !newTerms[t] {
			te.edit(t).remove = append(te.edit(t).remove, oldID)
		}
	}
	for t := range newTerms {
		if oldID != newID || !oldTerms[t] {
			te.edit(t).add = append(te.edit(t).add, newID)
		}
	}
}

// flush writes the collected changes into the terms bucket.
func (te termEdits) flush(b *bolt.Bucket) error {
	terms := make([]string, 0, len(te))
	for t := range te {
		terms = append(terms, t)
	}
	slices.Sort(terms) // neighbouring keys share pages
	for _, t := range terms {
		if err := editPostings(b, t, te[t]); err != nil {
			return err
		}
		delete(te, t)
	}
	return nil
}

// editPostings applies one term's changes. It reads the chunks that cover
// the changed ids (a chunk covers the ids from its first to the next
// chunk's first), merges, and writes them back in chunks of at most
// chunkSize.
func editPostings(b *bolt.Bucket, term string, e *termEdit) error {
	all := append(slices.Clone(e.add), e.remove...)
	if len(all) == 0 {
		return nil
	}
	lo, hi := slices.Min(all), slices.Max(all)
	prefix := prefixKey([]byte(term))
	isChunk := func(k []byte) bool { return k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8 }

	c := b.Cursor()
	k, v := c.Seek(joinKey([]byte(term), meetingKey(lo)))
	if !isChunk(k) || meetingIDFromKey(k[len(prefix):]) != lo {
		if pk, pv := c.Prev(); isChunk(pk) {
			k, v = pk, pv
		} else if !isChunk(k) {
			k = nil
		} else {
			c.Next() // k is the term's first chunk, which starts after lo
		}
	}
	var ids []MeetingID
	var stale [][]byte
	for ; isChunk(k); k, v = c.Next() {
		if len(stale) > 0 && meetingIDFromKey(k[len(prefix):]) > hi {
			break
		}
		chunk, err := decodePostings(v)
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		ids = append(ids, chunk...)
		stale = append(stale, slices.Clone(k))
	}
	for _, id := range e.add {
		if i, found := slices.BinarySearch(ids, id); !found {
			ids = slices.Insert(ids, i, id)
		}
	}
	for _, id := range e.remove {
		if i, found := slices.BinarySearch(ids, id); found {
			ids = slices.Delete(ids, i, i+1)
		}
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	parts := (len(ids) + chunkSize - 1) / chunkSize
	for p := 0; p < parts; p++ {
		part := ids[p*len(ids)/parts : (p+1)*len(ids)/parts]
		if err := b.Put(joinKey([]byte(term), meetingKey(part[0])), encodePostings(part)); err != nil {
			return err
		}
	}
	return nil
}

// postingsWithPrefix returns the meetings holding any term that starts
// with p, ascending.
func postingsWithPrefix(b *bolt.Bucket, p string) ([]MeetingID, error) {
	var out []MeetingID
	c := b.Cursor()
	for k, v := c.Seek([]byte(p)); k != nil && bytes.HasPrefix(k, []byte(p)); k, v = c.Next() {
		ids, err := decodePostings(v)
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		out = append(out, ids...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Query is a search of the notes.
type Query struct {
	// Text holds words and "quoted phrases"; a note matches when it holds
	// every one of them, case-insensitively. A word also matches longer
	// words it begins ("deck" finds "decks").
	Text   string
	Person string // a handle, or empty for everyone
	From   Date   // zero for no lower bound
	To     Date   // zero for no upper bound
	Limit  int    // most hits returned, newest first; zero means 50, negative means all
}

// Hit is one meeting that matches a query.
type Hit struct {
	Meeting MeetingID
	Person  string
	Date    Date
	Line    int    // 1-based line of the first match
	Snippet string // that line, cut around the match
	Match   string // the query term found on that line, as typed
}

// parseQuery splits a query into lower-cased terms; quoted phrases stay
// whole.
func parseQuery(s string) []string {
	var out []string
	for i, part := range strings.Split(s, `"`) {
		part = strings.ToLower(part)
		if i%2 == 1 {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, strings.Join(strings.Fields(p), " "))
			}
			continue
		}
		out = append(out, strings.Fields(part)...)
	}
	return out
}

// Search returns the meetings whose notes hold every word and phrase of
// q.Text, newest first. The index narrows the candidates; each candidate's
// note is then read to confirm the match and cut a snippet. Notes are read
// in batches on every core, in order, until the limit is reached.
func (j *Journal) Search(q Query) ([]Hit, error) {
	words := parseQuery(q.Text)
	if len(words) == 0 {
		return nil, fmt.Errorf("search needs at least one word: %w", ErrInvalid)
	}
	if q.Limit == 0 {
		q.Limit = 50
	}
	var hits []Hit
	err := j.view(func(tx *bolt.Tx) error {
		if q.Person != "" {
			if _, err := getPerson(tx, q.Person); err != nil {
				return err
			}
		}
		cands, err := candidates(tx.Bucket(bucketTerms), words)
		if err != nil {
			return err
		}
		if q.Limit < 0 || q.Limit > len(cands) {
			hits = make([]Hit, 0, len(cands)) // most candidates match
		}
		rec := newRecordWalk(tx.Bucket(bucketMeetings))
		// Newest first; the date bounds are in the id, so they cost nothing.
		var batch []candidate
		for i := len(cands) - 1; i >= 0; i-- {
			id := cands[i]
			d := id.Date()
			if (q.To != 0 && d > q.To) || (q.From != 0 && d < q.From) {
				continue
			}
			// The value stays valid for the transaction (it is the mmap).
			if v := rec.get(id); v != nil {
				batch = append(batch, candidate{id: id, v: v})
			}
			if len(batch) == cap(batch) || i == 0 {
				done, err := matchBatch(batch, words, q, &hits)
				if err != nil || done {
					return err
				}
				batch = make([]candidate, 0, min(2*max(cap(batch), 32), 1024))
			}
		}
		_, err = matchBatch(batch, words, q, &hits)
		return err
	})
	return hits, err
}

// candidate is a meeting the index names, with its stored record.
type candidate struct {
	id  MeetingID
	v   []byte
	hit Hit
	ok  bool
	err error
}

// matchBatch reads the batch's notes on all cores and appends their hits,
// in order, to hits up to q.Limit (a negative limit: all). It reports
// whether the limit is reached.
func matchBatch(batch []candidate, words []string, q Query, hits *[]Hit) (bool, error) {
	if len(batch) == 0 {
		return q.Limit > 0 && len(*hits) >= q.Limit, nil
	}
	// Each worker decompresses every note into one buffer of its own: a
	// search printing thousands of matches then allocates a snippet per
	// hit, not a note.
	work := func(c *candidate, buf []byte) {
		var fl firstLine
		m, r, err := decodeMeetingHead(c.v)
		if err == nil && (q.Person == "" || m.Person == q.Person) {
			if len(words) == 1 && isASCII(words[0]) {
				// One word: the note up to the end of the word's first
				// line is enough to cut the snippet.
				fl = newFirstLine(words[0])
				m.Note, _ = r.notePrefix(buf, fl.holds)
			} else {
				m.Note = r.noteInto(buf)
			}
			err = r.err
		}
		if err != nil {
			c.err = fmt.Errorf("meeting %s: %w", c.id, err)
			return
		}
		if q.Person != "" && m.Person != q.Person {
			return
		}
		if fl.found {
			// The test found the first match; the note holds no other
			// word to confirm.
			c.hit, c.ok = hitAt(m, fl.at, words[0]), true
		} else {
			c.hit, c.ok = matchNote(m, words)
		}
		c.hit.Snippet = strings.Clone(c.hit.Snippet) // it may point into buf
	}
	workers := min(runtime.GOMAXPROCS(0), (len(batch)+15)/16)
	if workers <= 1 {
		buf := noteBufs.Get().(*[]byte)
		for i := range batch {
			work(&batch[i], *buf)
		}
		noteBufs.Put(buf)
	} else {
		var wg sync.WaitGroup
		var next atomic.Int64
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				buf := noteBufs.Get().(*[]byte)
				for i := int(next.Add(1)) - 1; i < len(batch); i = int(next.Add(1)) - 1 {
					work(&batch[i], *buf)
				}
				noteBufs.Put(buf)
			}()
		}
		wg.Wait()
	}
	for i := range batch {
		c := &batch[i]
		if c.err != nil {
			return true, c.err
		}
		if c.ok {
			*hits = append(*hits, c.hit)
			if q.Limit > 0 && len(*hits) >= q.Limit {
				return true, nil
			}
		}
		batch[i] = candidate{} // let the note go
	}
	return false, nil
}

// candidates intersects the postings of the query's words. A word that
// yields no index term (punctuation only) does not narrow the set.
func candidates(b *bolt.Bucket, words []string) ([]MeetingID, error) {
	var set []MeetingID
	first := true
	for _, w := range words {
		var terms []string
		tokens(w, func(t string) { terms = append(terms, t) })
		for _, t := range terms {
			// Every term is looked up as a prefix: the note may hold a
			// longer word, and the text check below confirms the rest.
			ids, err := postingsWithPrefix(b, t)
			if err != nil {
				return nil, err
			}
			if first {
				set, first = ids, false
			} else {
				set = intersect(set, ids)
			}
			if len(set) == 0 {
				return nil, nil
			}
		}
	}
	if first {
		return nil, fmt.Errorf("search needs at least one letter or digit: %w", ErrInvalid)
	}
	return set, nil
}

func intersect(a, b []MeetingID) []MeetingID {
	out := a[:0:0]
	for i, k := 0, 0; i < len(a) && k < len(b); {
		switch {
		case a[i] < b[k]:
			i++
		case a[i] > b[k]:
			k++
		default:
			out = append(out, a[i])
			i, k = i+1, k+1
		}
	}
	return out
}

// matchNote confirms that the note holds every word, and cuts a snippet
// from the first line holding the first of them.
func matchNote(m Meeting, words []string) (Hit, bool) {
	at := -1
	for i, w := range words {
		k := indexFold(m.Note, w)
		if k < 0 {
			return Hit{}, false
		}
		if i == 0 {
			at = k
		}
	}
	return hitAt(m, at, words[0]), true
}

// hitAt is the hit of a note whose first match of word is at byte at.
func hitAt(m Meeting, at int, word string) Hit {
	h := Hit{Meeting: m.ID, Person: m.Person, Date: m.Date, Match: word}
	h.Line = strings.Count(m.Note[:at], "\n") + 1
	start := strings.LastIndexByte(m.Note[:at], '\n') + 1
	end := strings.IndexByte(m.Note[at:], '\n')
	if end < 0 {
		end = len(m.Note)
	} else {
		end += at
	}
	h.Snippet = snippet(m.Note[start:end], word)
	return h
}

// indexFold returns the byte offset in s of the first match of w, a
// lower-cased query word, ignoring case as strings.ToLower does; or -1.
// An ASCII word is searched for in place: only two characters outside
// ASCII lower-case into it (the Kelvin sign into k, the dotted capital I
// into i), and a note holding neither matches exactly where its
// lower-cased copy would. Otherwise the note is lower-cased first and the
// offset mapped back line by line, since lower-casing can change byte
// lengths.
func indexFold(s, w string) int {
	// A word without k (or i) cannot be matched through the Kelvin sign (or
	// the dotted I): the note need not be searched for them.
	if isASCII(w) && (!strings.Contains(w, "k") || !strings.Contains(s, "\u212a")) &&
		(!strings.Contains(w, "i") || !strings.Contains(s, "\u0130")) {
		return indexFoldASCII(s, w)
	}
	lower := strings.ToLower(s)
	k := strings.Index(lower, w)
	if k < 0 {
		return -1
	}
	if lower == s {
		return k
	}
	// Equal lengths are not enough: a Kelvin sign (3 bytes) lower-cased
	// to k and an invalid byte to U+FFFD (3 bytes) cancel out.
	// Find the same line in s, and the match's start within it.
	line := strings.Count(lower[:k], "\n")
	off := 0
	for ; line > 0; line-- {
		off += strings.IndexByte(s[off:], '\n') + 1
	}
	lineStart := strings.LastIndexByte(lower[:k], '\n') + 1
	prefix := []rune(lower[lineStart:k])
	// Walk as many runes in s's line as the lowered prefix holds.
	i := off
	for n := 0; n < len(prefix) && i < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// indexFoldASCII is strings.Index ignoring ASCII case, for a lower-case w.
func indexFoldASCII(s, w string) int {
	if len(w) == 0 {
		return 0
	}
	first, upper := w[0], w[0]
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	last := len(s) - len(w) + 1 // where a match may start, below
	// The next place each case of the first letter occurs at or after i;
	// a case is looked for again only once i has passed it, so a note
	// with many b's and no B is not scanned to its end for every b.
	nextLower, nextUpper := -1, -1
	if upper == first {
		nextUpper = last
	}
	for i := 0; i < last; {
		if nextLower < i {
			nextLower = indexByteFrom(s[:last], first, i)
		}
		if nextUpper < i {
			nextUpper = indexByteFrom(s[:last], upper, i)
		}
		i = min(nextLower, nextUpper)
		if i >= last {
			return -1
		}
		if equalFoldASCII(s[i:i+len(w)], w) {
			return i
		}
		i++
	}
	return -1
}

// indexByteFrom returns the index of c in s at or after from, or len(s).
func indexByteFrom(s string, c byte, from int) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return len(s)
}

func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// snippet trims a line to about 100 characters around the match.
func snippet(line, word string) string {
	line = strings.TrimSpace(strings.TrimRight(line, "\r"))
	const width = 100
	if len(line) <= width || utf8.RuneCountInString(line) <= width {
		return line // most lines: no copy into runes
	}
	runes := []rune(line)
	at := strings.Index(strings.ToLower(line), word)
	start := 0
	if at > 0 {
		start = max(0, utf8.RuneCountInString(line[:min(at, len(line))])-width/3)
	}
	end := min(len(runes), start+width)
	s := string(runes[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(runes) {
		s += "…"
	}
	return s
}
