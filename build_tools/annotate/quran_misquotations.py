"""The misquotation detector: passages presented as Quran that match no verse verbatim.

A passage is presented as Quran by a phrase such as "قال الله تعالى:" (the Arabic plug-in's
``presenting`` phrases) or by the ornate parentheses ﴿…﴾ or braces {…} that set off verses;
it runs to its closing mark, or else to the end of its sentence or clause. Where the verbatim
detector already found the passage's words, nothing more is said. Otherwise the passage is
compared, word by spelling key, with the verses that share its rarest words: the verse whose
words it follows most closely, in order, is the one it stands for when they agree on at least
``MIN_AGREEMENT`` of their words (counted over the passage and the part of the verse it
covers); a passage close to no verse is reported as such and tied to none.

The comparison says, word by word, where the source and the verse differ: what the verse
has that the source lacks or changed, and what the source adds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..arabic import fold
from ..quran import Quran, VerseRange
from ..languages import language
from .quran_quotations import (
    Quotation, QuranIndex, Words, presented, quran_index, spelling_keys, tokenize, word_ids)

_CUES = language("ar").quran_cues

MIN_AGREEMENT = 0.6     # the share of words source and verse must agree on (bench/)
MIN_WORDS = 3           # a passage of fewer words is too short to tell a slip from chance
MIN_SHARED = 2          # ... and it must share at least two words with the verse, in order
MIN_TIED_WORDS = 4      # the words tied to a verse, at least ("الله عليه" is no misquotation)
MAX_WORDS = 60          # a presented passage longer than this is cut (it is prose by then)
CANDIDATES = 12         # how many verses sharing the most rare words are compared in full

SAME, OMITTED, ADDED, CONTEXT = "same", "omitted", "added", "context"

# What sets a passage off as Quran by its marks, and what closes it.
_MARKED = re.compile("[﴿{]")
_CLOSING = {"﴿": "﴾", "{": "}"}
# What ends a presented passage without marks: a sentence end, a new line, a closing mark,
# or an opening parenthesis (a reference such as "(البقرة 255)").
_PASSAGE_END = re.compile("[.!?؟…\n»”\"﴾}(:]")
# A colon soon after a presenting phrase ("قال تعالى لنبيه: …") is where the verse starts.
_LATE_COLON = 8
# Punctuation between the last word shared with a verse and the words after it: those are
# the author's, not words of the verse changed.
_PAUSE = re.compile("[،,:;؛]")
_OPENING = re.compile("[ \u00a0]*[«“\"][ \u00a0]*")
_OPENING_AFTER_COLON = re.compile("[ \u00a0]*:[ \u00a0]*[«“\"][ \u00a0]*")
_CLOSES = {"«": "»", "“": "”"}


@dataclass(frozen=True)
class Difference:
    """One stretch of a comparison: verse words the source has too (``same``), verse words
    it lacks or changed (``omitted``), words of the source the verse lacks (``added``), or
    the verse's words before or after the part the source quotes (``context``)."""

    kind: str
    words: str


@dataclass(frozen=True)
class Misquotation:
    """``text[start:end]`` is presented as Quran. ``verses`` is the verse it stands for
    (None when it is close to none), ``agreement`` how closely it follows it, and
    ``comparison`` the verse's words with the differences marked."""

    start: int
    end: int
    verses: VerseRange | None
    agreement: float
    comparison: tuple[Difference, ...] = ()


def find_misquotations(text: str, quran: Quran, quotations: list[Quotation],
                       words: Words | None = None, ids: list[int] | None = None
                       ) -> list[Misquotation]:
    """Every passage of ``text`` presented as Quran that the verbatim ``quotations`` do not
    account for, tied to its closest verse or to none, in text order. ``words`` and
    ``ids`` are the text's as :func:`scan_quotations` gives them (else found again)."""
    index = quran_index(quran)
    if words is None or ids is None:
        words = tokenize(text)
        ids = word_ids(words, index)
    if not len(words):
        return []
    found = []
    for first, last, closed, set_off in _passages(text, words):
        if last - first < MIN_WORDS or _covered(words, first, last, quotations):
            continue
        found += _compare(text, words, ids, first, last, closed, set_off, index, quran,
                          quotations)
    return found


def compare(text: str, start: int, end: int, verses: VerseRange,
            quran: Quran) -> tuple[Difference, ...]:
    """The comparison of ``text[start:end]`` with ``verses`` (for a misquotation the editor
    names)."""
    index = quran_index(quran)
    words = tokenize(text[start:end])
    if not len(words):
        return ()
    ids = word_ids(words, index)
    alignment = _align(ids, True, True, _range_ids(index, verses), verses)
    if alignment is None:       # nothing in common: the whole verse stands against it
        verse_count = len(_range_ids(index, verses))
        alignment = _Alignment(0.0, verses, 0, len(ids), verse_count, 0, verse_count, 0, 0)
    return _comparison(text[start:end], words, ids, 0, len(ids), alignment, index, quran)


def _passages(text: str, words: Words) -> list[tuple[int, int, bool, bool]]:
    """The word ranges [first, last) presented as Quran, each once, in text order, whether
    a mark closes each (else its end may be the author's words again), and whether a colon
    or a mark sets it off (else it may be the author's words from the start: "ثم قال
    تعالى في رمي …")."""
    ranges: dict[int, tuple[int, bool, bool]] = {}
    for mark in _MARKED.finditer(text):
        closing = text.find(_CLOSING[mark.group()], mark.end())
        if closing != -1:
            first = bisect_left(words.starts, mark.end())
            ranges.setdefault(first, (bisect_left(words.starts, closing), True, True))
    for first in presented(words):
        set_off = ":" in text[words.ends[first - 1]:words.starts[first]] if first else False
        if not set_off:
            first, set_off = _after_late_colon(text, words, first)
        start = words.starts[first] if first < len(words) else len(text)
        opening = _OPENING.fullmatch(text, words.ends[first - 1], start) \
            or _OPENING_AFTER_COLON.fullmatch(text, words.ends[first - 1], start)
        close = -1
        if opening is not None:
            mark = opening.group().strip()[-1]
            close = text.find(_CLOSES.get(mark, mark), start)
        closed = close != -1
        if not closed:
            end = _PASSAGE_END.search(text, start)
            close = end.start() if end else len(text)
        last = _before_commentary(words, first, bisect_left(words.starts, close))
        ranges.setdefault(first, (last, closed, set_off or closed))
    return [(first, min(last, first + MAX_WORDS), closed and last <= first + MAX_WORDS,
             set_off) for first, (last, closed, set_off) in sorted(ranges.items())
            if first < len(words)]


def _after_late_colon(text: str, words: Words, first: int) -> tuple[int, bool]:
    """Where a passage starts whose presenting phrase is followed by a few words and a
    colon ("قال تعالى لنبيه صلى الله عليه وسلم: قل …"): after the colon, if there is one
    before the sentence ends."""
    for at in range(first + 1, min(first + _LATE_COLON, len(words))):
        between = text[words.ends[at - 1]:words.starts[at]]
        if ":" in between:
            return at, True
        if _PASSAGE_END.search(between):
            break
    return first, False


def _before_commentary(words: Words, first: int, last: int) -> int:
    """The passage's end, before a word that starts the author's explanation (أي، يعني)."""
    commentary = _commentary_keys()
    for at in range(first + 1, last):
        if words.keys[at] in commentary:
            return at
    return last


@lru_cache(maxsize=1)
def _commentary_keys() -> frozenset[str]:
    return frozenset(spelling_keys([fold(word) for word in _CUES["commentary"]]))


def _covered(words: Words, first: int, last: int, quotations: list[Quotation]) -> bool:
    """Whether verbatim quotations cover every word of ``words[first:last]``, and are not
    pieces of one passage of the Quran with words left out or changed between them."""
    start, end = words.starts[first], words.ends[last - 1]
    inside = sorted((q for q in quotations if q.start < end and start < q.end),
                    key=lambda q: q.start)
    if any(_near(one.verses, other.verses) for one, other in zip(inside, inside[1:])):
        return False
    return all(any(q.start <= words.starts[at] and words.ends[at] <= q.end for q in inside)
               for at in range(first, last))


def _near(one: VerseRange, other: VerseRange) -> bool:
    return one.sura == other.sura and one.first - 1 <= other.last and other.first - 1 <= one.last


@dataclass(frozen=True)
class _Alignment:
    agreement: float
    verses: VerseRange
    first: int          # the source words the verse stands for, from the passage's start
    last: int
    size: int           # the verses' words
    verse_first: int    # the verses' words the source stands for
    verse_last: int
    shared_last: int    # the end of the last source word shared with the verses
    shared: int         # how many words they share


def _compare(text: str, words: Words, ids: list[int], first: int, last: int, closed: bool,
             set_off: bool, index: QuranIndex, quran: Quran,
             quotations: list[Quotation]) -> list[Misquotation]:
    """The passage as a misquotation of its closest verses, as a passage close to none, or
    nothing, when its words are verbatim words of the Quran and the author's own."""
    passage = ids[first:last]
    best = _best_alignment(passage, closed, set_off, index, quran)
    start, end = words.starts[first], words.ends[last - 1]
    verbatim = any(q.start < end and start < q.end for q in quotations)
    if best is None or best.agreement < MIN_AGREEMENT:
        # Part of it is verbatim and the rest the author's: a quotation with commentary.
        # Words not set off may be the author's own from the start: nothing to say.
        if verbatim or not set_off:
            return []
        return [Misquotation(start, end, None, round(best.agreement, 3) if best else 0.0)]
    passage_start = first
    first, last = passage_start + best.first, passage_start + best.last
    if not closed:
        last = _before_pause(text, words, passage_start + best.shared_last, last)
    if _covered(words, first, last, quotations):
        return []
    comparison = _comparison(text, words, ids, first, last, best, index, quran)
    if last - first < MIN_TIED_WORDS or not any(d.kind in (OMITTED, ADDED) for d in comparison):
        return []       # a few words of the Quran in the author's sentence, or verbatim
    return [Misquotation(words.starts[first], words.ends[last - 1], best.verses,
                         round(best.agreement, 3), comparison)]


def _before_pause(text: str, words: Words, shared_end: int, last: int) -> int:
    """``last`` less the words added after the last shared one (``shared_end``) across a
    pause."""
    for at in range(shared_end, last):
        if _PAUSE.search(text, words.ends[at - 1], words.starts[at]):
            return at
    return last


def _best_alignment(passage: list[int], closed: bool, set_off: bool, index: QuranIndex,
                    quran: Quran) -> _Alignment | None:
    """The verse, or two or three verses running on, whose words the passage follows most
    closely in order."""
    best: _Alignment | None = None
    tried: set[VerseRange] = set()
    for sura, verse in _candidates(passage, index):
        for low, high in ((verse, verse), (verse, verse + 1), (verse - 1, verse),
                          (verse - 1, verse + 1)):
            verses = VerseRange(sura, low, high)
            if verses in tried or not quran.is_valid_range(verses):
                continue
            tried.add(verses)
            alignment = _align(passage, closed, set_off, _range_ids(index, verses), verses)
            # Of the verses close enough, those that account for the most of the
            # passage's words; of those, the closest; of verses it follows equally well,
            # the shortest (the fewest words it leaves out) is the one it stands for.
            if alignment is not None and (best is None or _rank(alignment) > _rank(best)):
                best = alignment
    return best


def _rank(alignment: _Alignment) -> tuple[bool, int, float, int]:
    close = alignment.agreement >= MIN_AGREEMENT
    return close, alignment.shared if close else 0, alignment.agreement, -alignment.size


def _align(passage: list[int], closed: bool, set_off: bool, verse_ids: list[int],
           verses: VerseRange) -> _Alignment | None:
    """How closely the passage follows the verses' words, over the part of each that the
    other stands for."""
    blocks = [b for b in SequenceMatcher(None, passage, verse_ids, autojunk=False)
              .get_matching_blocks() if b.size]
    shared = sum(b.size for b in blocks)
    if shared < MIN_SHARED:
        return None
    last = blocks[-1].a + blocks[-1].size
    verse_first, verse_last = blocks[0].b, blocks[-1].b + blocks[-1].size
    # Every word from the start of a passage set off by a colon or a mark is presented as
    # Quran, and stands for as many of the verse's words before its first shared one as
    # there are; in a passage not set off ("وقال تعالى فيهم إذ يمكر …") they are the
    # author's. After the last shared
    # word, the source's words are the author's again unless a mark closes the passage,
    # or they are few and the verse has words there too (a word replaced: «إن الله مع
    # الصادقين»).
    first = 0 if set_off else blocks[0].a
    verse_first -= min(blocks[0].a - first, verse_first)
    shared_last = last
    remaining = len(passage) - last
    after = remaining if closed or (remaining <= min(len(verse_ids) - verse_last, 2)) else 0
    last += after
    verse_last = min(len(verse_ids), verse_last + after)
    agreement = 2 * shared / (last - first + verse_last - verse_first)
    return _Alignment(agreement, verses, first, last, len(verse_ids), verse_first, verse_last,
                      shared_last, shared)


def _range_ids(index: QuranIndex, verses: VerseRange) -> list[int]:
    bounds = _verse_bounds(index)
    start = bounds[verses.sura, verses.first][0]
    end = bounds[verses.sura, verses.last][1]
    return list(index.words[start:end])


def _candidates(passage: list[int], index: QuranIndex) -> list[tuple[int, int]]:
    """The verses that share the most of the passage's words and word triples, the rarer
    words counting more (a verse is found by the words that few verses have)."""
    scores: Counter = Counter()
    for word in set(passage):
        if word < 0:
            continue
        verses = _verses_of(index, word)
        weight = 1.0 / (1 + len(index.places[word])) ** 0.5
        for verse in verses:
            scores[verse] += weight
    for gram in zip(passage, passage[1:], passage[2:]):
        for verse in {index.verse_at[place] for place in index.ngrams.get(gram, ())}:
            scores[verse] += 1.0
    return [verse for verse, _ in scores.most_common(CANDIDATES)]


def _verses_of(index: QuranIndex, word: int) -> frozenset[tuple[int, int]]:
    """The verses a word stands in (kept: the commonest words are asked for again and
    again)."""
    known = _word_verses(index)
    if word not in known:
        known[word] = frozenset(index.verse_at[place] for place in index.places.get(word, ()))
    return known[word]


@lru_cache(maxsize=4)
def _word_verses(index: QuranIndex) -> dict[int, frozenset[tuple[int, int]]]:
    return {}


@lru_cache(maxsize=4)
def _verse_bounds(index: QuranIndex) -> dict[tuple[int, int], tuple[int, int]]:
    """Where each verse's words lie in the index's word sequence."""
    bounds: dict[tuple[int, int], tuple[int, int]] = {}
    for position, verse in enumerate(index.verse_at):
        if verse[1]:
            start, _ = bounds.get(verse, (position, position))
            bounds[verse] = (start, position + 1)
    return bounds


def _comparison(text: str, words: Words, ids: list[int], first: int, last: int,
                alignment: _Alignment, index: QuranIndex, quran: Quran
                ) -> tuple[Difference, ...]:
    """The verses in their own spelling, with what the source ``words[first:last]`` lacks
    or changed and what it adds marked, in the verses' order."""
    written = [word for verse in quran.verses(alignment.verses)
               for word in verse_words(verse.text_ar)]
    low, high = alignment.verse_first, alignment.verse_last
    source = [text[words.starts[at]:words.ends[at]] for at in range(first, last)]
    matcher = SequenceMatcher(None, ids[first:last],
                              _range_ids(index, alignment.verses)[low:high], autojunk=False)
    parts = [Difference(CONTEXT, " ".join(written[:low]))] if low else []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if b2 > b1:
            parts.append(Difference(SAME if operation == "equal" else OMITTED,
                                    " ".join(written[low + b1:low + b2])))
        # (``a`` is the source, ``b`` the verses: a delete is what only the source has.)
        if operation in ("replace", "delete") and a2 > a1:
            parts.append(Difference(ADDED, " ".join(source[a1:a2])))
    if high < len(written):
        parts.append(Difference(CONTEXT, " ".join(written[high:])))
    return tuple(_merged(parts))


def verse_words(verse_text: str) -> list[str]:
    """A verse's words as the index counts them: a vocative يا joined to the word after."""
    written: list[str] = []
    joined = False
    for word in verse_text.split():
        if joined:
            written[-1] += " " + word
            joined = False
            continue
        written.append(word)
        joined = fold(word) == "يا"
    return written


def _merged(parts: list[Difference]) -> list[Difference]:
    merged: list[Difference] = []
    for part in parts:
        if merged and merged[-1].kind == part.kind:
            merged[-1] = Difference(part.kind, f"{merged[-1].words} {part.words}")
        else:
            merged.append(part)
    return merged


