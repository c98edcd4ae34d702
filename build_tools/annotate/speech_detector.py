"""The direct-speech detector: it proposes where a speech starts and ends and who speaks.

It only proposes (SPEC §3): the editor's speech annotations decide, and ``edition check``
reports the proposals nobody has confirmed. The cue words are data, in each language
plug-in's ``speech_cues.yml`` (build_tools/languages); the plug-in says how its speech is
read: from speech verbs and colons, as in Arabic, or from quotation marks, as in Turkish
and English. A language without cue words is read from its CLDR quotation marks alone.

Arabic is read from its speech verbs (قال، فقالوا، يقول …): the words between the verb and
the colon name the speaker and the addressee, and the speech runs to the next speech verb,
to a full stop followed by narrative, or to the end of the paragraph. A speech that opens
with a quotation mark («…», from the cues' ``quote_pairs``) ends at its closing mark, and
so does every speech opened inside it. The turns of a dialogue are siblings: a speech ends
before the verb of the next turn, and the narrator's "قال:" before "قلت:" frames nothing.

Narration frames are proposed too, with ``kind="narration"``: "قال ابن إسحاق: …", a chain
of transmitters ending "عن عائشة … قالت: …", or a verb whose words go on with the story
("قال: فلما كانت عتمة …"). The narrator does speak, but what he says is the story itself,
speeches included, so a frame runs to the end of its paragraph and the speeches inside it
are separate proposals nested in it; an unnamed narrator's frame ends where his next one
begins. Whether to encode frames as ``<said>`` is the editor's
call; counting and measuring keep the two kinds apart.

Turkish (and English) is read from its quotation marks, the verb after the quotation ("…" dedi, diye
sordu) and the lead-in before it ("Peygamberimiz (sas): …"). A quotation mark that is
never closed is reported, and its speech ends at the next speech verb or paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from typing import Callable, Literal

from ..ingest import find_paragraphs
from ..languages import language

Confidence = Literal["high", "low"]
Kind = Literal["speech", "narration"]

# A word: letters with the combining marks (harakat, shadda) and tatweel that follow them.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640'’]+")
_SENTENCE_END = frozenset(".؟?!")
_COMMA = frozenset("،,")
# A pause after which the narrator may take the word back ("قال: نعم- وكان محلى بفضة").
_PAUSE = frozenset("،,-–—")
_TRAILING_JUNK = " \t\n\u00a0،,؛;:-–—"
# How many words may stand between a speech verb and its colon ("فقال النبي صلى الله عليه
# وسلم لأبي بكر:" is 8); further away, a colon belongs to something else.
_MAX_INTRO_WORDS = 10
_MAX_SPEAKER_WORDS = 6
_MAX_ISNAD_WORDS = 8


@dataclass(frozen=True)
class SpeechProposal:
    """A proposed direct speech: ``text[start:end]`` are the spoken words.

    The span excludes the speech verb, the colon and the quotation marks. ``speaker_text``
    is the words naming the speaker (``text[speaker_start:speaker_end]``), None when the
    text names nobody (a pronoun, "he said"). ``cue`` is the word that triggered the
    proposal and ``cue_start`` where it stands.
    """

    start: int
    end: int
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    addressee_text: str | None
    cue: str
    confidence: Confidence
    kind: Kind = "speech"
    cue_start: int | None = None


@dataclass(frozen=True)
class SpeechProblem:
    """Something in the text that the detector could read only by guessing."""

    offset: int
    message: str


@dataclass
class SpeechScan:
    """What :func:`detect_speech` found in one text, in text order."""

    proposals: list[SpeechProposal] = field(default_factory=list)
    problems: list[SpeechProblem] = field(default_factory=list)


def detect_speech(text: str, lang: str) -> SpeechScan:
    """Propose the direct speeches of ``text`` in ``lang`` (a BCP 47 code) and report problems.

    Paragraphs are separated by blank lines, as in the ingest stage; a speech never crosses
    a paragraph, except that a lead-in ending in a colon at the end of a paragraph
    introduces the next paragraph. The result is deterministic.
    """
    paragraphs = list(find_paragraphs(text))
    if language(lang).speech == "verbs":
        scan = SpeechScan(_detect_arabic(text, paragraphs, _cues(lang)))
    else:
        scan = _detect_quoted(text, paragraphs, _cues(lang), language(lang).quotes)
    scan.proposals.sort(key=lambda p: (p.start, -p.end, p.cue_start or 0))
    scan.problems.sort(key=lambda p: p.offset)
    return scan


# --- cue data ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Cues:
    """The cue lists of one language, normalised for comparison."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    norm: Callable[[str], str]
    quote_pairs: tuple[str, ...] = ()   # opening and closing mark, two characters each

    def has(self, name: str, word: str) -> bool:
        return word in self.words.get(name, frozenset())


@lru_cache(maxsize=16)
def _cues(lang: str) -> _Cues:
    plug_in = language(lang)
    data, norm = plug_in.speech_cues, plug_in.normalise
    words = {name: frozenset(norm(w) for w in values) for name, values in data.items()}
    phrases = {name: tuple(sorted((tuple(norm(t) for t in v.split()) for v in values),
                                  key=len, reverse=True))
               for name, values in data.items()}
    if "verb_prefixes" in data:         # verbs read with their proclitics (فقال، وقالت)
        def with_prefixes(verbs):
            return frozenset(norm(p + v) for v in verbs for p in data["verb_prefixes"])
        words["cue_verbs"] = with_prefixes(data["verbs"] + data["recitation_verbs"])
        words["recitation_cues"] = with_prefixes(data["recitation_verbs"])
        words["colon_only_cues"] = with_prefixes(data["colon_only"])
    return _Cues(words, phrases, norm, tuple(data.get("quote_pairs", ())))


# --- words and the gaps between them ---------------------------------------------------------

@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    norm: str


class _Paragraph:
    """The words of one paragraph, and the punctuation between them."""

    def __init__(self, text: str, start: int, end: int, norm):
        self.text, self.start, self.end = text, start, end
        self.words = [_Word(m.start(), m.end(), norm(m.group()))
                      for m in _WORD.finditer(text, start, end)]

    def gap(self, k: int) -> str:
        """The characters between word ``k`` and the next word (or the paragraph end)."""
        stop = self.words[k + 1].start if k + 1 < len(self.words) else self.end
        return self.text[self.words[k].end:stop]

    def gap_offset(self, k: int, chars: frozenset[str] | str) -> int | None:
        """Where the first of ``chars`` stands in the gap after word ``k``."""
        for i, char in enumerate(self.gap(k)):
            if char in chars:
                return self.words[k].end + i
        return None

    def index_at(self, offset: int) -> int:
        """The index of the first word that starts at or after ``offset``."""
        for k, word in enumerate(self.words):
            if word.start >= offset:
                return k
        return len(self.words)

    def phrase_at(self, k: int, phrases) -> int:
        """How many words of the longest phrase in ``phrases`` start at word ``k`` (0: none)."""
        for phrase in phrases:
            if tuple(w.norm for w in self.words[k:k + len(phrase)]) == phrase:
                return len(phrase)
        return 0


# --- Arabic --------------------------------------------------------------------------------

@dataclass
class _Intro:
    """A speech verb and what it says about the speech that follows."""

    cue: _Word
    cue_text: str
    speech_start: int
    paragraph: int
    confidence: Confidence
    speaker: tuple[int, int] | None = None
    addressee: str | None = None
    kind: Kind = "speech"
    recitation: bool = False

    @property
    def weak(self) -> bool:
        """No colon and no speaker: a guess that should not cut another speech short."""
        return self.confidence == "low" and self.speaker is None and self.addressee is None \
            and not self.recitation


def _detect_arabic(text: str, spans, cues: _Cues) -> list[SpeechProposal]:
    paragraphs = [_Paragraph(text, s, e, cues.norm) for s, e in spans]
    intros = [intro for index, paragraph in enumerate(paragraphs)
              for intro in _arabic_intros(paragraph, index, cues)]
    for intro in intros:
        _carry_over(text, paragraphs, intro, cues)
    proposals = []
    for position, intro in enumerate(intros):
        proposal = _arabic_speech(text, paragraphs, intro, islice(intros, position + 1, None),
                                  cues)
        if proposal is not None:
            proposals.append(proposal)
    return _siblings(text, _within_quotations(text, proposals, cues), cues)


def _siblings(text: str, proposals: list[SpeechProposal], cues: _Cues):
    """Consecutive turns of a dialogue are siblings: a speech (not quoted, not a frame)
    ends before the verb of the next turn that starts inside it."""
    speeches = sorted((p for p in proposals if p.kind == "speech"),
                      key=lambda p: p.cue_start or p.start)
    cut: dict[SpeechProposal, SpeechProposal] = {}
    for proposal, following in zip(speeches, speeches[1:]):
        verb = following.cue_start if following.cue_start is not None else following.start
        if proposal.start < verb < proposal.end \
                and not _opening_mark(text, proposal.start - 1, cues):
            end = _trim_end(text, proposal.start, verb)
            cut[proposal] = replace(proposal, end=end)
    result = [cut.get(p, p) for p in proposals]
    return [p for p in result if p.end > p.start]


def _within_quotations(text: str, proposals: list[SpeechProposal], cues: _Cues):
    """A speech whose verb stands inside a quoted speech («… وقالوا لإخوانهم …») ends with
    it at the latest: the closing mark ends every speech opened inside it."""
    quoted = [p for p in proposals if _opening_mark(text, p.start - 1, cues)]
    result = []
    for proposal in proposals:
        for outer in quoted:
            if outer is not proposal and outer.start <= (proposal.cue_start or 0) < outer.end \
                    and proposal.end > outer.end:
                proposal = replace(proposal, end=outer.end)
        if proposal.end > proposal.start:
            result.append(proposal)
    return result


def _opening_mark(text: str, offset: int, cues: _Cues) -> str | None:
    """The closing mark that answers the opening mark at ``offset``, if one stands there."""
    if offset < 0:
        return None
    for pair in cues.quote_pairs:
        if text[offset] == pair[0]:
            return pair[1]
    return None


def _quoted_end(text: str, start: int, end: int, cues: _Cues) -> int | None:
    """Where the quotation opened at ``start`` closes within the paragraph (before ``end``)."""
    closing = _opening_mark(text, start, cues)
    if closing is None:
        return None
    close = text.find(closing, start + 1, end)
    return close if close > start + 1 else None


def _arabic_intros(paragraph: _Paragraph, index: int, cues: _Cues):
    """Yield an :class:`_Intro` for every speech verb of the paragraph that introduces speech."""
    words = paragraph.words
    for k, word in enumerate(words):
        if not cues.has("cue_verbs", word.norm):
            continue
        if k > 0 and cues.has("not_after", words[k - 1].norm) \
                and not _SENTENCE_END & set(paragraph.gap(k - 1)):
            continue  # "ما قال الرجل": a relative clause, not an introduction
        intro = _delimited_intro(paragraph, k, cues)
        if intro is None:
            if cues.has("colon_only_cues", word.norm) or (
                    k + 1 < len(words) and cues.has("said_objects", words[k + 1].norm)):
                continue  # "أنا أقول ذلك", "فقال ذلك أبو بكر": no quotation follows
            intro = _undelimited_intro(paragraph, k, cues)
        intro.paragraph = index
        intro.recitation = cues.has("recitation_cues", word.norm)
        if intro.recitation:
            intro.speaker = None  # "يتلو هؤلاء الآيات": the words after the verb are its object
        elif intro.speaker is None and cues.has("verbs", word.norm):
            _find_isnad_speaker(paragraph, k, intro, cues)
        _classify(paragraph, intro, cues)
        yield intro


def _delimited_intro(paragraph: _Paragraph, k: int, cues: _Cues) -> _Intro | None:
    """Read "VERB speaker addressee: speech", the colon within a few words of the verb."""
    words = paragraph.words
    for j in range(k, min(k + _MAX_INTRO_WORDS + 1, len(words))):
        if j > k and cues.has("cue_verbs", words[j].norm):
            return None
        colon = paragraph.gap_offset(j, ":")
        gap = paragraph.gap(j)
        before_colon = gap[:colon - words[j].end] if colon is not None else gap
        if _SENTENCE_END & set(before_colon):
            return None
        if colon is not None:
            return _intro_from_head(paragraph, k, j, colon + 1, cues)
        if _COMMA & set(gap) and j > k:
            return None  # a comma before any colon: the colon is someone else's
    return None


def _intro_from_head(paragraph, k, last, speech_start, cues) -> _Intro | None:
    """Split the words between the verb and the colon into speaker and addressee."""
    head = list(range(k + 1, last + 1))
    head = _without_eulogies(paragraph, head, cues)
    speaker, addressee = _split_addressee(paragraph, head, cues)
    if speaker and cues.has("circumstantial", paragraph.words[speaker[0]].norm):
        speaker = []  # "فقال وهم على بابه:": a circumstance, the speaker is "he"
    if len(speaker) > _MAX_SPEAKER_WORDS or (speaker and (
            cues.has("speech_openers", paragraph.words[speaker[0]].norm)
            or any(cues.has("cue_verbs", paragraph.words[i].norm) for i in speaker))):
        return None
    return _Intro(paragraph.words[k], paragraph.text[paragraph.words[k].start:
                                                     paragraph.words[k].end],
                  speech_start, 0, "high", _span(paragraph, speaker),
                  _text(paragraph, addressee))


def _undelimited_intro(paragraph: _Paragraph, k: int, cues: _Cues) -> _Intro:
    """Read "VERB [addressee] [name [eulogy]] [addressee] speech" without a colon.

    A speaker is recognised only when it is a known name phrase ("رسول الله") or has the
    shape of a personal name ("أبو جهل", "علي بن أبي طالب"); otherwise the speech starts
    right after the verb and the speaker is left open.
    """
    words = paragraph.words
    j = k + 1
    speaker: list[int] = []
    addressee: list[int] = []
    if j < len(words) and cues.has("addressee_pronouns", words[j].norm):
        addressee, j = [j], j + 1
    length = _name_length(paragraph, j, cues)
    if length:
        speaker, j = list(range(j, j + length)), j + length
        j = _skip_eulogies(paragraph, j, cues)
        if j < len(words) and not addressee:
            length = _addressee_length(paragraph, j, cues)
            addressee, j = list(range(j, j + length)), j + length
            j = _skip_eulogies(paragraph, j, cues)
    elif not addressee:
        speaker = _comma_speaker(paragraph, k, cues)
        j = (speaker[-1] + 1) if speaker else j
    last = j - 1
    delimiter = paragraph.gap_offset(last, ":،,") if j > k + 1 else None
    if delimiter is not None and (_SENTENCE_END & set(paragraph.text[words[last].end:delimiter])):
        delimiter = None
    start = delimiter + 1 if delimiter is not None else words[last].end
    word = words[k]
    return _Intro(word, paragraph.text[word.start:word.end], start, 0, "low",
                  _span(paragraph, speaker), _text(paragraph, addressee))


def _comma_speaker(paragraph: _Paragraph, k: int, cues: _Cues) -> list[int]:
    """"فقال أبو جهل، نأخذ …": up to four words before a comma name the speaker."""
    words = paragraph.words
    for j in range(k + 1, min(k + 5, len(words))):
        if cues.has("cue_verbs", words[j].norm) or cues.has("speech_openers", words[j].norm) \
                or cues.has("circumstantial", words[j].norm):
            return []
        gap = paragraph.gap(j)
        if _SENTENCE_END & set(gap) or ":" in gap:
            return []
        if _COMMA & set(gap):
            return list(range(k + 1, j + 1))
    return []


def _name_length(paragraph: _Paragraph, j: int, cues: _Cues) -> int:
    """How many words from ``j`` form a name: a known speaker or a personal name."""
    words = paragraph.words
    if j >= len(words):
        return 0
    known = paragraph.phrase_at(j, cues.phrases.get("known_speakers", ()))
    if known:
        return known
    if cues.has("name_heads", words[j].norm):
        if j + 1 >= len(words) or words[j + 1].norm.startswith("و") \
                or not _joined(paragraph, j):
            return 0  # "أبي وأمي" is an oath formula, not a name
        end = j + 2
    elif j + 2 < len(words) and cues.has("name_links", words[j + 1].norm) \
            and _joined(paragraph, j):
        end = j + 1  # "علي بن أبي طالب": a name followed by its nasab
    else:
        return 0
    while end + 1 < len(words) and cues.has("name_links", words[end].norm) \
            and _joined(paragraph, end - 1):
        end += 2
        if cues.has("name_heads", words[end - 1].norm) and end < len(words):
            end += 1  # "بن أبي طالب"
    return end - j


def _addressee_length(paragraph: _Paragraph, j: int, cues: _Cues) -> int:
    word = paragraph.words[j].norm
    if cues.has("addressee_pronouns", word):
        return 1
    if len(word) < 3 or not word.startswith("ل") or cues.has("not_addressee", word):
        return 0
    return 1 + sum(1 for i in range(j + 1, min(j + 5, len(paragraph.words)))
                   if _joined(paragraph, i - 1)
                   and (cues.has("name_links", paragraph.words[i].norm)
                        or cues.has("name_links", paragraph.words[i - 1].norm)
                        or cues.has("name_heads", paragraph.words[i - 1].norm[1:])))


def _joined(paragraph: _Paragraph, k: int) -> bool:
    """Whether word ``k`` and the next are separated by space only (no punctuation)."""
    return k + 1 < len(paragraph.words) and not paragraph.gap(k).strip()


def _skip_eulogies(paragraph: _Paragraph, j: int, cues: _Cues) -> int:
    while j < len(paragraph.words):
        length = paragraph.phrase_at(j, cues.phrases.get("eulogies", ()))
        if not length:
            break
        j += length
    return j


def _without_eulogies(paragraph: _Paragraph, indexes: list[int], cues: _Cues) -> list[int]:
    kept, skip_until = [], -1
    for i in indexes:
        if i < skip_until:
            continue
        length = paragraph.phrase_at(i, cues.phrases.get("eulogies", ()))
        if length:
            skip_until = i + length
        else:
            kept.append(i)
    return kept


def _split_addressee(paragraph, head: list[int], cues: _Cues) -> tuple[list[int], list[int]]:
    """Split a head into the speaker's words and the addressee ("لأبي بكر", "له")."""
    words = paragraph.words
    for position, i in enumerate(head):
        if cues.has("addressee_pronouns", words[i].norm):
            return head[:position] + head[position + 1:], [i]
        if _addressee_length(paragraph, i, cues):
            return head[:position], head[position:]
    return head, []


def _find_isnad_speaker(paragraph: _Paragraph, k: int, intro: _Intro, cues: _Cues) -> None:
    """"عن عبد الله بن عباس رضي الله عنهما قال:": the last transmitter is the speaker."""
    words = paragraph.words
    for j in range(k - 1, max(k - _MAX_ISNAD_WORDS - 2, -1), -1):
        if _SENTENCE_END & set(paragraph.gap(j)):
            return
        if cues.has("isnad_links", words[j].norm):
            name = _without_eulogies(paragraph, list(range(j + 1, k)), cues)
            while name and words[name[-1]].norm in ("أنه", "أنها", "أنهم"):
                name.pop()
            if 0 < len(name) <= _MAX_ISNAD_WORDS and _looks_like_name(paragraph, name, cues):
                intro.speaker = (words[name[0]].start, words[name[-1]].end)
                intro.kind = "narration"
            return


def _looks_like_name(paragraph: _Paragraph, indexes: list[int], cues: _Cues) -> bool:
    """A transmitter's name has a kunya or nasab ("أبي", "بن") and no function words."""
    norms = [paragraph.words[i].norm for i in indexes]
    if any(cues.has("speech_openers", w) or cues.has("cue_verbs", w) or w == "ثم"
           for w in norms):
        return False
    return any(cues.has("name_heads", w) or cues.has("name_links", w) for w in norms)


def _classify(paragraph: _Paragraph, intro: _Intro, cues: _Cues) -> None:
    """Tell a narration frame from a speech by its speaker and its first word."""
    if intro.speaker is not None:
        name = tuple(cues.norm(w) for w in
                     paragraph.text[intro.speaker[0]:intro.speaker[1]].split())
        if name in cues.phrases.get("narrators", ()):
            intro.kind = "narration"
    first = paragraph.index_at(intro.speech_start)
    if first < len(paragraph.words):
        word = paragraph.words[first].norm
        # After "قلت:" the narrator speaks in the story: "قلت: فسمنيه" is his speech.
        first_person = cues.has("first_person", intro.cue.norm)
        if cues.has("cue_verbs", word) or cues.has("narrative_openers", word) \
                or (intro.confidence == "high" and not first_person
                    and _narrative_verb(word, cues)):
            intro.kind = "narration"


def _narrative_verb(word: str, cues: _Cues) -> bool:
    """"قال: فركبت", "قال: وخرج": after a colon, a fa-/wa- word that is no particle is most
    often a past verb; a speech that begins with one is the narrator going on with the story.
    (Without a colon the guess is too weak: "فقال أبو بكر فداءً له".)"""
    return len(word) >= 4 and word[0] in "وف" and not word.startswith(("فإ", "وإ", "فل", "ول")) \
        and not cues.has("speech_openers", word) and not cues.has("speech_openers", word[1:])


def _carry_over(text: str, paragraphs: list[_Paragraph], intro: _Intro, cues: _Cues) -> None:
    """"قال:" closing a paragraph introduces the next one: move the speech there."""
    paragraph = paragraphs[intro.paragraph]
    if _skip_junk(text, intro.speech_start, paragraph.end) < paragraph.end \
            or intro.paragraph + 1 >= len(paragraphs):
        return
    intro.paragraph += 1
    intro.speech_start = paragraphs[intro.paragraph].start
    _classify(paragraphs[intro.paragraph], intro, cues)


def _arabic_speech(text, paragraphs, intro: _Intro, following, cues) -> SpeechProposal | None:
    """Find where the speech of ``intro`` ends and turn it into a proposal."""
    paragraph = paragraphs[intro.paragraph]
    start = _skip_junk(text, intro.speech_start, paragraph.end)
    close = _quoted_end(text, start, paragraph.end, cues)
    if close is not None:       # «…»: the closing mark ends the speech, whatever it holds
        start, end = start + 1, _trim_end(text, start + 1, close)
        intro.kind, intro.confidence = "speech", "high"
    elif intro.kind == "narration":
        if intro.speaker is None and _opens_with_verb(paragraph, start, cues):
            return None     # "قال: قلت: …": the narrator's "he said" adds no frame of its own
        end = _next_frame(following, start, paragraph.end) if intro.speaker is None \
            else paragraph.end
    else:
        limit = _next_cue(following, start, paragraph.end)
        end = _arabic_speech_end(paragraph, start, limit, cues, intro.recitation)
    if close is None:
        end = _trim_connectives(paragraph, start, _trim_end(text, start, end), cues)
    if end <= start:
        return None
    speaker = intro.speaker
    return SpeechProposal(start, end, text[speaker[0]:speaker[1]] if speaker else None,
                          speaker[0] if speaker else None, speaker[1] if speaker else None,
                          intro.addressee, intro.cue_text, intro.confidence, intro.kind,
                          intro.cue.start)


def _opens_with_verb(paragraph: _Paragraph, start: int, cues: _Cues) -> bool:
    first = paragraph.index_at(start)
    return first < len(paragraph.words) and cues.has("cue_verbs", paragraph.words[first].norm)


def _next_frame(following, start: int, end: int) -> int:
    """Where the next frame of the same narrator ("قال: فلما …") starts: an unnamed frame
    ends there, so that the narrator's frames are siblings, not nested in each other."""
    for intro in following:
        if intro.cue.start >= end:
            break
        if intro.cue.start >= start and intro.kind == "narration" and intro.speaker is None:
            return intro.cue.start
    return end


def _next_cue(following, start: int, end: int) -> int:
    """Where the next speech verb after ``start`` stands, or ``end`` when there is none."""
    for intro in following:  # in text order, so the first one past ``end`` stops the search
        if intro.cue.start >= end:
            break
        if intro.cue.start >= start and not intro.weak:
            return intro.cue.start
    return end


def _arabic_speech_end(paragraph: _Paragraph, start: int, limit: int, cues: _Cues,
                       recitation: bool = False) -> int:
    """Where a speech starting at ``start`` ends, at the latest at ``limit``.

    It ends at a full stop (. ؟ !) unless the next sentence opens like speech ("والله",
    "فإن …") or the sentence was only a vocative ("يا رسول الله."), before a comma followed
    by narrative ("، وكان …"), and before a verb with a named subject ("ففهم أبو بكر"): the
    narrator has taken the word back. A recited text (Quran) runs over its full stops.
    """
    words = paragraph.words
    first = paragraph.index_at(start)
    sentence = first
    for k in range(first, len(words)):
        if words[k].end > limit:
            break
        nxt = k + 1 if k + 1 < len(words) and words[k + 1].start < limit else None
        gap = paragraph.gap(k)
        stop = _sentence_stop(paragraph, k)
        if stop is not None and stop < limit and not recitation:
            if nxt is None:
                return limit
            vocative = words[sentence].norm == "يا" and k - sentence < 3
            if not (vocative or _continues_speech(words[nxt].norm, cues)):
                return stop + 1
            sentence = nxt
        if nxt is None:
            continue
        if _PAUSE & set(gap) and paragraph.phrase_at(nxt, cues.phrases.get("narrative_after_comma", ())):
            return words[k].end
        if _narrator_returns(paragraph, nxt, cues):
            return words[k].end
    return limit


def _sentence_stop(paragraph: _Paragraph, k: int) -> int | None:
    """Where a full stop follows word ``k``; an ellipsis (the " ... " between the halves of
    a verse of poetry) is no full stop."""
    gap = paragraph.gap(k)
    for i, char in enumerate(gap):
        if char in _SENTENCE_END and not (char == "." and (gap[i + 1:i + 2] == "."
                                                           or gap[i - 1:i] == "." and i)):
            return paragraph.words[k].end + i
    return None


def _trim_connectives(paragraph: _Paragraph, start: int, end: int, cues: _Cues) -> int:
    """Drop a "ثم" left at the end of a speech by the speech verb after it."""
    words = [w for w in paragraph.words if start <= w.start and w.end <= end]
    if len(words) > 1 and words[-1].end == end and cues.has("trailing_connectives",
                                                             words[-1].norm):
        return _trim_end(paragraph.text, start, words[-1].start)
    return end


def _continues_speech(word: str, cues: _Cues) -> bool:
    return cues.has("speech_openers", word)


def _narrator_returns(paragraph: _Paragraph, k: int, cues: _Cues) -> bool:
    """"ففهم أبو بكر", "وأرسل الله تعالى": a fa-/wa- verb with a named subject."""
    word = paragraph.words[k].norm
    if len(word) < 3 or word[0] not in "وف" or cues.has("speech_openers", word) \
            or cues.has("cue_verbs", word) or not _joined(paragraph, k):
        return False
    return _name_length(paragraph, k + 1, cues) > 0


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING_JUNK:
        end -= 1
    return end


def _skip_junk(text: str, position: int, end: int) -> int:
    """Skip the spaces and dashes before a speech ("أبو بكر -رضي الله عنه- فداءً")."""
    while position < end and text[position] in _TRAILING_JUNK:
        position += 1
    return position


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _span(paragraph: _Paragraph, indexes: list[int]) -> tuple[int, int] | None:
    """The span of the first run of consecutive word indexes (None when empty)."""
    if not indexes:
        return None
    last = indexes[0]
    for i in indexes[1:]:
        if i != last + 1:
            break
        last = i
    return paragraph.words[indexes[0]].start, paragraph.words[last].end


def _text(paragraph: _Paragraph, indexes: list[int]) -> str | None:
    span = _span(paragraph, indexes)
    return paragraph.text[span[0]:span[1]] if span else None


# --- quotations (Turkish) --------------------------------------------------------------------

@dataclass(frozen=True)
class _Quote:
    """A quotation: ``open`` is the opening mark, ``close`` the closing one (None: unclosed)."""

    open: int
    close: int | None
    end: int                       # where the quoted words end


def _detect_quoted(text: str, spans, cues: _Cues, pairs) -> SpeechScan:
    scan = SpeechScan()
    previous: tuple[int, int, list[_Quote]] | None = None
    for start, end in spans:
        quotes, problems = _find_quotes(text, start, end, cues, pairs)
        scan.problems.extend(problems)
        for index, quote in enumerate(quotes):
            lead = _lead_in(text, start, quote.open, quotes[index - 1] if index else None,
                            cues)
            if not text[lead[0]:lead[1]].strip() and previous is not None:
                lead = _lead_in(text, previous[0], previous[1],
                                previous[2][-1] if previous[2] else None, cues)
                if not text[lead[0]:lead[1]].rstrip().endswith(":"):
                    lead = (start, start)  # the last paragraph does not introduce this one
            scan.proposals.extend(_quoted_speech(text, end, lead, quote, cues))
        scan.proposals.extend(_dash_speeches(text, start, end, quotes))
        previous = (start, end, quotes)
    return scan


def _find_quotes(text, start, end, cues, pairs) -> tuple[list[_Quote], list[SpeechProblem]]:
    """Pair the quotation marks of one paragraph; report the ones left unpaired.

    A straight quote opens when it follows a space (or a colon, a dash, the paragraph start)
    and precedes a letter, and closes otherwise. A quote still open when the next one opens
    or the paragraph ends is unclosed: its words end at the next speech verb ("diye").
    """
    openers = {o: c for o, c in pairs}
    closers = {c for _, c in pairs}
    quotes, problems = [], []
    open_at: int | None = None
    expected = ""
    for i in range(start, end):
        char = text[i]
        if char not in openers and char not in closers:
            continue
        if open_at is not None and char == expected and not _looks_opening(text, i, start, end):
            quotes.append(_Quote(open_at, i, i))
            open_at = None
        elif char in openers:
            if open_at is not None:
                quotes.append(_unclosed(text, open_at, i, cues))
                problems.append(_never_closed(open_at))
            open_at, expected = i, openers[char]
        else:
            problems.append(SpeechProblem(i, "quotation mark closed here was never opened"))
    if open_at is not None:
        quotes.append(_unclosed(text, open_at, end, cues))
        problems.append(_never_closed(open_at))
    return quotes, problems


def _looks_opening(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in ":-–—(") and not after.isspace() \
        and after not in ".,;:!?"


def _never_closed(offset: int) -> SpeechProblem:
    return SpeechProblem(offset, "quotation mark opened here is never closed")


def _unclosed(text: str, open_at: int, limit: int, cues: _Cues) -> _Quote:
    """An unclosed quotation ends before the first speech verb after it, or at ``limit``."""
    for match in _WORD.finditer(text, open_at + 1, limit):
        if _verb_at(text, match.start(), limit, cues, "verbs_after"):
            return _Quote(open_at, None, match.start())
    return _Quote(open_at, None, limit)


def _verb_at(text: str, position: int, limit: int, cues: _Cues,
             kind: str) -> tuple[int, int] | None:
    """The span of a cue verb phrase of ``kind`` starting at ``position``, if there is one."""
    words = [(m.start(), m.end(), cues.norm(m.group()))
             for m in _WORD.finditer(text, position, min(limit, position + 60))][:3]
    if not words or words[0][0] != position:
        return None
    for phrase in cues.phrases.get(kind, ()):
        if tuple(w[2] for w in words[:len(phrase)]) == phrase:
            return words[0][0], words[len(phrase) - 1][1]
    return None


def _quoted_speech(text: str, p_end: int, lead: tuple[int, int], quote: _Quote, cues):
    """The proposals for one quotation: its words, split where the narrator interrupts."""
    after = _verb_after(text, quote, p_end, cues)
    named_after = _speaker_after(text, quote, p_end, cues)
    if named_after:
        speaker, after = named_after
    else:
        speaker = _lead_in_speaker(text, *lead, cues)
    lead_verb = _last_verb(text, *lead, cues)
    cue = (text[after[0]:after[1]] if after else
           text[lead_verb[0]:lead_verb[1]] if lead_verb else text[quote.open])
    introduced = text[lead[0]:lead[1]].rstrip().endswith((":", "-", "–", "—"))
    confidence: Confidence = "high" if quote.close is not None and (after or introduced) \
        else "low"
    proposals = []
    for start, end, inner in _interrupted(text, quote.open + 1, quote.end, cues):
        who = inner or speaker
        start, end = _skip_space(text, start, end), _trim_end(text, start, end)
        if end <= start:
            continue
        proposals.append(SpeechProposal(
            start, end, text[who[0]:who[1]] if who else None, who[0] if who else None,
            who[1] if who else None, None, text[inner[2]:inner[3]] if inner else cue,
            confidence, "speech", quote.open))
    return proposals


def _speaker_after(text: str, quote: _Quote, limit: int, cues: _Cues):
    """The speaker named beside the verb after a closed quotation, and the verb:
    "…," dedi Ebû Bekir. / "…," said Kulthum. / "…," Abu Bakr said. None if not named."""
    if quote.close is None:
        return None
    stop = re.search(r"[.!?;:\"“”«»]|\n\n", text[quote.close + 1:limit])
    end = quote.close + 1 + (stop.start() if stop else limit - quote.close - 1)
    words = [w for w in _WORD.finditer(text, quote.close + 1, end)
             if not _inside_parentheses(text, quote.close + 1, w.start())]
    if not words:
        return None
    verb = _verb_at(text, words[0].start(), end, cues, "verbs_after")
    if verb:                                     # the verb first, the name after it
        rest = [w for w in words if w.start() >= verb[1]]
        run = _capitalised_run(rest, cues)
        return ((run[0].start(), run[-1].end()), verb) if run else None
    skip = 1 if cues.has("articles", cues.norm(words[0].group())) else 0
    run = _capitalised_run(words[skip:], cues)   # the name first, the verb after it
    if run and skip + len(run) < len(words):
        verb = _verb_at(text, words[skip + len(run)].start(), end, cues, "verbs_after")
        if verb:
            return (run[0].start(), run[-1].end()), verb
    return None


def _capitalised_run(words: list[re.Match], cues: _Cues) -> list[re.Match]:
    """The capitalised words (and name links) that open ``words``: a name."""
    run: list[re.Match] = []
    for word in words:
        token = cues.norm(word.group())
        if word.group()[0].isupper() and (run or not cues.has("not_speaker", token)):
            run.append(word)
        elif run and cues.has("name_links", token):
            run.append(word)
        else:
            break
    while run and cues.has("name_links", cues.norm(run[-1].group())):
        run.pop()
    return run


def _verb_after(text: str, quote: _Quote, limit: int, cues: _Cues):
    if quote.close is None:
        return _verb_at(text, quote.end, limit, cues, "verbs_after")
    position = quote.close + 1
    while position < limit and (text[position].isspace() or text[position] in ",.;"):
        position += 1
    return _verb_at(text, position, limit, cues, "verbs_after")


def _lead_in(text: str, p_start: int, position: int, earlier: _Quote | None,
             cues: _Cues) -> tuple[int, int]:
    """The narrator's words before ``position`` in its paragraph: from the end of the
    previous quotation (and its verb) or from the start of the sentence."""
    start = p_start
    if earlier is not None:
        start = max(start, (earlier.close if earlier.close is not None else earlier.end) + 1)
        verb = _verb_after(text, earlier, position, cues)
        if verb:
            start = verb[1]
    for i in range(position - 1, start - 1, -1):
        if _ends_sentence(text, i, position, cues):
            return i + 1, position
    return start, position


def _ends_sentence(text: str, i: int, limit: int, cues: _Cues) -> bool:
    """Whether ``text[i]`` ends a sentence: a stop followed by a space, not after "Hz."."""
    if text[i] not in ".!?" or i + 1 >= limit or not text[i + 1].isspace():
        return False
    word = re.search(r"[\w'’-]+$", text[max(0, i - 20):i])
    return not (text[i] == "." and word and cues.has("titles", cues.norm(word.group())))


def _lead_in_speaker(text: str, start: int, end: int, cues: _Cues) -> tuple[int, int] | None:
    """The speaker named in a lead-in: a short lead-in before a colon ("biri:") is the
    speaker; otherwise the first run of capitalised words that is not an object ("…'i")."""
    words = [m for m in _WORD.finditer(text, start, end)
             if not _inside_parentheses(text, start, m.start())]
    words = [w for w in words if w.group() not in ("?",)]
    if not words:
        return None
    if text[start:end].rstrip().endswith(":") and len(words) <= 2 \
            and not any(_verb_at(text, w.start(), end, cues, "verbs_before") for w in words):
        return words[0].start(), words[-1].end()
    run: list[re.Match] = []
    for word in words:
        token = cues.norm(word.group())
        if run and not _name_continues(text, run[-1], word, cues):
            break
        if word.group()[0].isupper() and (run or not cues.has("not_speaker", token)):
            run.append(word)
        elif run and cues.has("name_links", token):
            run.append(word)
        elif run:
            break
    return _nominative(run, cues)


def _name_continues(text: str, last: re.Match, word: re.Match, cues: _Cues) -> bool:
    """Whether only spaces (or a parenthesised blessing, or the dot of "Hz.") separate two
    words of a name."""
    gap = re.sub(r"\([^)]*\)", "", text[last.end():word.start()]).strip()
    return not gap or (gap == "." and cues.has("titles", cues.norm(last.group())))


def _nominative(run: list[re.Match], cues: _Cues) -> tuple[int, int] | None:
    """Cut an object name ("Ebu Bekir'i") off the end of a run of capitalised words."""
    for index, word in enumerate(run):
        if re.search(r"['’?]\w", word.group()):
            titles = [i for i in range(index + 1)
                      if cues.has("titles", cues.norm(run[i].group()))]
            cut = titles[-1] if titles else index
            run = run[:cut]
            break
    while run and cues.has("name_links", cues.norm(run[-1].group())):
        run = run[:-1]
    return (run[0].start(), run[-1].end()) if run else None


def _inside_parentheses(text: str, start: int, position: int) -> bool:
    segment = text[start:position]
    return segment.count("(") > segment.count(")")


def _last_verb(text: str, start: int, end: int, cues: _Cues):
    found = None
    for match in _WORD.finditer(text, start, end):
        found = _verb_at(text, match.start(), end, cues, "verbs_before") or found
    return found


def _interrupted(text: str, start: int, end: int, cues: _Cues):
    """Split quoted words where the narrator interrupts ("Yılan, dedi Hazreti Ebu Bekr. …").

    Yield (start, end, inner) per part; ``inner`` is (speaker start, speaker end, cue start,
    cue end) for the parts an interruption attributes, else None.
    """
    for comma in re.finditer(r",\s+", text[start:end]):
        position = start + comma.end()
        verb = _verb_at(text, position, end, cues, "verbs_after")
        if not verb:
            continue
        stop = re.search(r"[.,!?]", text[verb[1]:end])
        if not stop:
            continue
        who_start = _skip_space(text, verb[1], end)
        who_end = verb[1] + stop.start()
        if who_end - who_start > 60 or who_end <= who_start:
            continue
        inner = (who_start, who_end, *verb)
        yield start, start + comma.start(), inner
        yield who_end + 1, end, inner
        return
    yield start, end, None


def _dash_speeches(text: str, start: int, end: int, quotes: list[_Quote]):
    """A line opening with a dash and no quotation mark is a speech to the end of the line."""
    for match in re.finditer(r"(?m)^[ \t]*[-–—][ \t]+(?P<speech>[^\n]+)", text[start:end]):
        line_start = start + match.start("speech")
        line_end = start + match.end("speech")
        if any(line_start - 2 <= q.open < line_end for q in quotes):
            continue
        trimmed = _trim_end(text, line_start, line_end)
        if trimmed > line_start:
            yield SpeechProposal(line_start, trimmed, None, None, None, None,
                                 text[start + match.start():line_start].strip(), "low",
                                 "speech", start + match.start())
