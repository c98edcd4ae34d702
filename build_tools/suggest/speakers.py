"""Who speaks and to whom: the detector's speeches attributed to register entries.

A speaker the text names ("فقال أبو بكر:", "Ebû Bekir sordu:", "said Kulthum") is looked
up in the register with the language's name rules (clitics, suffixes, the longest form),
the detector having already left the eulogies and titles out of it. A speaker the text
does not name ("قال:", "he said") is taken from the dialogue, and called ``high`` only where
its turns leave no doubt:

- a first-person verb ("قلت:") is the narrator's, the named transmitter of the frame;
- a reply comes from the one the turn before addressed ("يا جابر" → Jabir answers);
- a dialogue of two, whose last two turns alternate, goes on alternating.

Otherwise the person the narration names last before the verb is proposed with ``low``
confidence ("فقام إليه علي بن أبي طالب …، فقال:"), and failing that nobody. Unnamed
speakers ("قال قائل", "a man") are never given a register id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..annotate.model import Register
from ..annotate.names import find_names
from ..annotate.speech_detector import SpeechProposal
from ..languages import language

SPEAKER_KINDS = ("person", "group")
# A dialogue goes on while its turns are at most this far apart (in characters); a story
# (whose last named speaker a "he said" may continue, with low confidence) a little longer.
_DIALOGUE_GAP = 150
_STORY_GAP = 2000
# How far around a speaker's words a register form may reach ("the Prophet" for "Prophet").
_AROUND = 30
# The words at the start of a speech searched for a vocative ("مالك يا جابر؟").
_VOCATIVE_WORDS = 6
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640'’-]+")


@dataclass
class Attribution:
    """A proposal's speaker and addressees, with how sure the draft is of the speaker."""

    who: str | None
    confidence: str                      # "high" or "low"
    note: str
    to: list[str] = field(default_factory=list)


def attribute(text: str, lang: str, register: Register,
              proposals: list[SpeechProposal]) -> dict[SpeechProposal, Attribution]:
    """An attribution for every proposal, decided in the order the verbs stand."""
    return _Attributor(text, lang, register).run(proposals)


class _Attributor:
    def __init__(self, text: str, lang: str, register: Register):
        self.text, self.lang, self.register = text, lang, register
        plug_in = language(lang)
        self.norm = plug_in.normalise
        cues = plug_in.speech_cues
        self.lists = {name: frozenset(self.norm(w) for w in cues.get(name, ()))
                      for name in ("first_person", "plural_verbs", "feminine_verbs",
                                   "narrator_pronouns", "vocatives")}
        self.unnamed = frozenset(self.norm(w) for w in
                                 plug_in.name_candidates.get("not_names", ()))
        eulogies = sorted(cues.get("eulogies", ()), key=len, reverse=True)
        self.eulogy = re.compile("|".join(re.escape(e) for e in eulogies)) if eulogies else None
        self.prepositions = frozenset(self.norm(w) for w in cues.get("not_subject_after", ()))
        self.proposals: list[SpeechProposal] = []
        self.narrator: str | None = None
        self.turns: list[tuple[SpeechProposal, Attribution]] = []

    def run(self, proposals: list[SpeechProposal]) -> dict[SpeechProposal, Attribution]:
        result = {}
        self.proposals = sorted(proposals, key=_verb)
        self.position = {p: i for i, p in enumerate(self.proposals)}
        previous: SpeechProposal | None = None
        for proposal in self.proposals:
            if previous is not None and proposal.cue_start == previous.cue_start \
                    and proposal.kind == previous.kind == "speech" and proposal.cue_start:
                # One quotation the narrator interrupts ("…," he said, "…"): one speaker.
                attribution = Attribution(result[previous].who, result[previous].confidence,
                                          result[previous].note, list(result[previous].to))
            else:
                attribution = self.attribute(proposal)
            previous = proposal
            result[proposal] = attribution
            if proposal.kind == "narration":
                if attribution.who and attribution.confidence == "high":
                    self.narrator = attribution.who
                    self.turns = []          # a new chain of transmitters, a new story
            else:
                self.turns.append((proposal, attribution))
        return result

    def attribute(self, proposal: SpeechProposal) -> Attribution:
        to = self._addressees(proposal)
        if proposal.speaker_text is not None:
            return self._named(proposal, to)
        attribution = self._unnamed(proposal, to)
        attribution.to = [i for i in to if i != attribution.who]
        return attribution

    # --- a speaker the text names ---------------------------------------------------------

    def _named(self, proposal: SpeechProposal, to: list[str]) -> Attribution:
        said = proposal.speaker_text
        quoted = f'"{said}"'
        ids = self._speaker_ids(proposal)
        unnamed = [i for i in ids if self.register[i].role == "unnamed"]
        ids = [i for i in ids if i not in unnamed]
        if not ids and (unnamed or self._is_unnamed(said)):
            # "قال قائل": the register's unnamed speaker stands for one in another text.
            why = f" (the register's '{unnamed[0]}' is another text's)" if unnamed else ""
            return Attribution(None, "low", f"{quoted} names nobody in particular{why}", to)
        ids = [i for i in ids if i not in to] or ids
        if len(ids) == 1:
            return Attribution(ids[0], "high", f"from {quoted}", [i for i in to if i != ids[0]])
        if ids:
            return Attribution(None, "low", f"{quoted} names {', '.join(ids)}", to)
        return Attribution(None, "low", f"{quoted} matches no register name", to)

    def _speaker_ids(self, proposal: SpeechProposal) -> list[str]:
        """The ids whose register forms cover the speaker's words, the words around them
        included ("the Prophet" for the "Prophet" the detector read)."""
        begin = max(0, proposal.speaker_start - _AROUND)
        around = self.text[begin:proposal.speaker_end + _AROUND]
        found: list[str] = []
        for span in find_names(around, self.lang, self.register):
            identifier = span.attribute("ref").partition(":")[2]
            if begin + span.start < proposal.speaker_end and \
                    proposal.speaker_start < begin + span.end and \
                    self.register[identifier].kind in SPEAKER_KINDS and identifier not in found:
                found.append(identifier)
        return found

    def _is_unnamed(self, words: str) -> bool:
        tokens = [self.norm(w) for w in words.split()]
        return " ".join(tokens) in self.unnamed or (len(tokens) == 1
                                                    and tokens[0] in self.unnamed)

    def ids(self, words: str) -> list[str]:
        """The distinct person and group ids named in ``words``, in the order they stand."""
        found: list[str] = []
        for span in find_names(words, self.lang, self.register):
            identifier = span.attribute("ref").partition(":")[2]
            if self.register[identifier].kind in SPEAKER_KINDS and identifier not in found \
                    and self.register[identifier].role != "unnamed":
                found.append(identifier)
        return found

    # --- a speaker the dialogue gives -----------------------------------------------------

    def _unnamed(self, proposal: SpeechProposal, to: list[str]) -> Attribution:
        verb = self.norm(proposal.cue)
        if verb in self.lists["first_person"]:
            if self.narrator:
                return Attribution(self.narrator, "high", "the narrator speaks (first person)")
            return Attribution(None, "low", "the narrator speaks, and no transmitter is named")
        if proposal.kind == "narration":
            return Attribution(None, "low", "the text names no speaker here")
        plural = verb in self.lists["plural_verbs"]
        feminine = verb in self.lists["feminine_verbs"]
        turns = self._dialogue(proposal)
        dialogue = self._from_dialogue(turns, to, plural, feminine)
        interrupted = self._interrupted(proposal, turns)
        if dialogue and dialogue.confidence == "high" and not interrupted:
            return dialogue
        subject = self._subject_before(proposal)
        if subject and subject not in to and self._agrees(subject, plural, feminine):
            return Attribution(subject, "low", "the person the narration names just before")
        if dialogue:
            if interrupted:
                dialogue.confidence = "low"
                dialogue.note += " (the narrator speaks between the turns)"
            return dialogue
        last = self._last_speaker(proposal, plural, feminine, to)
        if last:
            return Attribution(last, "low", "the last named speaker goes on")
        return Attribution(None, "low", "the text names no speaker here")

    def _interrupted(self, proposal: SpeechProposal, turns) -> bool:
        """Whether the narrator takes the word between the last turn and this one: a frame
        of his, or a person his narration names ("A little later Amir rode up.")."""
        if not turns:
            return False
        last, verb = turns[-1][0], _verb(proposal)
        since = max(last.end, last.speaker_end if last.speaker_end is not None
                    and last.speaker_end <= verb else 0)
        if any(p.kind == "narration" and since <= _verb(p) for p in self._before(proposal, since)):
            return True
        return bool(self.ids(self._without_eulogies(self.text[since:verb])))

    def _before(self, proposal: SpeechProposal, since: int):
        """The proposals whose verbs stand before this one's, back to offset ``since``."""
        for index in range(self.position[proposal] - 1, -1, -1):
            other = self.proposals[index]
            if _verb(other) < since:
                return
            yield other

    def _without_eulogies(self, narration: str) -> str:
        if self.eulogy is None:
            return narration
        return self.eulogy.sub(lambda m: " " * len(m.group()), narration)

    def _from_dialogue(self, turns, to: list[str], plural: bool,
                       feminine: bool) -> Attribution | None:
        """The speaker the turns before give: the one addressed replies, two alternate."""
        if not turns:
            return None
        last = turns[-1][1]
        if len(last.to) == 1 and last.to[0] != last.who and last.to[0] not in to \
                and self._agrees(last.to[0], plural, feminine):
            return Attribution(last.to[0], "high",
                               "the reply of the one the turn before addressed")
        parties = list(dict.fromkeys(a.who for _, a in turns if a.who))
        other = turns[-2][1].who if len(turns) >= 2 else None
        if other and last.who and other != last.who and other not in to \
                and all(i in parties for i in to) and self._agrees(other, plural, feminine):
            sure = "high" if len(parties) == 2 else "low"
            return Attribution(other, sure, "the dialogue's turns alternate" +
                               ("" if sure == "high" else f" ({len(parties)} speakers)"))
        if len(parties) == 2 and to and to[0] in parties:
            speaker = next(p for p in parties if p != to[0])
            if self._agrees(speaker, plural, feminine):
                return Attribution(speaker, "high", "the dialogue's other party")
        return None

    def _last_speaker(self, proposal: SpeechProposal, plural: bool, feminine: bool,
                      to: list[str]) -> str | None:
        for earlier, attribution in reversed(self.turns):
            if _verb(proposal) - earlier.end > _STORY_GAP:
                return None
            if attribution.who and attribution.who not in to:
                return attribution.who if self._agrees(attribution.who, plural, feminine) \
                    else None
        return None

    def _agrees(self, identifier: str, plural: bool, feminine: bool = False) -> bool:
        """A plural verb's speaker is a group, a singular verb's a person; a feminine
        singular verb's is a woman, a masculine one's is not."""
        entry = self.register[identifier]
        if (entry.kind == "group") != plural:
            return False
        return plural or (entry.sex == "f") == feminine

    def _dialogue(self, proposal: SpeechProposal) -> list[tuple[SpeechProposal, Attribution]]:
        """The turns of the dialogue this proposal continues (empty when it starts one)."""
        turns = []
        position = _verb(proposal)
        for earlier, attribution in reversed(self.turns):
            if position - earlier.end > _DIALOGUE_GAP:
                break
            turns.append((earlier, attribution))
            position = _verb(earlier)
        return list(reversed(turns))

    def _subject_before(self, proposal: SpeechProposal) -> str | None:
        """The person or group the narration names last in the two clauses before the verb
        (since the previous speech and the sentence start): not inside a eulogy, not after
        a preposition."""
        verb = _verb(proposal)
        start = max(self.text.rfind("\n\n", 0, verb), 0)
        for other in self._before(proposal, start - _STORY_GAP):
            if other.start >= verb:
                continue
            start = max(start, other.end if other.end <= verb else other.start)
            if other.speaker_end is not None and other.speaker_end <= verb:
                start = max(start, other.speaker_end)   # '"…," said Abu Bakr. "…," he said
        narration = self.text[start:verb]
        body = narration.rstrip(" ،,")
        commas = [m.end() for m in re.finditer(r"[،,]", body)]
        stops = [m.end() for m in re.finditer(r"[.؟?!]\s", body)]
        cut = max([commas[-2] if len(commas) >= 2 else 0, *stops])
        narration = self._without_eulogies(" " * cut + narration[cut:])
        found = None
        for span in find_names(narration, self.lang, self.register):
            identifier = span.attribute("ref").partition(":")[2]
            entry = self.register[identifier]
            if entry.kind not in SPEAKER_KINDS or entry.role == "unnamed":
                continue
            before = narration[:span.start].split()
            if before and self.norm(before[-1]) in self.prepositions:
                continue        # "فأقبل إلى رسول الله": an object, not the subject
            if span.start and narration[span.start - 1] in "بل" and \
                    narration[max(0, span.start - 2):span.start - 1].strip() == "":
                continue        # "لأبي بكر", "برسول الله"
            found = identifier
        return found

    def _addressees(self, proposal: SpeechProposal) -> list[str]:
        """Who a speech is said to: the words at the verb ("لأبي بكر", "له"), else a
        vocative at its start ("مالك يا جابر؟")."""
        found: list[str] = []
        if proposal.addressee_text:
            if self.norm(proposal.addressee_text) in self.lists["narrator_pronouns"]:
                found = [self.narrator] if self.narrator else []
            else:
                found = self.ids(proposal.addressee_text)
        if not found and self.lists["vocatives"]:
            found = self._vocative(proposal)
        return found

    def _vocative(self, proposal: SpeechProposal) -> list[str]:
        words = list(_WORD.finditer(self.text, proposal.start, proposal.end))[:_VOCATIVE_WORDS]
        for index, word in enumerate(words[:-1]):
            if self.norm(word.group()) in self.lists["vocatives"]:
                rest = self.text[words[index + 1].start():proposal.end]
                spans = find_names(rest, self.lang, self.register)
                if spans and spans[0].start == 0:
                    identifier = spans[0].attribute("ref").partition(":")[2]
                    if self.register[identifier].kind in SPEAKER_KINDS:
                        return [identifier]
        return []


def _verb(proposal: SpeechProposal) -> int:
    return proposal.cue_start if proposal.cue_start is not None else proposal.start
