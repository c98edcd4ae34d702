"""A text's editorial annotations (``<chapter>/<text>.yml``): scenes, speech, names,
citations, corrections, dates and measures, each resolved to a span of the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..config import LANGUAGE_TAG
from ..errors import EditionError, Location
from ..ingest import Source
from ..quran import Quran, VerseRange
from ..yamlfile import YamlList, YamlMap, load_yaml
from .anchors import ANCHOR_KEYS, PLACE_KEYS, find_anchor
from .model import NAME_ELEMENT, Episode, Register, Span
from .quran_misquotations import compare

SECTIONS = ("scenes", "speech", "names", "citations", "corrections", "dates", "measures")
CITATION_TYPES = ("quote", "misquotation", "paraphrase", "allusion")
# ASCII digits only: \d would take Arabic-Indic digits (quran:2:١), which no pointer has.
QURAN_SOURCE = re.compile(r"quran:([0-9]{1,3}):([0-9]{1,3})(?:-([0-9]{1,3}))?\Z")
# A Hijri date: year, month, day (the year of the Hijra is 1); "--MM-DD" or "--MM" where
# the text gives no year.
HIJRI_DATE = re.compile(r"(?:[0-9]{4}|-(?=-))(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?\Z")

# The keys an entry of each section may have, besides where it is (PLACE_KEYS) and whether
# it is only proposed: a key outside them is a misspelling, which would otherwise be
# ignored without a word.
PROPOSED = "proposed"
ENTRY_KEYS = {
    "scenes": {"episode"},
    "speech": {"who", "to", "direct", "speech"},
    "names": {"ref", "reject"},
    "citations": {"source", "type", "reject"},
    "corrections": {"corr", "reason"},
    "dates": {"when-custom"},
    "measures": {"quantity", "unit"},
}


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


@dataclass(frozen=True)
class Proposal:
    """An entry that ``edition suggest`` wrote and the editor has not confirmed yet
    (``proposed: true``): it is left out of the text until the editor deletes that line."""

    section: str
    location: Location


@dataclass
class TextAnnotations:
    """What the editor said about one text, resolved to offsets."""

    scenes: list[SceneStart] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    rejected_names: list[Rejection] = field(default_factory=list)
    rejected_citations: list[Rejection] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


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
    result = TextAnnotations(proposals=unconfirmed(data))
    for item in _items(data, "scenes"):
        result.scenes.append(reader.scene(item))
    for item in confirmed_speech(data):
        result.spans.extend(reader.speech(item, parent=None))
    for item in _items(data, "names"):
        if _yes_no(item, "reject", False):
            result.rejected_names.append(Rejection(*find_anchor(item, source), None,
                                                   item.location))
        else:
            result.spans.append(reader.name(item))
    for item in _items(data, "citations"):
        if "reject" in item:
            result.rejected_citations.append(Rejection(*find_anchor(item, source),
                                                       reader.rejected_source(item),
                                                       item.location))
        else:
            result.spans.append(reader.citation(item))
    for item in _items(data, "corrections"):
        result.spans.append(reader.correction(item))
    for item in _items(data, "dates"):
        result.spans.append(reader.date(item))
    for item in _items(data, "measures"):
        result.spans.append(reader.measure(item))
    _refuse_repeated(result.spans)
    return result


def unconfirmed(data: YamlMap) -> list[Proposal]:
    """The entries marked ``proposed: true``, nested speech included, in file order."""
    found = []

    def visit(container: YamlMap, section: str) -> None:
        for item in _all_items(container, section):
            if is_proposed(item):
                found.append(Proposal(section, item.location))
            if section == "speech":
                visit(item, "speech")

    for section in SECTIONS:
        visit(data, section)
    return found


def is_proposed(item: YamlMap) -> bool:
    """Whether an entry is a proposal the editor has not confirmed (``proposed: true``)."""
    value = item.get("proposed", False)
    if not isinstance(value, bool):
        raise item.at("proposed").error("'proposed' is true or false (delete the line to "
                                        "confirm the entry)")
    return value


def confirmed_speech(container: YamlMap):
    """The confirmed speech entries of a file or of a speech: a proposal is left out, and
    the confirmed speeches nested in it stand in its place."""
    for item in _all_items(container, "speech"):
        if is_proposed(item):
            yield from confirmed_speech(item)
        else:
            yield item


def _refuse_repeated(spans: list[Span]) -> None:
    """Two entries that make the same element over the same words are one given twice
    (which would nest the element in itself)."""
    first: dict[tuple[str, int, int], Span] = {}
    for span in spans:
        earlier = first.setdefault((span.element, span.start, span.end), span)
        if earlier is not span:
            raise span.origin.error(f"this annotation repeats the one at line "
                                    f"{earlier.origin.line} (the same {span.element} over "
                                    f"the same words)")


def _items(data: YamlMap, section: str) -> list[YamlMap]:
    """The confirmed entries of a section: the proposals are left out."""
    return [item for item in _all_items(data, section) if not is_proposed(item)]


def _all_items(data: YamlMap, section: str) -> list[YamlMap]:
    items = data.get(section) or YamlList()
    if not isinstance(items, list):
        raise data.at(section).error(f"'{section}' must be a list")
    for item in items:
        if not isinstance(item, YamlMap):
            location = getattr(item, "location", items.location)
            raise location.error(f"each entry of '{section}' must be a mapping")
        item.refuse_unknown_keys(ENTRY_KEYS[section] | PLACE_KEYS | {PROPOSED},
                                 f"an entry of '{section}'")
    return items


def _yes_no(item: YamlMap, key: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise item.at(key).error(f"'{key}' must be true or false, not '{value}'")
    return value


def _decimal(quantity: int | float) -> str:
    """A quantity as the decimal TEI wants: never in exponent notation (5e+20)."""
    return format(Decimal(repr(quantity)), "f") if isinstance(quantity, float) else str(quantity)


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
        if not isinstance(addressees, list) or not all(isinstance(a, str) for a in addressees):
            raise item.at("to").error("'to' must be a register id or a list of them")
        to_whom = [self._pointer_of(item, name, ("person", "group")) for name in addressees]
        attributes = [("who", who)]
        if to_whom:
            attributes.append(("toWhom", " ".join(to_whom)))
        attributes.append(("direct", "true" if _yes_no(item, "direct", True) else "false"))
        span = Span(start, end, "said", tuple(attributes), item.location)
        if parent and not (parent.start <= start and end <= parent.end):
            raise item.location.error("this speech is nested in another but lies outside it")
        nested = [s for child in confirmed_speech(item) for s in self.speech(child, span)]
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
        if not sources or not all(isinstance(s, str) for s in sources):
            raise item.at("source").error("'source' must be a source (quran:S:V or a work "
                                          "id) or a list of them")
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
        if not isinstance(reason, dict):
            raise item.at("reason").error("'reason' must be a mapping of language codes to "
                                          "text, as {en: \"…\"}")
        for lang, text in reason.items():
            if not isinstance(lang, str) or not LANGUAGE_TAG.match(lang):
                raise reason.key_at(lang).error(f"'{lang}' is not a language code (as en, tr)")
            if not isinstance(text, str) or not text.strip():
                raise reason.at(lang).error(f"the reason in '{lang}' must be text")
        attributes = tuple(("reason:" + lang, text) for lang, text in sorted(reason.items()))
        corrected = item.require("corr")
        if not corrected.strip():
            raise item.at("corr").error("'corr' must give the corrected text")
        return Span(start, end, "choice", attributes, item.location, content=corrected)

    def date(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        when = str(item.require("when-custom", (str, int)))
        date = HIJRI_DATE.match(when)
        if not date:
            raise item.at("when-custom").error(f"a Hijri date is written YYYY, YYYY-MM, "
                                               f"YYYY-MM-DD, or --MM-DD without a year, "
                                               f"not '{when}'")
        if date["month"] and not 1 <= int(date["month"]) <= 12:
            raise item.at("when-custom").error(f"there is no month {date['month']} in '{when}':"
                                               f" the Hijri year has 12 months")
        if date["day"] and not 1 <= int(date["day"]) <= 30:
            raise item.at("when-custom").error(f"there is no day {date['day']} in '{when}': "
                                               f"a Hijri month has 29 or 30 days")
        # The TEI stage points calendar and datingMethod at the Hijri calendar it declares.
        return Span(start, end, "date", (("when-custom", when),), item.location)

    def measure(self, item: YamlMap) -> Span:
        start, end = find_anchor(item, self.source)
        quantity = item.require("quantity", (int, float))
        if isinstance(quantity, bool):
            raise item.at("quantity").error("'quantity' must be a number, not yes or no")
        return Span(start, end, "measure", (("quantity", _decimal(quantity)),
                                            ("unit", item.require("unit"))), item.location)

    def rejected_source(self, item: YamlMap) -> str | None:
        """What a citation's ``reject:`` refuses: a source, or (``true``) every detection."""
        value = item["reject"]
        if value is True:
            return None
        if not isinstance(value, str):
            raise item.at("reject").error("'reject' is true or the source rejected, as "
                                          "quran:3:54")
        return value

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
