"""Arabic folding: one spelling for matching and search, whatever the vowels, hamza or script."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Marks that change the reading but not the letters: harakat, tanwin, shadda, sukun and their
# Uthmani forms (U+064B-065F), the dagger alef U+0670, Quranic annotation signs U+0610-061A and
# the small high signs U+06D6-06ED (pause marks, the Uthmani sukun, small waw, rub el hizb).
# The small high yeh U+06E7 is the exception: it writes a ya that plain spelling keeps
# (إبرٰهـۧم = إبراهيم), so it becomes a letter.
MARKS = ("".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
         + "".join(chr(c) for c in range(0x0610, 0x061B))
         + "".join(chr(c) for c in range(0x06D6, 0x06EE) if c != 0x06E7))
TATWEEL = "\u0640"

# The letters that plain texts write in several ways; each is folded to its bare form. The
# lone hamza is dropped, so that Uthmani ءامنوا and plain آمنوا agree.
_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ء": "",
    "ی": "ي", "ک": "ك", "ۧ": "ي",
}
_FOLD = str.maketrans({**{mark: None for mark in MARKS}, TATWEEL: None, **_LETTERS})
# The same folding for long strings: str.translate looks every character up in a table,
# one pass that drops the marks and one per letter are many times faster.
_UNWRITTEN = re.compile(f"[{re.escape(MARKS + TATWEEL)}]+")

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Uthmani spellings that plain texts write with other letters, each one character for one
# character so that offsets stay put: a waw that carries only a dagger alef is the seat of a
# long a (الصلوٰة = الصلاة), and so is an alef maqsura inside a word (ءاتىٰهم = آتاهم); a small
# yeh after any letter but the pronoun ha writes a ya (يحيِۦ = يحيي, إِۦلَٰفهم = إيلافهم).
_MARKS_RANGES = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_UTHMANI = re.compile("(?P<waw>و)\u0670"
                      f"|(?P<maqsura>ى)(?=[{_MARKS_RANGES}]*[\u0621-\u064a\u0671-\u06d3])"
                      f"|(?<=[^ه\\s{_MARKS_RANGES}])[{_MARKS_RANGES}]*(?P<yeh>\u06e6)")


# Whether a text may hold them: plain texts write alef maqsura, but at the end of a word.
_MAY_BE_UTHMANI = re.compile(f"[\u0670\u06e6]|ى[{_MARKS_RANGES}]*[\u0621-\u064a\u0671-\u06d3]")


def _respell(text: str) -> str:
    """Rewrite the Uthmani spellings above as plain letters, character for character."""
    if not _MAY_BE_UTHMANI.search(text):
        return text
    chars = list(text)
    for match in _UTHMANI.finditer(text):
        group = match.lastgroup
        chars[match.start(group)] = "ي" if group == "yeh" else "ا"
    return "".join(chars)


# One Arabic word: letters, the marks written on them, and tatweel.
ARABIC_WORD = re.compile("[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5-\u06ed\u06fa-\u06fc"
                         "\u0610-\u061a]+")


def fold(text: str) -> str:
    """Fold Arabic text to bare letters: no vowels or Quranic signs, one alef, ya and ha.

    Uthmani ``عَلَىٰٓ`` and plain ``على`` both fold to ``علي``; ``ٱلصَّلَوٰةَ`` and ``الصلاة``
    to ``الصلاه``. Other scripts pass through unchanged.
    """
    folded = _UNWRITTEN.sub("", _respell(text))
    for letter, bare in _LETTERS.items():
        folded = folded.replace(letter, bare)
    return folded


@dataclass(frozen=True)
class FoldedText:
    """A folded string that remembers where each of its characters came from.

    ``origins[i]`` is the offset in the original string of folded character ``i``.
    """

    original: str
    text: str
    origins: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded ``text[start:end]``, with the marks that follow
        its last letter (so that a word keeps its final vowel)."""
        if start >= end:
            at = self.origins[start] if start < len(self.origins) else len(self.original)
            return at, at
        first = self.origins[start]
        last = self.origins[end - 1] + 1
        while last < len(self.original) and self.original[last] in _IGNORED:
            last += 1
        return first, last

    def folded_offset(self, original_offset: int) -> int:
        """The folded offset of the first folded character at or after ``original_offset``."""
        return bisect_right(self.origins, original_offset - 1)


_IGNORED = frozenset(MARKS + TATWEEL)


def fold_with_offsets(text: str) -> FoldedText:
    """Fold ``text`` as :func:`fold` does and keep a map back to the original offsets."""
    folded: list[str] = []
    origins: list[int] = []
    for offset, char in enumerate(_respell(text)):
        for letter in char.translate(_FOLD):
            folded.append(letter)
            origins.append(offset)
    return FoldedText(text, "".join(folded), tuple(origins))


def latin_digits(text: str) -> str:
    """Write Arabic-Indic (and Persian) digits as 0-9; every other character is kept, so
    offsets do not change."""
    return text.translate(_DIGITS)


def skeleton(folded: str) -> str:
    """The consonantal outline of a folded word: every alef after the first letter dropped.

    Uthmani spelling writes many long a's with a dagger alef (ٱلۡمَٰكِرِينَ) where plain
    spelling writes an alef (الماكرين), and sometimes neither does (الرحمن); without the
    medial alefs the two spellings agree. ``folded`` may also hold many words, one a line.
    """
    # Every alef goes but those that begin a line, which are set aside first ("\x01" is no
    # letter): three scans of the string, each far faster than one search by a pattern.
    lines = ("\n" + folded).replace("\nا", "\n\x01")
    return lines.replace("ا", "").replace("\x01", "ا")[1:]
