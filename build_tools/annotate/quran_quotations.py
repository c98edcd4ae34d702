"""The verbatim quotation detector: runs of words in Arabic text that are words of the Quran.

Both the text and the Quran are cut into words, and each word is reduced to a spelling key
(:func:`spelling_key`) so that vowels, Uthmani orthography, hamza forms and a leading
wa-/fa- do not matter (a word the Quran lacks as spelled is looked up again without its
hamza seats, :func:`word_ids`; bench/quran_spellings.py lists what still keys apart). A word
n-gram index over all verses finds where a run may start; each run is extended word by word
as far as text and Quran agree. A run is a quotation when it is long (``MIN_WORDS`` words
and ``MIN_LETTERS`` letters), or shorter but introduced by a cue such as "قال تعالى:", "قوله
تعالى" or an opening mark (« “ ﴿ {, a straight " that opens); the cues are Arabic data
(build_tools/languages/ar/quran_cues.yml); where runs overlap in the text the longest wins,
so a phrase of 3:54 inside a quotation of 8:30 is not reported again. The thresholds were
measured with bench/quran_detector.py on Ibn Hisham's Sira.

A run never crosses from one sura into the next (the suras are kept apart in the index): a
text that quotes the end of one sura and the start of the next gets two quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

from ..arabic import ARABIC_WORD, fold, skeleton
from ..languages import language
from ..quran import Quran, VerseRange

INDEX_WORDS = 3         # the n of the n-gram index: a run is found from any 3 words of it
MIN_WORDS = 4           # shorter runs are mostly formulas shared with prose; see bench/
MIN_LETTERS = 15        # ... and so are runs of short words ("إن الله كان عليما")
CUED_WORDS = 3          # a few words after a cue word are enough ...
CUED_LETTERS = 10       # ... if they are not short function words ("فإن كان الذي")
SET_OFF_WORDS = 2       # right after a colon that follows a cue, or an opening mark, two are,
SET_OFF_LETTERS = 7     # ... if not too short ("وأحسن نديا" 19:73 is 7)
CUE_DISTANCE = 4        # how many words before a run an introducing cue may stand
# The cue words, the words that end a cue and the everyday formulas are Arabic data
# (build_tools/languages/ar/quran_cues.yml).
_CUE_DATA = language("ar").quran_cues
_CUED, _SET_OFF = 1, 2  # how strongly a word is introduced as the start of a quotation
# Opening marks that set off a quotation: «…», “…”, ﴿…﴾, {…}, and a straight "…" that opens:
# at the start of a line or after a space or an opening bracket, before a word. A straight
# mark right after a word closes ("المسلم" في القرآن: the words after it are not quoted).
_OPENING_MARK = re.compile("(?:[«“﴿{]|(?<![^\\s(\\[«“])\"(?=\\S))[ \u00a0]*")

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
    # The key without hamza seats of each key whose word writes one (see :func:`word_ids`).
    seatless: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, eq=False)
class QuranIndex:
    """The Quran as one sequence of word ids, with an index of its words and n-grams."""

    vocabulary: dict[str, int]              # spelling key -> word id
    seatless: dict[str, int]                # the key without hamza seats -> word id
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
    after a cue (a cue word, an opening quotation mark), ``CUED_WORDS`` words.
    """
    return scan_quotations(text, quran)[2]


def scan_quotations(text: str, quran: Quran) -> tuple[Words, list[int], list[Quotation]]:
    """The words of ``text``, their Quran word ids, and its verbatim quotations (for the
    detectors that look further at the same words)."""
    index = quran_index(quran)
    words = tokenize(text)
    ids = word_ids(words, index)
    cued = _cued(text, words)
    runs = _runs(ids, cued, index)
    letters = _letter_counts(words)
    chosen = _choose(runs, words, letters, cued)
    return words, ids, [_quotation(group, words, index) for group in chosen]


def word_ids(words: Words, index: QuranIndex) -> list[int]:
    """The Quran word id of each word of ``text`` (``_UNKNOWN`` for one the Quran lacks).

    A word the Quran lacks as spelled, but that writes a hamza on a seat (ئ، ؤ), is looked
    up once more without its seats: the Uthmani text often writes the hamza alone or on a
    tatweel where plain spelling gives it a seat (شَيۡـٔٗا = شيئا, رَءُوفٞ = رؤوف,
    ٱلرُّءۡيَا = الرؤيا), and a plain text that drops the hamza keeps its seat letter.
    """
    vocabulary = index.vocabulary
    # The few such words are looked up in an overlay of the vocabulary, so that every word
    # is still one lookup.
    extra = {key: index.seatless[alternative] for key, alternative in words.seatless.items()
             if key not in vocabulary and alternative in index.seatless}
    lookup = {**vocabulary, **extra} if extra else vocabulary
    return [lookup.get(key, _UNKNOWN) for key in words.keys]


_HAMZA_SEATS = re.compile("[ئؤ]")
# A dagger alef on a letter (with its fatha or shadda) writes a long a that plain spelling
# writes as an alef: وَٰحِدًا = واحدا, فَٰكِهَةٞ = فاكهة. Dropped, it would leave the word's
# first letter looking like a proclitic wa- or fa-. Not on an alef maqsura (عَلَىٰٓ = على),
# nor on a bare waw, which is then the seat of the long a (ٱلصَّلَوٰةَ = الصلاة).
_LONG_A = re.compile("(?:(?<=[\u0621-\u0647\u064a])[\u0651\u064e]*"
                     "|(?<=\u0648)[\u0651\u064e]+)\u0670")


# A ya that the Uthmani text writes but does not read, marked so by the data with a plain
# sukun (its own sukun is U+06E1): plain spelling leaves it out (أَفَإِيْن = أفإن,
# وَمَلَإِيْهِۦ = وملئه, بِأَيۡيْدٖ = بأيد).
_SILENT_YA = re.compile("\u064a\u0652")


def _without_silent_ya(word: str) -> str:
    """A text's word without the silent ya of the Uthmani text, if it is written so: after a
    kasra, or in a word with the Uthmani sukun (a vowelled plain text writes عَلَيْهِ)."""
    if "\u064a\u0652" in word and ("\u06e1" in word or "\u0650\u064a\u0652" in word):
        return _SILENT_YA.sub("", word)
    return word


def _written_long_a(text: str) -> str:
    """``text`` with each dagger alef that writes a long a on a letter as an alef."""
    return _LONG_A.sub("ا", text) if "\u0670" in text else text


def _seatless_keys(written: list[str]) -> list[str]:
    """The spelling keys of words as written, their hamza seats left out (all at once)."""
    if not written:
        return []
    joined = _HAMZA_SEATS.sub("", _written_long_a("\n".join(written)))
    return spelling_keys(fold(joined).split("\n"))


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
    keyed = dict(zip(distinct, _word_keys(distinct)))
    keys = list(map(keyed.__getitem__, written))
    seated = [word for word in distinct if "ئ" in word or "ؤ" in word]
    seatless = dict(zip(map(keyed.__getitem__, seated), _seatless_keys(seated)))
    if _VOCATIVE_KEY in keys or "" in keys:
        return _joined(written, starts, ends, keys, seatless)
    return Words(starts, ends, keys, seatless)


_AT_WORDS = re.compile(f"({ARABIC_WORD.pattern})")
_VOCATIVE_KEY = "\0" + _VOCATIVE      # no word's key: a mark for a vocative to join


def _word_keys(written: list[str]) -> list[str]:
    """The spelling key of each word as written, "" for one without letters (a lone mark)."""
    joined = "\n".join(written)
    if "\u064a\u0652" in joined:
        joined = "\n".join(map(_without_silent_ya, written))
    folded = fold(_written_long_a(joined)).split("\n")
    return [_VOCATIVE_KEY if word == _VOCATIVE else key
            for word, key in zip(folded, spelling_keys(folded))]


def _joined(written: list[str], starts: list[int], ends: list[int], keys: list[str],
            seatless: dict[str, str]) -> Words:
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
    return Words(*(list(compress(column, kept)) for column in (starts, ends, keys)), seatless)


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
    seatless: dict[str, int] = {}
    words: list[int] = []
    verse_at: list[tuple[int, int]] = []
    for sura in quran.suras:
        # One fold for the whole sura (a verse per line) costs far less than one per verse.
        written = _SILENT_YA.sub("", _written_long_a(
            "\n".join(verse.text_ar for verse in sura.verses)))
        folded = fold(written).split("\n")
        unseated = fold(_HAMZA_SEATS.sub("", written)).split("\n")
        for verse, text, plain in zip(sura.verses, folded, unseated):
            ids = [vocabulary.setdefault(key, len(vocabulary)) for key in _verse_keys(text)]
            for key, word in zip(_verse_keys(plain), ids):
                seatless.setdefault(key, word)
            words += ids
            verse_at += [(sura.number, verse.number)] * len(ids)
        words.append(_BETWEEN_SURAS)
        verse_at.append((sura.number, 0))
    return QuranIndex(vocabulary, seatless, tuple(words), tuple(verse_at),
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
    after a cue word, ``_SET_OFF`` right after the colon that ends a cue ("قال تعالى: …"),
    right after a word that ends a cue ("قوله تعالى …") or after an opening quotation
    mark, else 0."""
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
    for after in presented(words):
        cued[after] = _SET_OFF                  # "قوله تعالى ومن يتق الله …"
    for mark in _OPENING_MARK.finditer(text):
        position = bisect_left(words.starts, mark.end())
        if position < len(words) and words.starts[position] == mark.end():
            cued[position] = _SET_OFF
    return cued


@lru_cache(maxsize=1)
def _cue_keys() -> frozenset[str]:
    return frozenset(spelling_key(fold(cue)) for cue in _CUE_DATA["cue_words"])


def presented(words: Words) -> list[int]:
    """The position of the word right after each phrase that presents what follows as the
    words of God ("قال الله تعالى", "قوله عز وجل"), in text order."""
    phrases = _presenting_keys()
    keys = words.keys
    found = []
    # Found from their last words (تعالى، وجل), which are rare, rather than their first (قال),
    # each looked for by list.index (a scan in C, not a Python loop over every word).
    lasts = []
    for key in phrases:
        at = -1
        try:
            while True:
                at = keys.index(key, at + 1)
                lasts.append(at)
        except ValueError:
            pass
    for last in sorted(lasts):
        for phrase in phrases[keys[last]]:
            start = last + 1 - len(phrase)
            if start >= 0 and tuple(keys[start:last + 1]) == phrase and last + 1 < len(keys):
                found.append(last + 1)
                break
    return found


@lru_cache(maxsize=1)
def _presenting_keys() -> dict[str, list[tuple[str, ...]]]:
    """The presenting phrases as keys, by their last word, the longest first."""
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in _CUE_DATA["presenting"]:
        keys = tuple(spelling_key(word) for word in fold(phrase).split())
        phrases[keys[-1]].append(keys)
    return {last: sorted(found, key=len, reverse=True) for last, found in phrases.items()}


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
                     for formula in _CUE_DATA["formulas"])


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
