"""The verbatim quotation detector: runs of words in Arabic text that are words of the Quran.

Both the text and the Quran are cut into words, and each word is reduced to a spelling key
(:func:`spelling_key`) so that vowels, Uthmani orthography, hamza forms and a leading wa-/fa-
do not matter. A word n-gram index over all verses finds where a run may start; each run is
extended word by word as far as text and Quran agree. A run is a quotation when it is long
(``MIN_WORDS`` words and ``MIN_LETTERS`` letters), or shorter but introduced by a cue such as
"قال تعالى:" or an opening «; where runs overlap in the text the longest wins, so a phrase of
3:54 inside a quotation of 8:30 is not reported again. The thresholds were measured with
bench/quran_detector.py on Ibn Hisham's Sira.

A run never crosses from one sura into the next (the suras are kept apart in the index): a
text that quotes the end of one sura and the start of the next gets two quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from ..arabic import ARABIC_WORD, fold, skeleton
from ..quran import Quran, VerseRange

INDEX_WORDS = 3         # the n of the n-gram index: a run is found from any 3 words of it
MIN_WORDS = 4           # shorter runs are mostly formulas shared with prose; see bench/
MIN_LETTERS = 15        # ... and so are runs of short words ("إن الله كان عليما")
CUED_WORDS = 3          # a few words after a cue word are enough ...
CUED_LETTERS = 10       # ... if they are not short function words ("فإن كان الذي")
SET_OFF_WORDS = 2       # right after a colon that follows a cue, or an opening mark, two are,
SET_OFF_LETTERS = 7     # ... if not too short ("وأحسن نديا" 19:73 is 7)
# Formulas of everyday speech that are also words of the Quran; alone they are not quoted.
FORMULAS = ("لا إله إلا الله", "بسم الله الرحمن الرحيم")
CUE_DISTANCE = 4        # how many words before a run an introducing cue may stand
# Words that introduce a quotation ("قال الله تعالى:", "فأنزل الله فيه", "قوله"). Not "كتاب":
# its key is that of the verb كتب ("فكتب لهم رسول الله").
# A short run that contains a cue word ("فأنزل الله تعالى") is the cue itself, not a quotation.
CUES = ("تعالى", "سبحانه", "وجل", "قوله", "أنزل", "فأنزل", "نزلت", "فنزلت", "فقرأ",
        "قرأ", "تلا", "وتلا")
_CUED, _SET_OFF = 1, 2  # how strongly a word is introduced as the start of a quotation
# Opening marks that set off a quotation: «…», “…”, "…", ﴿…﴾.
_OPENING_MARK = re.compile("[«“\"﴿][ \u00a0]*")

_UNKNOWN = -1           # a text word that the Quran does not have
_BETWEEN_SURAS = -2     # a gap in the Quran's word sequence that no word matches
# A leading wa- or fa- (which quoting authors add or drop at will) of a word of three
# letters or more, and the article's second lam, each after the newline before a word.
_PROCLITIC = re.compile("\n[وف](?=[^\n]{2})")
_ARTICLE_LAM = re.compile("\n([بك]?ال)ل(?!ه)")
_VOCATIVE = "يا"


@dataclass(frozen=True)
class Quotation:
    """Words ``text[start:end]`` that are verbatim the words of ``verses``.

    ``alternatives`` are other places in the Quran with exactly the same words (a repeated
    verse such as 55:13); ``words`` counts the words matched.
    """

    start: int
    end: int
    verses: VerseRange
    alternatives: tuple[VerseRange, ...] = ()
    words: int = 0


@dataclass(frozen=True)
class Words:
    """The Arabic words of a text, as parallel lists: where each starts and ends, its key."""

    starts: list[int]
    ends: list[int]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, eq=False)
class QuranIndex:
    """The Quran as one sequence of word ids, with an index of its words and n-grams."""

    vocabulary: dict[str, int]              # spelling key -> word id
    words: tuple[int, ...]                  # every word of every verse, suras apart
    verse_at: tuple[tuple[int, int], ...]   # (sura, verse) of each position of ``words``
    ngrams: dict[tuple[int, ...], list[int]]   # n-gram -> its start positions
    places: dict[int, list[int]]            # word id -> its positions

    def bigram_places(self, first: int, second: int) -> list[int]:
        """Where the word pair starts: only two-word runs after a cue ask (a few per
        text), so pairs are not indexed but found from their first word's places."""
        words = self.words
        return [place for place in self.places.get(first, ())
                if place + 1 < len(words) and words[place + 1] == second]


def find_quotations(text: str, quran: Quran) -> list[Quotation]:
    """Every verbatim Quran quotation in ``text``, in text order.

    A quotation has at least ``MIN_WORDS`` words and ``MIN_LETTERS`` letters, or, right
    after a cue (``CUES``, an opening quotation mark), ``CUED_WORDS`` words.
    """
    index = quran_index(quran)
    words = tokenize(text)
    ids = [index.vocabulary.get(key, _UNKNOWN) for key in words.keys]
    cued = _cued(text, words)
    runs = _runs(ids, cued, index)
    letters = _letter_counts(words)
    chosen = _choose(runs, words, letters, cued)
    return [_quotation(group, words, index) for group in chosen]


def tokenize(text: str) -> Words:
    """The Arabic words of ``text`` with their offsets and spelling keys.

    A vocative يا is joined to the word after it, because the Uthmani text writes the two
    as one word (يَٰٓأَيُّهَا = يا أيها).
    """
    # Cut at the words, the text is words and what lies between them by turns; their
    # offsets are running sums of lengths (no match object is made for each word).
    pieces = _AT_WORDS.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    written, starts, ends = pieces[1::2], offsets[1:-1:2], offsets[2::2]
    # A text uses the same words again and again: each spelling is keyed once.
    distinct = list(dict.fromkeys(written))
    keys = list(map(dict(zip(distinct, _word_keys(distinct))).__getitem__, written))
    if _VOCATIVE_KEY in keys or "" in keys:
        return _joined(written, starts, ends, keys)
    return Words(starts, ends, keys)


_AT_WORDS = re.compile(f"({ARABIC_WORD.pattern})")
_VOCATIVE_KEY = "\0" + _VOCATIVE      # no word's key: a mark for a vocative to join


def _word_keys(written: list[str]) -> list[str]:
    """The spelling key of each word as written, "" for one without letters (a lone mark)."""
    folded = fold("\n".join(written)).split("\n")
    return [_VOCATIVE_KEY if word == _VOCATIVE else key
            for word, key in zip(folded, spelling_keys(folded))]


def _joined(written: list[str], starts: list[int], ends: list[int], keys: list[str]) -> Words:
    """The words without those that have no letters, each vocative joined to the next."""
    kept = bytearray(b"\1") * len(keys)
    for position in [at for at, key in enumerate(keys) if key == _VOCATIVE_KEY or not key]:
        if keys[position] != _VOCATIVE_KEY:     # no letters, or a vocative already joined
            kept[position] = keys[position] != ""
            continue
        kept[position] = 0
        noun = next((at for at in range(position + 1, len(keys)) if keys[at]), None)
        if noun is not None:                    # else the text ends in it: it is dropped
            starts[noun] = starts[position]
            keys[noun] = spelling_key(_VOCATIVE + fold(written[noun]))
    return Words(*(list(compress(column, kept)) for column in (starts, ends, keys)))


def spelling_key(folded_word: str) -> str:
    """What two spellings of one word have in common: the folded word without a leading
    wa- or fa-, with one lam for the article's two (Uthmani ٱلَّيۡل = الليل, but not الله)
    and without medial alefs (see :func:`build_tools.arabic.skeleton`)."""
    return spelling_keys([folded_word])[0]


def spelling_keys(folded_words: list[str]) -> list[str]:
    """The :func:`spelling_key` of each word, found for all of them at once (a word a line:
    each step is one pass over them all)."""
    if not folded_words:
        return []
    lines = _PROCLITIC.sub("\n", "\n" + "\n".join(folded_words))
    return skeleton(_ARTICLE_LAM.sub("\n\\1", lines)[1:]).split("\n")


@lru_cache(maxsize=4)
def quran_index(quran: Quran) -> QuranIndex:
    """Build (once per Quran) the word sequence and indexes of the whole Quran."""
    vocabulary: dict[str, int] = {}
    words: list[int] = []
    verse_at: list[tuple[int, int]] = []
    for sura in quran.suras:
        # One fold for the whole sura (a verse per line) costs far less than one per verse.
        folded = fold("\n".join(verse.text_ar for verse in sura.verses)).split("\n")
        for verse, text in zip(sura.verses, folded):
            ids = [vocabulary.setdefault(key, len(vocabulary)) for key in _verse_keys(text)]
            words += ids
            verse_at += [(sura.number, verse.number)] * len(ids)
        words.append(_BETWEEN_SURAS)
        verse_at.append((sura.number, 0))
    return QuranIndex(vocabulary, tuple(words), tuple(verse_at),
                      _positions(zip(words, words[1:], words[2:])),
                      _positions(words))


def _verse_keys(folded_verse: str) -> list[str]:
    """The spelling keys of a folded verse's words; the Uthmani text separates words by
    spaces, so no word pattern is needed (the same keys as :func:`tokenize`, faster)."""
    words: list[str] = []
    vocative = False
    for folded in folded_verse.split():
        if vocative:
            folded, vocative = _VOCATIVE + folded, False
        elif folded == _VOCATIVE:
            vocative = True
            continue
        words.append(folded)
    return spelling_keys(words)


def _positions(grams) -> dict:
    """Where each gram (or word) starts; grams across a sura boundary are left out."""
    places: defaultdict = defaultdict(list)
    for position, gram in enumerate(grams):
        places[gram].append(position)
    places.pop(_BETWEEN_SURAS, None)
    for gram in [gram for gram in places if isinstance(gram, tuple) and _BETWEEN_SURAS in gram]:
        del places[gram]
    return dict(places)


@dataclass(frozen=True)
class _Run:
    """A maximal agreement of text words ``first..first+length`` with Quran words from
    ``place``."""

    first: int
    length: int
    place: int


def _runs(ids: list[int], cued: bytearray, index: QuranIndex) -> list[_Run]:
    """Every maximal run of three or more text words that agrees with the Quran, and of two
    words after a cue."""
    quran_words, ngrams = index.words, index.ngrams
    count, last_place = len(ids), len(quran_words)
    runs: list[_Run] = []
    # A run is found once, at its first n-gram; later n-grams of the same run lie on the same
    # diagonal (Quran place minus text position) and are skipped.
    reached: dict[int, int] = {}
    for first, gram in enumerate(zip(ids, ids[1:], ids[2:])):
        places = ngrams.get(gram)
        if places is None:
            if cued[first] == _SET_OFF and gram[0] >= 0:
                runs.extend(_Run(first, 2, place) for place in index.bigram_places(*gram[:2]))
            continue
        for place in places:
            diagonal = place - first
            if reached.get(diagonal, -1) > first:
                continue
            length = INDEX_WORDS
            while (first + length < count and place + length < last_place
                   and ids[first + length] == quran_words[place + length]):
                length += 1
            reached[diagonal] = first + length
            runs.append(_Run(first, length, place))
    return runs


def _cued(text: str, words: Words) -> bytearray:
    """How strongly each word is introduced as the start of a quotation: ``_CUED`` shortly
    after a cue word, ``_SET_OFF`` right after the colon that ends a cue ("قال تعالى: …")
    or right after an opening quotation mark, else 0."""
    cues = _cue_keys()
    cued = bytearray(len(words) + CUE_DISTANCE)
    for position, key in enumerate(words.keys):
        if key not in cues:
            continue
        for after in range(position + 1, min(position + 1 + CUE_DISTANCE, len(words))):
            colon = ":" in text[words.ends[after - 1]:words.starts[after]]
            cued[after] = _SET_OFF if colon else max(cued[after], _CUED)
            if colon:
                break
    for mark in _OPENING_MARK.finditer(text):
        position = bisect_left(words.starts, mark.end())
        if position < len(words) and words.starts[position] == mark.end():
            cued[position] = _SET_OFF
    return cued


@lru_cache(maxsize=1)
def _cue_keys() -> frozenset[str]:
    return frozenset(spelling_key(fold(cue)) for cue in CUES)


def _letter_counts(words: Words) -> list[int]:
    """Running totals of key letters, so that a run's letters are one subtraction."""
    totals = [0]
    for key in words.keys:
        totals.append(totals[-1] + len(key))
    return totals


def _choose(runs: list[_Run], words: Words, letters: list[int],
            cued: bytearray) -> list[list[_Run]]:
    """Keep the longest runs (in letters) that do not overlap in the text, each with the runs
    of exactly the same words elsewhere in the Quran; a run overlapped by a longer one keeps
    only its longest free part."""
    taken = bytearray(len(letters))
    chosen: dict[tuple[int, int], list[_Run]] = {}

    def size(run: _Run) -> int:
        return letters[run.first + run.length] - letters[run.first]

    for run in sorted(runs, key=lambda r: (-size(r), -r.length, r.first, r.place)):
        if (run.first, run.length) in chosen:
            chosen[run.first, run.length].append(run)
            continue
        free = _free_part(run, taken)
        if free is None or not _long_enough(free, words, size(free), cued) \
                or _is_formula(free, words):
            continue
        taken[free.first:free.first + free.length] = b"\x01" * free.length
        chosen[free.first, free.length] = [free]
    return [chosen[span] for span in sorted(chosen)]


def _free_part(run: _Run, taken: bytearray) -> _Run | None:
    """The longest part of ``run`` whose text words are not yet taken (None if none)."""
    if taken.find(1, run.first, run.first + run.length) == -1:
        return run
    best: _Run | None = None
    offset = 0
    while offset < run.length:
        while offset < run.length and taken[run.first + offset]:
            offset += 1
        start = offset
        while offset < run.length and not taken[run.first + offset]:
            offset += 1
        if offset > start and (best is None or offset - start > best.length):
            best = _Run(run.first + start, offset - start, run.place + start)
    return best


def _long_enough(run: _Run, words: Words, letters: int, cued: bytearray) -> bool:
    if run.length >= MIN_WORDS and letters >= MIN_LETTERS:
        return True
    if not _cue_keys().isdisjoint(words.keys[run.first:run.first + run.length]):
        return False
    if cued[run.first] == _SET_OFF:
        return run.length >= SET_OFF_WORDS and letters >= SET_OFF_LETTERS
    return cued[run.first] == _CUED and run.length >= CUED_WORDS and letters >= CUED_LETTERS


def _is_formula(run: _Run, words: Words) -> bool:
    return tuple(words.keys[run.first:run.first + run.length]) in _formula_keys()


@lru_cache(maxsize=1)
def _formula_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(spelling_key(word) for word in fold(formula).split())
                     for formula in FORMULAS)


def _quotation(group: list[_Run], words: Words, index: QuranIndex) -> Quotation:
    ranges = sorted({_verses(run, index) for run in group},
                    key=lambda r: (r.sura, r.first, r.last))
    run = group[0]
    return Quotation(words.starts[run.first], words.ends[run.first + run.length - 1],
                     ranges[0], tuple(ranges[1:]), run.length)


def _verses(run: _Run, index: QuranIndex) -> VerseRange:
    sura, first = index.verse_at[run.place]
    _, last = index.verse_at[run.place + run.length - 1]
    return VerseRange(sura, first, last)
