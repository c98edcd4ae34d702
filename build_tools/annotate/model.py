"""The annotated model: a text's characters plus standoff spans, before it becomes TEI."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Chapter, Edition
from ..errors import Location
from ..ingest import Source
from ..quran import Quran, VerseRange

# Where two spans cover exactly the same characters, the lower rank is the outer element.
RANK = {"said": 10, "cit": 20, "quote": 30, "seg": 30, "ref": 35, "persName": 50,
        "placeName": 50, "orgName": 50, "date": 50, "measure": 50, "choice": 90}


@dataclass(frozen=True)
class Span:
    """An inline annotation over ``text[start:end]`` that becomes one TEI element.

    ``attributes`` are TEI attributes in a fixed order; ``origin`` is where the editor wrote
    it (None for what a detector found). A ``choice`` carries its correction in ``content``.
    """

    start: int
    end: int
    element: str
    attributes: tuple[tuple[str, str], ...] = ()
    origin: Location | None = field(default=None, compare=False)
    content: str | None = None
    # A misquotation's verses with the differences marked: (kind, words) pairs, the kinds
    # those of build_tools.annotate.quran_misquotations.Difference.
    comparison: tuple[tuple[str, str], ...] = ()

    @property
    def rank(self) -> int:
        return RANK.get(self.element, 60)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.start, -self.end, self.rank)

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class RegisterEntry:
    """A person, group, place or work of the shared register."""

    id: str
    kind: str                                  # person | group | place | work
    names: dict[str, tuple[str, ...]]          # per language, every form used in the texts
    label: dict[str, str]
    description: dict[str, str]
    wikidata: str | None = None
    sex: str | None = None
    role: str | None = None

    @property
    def prefix(self) -> str:
        return PREFIX[self.kind]

    @property
    def pointer(self) -> str:
        """The TEI pointer to this entry, e.g. ``per:muhammad``."""
        return f"{self.prefix}:{self.id}"


PREFIX = {"person": "per", "group": "org", "place": "pl", "work": "bibl"}
NAME_ELEMENT = {"person": "persName", "group": "orgName", "place": "placeName"}


@dataclass(frozen=True, eq=False)   # hashed by identity: detectors cache per register
class Register:
    """All entries of the register by id, in the order the editor wrote them."""

    entries: dict[str, RegisterEntry]

    def __contains__(self, identifier: str) -> bool:
        return identifier in self.entries

    def __getitem__(self, identifier: str) -> RegisterEntry:
        return self.entries[identifier]

    def of_kind(self, kind: str) -> list[RegisterEntry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]


@dataclass(frozen=True)
class Episode:
    """A synopsis row: one event that one or more texts narrate."""

    id: str
    title: dict[str, str]
    summary: dict[str, str]
    origin: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Scene:
    """A contiguous part of one text that narrates one episode."""

    id: str          # the TEI xml:id of the div, e.g. hijra-ar-bed
    episode: str
    start: int
    end: int


@dataclass(frozen=True)
class AnnotatedText:
    """One text ready for TEI: its source, scenes, paragraphs, sentences and inline spans."""

    source: Source
    scenes: tuple[Scene, ...]
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    spans: tuple[Span, ...]

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True)
class TextOutline:
    """What the documents shared by all texts need of one annotated text: the scenes that
    the alignment links to the episodes, and the Quran passages the register lists."""

    id: str
    scenes: tuple[Scene, ...]
    cited: frozenset[VerseRange]


@dataclass(frozen=True)
class AnnotatedChapter:
    chapter: Chapter
    episodes: tuple[Episode, ...]
    texts: tuple[TextOutline, ...]


@dataclass(frozen=True)
class AnnotatedEdition:
    """The whole edition once every text is annotated: what the TEI documents shared by
    all texts are made from (each text's own document is made from its AnnotatedText)."""

    edition: Edition
    register: Register
    chapters: tuple[AnnotatedChapter, ...]
    build_date: str                      # ISO date of the build (from SOURCE_DATE_EPOCH / git)
    quran: Quran
    cited: tuple[VerseRange, ...]        # every Quran passage cited, in Quran order
