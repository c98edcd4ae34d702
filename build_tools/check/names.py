"""Candidate proper names that no register entry covers, for ``edition check`` and ``suggest``.

The register's own name forms are found by :mod:`build_tools.annotate.names`; this module
looks for what the register may be missing. In Turkish a candidate is a run of capitalised
words that does not merely start a sentence; in Arabic, where there are no capitals, it is a
kunya or nasab ("أبو جهل", "عبد الله بن عباس") or a speaker the speech detector names.
The word lists are data, in each language plug-in's ``name_candidates.yml``
(build_tools/languages): lists of heads (أبو، ابن) are read the Arabic way, lists of titles
and sentence openers the way of a script with capitals. A language with neither proposes
no candidates.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..annotate.model import Register
from ..annotate.names import find_names
from ..annotate.speech_detector import SpeechProposal
from ..ingest import Source
from ..languages import language
from ..languages.ar import normalise as _normalise_ar

_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
_PROCLITICS = "وفبلك"                               # wa-, fa-, bi-, li-, ka-
# A Latin-script word: letters (with combining marks), apostrophes and hyphens inside it.
_LATIN_WORD = re.compile(r"[^\W\d_](?:[\w\u0300-\u036f]|['’-](?=[^\W\d_]))*")
_SUFFIX = re.compile(r"['’][^\W\d_]+\Z")          # "Ali'yi": the case ending after '
_OPENING = "\"'“”‘’«»„()[]-–— \t\n\u00a0"          # what may stand before a sentence's first word


@dataclass(frozen=True)
class NameCandidate:
    """A word or run of words at ``text[start:end]`` that looks like a proper name."""

    start: int
    end: int
    name: str        # the name as it stands, without a proclitic or a case suffix


def unregistered_names(source: Source, register: Register, speakers=(),
                       known: list[tuple[int, int]] = ()) -> list[NameCandidate]:
    """The candidate names of ``source`` that overlap no register name and no ``known`` span
    (the editor's name annotations and rejections), in text order.

    ``speakers`` are speech proposals; in Arabic the words that name their speaker are
    candidates too.
    """
    covered = _merged([*((s.start, s.end) for s in find_names(source.text, source.lang,
                                                               register)), *known])
    data = _data(source.lang)
    if "heads" in data:
        candidates = [*_arabic_names(source.text, data),
                      *_speaker_names(source.text, speakers, data)]
    elif "sentence_openers" in data:
        candidates = list(_capitalised_names(source, data))
    else:
        candidates = []              # a language without word lists: nothing to propose
    found = {c.start: c for c in candidates if not _overlaps(c, covered)}
    return [found[start] for start in sorted(found)]


def by_name(candidates: list[NameCandidate], lang: str) -> list[tuple[str, list[NameCandidate]]]:
    """The candidates grouped by name (compared without Arabic diacritics), in the order of
    each name's first occurrence."""
    groups: dict[str, list[NameCandidate]] = {}
    for candidate in candidates:
        groups.setdefault(_key(candidate.name, lang), []).append(candidate)
    return [(found[0].name, found) for found in groups.values()]


def _key(name: str, lang: str) -> str:
    return _ARABIC_MARKS.sub("", name)      # marks only: Latin names keep their case


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the spans as sorted, disjoint (start, end) runs."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def _overlaps(candidate: NameCandidate, covered: list[tuple[int, int]]) -> bool:
    """Whether the candidate overlaps one of the disjoint sorted runs ``covered``."""
    index = bisect.bisect_left(covered, (candidate.end,)) - 1
    return index >= 0 and covered[index][1] > candidate.start


@lru_cache(maxsize=16)
def _data(lang: str) -> dict:
    """The word lists of one language, normalised as words are compared, and (``norm``)
    the function that normalises them."""
    plug_in = language(lang)
    data: dict = {name: frozenset(plug_in.normalise(str(w)) for w in words)
                  for name, words in plug_in.name_candidates.items()}
    data["norm"] = plug_in.normalise
    return data


# --- Arabic --------------------------------------------------------------------------------

def _arabic_names(text: str, data):
    """Kunyas and nasabs: a head (أبو, ابن, عبد …) and the word after it, with the chain of
    "بن X" that follows, and the name before a "بن"."""
    words = list(_ARABIC_WORD.finditer(text))
    k = 0
    while k < len(words):
        head = _head(words[k].group(), data)
        if head is None or not _joined(text, words, k) or \
                _normalise_ar(words[k + 1].group()) in data["not_after_head"]:
            k += 1
            continue
        first = k
        if head in data["links_after_name"] and k > 0 and _joined(text, words, k - 1) \
                and _head(words[k - 1].group(), data) is None:
            first = k - 1                       # "علي بن أبي طالب": the name before "بن"
        last = _name_end(text, words, k + 1, data)
        start = words[first].start() + (_split_proclitic(words[first].group(), data)[0]
                                        if first == k else 0)
        yield NameCandidate(start, words[last].end(), text[start:words[last].end()])
        k = last + 1


def _head(word: str, data) -> str | None:
    """The head a word is, after an optional proclitic ("لأبي" is "أبي"), or None."""
    split = _split_proclitic(word, data)
    return split[1] if split else None


def _split_proclitic(word: str, data) -> tuple[int, str] | None:
    """(How many characters of ``word`` are its proclitic, the head after it), or None."""
    norm = _normalise_ar(word)
    for letters in range(3):
        if all(c in _PROCLITICS for c in norm[:letters]) and norm[letters:] in data["heads"]:
            return _char_index(word, letters), norm[letters:]
    return None


def _char_index(word: str, letters: int) -> int:
    """Where the ``letters``-th letter of ``word`` stands, counting no diacritics."""
    seen = 0
    for index, char in enumerate(word):
        if not _ARABIC_MARKS.match(char):
            if seen == letters:
                return index
            seen += 1
    return len(word)


def _name_end(text: str, words, k: int, data) -> int:
    """The index of the last word of a name whose first word after the head is ``k``."""
    if _head(words[k].group(), data) is not None and _joined(text, words, k):
        k += 1                                  # "بن أبي طالب": a head after a head
    while _joined(text, words, k) and k + 2 < len(words) and _joined(text, words, k + 1) \
            and _normalise_ar(words[k + 1].group()) in data["links"]:
        k += 2
        if _head(words[k].group(), data) is not None and _joined(text, words, k):
            k += 1
    return k


def _joined(text: str, words, k: int) -> bool:
    """Whether word ``k`` and the next are separated by spaces only, on one line."""
    return k + 1 < len(words) and text[words[k].end():words[k + 1].start()] in (" ", "\u00a0")


def _speaker_names(text: str, speakers: list[SpeechProposal], data):
    """The words that name a speech's speaker, unless they are no proper name ("قائل",
    "الأخرى", "فيما زعموا"); a proclitic before a kunya is left out ("وأبو جهل")."""
    not_names = data.get("not_names", frozenset())
    not_starts = data.get("not_name_starts", frozenset())
    for proposal in speakers:
        if proposal.speaker_start is None:
            continue
        words = proposal.speaker_text.split()
        if _normalise_ar(proposal.speaker_text) in not_names or not words \
                or _normalise_ar(words[0]) in not_starts:
            continue
        yield from _joined_names(text, proposal.speaker_start, proposal.speaker_end, data)


def _joined_names(text: str, start: int, end: int, data):
    """The names of one speaker's words, cut where "و" joins another kunya to them ("أبو جهل
    وأبو سفيان"), each without its proclitic."""
    words = list(_ARABIC_WORD.finditer(text, start, end))
    cuts = [0] + [i for i, w in enumerate(words) if i and _normalise_ar(w.group())[:1] == "و"
                  and _head(w.group(), data) is not None] + [len(words)]
    for first, stop in zip(cuts, cuts[1:]):
        split = _split_proclitic(words[first].group(), data)
        begin = words[first].start() + (split[0] if split else 0)
        finish = words[stop - 1].end()
        if begin < finish:
            yield NameCandidate(begin, finish, text[begin:finish])


# --- a script with capitals (Turkish, English) ----------------------------------------------------------------

def _capitalised_names(source: Source, data):
    """Runs of capitalised words ("Ebu Kürz", "Ümeyye bin Halef"), titles left out. A single
    capitalised word that starts a sentence is no candidate; a run that starts one loses its
    first word when that word is a common one: a sentence opener ("Sonra"), or a word that
    also stands in the text in lower case ("Bütün")."""
    text = source.text
    common = data["sentence_openers"] | {data["norm"](m.group())
                                         for m in _LATIN_WORD.finditer(text)
                                         if not m.group()[0].isupper()}
    for run in _runs(text, data):
        initial = _starts_sentence(source, run[0].start())
        if initial and len(run) > 1 and data["norm"](_stem(run[0].group())) in common:
            run = run[1:]
        elif initial and len(run) == 1:
            continue
        run = _trim_links(run, data)
        if run:
            end = run[-1].start() + len(_stem(run[-1].group()))
            yield NameCandidate(run[0].start(), end, text[run[0].start():end])


def _runs(text: str, data):
    """Yield each run of capitalised words (and name links between them) as a list of
    matches; titles and words that are no names break a run and are left out."""
    run: list[re.Match] = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        norm = data["norm"](word)
        follows = run and _only_space(text, run[-1].end(), match.start())
        if word[0].isupper() and norm not in data["titles"] \
                and data["norm"](_stem(word)) not in data["not_names"]:
            if run and not follows:
                yield run
                run = []
            run.append(match)
            if _SUFFIX.search(word):            # "Ebû Bekir'i Hz.": a case ending ends a name
                yield run
                run = []
        elif run and follows and norm in data["name_links"]:
            run.append(match)
        elif run:
            yield run
            run = []
    if run:
        yield run


def _only_space(text: str, start: int, end: int) -> bool:
    return start < end and not text[start:end].strip(" \t\u00a0")


def _trim_links(run: list[re.Match], data) -> list[re.Match]:
    while run and data["norm"](run[-1].group()) in data["name_links"]:
        run = run[:-1]
    return run


def _stem(word: str) -> str:
    """A word without its case ending: "Ali'yi" → "Ali", "Ebû'l-Kâsım'ın" → "Ebû'l-Kâsım"."""
    return _SUFFIX.sub("", word)


def _starts_sentence(source: Source, offset: int) -> bool:
    """Whether only quotation marks, dashes and spaces stand between the start of the
    sentence (or a colon) and ``offset``."""
    text = source.text
    position = offset
    while position > 0 and text[position - 1] in _OPENING:
        position -= 1
    if position == 0 or text[position - 1] == ":":
        return True
    index = bisect.bisect_right(source.sentence_starts, offset) - 1
    return index >= 0 and source.sentence_starts[index] >= position
