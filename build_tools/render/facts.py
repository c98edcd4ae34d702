"""What the pages drawn from every text (registers, the Quran index, About) need of each one,
read from its tree once: a chapter's trees are then let go when its own pages are done."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..teixml import NS, XML_ID, XML_LANG, tei
from .citations import is_printed_reference
from .edition_view import EditionView, TextView

NAME_ELEMENTS = tuple(tei(n) for n in ("persName", "orgName", "placeName"))
CITATION_ELEMENTS = tuple(tei(n) for n in ("quote", "seg", "ref"))
SAID = tei("said")
SENTENCE = tei("s")


@dataclass(frozen=True)
class Mention:
    """A name in a text: the register entry, the name as written, its sentence, and the
    words of the sentence just before and after it (for a list of mentions in context)."""

    entry: str
    form: str
    sentence: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Speech:
    """One ``said`` of a text, as the registers list it."""

    text_id: str
    sentence: str                  # the xml:id of the sentence it starts in
    speakers: tuple[str, ...]      # register ids
    addressees: tuple[str, ...]
    direct: bool
    words: str                     # its first words, for a list
    depth: int                     # 0 for speech in the narration, 1 inside another …


@dataclass(frozen=True)
class Citation:
    """One verse a text cites: the verse's id, the citation's first words, its sentence."""

    verse: str
    words: str
    sentence: str


@dataclass(frozen=True)
class TextFacts:
    """One text as the edition-wide pages see it."""

    id: str
    lang: str
    titles: dict[str, str]
    notes: dict[str, str]                  # the source's bibliographic note per language
    mentions: tuple[Mention, ...]
    speeches: tuple[Speech, ...]
    citations: tuple[Citation, ...]

    def title(self, lang: str) -> str:
        # The title in ``lang``, else in the text's own language, in English, in any.
        return (self.titles.get(lang) or self.titles.get(self.lang) or self.titles.get("en")
                or next(iter(self.titles.values()), self.id))


def text_facts(view: EditionView, text: TextView) -> TextFacts:
    """The facts of one text, its pointers resolved by the edition's prefixes."""
    bibl = text.tree.getroot().find(".//tei:sourceDesc/tei:bibl", NS)
    notes = ({n.get(XML_LANG): "".join(n.itertext()) for n in bibl.iterfind("tei:note", NS)}
             if bibl is not None else {})
    return TextFacts(text.id, text.lang, text.titles, notes, _mentions(view, text),
                     _speeches(view, text), _citations(view, text))


def _mentions(view: EditionView, text: TextView) -> tuple[Mention, ...]:
    return tuple(Mention(view.target(name.get("ref", "")), as_read(name),
                         sentence.get(XML_ID), *_context(sentence, name))
                 for sentence in text.tree.iter(SENTENCE)
                 for name in sentence.iter(*NAME_ELEMENTS))


CONTEXT_WORDS = 5       # words shown on either side of a mention


def _context(sentence: etree._Element, name: etree._Element) -> tuple[str, str]:
    """The last words of ``sentence`` before ``name`` and the first after it, as read."""
    before, after, seen = [], [], False
    for piece in sentence.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS):
        owner = piece.getparent()
        if piece.is_tail:
            owner = owner.getparent()
        inside = owner is name or any(a is name for a in owner.iterancestors())
        if inside:
            seen = True
        else:
            (after if seen else before).append(str(piece))
    words_before, words_after = "".join(before).split(), "".join(after).split()
    return (("… " if len(words_before) > CONTEXT_WORDS else "")
            + " ".join(words_before[-CONTEXT_WORDS:]),
            " ".join(words_after[:CONTEXT_WORDS])
            + (" …" if len(words_after) > CONTEXT_WORDS else ""))


def _speeches(view: EditionView, text: TextView) -> tuple[Speech, ...]:
    speeches = []
    for said in text.tree.iter(SAID):
        sentence = next(said.iterancestors(SENTENCE), None)
        if sentence is None:
            sentence = said.find(f".//{SENTENCE}")
        speeches.append(Speech(
            text.id, sentence.get(XML_ID) if sentence is not None else "",
            tuple(view.target(p) for p in said.get("who", "").split()),
            tuple(view.target(p) for p in said.get("toWhom", "").split()),
            said.get("direct", "true") == "true", first_words(as_read(said)),
            sum(1 for _ in said.iterancestors(SAID))))
    return tuple(speeches)


def _citations(view: EditionView, text: TextView) -> tuple[Citation, ...]:
    found = []
    for sentence in text.tree.iter(SENTENCE):
        for citation in sentence.iter(*CITATION_ELEMENTS):
            if citation.tag == tei("ref") and is_printed_reference(citation):
                continue            # the quotation before it stands for both
            pointers = citation.get("source") or citation.get("target") or ""
            words = first_words(as_read(citation))
            found += [Citation(verse.id, words, sentence.get(XML_ID))
                      for pointer in pointers.split() if pointer.startswith("quran:")
                      for verse in view.cited_verses(pointer)]
    return tuple(found)


def as_read(element: etree._Element) -> str:
    """The text of ``element`` as the reading page shows it: where the editors corrected a
    slip, the correction alone (the slip is in the correction's tooltip)."""
    return "".join(element.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS))


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
