"""The meal paraphrase detector: text in an edition's language that follows a verse's
translation closely, without quoting it.

Both the text and every verse's translation into its language (a meal: the pinned data's
Diyanet translation for Turkish, Saheeh International for English) are cut into clauses at
punctuation; each clause is reduced to the stems of its words that are not stop words (the
language plug-in's ``meal_words.yml``: its first letters, in the language's lower case). A
clause of the text of ``MIN_STEMS`` stems or more follows a clause of a verse when they
share at least ``MIN_SHARED`` stems, the verse's clause is nearly all in it
(``MIN_COVERED``), and the shared stems are rare enough among all the clauses of the
translation to name one verse (``MIN_WEIGHT``), and the clauses around it share more with
the same verse than it does alone: "Hayır, üzülme. Allah bizimle beraberdir" follows 9:40's
«Üzülme, Allah bizimledir». A clause that follows several verses equally well is ambiguous
and not proposed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..languages import language
from ..quran import Quran, VerseRange

MIN_STEMS = 3           # a text clause of fewer stems says too little to follow a verse
MIN_SHARED = 2          # stems a text clause and a verse's clause have in common, at least
MIN_COVERED = 0.8       # ... and the share of the verse's clause they are
MIN_OF_TEXT = 0.6       # ... and of the text's clause (not a long sentence that has them)
MIN_WEIGHT = 10.0       # the rarity of the shared stems (bits): a verse, not a commonplace

# A clause ends at punctuation or a quotation mark; a word is letters with apostrophes.
_CLAUSE = re.compile(r"[^.,;:!?…\"“”«»()\[\]\n–—]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# What a translator adds in parentheses ("Arkadaşına (Ebu Bekir'e)") is not the verse's.
_GLOSS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@dataclass(frozen=True)
class Paraphrase:
    """``text[start:end]`` follows the translation of ``verses``; ``words`` is the verse's
    clause it follows, as the translation has it."""

    start: int
    end: int
    verses: VerseRange
    words: str
    agreement: float
    shared: int = 0         # the stems the clause and the verse's clause have in common


@dataclass(frozen=True, eq=False)
class MealIndex:
    """The clauses of every verse's translation into one language, by their stems."""

    clauses: list[tuple[tuple[int, int], str, frozenset[str]]]   # verse, words, stems
    by_stem: dict[str, list[int]]
    weight: dict[str, float]                                        # bits of each stem
    verse_stems: dict[tuple[int, int], frozenset[str]]              # of each whole verse


def find_paraphrases(text: str, lang: str, quran: Quran) -> list[Paraphrase]:
    """Every clause of ``text`` (in ``lang``) that follows a verse's translation, in text
    order; none where the Quran was loaded without a translation into ``lang`` or the
    language has no ``meal_words.yml``."""
    index = meal_index(quran, lang)
    if index is None:
        return []
    words = language(lang).meal_words
    clauses = []
    for clause in _CLAUSE.finditer(text):
        tokens = [(m.start() + clause.start(), m.end() + clause.start(), stem)
                  for m in _WORD.finditer(clause.group())
                  if (stem := _stem(m.group(), lang, words)) is not None]
        clauses.append((tokens, frozenset(stem for _, _, stem in tokens)))
    found = []
    for number, (tokens, stems) in enumerate(clauses):
        if len(stems) < MIN_STEMS:
            continue
        paraphrase = _best(stems, tokens, index)
        # The clauses around it must follow the same verse (or the next or the one
        # before) too, so that together they share more with it than one clause can by
        # chance ("Üzülme. Allah bizimle beraberdir" and 9:40's «Üzülme, Allah bizimledir»).
        around = stems.union(*(clauses[at][1] for at in (number - 1, number + 1)
                               if 0 <= at < len(clauses)))
        if paraphrase is not None and len(around & _near_verses(index, paraphrase.verses)) \
                > paraphrase.shared:
            found.append(paraphrase)
    return found


def _near_verses(index: MealIndex, verses: VerseRange) -> frozenset[str]:
    """The stems of the verse's translation and of the verses on either side of it (a
    paraphrase may run on into the next verse)."""
    return frozenset().union(*(index.verse_stems.get((verses.sura, number), frozenset())
                               for number in (verses.first - 1, verses.first, verses.first + 1)))


def _best(stems: frozenset[str], tokens: list[tuple[int, int, str]],
          index: MealIndex) -> Paraphrase | None:
    counts: Counter = Counter()
    for stem in stems:
        for number in index.by_stem.get(stem, ()):
            counts[number] += 1
    scored = []
    for number, shared in counts.items():
        if shared < MIN_SHARED:
            continue
        verse, words, clause = index.clauses[number]
        common = stems & clause
        if (len(common) / len(clause) < MIN_COVERED or len(common) / len(stems) < MIN_OF_TEXT
                or sum(index.weight[s] for s in common) < MIN_WEIGHT):
            continue
        scored.append((2 * len(common) / (len(stems) + len(clause)), verse, words, common))
    if not scored:
        return None
    scored.sort(key=lambda found: -found[0])
    agreement, verse, words, common = scored[0]
    if any(other[0] == agreement and other[1] != verse for other in scored[1:]):
        return None                 # as close to another verse: the text names neither
    # The whole clause follows the verse, its words between those shared included.
    return Paraphrase(tokens[0][0], tokens[-1][1], VerseRange(verse[0], verse[1], verse[1]),
                      words, round(agreement, 3), len(common))


def _stem(word: str, lang: str, words: dict) -> str | None:
    """The word's first letters in the language's lower case, None for a stop word."""
    plug_in = language(lang)
    lowered = plug_in.normalise(word).split("'")[0]
    if lowered in _stop_words(lang) or len(lowered) < 2:
        return None
    return lowered[:words.get("stem_letters", 5)]


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    plug_in = language(lang)
    return frozenset(plug_in.normalise(w) for w in plug_in.meal_words.get("stop_words", ()))


@lru_cache(maxsize=8)
def meal_index(quran: Quran, lang: str) -> MealIndex | None:
    """The clauses of the translation into ``lang`` (once per Quran and language), or None
    when there is none to follow."""
    words = language(lang).meal_words
    if not words or lang not in {t.lang for t in quran.translations}:
        return None
    clauses = []
    verse_stems = {}
    for sura in quran.suras:
        for verse in sura.verses:
            translation = _GLOSS.sub(" ", verse.translation(lang) or "")
            verse_stems[sura.number, verse.number] = frozenset(
                stem for m in _WORD.finditer(translation)
                if (stem := _stem(m.group(), lang, words)) is not None)
            for clause in _CLAUSE.finditer(translation):
                stems = frozenset(stem for m in _WORD.finditer(clause.group())
                                  if (stem := _stem(m.group(), lang, words)) is not None)
                if len(stems) >= MIN_SHARED:
                    clauses.append(((sura.number, verse.number), clause.group().strip(), stems))
    by_stem: dict[str, list[int]] = defaultdict(list)
    for number, (_, _, stems) in enumerate(clauses):
        for stem in stems:
            by_stem[stem].append(number)
    weight = {stem: math.log2(len(clauses) / len(numbers)) for stem, numbers in by_stem.items()}
    return MealIndex(clauses, dict(by_stem), weight, verse_stems)
