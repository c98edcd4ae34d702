"""A text's editorial annotations (``<chapter>/<text>.yml``): scenes, speech, names,
citations, corrections, dates and measures, each resolved to a span of the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import EditionError, Location
from ..ingest import Source
from ..quran import Quran, VerseRange
from ..yamlfile import YamlList, YamlMap, load_yaml
from .anchors import ANCHOR_KEYS, find_anchor
from .model import NAME_ELEMENT, Episode, Register, Span
from .quran_misquotations import compare

SECTIONS = ("scenes", "speech", "names", "citations", "corrections", "dates", "measures")
CITATION_TYPES = ("quote", "misquotation", "paraphrase", "allusion")
QURAN_SOURCE = re.compile(r"quran:(\d{1,3}):(\d{1,3})(?:-(\d{1,3}))?\Z")
HIJRI_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


@dataclass(frozen=True)
class SceneStart:
    episode: str
    offset: int
    origin: Location


@dataclass(frozen=True)
class Rejection:
    """An editor's "no" to a detection at a span (a name, or a citation of ``source``)."""

    start: int
    end: int
    source: str | None
    origin: Location


@dataclass
class TextAnnotations:
    """What the editor said about one text, resolved to offsets."""

    scenes: list[SceneStart] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    rejected_names: list[Rejection] = field(default_factory=list)
    rejected_citations: list[Rejection] = field(default_factory=list)


def read_annotations(path, display: str, source: Source, register: Register,
                     episodes: dict[str, Episode], quran: Quran) -> TextAnnotations:
    """Read and resolve the annotation file of one text."""
    data = load_yaml(path, display)
    if not isinstance(data, YamlMap):
        raise EditionError("the annotation file must be a mapping of sections", display, 1, 1)
    for key in data:
        if key not in SECTIONS:
            raise data.at(key).error(f"unknown section '{key}'; expected one of "
                                     f"{', '.join(SECTIONS)}")
    reader = _Reader(source, register, episodes, quran)
    result = TextAnnotations()
    for item in _items(data, "scenes"):
        result.scenes.append(reader.scene(item))
    for item in _items(data, "speech"):
        result.spans.extend(reader.speech(item, parent=None))
    for item in _items(data, "names"):
        if item.get("reject"):
            result.rejected_names.append(Rejection(*find_anchor(item, source), None,
                                                   item.location))
        else:
            result.spans.append(reader.name(item))
    for item in _items(data, "citations"):
        if "reject" in item:
            result.rejected_citations.append(Rejection(*find_anchor(item, source),
                                                       str(item["reject"]), item.location))
        else:
            result.spans.append(reader.citation(item))
    for item in _items(data, "corrections"):
        result.spans.append(reader.correction(item))
    for item in _items(data, "dates"):
        result.spans.append(reader.date(item))
    for item in _items(data, "measures"):
        result.spans.append(reader.measure(item))
    return result


def _items(data: YamlMap, section: str) -> list[YamlMap]:
    items = data.get(section) or YamlList()
    if not isinstance(items, list):
        raise data.at(section).error(f"'{section}' must be a list")
    for item in items:
        if not isinstance(item, YamlMap):
            raise item.location.error(f"each entry of '{section}' must be a mapping")
    return items


@dataclass
class _Reader:
    source: Source
    register: Register
    episodes: dict[str, Episode]
    quran: Quran

    def scene(self, item: YamlMap) -> SceneStart:
        episode = item.require("episode")
        if episode not in self.episodes:
            raise item.at("episode").error(f"unknown episode '{episode}'")
        if not ANCHOR_KEYS & set(item):
            # A scene that names no start is the first: it starts where the text starts
            # (a new text's one scene, before the editor divides it).
            return SceneStart(episode, self.source.paragraphs[0][0], item.location)
        start, _ = find_anchor(item, self.source)
        return SceneStart(episode, start, item.location)

    def speech(self, item: YamlMap, parent: Span | None) -> list[Span]:
        start, end = find_anchor(item, self.source)
        who = self._entry(item, "who", ("person", "group"))
        addressees = item.get("to") or []
        if isinstance(addressees, str):
            addressees = [addressees]
        to_whom = [self._pointer_of(item, name, ("person", "group")) for name in addressees]
        attributes = [("who", who)]
        if to_whom:
            attributes.append(("toWhom", " ".join(to_whom)))
        attributes.append(("direct", "true" if item.get("direct", True) else "false"))
        span = Span(start, end, "said", tuple(attributes), item.location)
        if parent and not (parent.start <= start and end <= parent.end):
            raise item.location.error("this speech is nested in another but lies outside it")
        nested = [s for child in _items(item, "speech") for s in self.speech(child, span)]
        return [span, *nested]

    def name(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        identifier = item.require("ref")
        if identifier not in self.register:
            raise item.at("ref").error(f"unknown register id '{identifier}'")
        entry = self.register[identifier]
        if entry.kind not in NAME_ELEMENT:
            raise item.at("ref").error(f"'{identifier}' is a {entry.kind}, not a name")
        return Span(start, end, NAME_ELEMENT[entry.kind], (("ref", entry.pointer),),
                    item.location)

    def citation(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        kind = item.get("type", "quote")
        if kind not in CITATION_TYPES:
            raise item.at("type").error(f"citation type must be one of "
                                        f"{', '.join(CITATION_TYPES)}")
        sources = item.require("source", (str, list))
        sources = [sources] if isinstance(sources, str) else sources
        pointers = " ".join(self._citation_source(item, s) for s in sources)
        if kind == "misquotation":
            return self._misquotation(item, start, end, pointers)
        element = "quote" if kind == "quote" else "seg"
        attributes = (("source", pointers),) if kind == "quote" else \
            (("type", kind), ("source", pointers))
        return Span(start, end, element, attributes, item.location)

    def _misquotation(self, item: YamlMap, start: int, end: int, pointer: str) -> Span:
        """The editor's misquotation: the source's words, and the verses they stand for
        compared with them."""
        if " " in pointer or not pointer.startswith("quran:"):
            raise item.at("source").error("a misquotation stands for one Quran passage "
                                          "(source: quran:SURA:VERSE or quran:SURA:FIRST-LAST)")
        comparison = compare(self.source.text, start, end, VerseRange.from_pointer(pointer),
                             self.quran)
        language = () if self.source.lang == "ar" else (("xml:lang", "ar"),)
        return Span(start, end, "quote", (("type", "misquotation"), ("source", pointer),
                                          *language), item.location,
                    comparison=tuple((d.kind, d.words) for d in comparison))

    def correction(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        reason = item.get("reason") or {}
        attributes = tuple(("reason:" + lang, str(text)) for lang, text in sorted(reason.items()))
        return Span(start, end, "choice", attributes, item.location,
                    content=item.require("corr"))

    def date(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        when = str(item.require("when-custom"))
        if not HIJRI_DATE.match(when):
            raise item.at("when-custom").error(f"a Hijri date is written YYYY, YYYY-MM or "
                                               f"YYYY-MM-DD, not '{when}'")
        # The TEI stage points calendar and datingMethod at the Hijri calendar it declares.
        return Span(start, end, "date", (("when-custom", when),), item.location)

    def measure(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        quantity = item.require("quantity", (int, float))
        return Span(start, end, "measure", (("quantity", str(quantity)),
                                            ("unit", item.require("unit"))), item.location)

    def _entry(self, item: YamlMap, key: str, kinds: tuple[str, ...]) -> str:
        return self._pointer_of(item, item.require(key), kinds, key)

    def _pointer_of(self, item: YamlMap, identifier, kinds, key: str = "to") -> str:
        location = getattr(identifier, "location", item.at(key))
        if identifier not in self.register:
            raise location.error(f"unknown register id '{identifier}'")
        entry = self.register[identifier]
        if entry.kind not in kinds:
            raise location.error(f"'{identifier}' is a {entry.kind}; a speaker or addressee "
                                 f"must be a person or a group")
        return entry.pointer

    def _citation_source(self, item: YamlMap, value: str) -> str:
        location = getattr(value, "location", item.at("source"))
        if value.startswith("quran:"):
            match = QURAN_SOURCE.match(value)
            if not match:
                raise location.error(f"a Quran source is written quran:S:V or quran:S:V-W, "
                                     f"not '{value}'")
            sura, first, last = match.group(1, 2, 3)
            cited = VerseRange(int(sura), int(first), int(last or first))
            if not self.quran.is_valid_range(cited):
                raise location.error(f"there is no verse {cited} in the Quran "
                                     f"({self._extent(cited.sura)})")
            return value
        if value not in self.register or self.register[value].kind != "work":
            raise location.error(f"unknown work '{value}'; add it to the register's works")
        return self.register[value].pointer

    def _extent(self, sura: int) -> str:
        if not 1 <= sura <= len(self.quran.suras):
            return f"it has {len(self.quran.suras)} suras"
        return f"sura {sura} has {self.quran.sura(sura).verse_count} verses"
