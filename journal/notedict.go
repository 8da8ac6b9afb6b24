package journal

// noteDictS2V1 is the preset dictionary of noteS2V1: S2 has no entropy
// coder, so what shrinks a 1 KB note is text it can copy from here. It
// holds what any note is likely to say, not what one corpus says: about
// 400 common English and workplace words, markdown and task syntax, and
// the headings and markers this journal writes itself (DefaultTemplate,
// done:, due:, pulse:). The most frequent strings come last, where a copy
// costs fewest bytes. Like noteDictV1 it is part of the format: a note
// stored with it must read back forever, so it never changes; a better
// dictionary is a new encoding byte.
const noteDictS2V1 = "" +
	"the of and to a in is it you that he was for on are with as I his they be at one have this from " +
	"or had by not word but what some we can out other were all there when up use your how said an " +
	"each she which do their time if will way about many then them write would like so these her long" +
	" make thing see him two has look more day could go come did number sound no most people my over " +
	"know water than call first who may down side been now find any new work part take get place made" +
	" live where after back little only round man year came show every good me give our under name " +
	"very through just form sentence great think say help low line differ turn cause much mean before" +
	" move right boy old too same tell does set three want well also play small end put home read " +
	"hand large spell add even land here must big high such follow act why ask men change went light " +
	"kind off need house try us again point world near build self earth father still learn should " +
	"found answer grow study last let thought keep eye never start might next hard open seem together" +
	" begin got walk example ease paper group always those both often until run important few while " +
	"along close something without second later talk soon since week weeks month months quarter today" +
	" tomorrow yesterday monday tuesday wednesday thursday friday morning afternoon plan plans " +
	"planning team teams project projects review reviews meeting meetings feedback goal goals growth " +
	"career role manager lead leading support customer customers product design engineering data " +
	"service services release launch deadline priority priorities update updates status progress " +
	"blocked blocker issue issues risk risks decision decisions process hiring interview interviews " +
	"offer candidate onboarding training performance promotion budget scope roadmap draft doc docs " +
	"document proposal presentation deck slides demo metrics time off vacation workload stress energy" +
	" happy concerns concern worried excited frustrated question questions idea ideas discuss " +
	"discussed discussion agreed agree follow share shared send sent check checked schedule scheduled" +
	" prepare write finish finished complete done pending waiting working started starting improve " +
	"improvement help helped ask asked talk talked mentioned noted action items item owner notes " +
	"agenda topics topic recap summary " +
	"\n\n## Private\n\n\n\n## Wins\n\n- \n\n## Feedback\n\n- \n\n## Follow-ups\n\n- [ ] " +
	"\n\n## My commitments\n\n- [ ] 's commitments\n\n- [ ] # 1:1 with  — 20\n\npulse: /10\n" +
	" done:20 due:20 ✅ 20 📅 20- [x] - [-] \n- tell:  by friday by end of month by next week" +
	" by tomorrow**`> ### 1. 2. https:// I'll n't 's . ,  the  and  to  of  a  in  for  on " +
	" with  is  that  this  we  will  about  next week team\n\n## Notes\n\n- [ ] "
