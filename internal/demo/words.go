package demo

// The vocabulary the sample notes are written from. Lists, not a model of
// language: enough variety that notes read differently and search finds
// something, small enough that the decade corpus builds quickly.

var firstNames = []string{
	"Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Gustav", "Hana",
	"Ines", "Jamal", "Keiko", "Luca", "Maya", "Nikhil", "Olga", "Pedro",
	"Quinn", "Rosa", "Samir", "Tess", "Umar", "Vera", "Wei", "Ximena",
	"Yusuf", "Zoe", "Arjun", "Beatriz", "Conor", "Divya", "Elif", "Farid",
	"Greta", "Hugo", "Ingrid", "Jonas", "Kofi", "Lena", "Mateo", "Noor",
	"Oscar", "Priya", "Rafael", "Sofia", "Tomas", "Uma", "Viktor", "Yara",
}

var lastNames = []string{
	"Martin", "Okafor", "Nakamura", "Schmidt", "Rossi", "Haddad", "Kowalski",
	"Silva", "Lindqvist", "Mensah", "Tanaka", "Moreau", "Novak", "Reyes",
	"Sato", "Fischer", "Ibrahim", "Costa", "Patel", "Larsen",
}

var docs = []string{
	"design doc", "RFC", "promotion packet", "quarterly plan", "hiring plan",
	"budget proposal", "onboarding guide", "OKR draft", "architecture review",
	"launch checklist", "incident review", "team charter",
}

var teams = []string{
	"the platform team", "design", "finance", "the SRE group", "product",
	"security", "the data team", "support", "legal", "marketing",
}

var topics = []string{
	"the billing migration", "search relevance", "the mobile release",
	"on-call load", "API versioning", "the offsite", "the hiring pipeline",
	"cloud costs", "the accessibility audit", "the data warehouse",
	"the SSO rollout", "the latency budget", "customer onboarding",
	"the pricing experiment", "the public API", "test coverage",
}

var components = []string{
	"payments service", "ingest pipeline", "auth gateway", "web client",
	"reporting jobs", "notification service", "mobile app", "admin console",
}

var incidents = []string{
	"the March outage", "the login incident", "the cache stampede",
	"the deploy rollback", "the DNS hiccup", "the queue backlog",
}

var growth = []string{
	"leading a project end to end", "public speaking", "system design",
	"mentoring", "product sense", "managing stakeholders", "writing",
}

var moods = []string{
	"good, a calm week", "tired after the release", "energised",
	"a bit stretched", "steady", "frustrated with the build times",
}

var opinions = []string{
	"we agreed to revisit in two weeks",
	"no decision yet, more data needed",
	"the plan looks sound",
	"scope feels too large for one quarter",
	"the team is split on it",
	"it is moving faster than expected",
}

// myCommitments and theirCommitments are the promises, with {doc}, {team},
// {topic}, {component}, {incident} and {peer} filled in.
var myCommitments = []string{
	"Send the {doc} to {team}",
	"Review the {doc} for {topic}",
	"Set up a meeting with {team} about {topic}",
	"Share feedback on the {doc}",
	"Ask {team} about {topic}",
	"Book time to pair on {topic}",
	"Write up the decision on {topic}",
	"Check the budget for {topic}",
	"Introduce {peer} to {team}",
	"Update the roadmap with {topic}",
	"Raise {topic} at the staff meeting",
	"Get headcount approval for {team}",
	"Find a mentor for {growth}",
}

var theirCommitments = []string{
	"Draft the {doc} for {topic}",
	"Finish the spike on {topic}",
	"Prepare a demo of {topic}",
	"Write the postmortem for {incident}",
	"Pair with {peer} on the {component}",
	"Fix the flaky tests in the {component}",
	"Present {topic} at the team meeting",
	"Document the {component} runbook",
	"Close out the {component} tickets",
	"Estimate the work on {topic}",
	"Interview two candidates for {team}",
	"Send me a summary of {topic}",
}

var followUps = []string{
	"Career goals for next year",
	"How {topic} feels now",
	"Conference budget for {growth}",
	"Workload after {incident}",
	"Vacation plans",
	"What {team} said about {topic}",
	"Progress on {growth}",
	"Whether the {component} needs an owner",
	"Team health survey results",
}

var wins = []string{
	"Shipped {topic} ahead of schedule",
	"Great demo of {topic} to {team}",
	"Mentored {peer} through a first on-call week",
	"Cut the {component} p99 latency in half",
	"Led the review of {incident} calmly and without blame",
	"Closed every open ticket on the {component}",
	"Wrote a clear {doc} that {team} adopted",
}

var feedbackGiven = []string{
	"Clear write-up on {topic}; keep doing that",
	"Jump in earlier when {team} is blocked",
	"The demo of {topic} was well paced",
	"Say no more often; too many side projects",
	"Strong handling of {incident}",
}

var feedbackReceived = []string{
	"I could share context on {topic} sooner",
	"Our 1:1s run over; keep to time",
	"More notice before priorities change",
	"The {doc} review helped a lot",
}

var noteLines = []string{
	"{first} is worried about {topic}; the deadline feels tight.",
	"Talked about career growth: interested in {growth}.",
	"Energy level: {mood}.",
	"Discussed {topic} — {opinion}.",
	"Update on the {component}: most of the work is done, two open questions.",
	"{team} asked for help with {topic}; {first} has some time next sprint.",
	"Looked back at {incident}: the alerting gap is fixed, the runbook is not.",
	"Priorities for the next two weeks: {topic}, then the {component}.",
	"Hiring: one offer out, loop for {team} next week.",
	"{first} would like more ownership of {topic}.",
	"Quick check on the {doc}: first draft exists, needs numbers.",
	"Pairing with {peer} is going well.",
}

var paragraphs = []string{
	"Most of the time went on {topic}. We walked through the options again and " +
		"settled on the smaller first step, with a review after two weeks.",
	"{first} raised the on-call rotation again. The load is uneven and the " +
		"{component} pages too often at night; worth fixing before the next release.",
	"Short meeting today. {first} is heads down on the {component} and had few " +
		"questions; we spent the rest of the time on {growth}.",
	"We talked about how decisions reach the team. {first} hears about changes to " +
		"{topic} late, from {team}, and would rather hear it here first.",
}
