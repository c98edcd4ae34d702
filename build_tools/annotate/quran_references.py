"""The reference reader: explicit Quran references, as verse ranges.

It reads a sura named in Arabic or Turkish, with or without its article, vowels or
circumflexes, and the verse numbers in Latin or Arabic-Indic digits. Some forms are every
language's; the others are a language plug-in's data (``quran_references.yml``):

    (يس 9)   [الأنفال: 30]   (التوبة: ٤٠)   (Tevbe, 9/40)   Bakara 2/7   (8:30)     every language
    سورة التوبة، الآية 40   8: 30   36: 1- 5                                     Arabic
    Enfâl suresi 30. ayet                                                       Turkish
    (Quran 9:40)   Q 36:1-5   Koran 2.255                                        English

A reference to a verse that does not exist (115:1, 2:300) becomes a Problem, not a
reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..arabic import fold, latin_digits
from ..languages import language
from ..quran import Quran, VerseRange

ALIASES_FILE = Path(__file__).with_name("quran_sura_names.yml")


@dataclass(frozen=True)
class Reference:
    """The reference ``text[start:end]`` pointing at ``verses``."""

    start: int
    end: int
    verses: VerseRange


@dataclass(frozen=True)
class Problem:
    """Something wrong at ``text[start:end]``, such as a reference to an impossible verse."""

    start: int
    end: int
    message: str


# The parts the patterns are built from. A name is one to three words of letters (an
# apostrophe, hyphen or circumflex inside a word is part of it); which words really are the
# sura's name is decided by looking them up. A language's own forms and parts are data in
# its plug-in (build_tools/languages/<code>/quran_references.yml) and use these by name.
_WORD = r"[^\W\d_][^\s\d()\[\]{}:;,،؛/﴾﴿]*"
_PARTS = {
    "name": rf"(?P<name>(?:{_WORD}\s+){{0,2}}{_WORD})",
    "sura": r"(?P<sura>\d{1,3})",
    "numbers": r"(?P<first>\d{1,3})(?:\s*[-–—]\s*(?P<last>\d{1,3}))?",
    # the Arabic word for a verse, which a bracketed reference in any language may hold
    "arabic_verse_word": language("ar").quran_references["parts"]["verse_word"],
}
_PART = re.compile(r"\{([a-z_]+)\}")

# The forms every language shares, most specific first: where two forms read overlapping
# text, the first wins. Each with what it cannot match without, looked for first: most
# stretches around a number hold none of it, and looking for it is quicker than trying the
# form at every letter.
_SHARED_FORMS = [
    # (Tevbe, 9/40), (et-Tevbe 9/40), Bakara 2/7: a name and sura/verse
    (r"(?P<open>\()?{name}\s*,?\s*{sura}\s*/\s*{numbers}(?(open)\s*\))", r"\d\s*/"),
    # (يس 9), [الأنفال: 30], (التوبة: ٤٠), (سورة التوبة، الآية 40), (Tevbe 40)
    (r"[(\[﴿]\s*{name}\s*[:،,]?\s*(?:{arabic_verse_word}\s*)?{numbers}\s*[)\]﴾]", r"\d\s*[)\]﴾]"),
    # (8:30), [9/40]
    (r"[(\[]\s*{sura}\s*[:/]\s*{numbers}\s*[)\]]", r"[(\[]\s*\d"),
]


def find_references(text: str, lang: str, quran: Quran) -> tuple[list[Reference], list[Problem]]:
    """Every explicit Quran reference in ``text`` (in language ``lang``), in order, and
    a problem for each reference to an impossible verse or a sura name that contradicts its
    number."""
    readable = latin_digits(text)      # one character for one: offsets stay those of ``text``
    names = sura_names(quran)
    references: list[Reference] = []
    problems: list[Problem] = []
    claimed: list[tuple[int, int]] = []
    regions = _around_numbers(readable)
    for pattern, cue in _patterns(lang):
        for match in (m for start, end in regions if cue.search(readable, start, end)
                      for m in pattern.finditer(readable, start, end)):
            if any(match.start() < end and start < match.end() for start, end in claimed):
                continue
            found = _read(match, readable, names, quran)
            if found is None:
                continue
            claimed.append((found.start, found.end))
            (problems if isinstance(found, Problem) else references).append(found)
    references.sort(key=lambda r: (r.start, r.end))
    problems.sort(key=lambda p: (p.start, p.end))
    return references, problems


# Every form holds a verse number, and no form reaches further from it than this: the
# patterns need only be tried around the numbers of a text, not along all of it.
_REACH_BEFORE, _REACH_AFTER = 120, 40
_DIGITS = re.compile(r"\d+")


def _around_numbers(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` within reach of a number, merged where they meet."""
    regions: list[tuple[int, int]] = []
    for number in _DIGITS.finditer(text):
        start = max(0, number.start() - _REACH_BEFORE)
        end = min(len(text), number.end() + _REACH_AFTER)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


@lru_cache(maxsize=16)
def _patterns(lang: str) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """The shared forms, then ``lang``'s own, each with its cue, compiled."""
    data = language(lang).quran_references
    parts = {**_PARTS, **(data.get("parts") or {})}
    own = [(form["form"], form["cue"]) for form in data.get("forms") or ()]
    return tuple((re.compile(_PART.sub(lambda part: parts[part[1]], form)), re.compile(cue))
                 for form, cue in _SHARED_FORMS + own)


def _read(match: re.Match, text: str, names: dict[str, int],
          quran: Quran) -> Reference | Problem | None:
    """The reference a match stands for, a problem, or None when it is no reference at all
    (a name that is not a sura's)."""
    parts = match.groupdict()
    start, end = match.start(), match.end()
    sura = int(parts["sura"]) if parts.get("sura") else None
    if parts.get("name") is not None:
        named = _sura_named(match, names)
        if named is None:
            return None
        name_start, named_sura = named
        if start == match.start("name"):
            start = name_start       # drop words before the name that are not part of it
        if sura is not None and sura != named_sura:
            return Problem(start, end, f"'{text[name_start:match.end('name')]}' is sura "
                                       f"{named_sura}, not sura {sura}")
        sura = named_sura
    first = int(match["first"])
    last = int(parts["last"]) if parts.get("last") else first
    verses = VerseRange(sura, first, last)
    if not quran.is_valid_range(verses):
        return Problem(start, end, f"impossible verse {verses}")
    return Reference(start, end, verses)


def _sura_named(match: re.Match, names: dict[str, int]) -> tuple[int, int] | None:
    """The start and number of the sura named by the last words of the name group."""
    words = list(re.finditer(r"\S+", match["name"]))
    for first in range(len(words)):
        candidate = match["name"][words[first].start():]
        number = names.get(name_key(candidate))
        if number is not None:
            return match.start("name") + words[first].start(), number
    return None


@lru_cache(maxsize=4)
def sura_names(quran: Quran) -> dict[str, int]:
    """Every known name of every sura, as a :func:`name_key`, to its number.

    The data's Arabic and Turkish names come first, then the aliases of
    ``quran_sura_names.yml``, then the transliterations where they do not clash.
    """
    aliases = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))
    names: dict[str, int] = {}
    for sura in quran.suras:
        names.setdefault(name_key(sura.name_ar), sura.number)
        names.setdefault(name_key(sura.name_tr), sura.number)
    for language in ("arabic", "turkish"):
        for number, forms in sorted(aliases[language].items()):
            for form in forms:
                names.setdefault(name_key(form), number)
    for sura in quran.suras:
        names.setdefault(name_key(sura.transliteration), sura.number)
    return names


def name_key(name: str) -> str:
    """One spelling for every way of writing a sura's name: ``التوبة``, ``توبه``,
    ``سورة التوبة`` and ``Tevbe``, ``et-Tevbe``, ``TEVBE`` each fold to one key."""
    if re.search("[\u0600-\u06ff]", name):
        return _arabic_key(name)
    return _latin_key(name)


_ARABIC_SURA_WORD = re.compile(r"^سوره\s+")


def _arabic_key(name: str) -> str:
    folded = _ARABIC_SURA_WORD.sub("", fold(name).strip())
    folded = re.sub(r"\s+", "", folded)
    if folded.startswith("ال") and len(folded) > 3:
        folded = folded[2:]
    return "ar:" + folded


# The Arabic article as Turkish writes it, assimilated or not: el-, et-, en-, eş-, es-, ...
# (but not the Âl of Âl-i İmrân, "the family of Imran").
_TURKISH_ARTICLE = re.compile(r"^[ae][bcdfghjklmnprstvyz]{1,2}-(?!i\s)")


def _latin_key(name: str) -> str:
    lowered = name.strip().replace("I", "ı").replace("İ", "i").lower()
    bare = unicodedata.normalize("NFD", lowered).replace("ı", "i")
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    bare = _TURKISH_ARTICLE.sub("", bare)
    return "tr:" + "".join(c for c in bare if c.isalpha())
