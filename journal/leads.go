package journal

import "strings"

// The leads that make a task item something other than a promise:
// "follow-up:" and its kin, "tell:", and the direction of feedback.

var followUpPrefixes = []string{"follow-up:", "follow up:", "followup:", "next time:", "for next time:", "next 1:1:",
	"discuss:", "to discuss:", "topic:", "parking lot:"}

func hasFollowUpPrefix(text string) bool {
	t := lower(head(strings.TrimLeft(text, "*_ "), 32))
	for _, p := range followUpPrefixes {
		if strings.HasPrefix(t, p) || labelled(t, strings.TrimSuffix(p, ":")) {
			return true
		}
	}
	return false
}

// hasTellPrefix reports whether text starts with "tell:": feedback to give.
func hasTellPrefix(text string) bool {
	t := lower(head(strings.TrimLeft(text, "*_ "), 32))
	return strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(t, "tell"), "*_"), ":") && strings.HasPrefix(t, "tell")
}

// labelled reports whether t starts with "<w>:", allowing emphasis marks
// between the word and the colon.
func labelled(t, w string) bool {
	if !strings.HasPrefix(t, w) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(t[len(w):], "*_"), ":")
}

func feedbackDirection(text string) Direction {
	t := lower(head(strings.TrimLeft(text, "*_ "), 32))
	switch {
	case labelled(t, "given"):
		return Given
	case labelled(t, "received"):
		return Received
	}
	return 0
}
