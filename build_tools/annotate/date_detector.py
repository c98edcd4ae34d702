"""The date detector: it proposes the Hijri dates of a text, with their ``when-custom``.

What a date looks like in a language is data, in the plug-in's ``dates.yml``
(build_tools/languages): its month names, numbers and ordinals, and the shapes a date takes
as sequences of slots ("number unit? from_start of month_word? month year?" reads
«لاثنتي عشرة ليلة خلت من شهر ربيع الأول»). A number of several words is the sum of its
words ("اثنتي عشرة", "yirmi yedinci", "twenty-seventh"); a day counted back from the end
of the month ("لعشر بقين") is counted on the month length the data gives. The value is
``YYYY-MM-DD`` (the year of the Hijra is 1), ``--MM-DD`` when the text gives no year, and
without the day when it gives none. It only proposes: the editor's ``dates:`` decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..languages import language

_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+"
                    r"(?:['’][\w]+)?")
_APOSTROPHE = re.compile(r"['’]\w*$")
# How many words before its month a date may start ("لاثنتي عشرة ليلة خلت من شهر").
_REACH = 8


@dataclass(frozen=True)
class DateProposal:
    """A proposed date: ``text[start:end]`` names it, ``when`` is its when-custom."""

    start: int
    end: int
    when: str


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    norm: str


def detect_dates(text: str, lang: str) -> list[DateProposal]:
    """Every Hijri date of ``text`` that the language's date shapes read, in text order."""
    grammar = _grammar(lang)
    if grammar is None:
        return []
    tokens = _tokens(text, grammar.norm)
    # Every shape holds a month: only the few words before a month name can start a date.
    starts = sorted({i for m in grammar.month_positions(tokens)
                     for i in range(max(0, m - _REACH), m + 1)})
    found, reached = [], 0
    for i in starts:
        if i < reached:
            continue
        match = grammar.match(tokens, i)
        if match is None:
            continue
        end, date = match
        found.append(DateProposal(tokens[i].start, tokens[end - 1].end, date.when(grammar)))
        reached = end
    return found


def _tokens(text: str, norm) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = _APOSTROPHE.sub("", match.group())      # "Ramazan'ın" is "Ramazan"
        for part in re.finditer(r"[^-]+", word):        # "twenty-seventh", "al-Awwal"
            tokens.append(_Token(match.start() + part.start(), match.start() + part.end(),
                                 norm(part.group())))
    return tokens


@dataclass
class _Date:
    day: int | None = None
    month: int | None = None
    year: int | None = None
    from_end: bool = False

    def when(self, grammar: "_Grammar") -> str:
        day = grammar.month_length - self.day if self.from_end and self.day else self.day
        value = f"{self.year:04d}" if self.year else "-"
        value += f"-{self.month:02d}"
        return value + (f"-{day:02d}" if day else "")


class _Grammar:
    """One language's date shapes and words, normalised for comparison."""

    def __init__(self, data: dict, norm):
        self.norm = norm
        self.patterns = [pattern.split() for pattern in data.get("patterns", ())]
        self.month_length = int(data.get("month_length", 30))
        self.months = {tuple(_split(norm, name)): number
                       for name, number in (data.get("months") or {}).items()}
        self.by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for name, number in sorted(self.months.items(), key=lambda m: -len(m[0])):
            self.by_first.setdefault(name[0], []).append((name, number))
        self.numbers = {norm(w): n for w, n in (data.get("numbers") or {}).items()}
        self.ordinals = {norm(w): n for w, n in (data.get("ordinals") or {}).items()}
        self.prefixes = tuple(norm(p) for p in data.get("number_prefixes", ()))
        self.words = {slot: frozenset(norm(w) for w in data.get(key, ()))
                      for slot, key in (("unit", "units"), ("from_start", "from_start"),
                                        ("from_end", "from_end"), ("of", "of"),
                                        ("month_word", "month_words"),
                                        ("year_word", "year_words"))}

    def month_positions(self, tokens: list[_Token]) -> list[int]:
        """The indexes of the tokens where a month name starts."""
        return [i for i, token in enumerate(tokens) if token.norm in self.by_first
                and self._slot("month", tokens, i, _Date()) is not None]

    def match(self, tokens: list[_Token], i: int) -> tuple[int, _Date] | None:
        """The longest date starting at token ``i``."""
        best = None
        for pattern in self.patterns:
            found = self._pattern(pattern, tokens, i, _Date())
            if found and (best is None or found[0] > best[0]):
                best = found
        return best

    def _pattern(self, slots, tokens, i, date):
        if not slots:
            return (i, date) if date.month else None
        slot, optional = slots[0].rstrip("?"), slots[0].endswith("?")
        step = self._slot(slot, tokens, i, date)
        if step is not None:
            found = self._pattern(slots[1:], tokens, step, date)
            if found:
                return found
        return self._pattern(slots[1:], tokens, i, date) if optional else None

    def _slot(self, slot: str, tokens, i: int, date: _Date) -> int | None:
        if i >= len(tokens):
            return None
        if slot in ("number", "ordinal"):
            found = self._number(tokens, i, ordinal=slot == "ordinal")
            if found is None:
                return None
            date.day = found[1]
            return found[0]
        if slot == "month":
            for name, number in self.by_first.get(tokens[i].norm, ()):
                if tuple(t.norm for t in tokens[i:i + len(name)]) == name:
                    date.month = number
                    return i + len(name)
            return None
        if slot == "year":
            if tokens[i].norm not in self.words["year_word"] or i + 1 >= len(tokens):
                return None
            if tokens[i + 1].norm.isdigit():
                date.year = int(tokens[i + 1].norm)
                return i + 2
            found = self._number(tokens, i + 1, ordinal=False)
            if found is None:
                return None
            date.year = found[1]
            return found[0]
        if tokens[i].norm in self.words.get(slot, ()):
            date.from_end = date.from_end or slot == "from_end"
            return i + 1
        return None

    def _number(self, tokens, i: int, ordinal: bool) -> tuple[int, int] | None:
        """A number of one or more words (digits too) from token ``i``: (end, value)."""
        if not ordinal and tokens[i].norm.isdigit() and len(tokens[i].norm) <= 2:
            return i + 1, int(tokens[i].norm)
        total, j, has_ordinal = 0, i, False
        while j < len(tokens):
            value = self._word_value(tokens[j].norm)
            if value is None:
                break
            number, is_ordinal = value
            if is_ordinal and not ordinal:
                break
            total, has_ordinal, j = total + number, has_ordinal or is_ordinal, j + 1
        if j == i or (ordinal and not has_ordinal):
            return None
        return j, total

    def _word_value(self, word: str) -> tuple[int, bool] | None:
        for candidate in (word, *(word[len(p):] for p in self.prefixes
                                  if word.startswith(p) and len(word) > len(p) + 1)):
            if candidate in self.ordinals:
                return self.ordinals[candidate], True
            if candidate in self.numbers:
                return self.numbers[candidate], False
        return None


def _split(norm, name: str) -> list[str]:
    return [norm(part) for part in re.split(r"[\s-]+", name) if part]


@lru_cache(maxsize=16)
def _grammar(lang: str) -> _Grammar | None:
    plug_in = language(lang)
    return _Grammar(plug_in.dates, plug_in.normalise) if plug_in.dates else None
