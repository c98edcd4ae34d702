"""Stage 1, ingest: read a source exactly, normalise it technically, and find its paragraphs
and candidate sentences.

The normalisation is the documented one (SPEC §7, "nothing lost"): UTF-8 decoding, a
byte-order mark removed, CRLF and lone CR turned into LF, Unicode NFC. Nothing else is
changed; every other character reaches the TEI.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .config import Edition, TextConfig
from .errors import EditionError
from .languages import language, sentence_end_pattern

# Characters XML 1.0 cannot carry: C0 controls other than tab and line feed, and the
# non-characters U+FFFE/U+FFFF. A source containing them cannot become TEI.
# A text longer than this is refused: one reading page of it would be unreadable and unsearchable
# in a browser. Such a work is split into chapters (edition.yml lists several).
MAX_SOURCE_BYTES = 10 * 1024 * 1024

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Only XML white space may stand between paragraphs (a no-break space is text), so a
# paragraph break is a line of nothing but spaces and tabs.
XML_SPACE = " \t\n\r"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n[ \t\n]*")
_LATIN_LOWER = re.compile(r"[a-zçğıöşüâîû]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9À-ɏ]")


@dataclass(frozen=True)
class Source:
    """A source text after technical normalisation, with its layout found.

    Offsets are indexes into ``text``. ``paragraphs`` are (start, end) of each paragraph
    without the blank lines around it; ``sentence_starts`` are the offsets where a sentence
    may begin (the annotate stage may join sentences that a speech runs across).
    """

    config: TextConfig
    display_path: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    line_starts: tuple[int, ...]
    abbreviations: tuple[str, ...] = ()     # words whose full stop ends no sentence

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        # Found when first asked for, by the worker that annotates the text.
        return tuple(start for paragraph in self.paragraphs
                     for start in find_sentence_starts(self.text, paragraph,
                                                       self.abbreviations, self.lang))

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def lang(self) -> str:
        return self.config.lang

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset, for messages."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def error(self, message: str, offset: int) -> EditionError:
        return EditionError(message, self.display_path, *self.line_column(offset))


def ingest(edition: Edition) -> list[Source]:
    """Read every source of the edition."""
    return [read_source(text, edition.display(text.source), edition.abbreviations(text.lang))
            for text in edition.texts]


def read_source(config: TextConfig, display_path: str,
                abbreviations: tuple[str, ...] = ()) -> Source:
    """Read one source file; any problem is an :class:`EditionError` with its position."""
    data = _read_bytes(config.source, display_path)
    text = normalise(decode(data, display_path))
    if not text.strip():
        raise EditionError("the source is empty" if not text else
                           "the source contains only white space", display_path, 1, 1)
    _refuse_control_characters(text, display_path)
    line_starts = (0, *(m.end() for m in re.finditer("\n", text)))
    return Source(config, display_path, text, tuple(find_paragraphs(text)), line_starts,
                  tuple(abbreviations))


def read_introduction(edition: Edition) -> dict[str, list[str]]:
    """The editors' introduction in each language (``introduction:`` in edition.yml): its
    paragraphs, each on one line, for the home page."""
    introduction = {}
    for lang, path in edition.introduction.items():
        display = edition.display(path)
        text = normalise(decode(_read_bytes(path, display), display))
        _refuse_control_characters(text, display)
        introduction[lang] = [" ".join(text[start:end].split())
                              for start, end in find_paragraphs(text)]
    return introduction


def _refuse_control_characters(text: str, display_path: str) -> None:
    bad = _NOT_XML.search(text)
    if bad:
        raise EditionError(f"control character U+{ord(bad.group()):04X} cannot be kept in "
                           f"XML; remove it from the file", display_path,
                           *_line_column(text, bad.start()))
    # The one byte-order mark that may start a file is gone; another is where two files
    # were joined, invisible, and no anchor can quote it.
    mark = text.find("\ufeff")
    if mark >= 0:
        raise EditionError("a second byte-order mark (U+FEFF), left where two files were "
                           "joined; remove it (U+2060 is the word joiner, if one is meant)",
                           display_path, *_line_column(text, mark))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return (text.count("\n", 0, offset) + 1,
            offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _read_bytes(path: Path, display_path: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise EditionError(f"the source is {size / 2**20:.0f} MB; a text of more than "
                               f"{MAX_SOURCE_BYTES // 2**20} MB must be split into chapters "
                               f"(several texts in edition.yml)", display_path, 1, 1)
        return path.read_bytes()
    except OSError as error:
        raise EditionError(f"cannot read the source: {error.strerror}", display_path)


def decode(data: bytes, display_path: str) -> str:
    """Decode strict UTF-8, naming the line and column of the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[:error.start].decode("utf-8")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        raise EditionError(f"not valid UTF-8 (byte 0x{data[error.start]:02X}); save the "
                           f"source as UTF-8", display_path, line, column)


def normalise(text: str) -> str:
    """The documented technical normalisation: no BOM, LF line ends, Unicode NFC."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def find_paragraphs(text: str):
    """Yield (start, end) of each paragraph: text between blank lines, trimmed."""
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        start, stop = _trim(text, position, end)
        if start < stop:
            yield start, stop
        if match:
            position = match.end()


def find_sentence_starts(text: str, paragraph: tuple[int, int], abbreviations=(),
                         lang: str = "und"):
    """Yield the offsets in a paragraph where a sentence begins.

    A sentence ends at a run of the language's sentence ends (. ! ? ؟ … and the like, with
    closing quotes or brackets) unless an abbreviation ends there, or in Latin script the
    next word starts in lower case.
    """
    start, end = paragraph
    yield start
    for match in _sentence_end(lang).finditer(text, start, end):
        following = _skip_space(text, match.end(), end)
        if following >= end:
            continue
        if following == match.end() and _LATIN_OR_DIGIT.match(text, following):
            continue  # "3.5", "vb.dedi": Latin needs a space after the stop; Arabic often has none
        if _is_abbreviation(text, match, abbreviations):
            continue
        if _LATIN_LOWER.match(text, following):
            continue
        yield following


@lru_cache(maxsize=None)
def _sentence_end(lang: str) -> re.Pattern:
    return sentence_end_pattern(language(lang))


def _is_abbreviation(text: str, match: re.Match, abbreviations) -> bool:
    word_start = text.rfind(" ", 0, match.start()) + 1
    word = text[word_start:match.end()]
    return any(word.endswith(a) and (len(word) == len(a) or not word[-len(a) - 1].isalpha())
               for a in abbreviations)


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in XML_SPACE:
        start += 1
    return start, trim_end(text, start, end)


def trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over XML white space (never over a no-break space, which is text)."""
    while end > start and text[end - 1] in XML_SPACE:
        end -= 1
    return end
