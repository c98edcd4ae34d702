"""What the site needs to know, read from the TEI files and nothing else (SPEC §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..teixml import NS, XML_ID, XML_LANG, parse, parse_data, tei

CORPUS = "corpus.xml"


@dataclass(frozen=True)
class EntryView:
    """A register entry: labels and name forms per language, descriptions, authority id."""

    id: str
    kind: str                                  # person | group | place | work
    labels: dict[str, str]
    forms: dict[str, list[str]]
    descriptions: dict[str, str]
    wikidata: str | None

    def label(self, lang: str, fallback: str = "en") -> str:
        return (self.labels.get(lang) or self.labels.get(fallback)
                or next(iter(self.labels.values()), self.id))


@dataclass(frozen=True)
class SceneView:
    id: str
    episode: str                               # the episode (event) id, e.g. ep-hijra-bed
    element: etree._Element                    # the TEI div


@dataclass(frozen=True)
class TextView:
    id: str
    lang: str
    titles: dict[str, str]
    tree: etree._ElementTree
    scenes: list[SceneView]
    # The notes of the back, by the xml:id they point at (a misquotation's verses).
    notes: dict[str, etree._Element] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        # The title in ``lang``, else in the text's own language, in English, in any.
        return (self.titles.get(lang) or self.titles.get(self.lang) or self.titles.get("en")
                or next(iter(self.titles.values()), self.id))


@dataclass(frozen=True)
class EpisodeView:
    id: str                                    # the event's xml:id, e.g. ep-hijra-bed
    key: str                                   # the editor's id, e.g. bed (the row anchor)
    titles: dict[str, str]
    scenes: list[str]                          # "hijra-ar.xml#hijra-ar-bed" …

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.key


@dataclass(frozen=True)
class ChapterView:
    id: str
    episodes: list[EpisodeView]
    text_ids: list[str]                        # in the order of the corpus
    texts: list[TextView] = field(default_factory=list)    # once read: see read_chapter
    titles: dict[str, str] = field(default_factory=dict)   # by language


@dataclass(frozen=True)
class VerseView:
    """A cited verse as the register gives it: sura names, Arabic text, translations."""

    id: str                                    # quran-8-30
    sura: int
    number: int
    sura_names: dict[str, str]                 # ar, tr, ar-Latn
    text_ar: str
    translations: dict[str, str]               # by language: those the register holds

    def translation(self, lang: str) -> str | None:
        """The verse in ``lang``, or None where the register holds no translation into it."""
        return self.translations.get(lang)


@dataclass(frozen=True)
class DataSetView:
    """Where the verse texts or a translation of them come from, and on what terms."""

    title: str
    url: str
    licence: str
    licence_url: str
    notes: list[str]


@dataclass(frozen=True)
class PrefixView:
    """One ``prefixDef``: how a pointer such as ``quran:8:30`` becomes a URI."""

    ident: str
    match: re.Pattern
    replacement: str

    def expand(self, value: str) -> str | None:
        found = self.match.fullmatch(value)
        if found is None:
            return None
        return re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))), self.replacement)


@dataclass
class EditionView:
    """The whole edition as the TEI tells it: register, chapters with their episodes, and
    the texts read so far (one chapter's: see :func:`read_chapter`)."""

    folder: Path
    header: etree._Element
    register: dict[str, EntryView]
    chapters: list[ChapterView]
    texts: dict[str, TextView] = field(default_factory=dict)    # by text id
    verses: dict[str, VerseView] = field(default_factory=dict)
    passages: dict[str, list[str]] = field(default_factory=dict)   # passage id → verse ids
    data_sets: list[DataSetView] = field(default_factory=list)
    prefixes: list[PrefixView] = field(default_factory=list)
    # Pages resolve the same few hundred pointers tens of thousands of times.
    _targets: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, pointer: str) -> EntryView | None:
        """The register entry a pointer such as ``per:muhammad`` designates."""
        return self.register.get(self.target(pointer))

    def target(self, pointer: str) -> str:
        """The xml:id a prefixed pointer resolves to, by the header's ``listPrefixDef``."""
        found = self._targets.get(pointer)
        if found is None:
            found = self._targets[pointer] = self._resolve(pointer)
        return found

    def _resolve(self, pointer: str) -> str:
        ident, _, value = pointer.partition(":")
        for prefix in self.prefixes:
            if prefix.ident == ident:
                uri = prefix.expand(value)
                if uri is not None:
                    return uri.split("#")[-1]
        return value

    def cited_verses(self, pointer: str) -> list[VerseView]:
        """The verses a ``quran:`` pointer designates (one, or each of a passage)."""
        target = self.target(pointer)
        return [self.verses[v] for v in self.passages.get(target, [target]) if v in self.verses]


_KINDS = {"person": "person", "org": "group", "place": "place", "bibl": "work"}


def read_edition(folder: Path) -> EditionView:
    """Read the TEI corpus in ``folder`` (its members via their XInclude hrefs): its header,
    register and alignment. The texts are read a chapter at a time (:func:`read_chapter`),
    so that the whole edition's trees are never held at once."""
    corpus = parse(folder / CORPUS)
    members = [i.get("href") for i in corpus.getroot().iterfind("xi:include", NS)]
    if not members:
        raise EditionError("the corpus includes no files", str(folder / CORPUS))
    trees = {name: parse(folder / name) for name in ("register.xml", "alignment.xml")
             if name in members}
    register = _register(trees.get("register.xml"))
    chapters = _chapters(trees.get("alignment.xml"),
                         [name.removesuffix(".xml") for name in members])
    header = corpus.getroot().find("tei:teiHeader", NS)
    view = EditionView(folder, header, register, chapters, prefixes=_prefixes(header))
    if "register.xml" in trees:
        _read_quran(trees["register.xml"], view)
    return view


def read_chapter(view: EditionView, chapter: ChapterView,
                 documents: dict[str, bytes]) -> EditionView:
    """The edition as one chapter's pages see it: with that chapter's texts read from their
    TEI (``documents``: text id → its file's bytes)."""
    texts = {text_id: _text(parse_data(data, str(view.folder / f"{text_id}.xml")))
             for text_id, data in documents.items()}
    chapters = [replace(c, texts=[texts[i] for i in c.text_ids]) if c.id == chapter.id else c
                for c in view.chapters]
    return replace(view, chapters=chapters, texts=texts, _targets=view._targets)


def _prefixes(header: etree._Element) -> list[PrefixView]:
    return [PrefixView(p.get("ident"), re.compile(p.get("matchPattern")),
                       p.get("replacementPattern"))
            for p in header.iterfind(".//tei:listPrefixDef/tei:prefixDef", NS)]


def _read_quran(tree: etree._ElementTree, view: EditionView) -> None:
    """The register's ``listBibl type="quran"``: data sets, verses and passages."""
    for bibl in tree.iterfind(".//tei:listBibl[@type='quran']/tei:bibl", NS):
        kind = bibl.get("type")
        if kind in ("dataset", "translation"):
            licence = bibl.find(".//tei:licence", NS)
            view.data_sets.append(DataSetView(
                bibl.findtext("tei:title", namespaces=NS), bibl.find("tei:ref", NS).get("target"),
                licence.text, licence.get("target"),
                ["".join(n.itertext()) for n in bibl.iterfind("tei:note", NS)]))
        elif kind == "verse":
            view.verses[bibl.get(XML_ID)] = VerseView(
                bibl.get(XML_ID), int(_scope(bibl, "sura")), int(_scope(bibl, "verse")),
                {t.get(XML_LANG): t.text for t in bibl.iterfind("tei:title", NS)},
                _words(bibl.find("tei:note[@type='verse']", NS)),
                {note.get(XML_LANG): _words(note)
                 for note in bibl.iterfind("tei:note[@type='translation']", NS)})
        elif kind == "passage":
            view.passages[bibl.get(XML_ID)] = [
                target.lstrip("#") for target in bibl.find("tei:ptr", NS).get("target").split()]


def _words(element: etree._Element) -> str:
    """An element's text with the indentation of the register file taken out."""
    return " ".join("".join(element.itertext()).split())


def _scope(bibl: etree._Element, unit: str) -> str:
    return bibl.find(f"tei:citedRange[@unit='{unit}']", NS).get("n")


def _register(tree) -> dict[str, EntryView]:
    entries: dict[str, EntryView] = {}
    if tree is None:
        return entries
    for element in tree.iter(*(tei(name) for name in _KINDS)):
        identifier = element.get(XML_ID)
        if identifier is None or identifier.startswith("quran-"):
            continue
        labels, forms = {}, {}
        for name in element:
            lang = name.get(XML_LANG)
            if name.get("type") == "label":
                labels[lang] = name.text or ""
            elif name.get("type") == "form":
                forms.setdefault(lang, []).append(name.text or "")
        descriptions = {n.get(XML_LANG): "".join(n.itertext())
                        for n in element.iterfind("tei:note[@type='description']", NS)}
        idno = element.find("tei:idno[@type='wikidata']", NS)
        entries[identifier] = EntryView(identifier, _KINDS[etree.QName(element).localname],
                                        labels, forms, descriptions,
                                        idno.text if idno is not None else None)
    return entries


def _text(tree: etree._ElementTree) -> TextView:
    root = tree.getroot()
    titles = {t.get(XML_LANG): t.text for t in
              root.iterfind("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']",
                            NS)}
    text = root.find("tei:text", NS)
    scenes = [SceneView(div.get(XML_ID), div.get("corresp", "").split("#")[-1], div)
              for div in text.iterfind("tei:body/tei:div", NS)]
    identifier = root.find(".//tei:publicationStmt/tei:idno", NS).text.split("/")[-1]
    notes = {note.get("target", "").removeprefix("#"): note
             for note in text.iterfind("tei:back/tei:div/tei:note", NS)}
    return TextView(identifier, text.get(XML_LANG), titles, tree, scenes, notes)


def _chapters(tree, members: list[str]) -> list[ChapterView]:
    if tree is None:
        return []
    groups = {g.get("n"): g for g in tree.iter(tei("linkGrp"))}
    chapters = []
    for events in tree.iter(tei("listEvent")):
        chapter_id = events.get("n")
        links = {}
        for link in groups[chapter_id].iterfind("tei:link", NS):
            event, *scenes = link.get("target").split()
            links[event.lstrip("#")] = scenes
        episodes = [EpisodeView(event.get(XML_ID), event.get("n"),
                                {label.get(XML_LANG): label.text for label in event},
                                links.get(event.get(XML_ID), []))
                    for event in events.iterfind("tei:event", NS)]
        told = {s.split(".xml#")[0] for e in episodes for s in e.scenes}
        titles = {head.get(XML_LANG): head.text for head in events.iterfind("tei:head", NS)}
        chapters.append(ChapterView(chapter_id, episodes, [m for m in members if m in told],
                                    titles=titles))
    return chapters
