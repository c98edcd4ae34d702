"""TEI inline content as Markdown with inline HTML: every source character escaped, every
element a span or link that Python-Markdown passes through unchanged."""

from __future__ import annotations

from functools import lru_cache
from dataclasses import dataclass

from lxml import etree

from ..teixml import TEI_NS, XML_ID, XML_LANG
from .citations import (QURAN_CLOSE, QURAN_OPEN, citation_note, is_printed_reference,
                        misquotation_note)
from .edition_view import EditionView
from .escaping import attribute, escape
from .footnotes import Notes
from .i18n import amount, translate

OWN_PAGES = ("person", "group")     # register kinds with a page per entry

# Python-Markdown rewrites the whole text of a paragraph for each inline match in it (a
# tag, an entity, a link), so its time grows with the square of a paragraph's length:
# a paragraph longer than LONG_PARAGRAPH characters is written as pieces of PIECE
# characters or more, cut where a sentence starts, and each piece after the first is
# marked CONTINUED (an attr_list class) for the site's Markdown extension
# (build_tools.site.paragraphs) to join back into the one paragraph a reader sees.
LONG_PARAGRAPH = 16_000
PIECE = 4_000
CONTINUED = "edition-continued"


def relative(from_page: str, to_page: str, fragment: str = "") -> str:
    """A Markdown link from one generated page to another (MkDocs checks and rewrites it)."""
    path = _relative_path(from_page, to_page)
    return f"{path}#{fragment}" if fragment else path


@lru_cache(maxsize=65536)
def _relative_path(from_page: str, to_page: str) -> str:
    # A page links to a few hundred others many times over. Both are plain paths below the
    # same folder, so the path is found from their parts alone (posixpath.relpath would
    # ask the system for the working directory twice a link).
    folder, target = from_page.split("/")[:-1], to_page.split("/")
    shared = 0
    while shared < min(len(folder), len(target) - 1) and folder[shared] == target[shared]:
        shared += 1
    return "/".join([".."] * (len(folder) - shared) + target[shared:])


@dataclass
class Pages:
    """Where things live on the site, as paths of Markdown pages below docs/edition/."""

    view: EditionView

    def __post_init__(self):
        self._chapter_of = {text_id: chapter.id for chapter in self.view.chapters
                            for text_id in chapter.text_ids}

    def text(self, text_id: str) -> str:
        return f"{self._chapter_of[text_id]}/{text_id}.md"

    def synopsis(self, chapter_id: str) -> str:
        return f"{chapter_id}/synopsis.md"

    @staticmethod
    def register(kind: str) -> str:
        return f"register/{kind}s.md"

    @staticmethod
    def entry(kind: str, identifier: str) -> str:
        """A person or group has a page of its own; a place a section of the places page."""
        return f"register/{kind}/{identifier}.md" if kind in OWN_PAGES else f"register/{kind}s.md"

    def entry_link(self, from_page: str, kind: str, identifier: str) -> str:
        fragment = "" if kind in OWN_PAGES else identifier
        return relative(from_page, self.entry(kind, identifier), fragment)

    @staticmethod
    def speech_index() -> str:
        return "register/speeches.md"

    @staticmethod
    def quran_index() -> str:
        return "register/quran.md"


class InlineRenderer:
    """Renders the inline TEI of one text for the pages of one folder, in the text's
    language; its notes are left as marks in ``notes`` (see :mod:`footnotes`)."""

    def __init__(self, view: EditionView, pages: Pages, page: str, lang: str,
                 back_notes: dict[str, etree._Element] | None = None):
        self.view = view
        self.back_notes = back_notes or {}     # the text's notes, by the id they point at
        self.pages = pages
        self.page = page                # links are relative to its folder
        self.lang = lang
        self.notes = Notes()
        self._in_link = False
        # Notes are raw HTML, which MkDocs does not rewrite: the link names the page built.
        self._quran_index = relative(page, pages.quran_index()).removesuffix(".md") + ".html"

    def paragraph(self, p: etree._Element) -> str:
        """A TEI ``p`` as one Markdown paragraph (one line); a long one as pieces, one
        line each, joined again by the site (see ``LONG_PARAGRAPH``)."""
        pieces = self._pieces(p)
        return "\n\n".join([pieces[0].strip(), *(f"{piece.strip()}\n{{: .{CONTINUED} }}"
                                                 for piece in pieces[1:])])

    def _pieces(self, p: etree._Element) -> list[str]:
        """The content of ``p`` in one piece, or, when long, cut before sentences that
        follow a single space (the space the site puts back), every PIECE characters."""
        parts = [escape(p.text or "")]
        for child in p:
            parts.append(self.element(child))
            parts.append(escape(child.tail or ""))
        if sum(map(len, parts)) <= LONG_PARAGRAPH:
            return ["".join(parts)]
        pieces, current, length = [], [parts[0]], len(parts[0])
        for child, rendered, tail in zip(p, parts[1::2], parts[2::2]):
            if length >= PIECE and child.tag == _S and current[-1] == " ":
                current.pop()
                pieces.append("".join(current))
                current, length = [], 0
            current += (rendered, tail)
            length += len(rendered) + len(tail)
        return [*pieces, "".join(current)]

    def content(self, element: etree._Element) -> str:
        parts = [escape(element.text or "")]
        for child in element:
            parts.append(self.element(child))
            parts.append(escape(child.tail or ""))
        return "".join(parts)

    def element(self, element: etree._Element) -> str:
        handler = _HANDLERS.get(element.tag)
        if handler is None:
            name = etree.QName(element).localname if element.tag.startswith(_IN_TEI) else ""
            return f'<span class="tei-{name or "unknown"}">{self.content(element)}</span>'
        return handler(self, element)

    def _s(self, element):
        return f'<span class="s" id="{element.get(XML_ID)}">{self.content(element)}</span>'

    def _name(self, element):
        entry = self.view.entry(element.get("ref", ""))
        if entry is None:
            return self.content(element)
        opening = f'<span class="name {entry.kind}" title="{attribute(entry.label(self.lang))}">'
        if self._in_link:
            # A name inside a name (a place in a group's name): a link cannot hold a link,
            # so the inner name keeps its title but not a link of its own.
            return f"{opening}{self.content(element)}</span>"
        link = self.pages.entry_link(self.page, entry.kind, entry.id)
        # The link is Markdown, so that MkDocs checks and rewrites it; the title sits on a
        # raw span around it, whose attributes reach the browser as written.
        self._in_link = True
        try:
            text = self.content(element)
        finally:
            self._in_link = False
        return f"{opening}[{text}]({link})</span>"

    _persName = _orgName = _placeName = _name

    def _said(self, element):
        speakers = self._labels(element.get("who", ""))
        addressees = self._labels(element.get("toWhom", ""))
        label = translate(self.lang, "Speaker: {name}", name=speakers)
        if addressees:
            label = translate(self.lang, "{speaker} to {addressee}", speaker=label,
                              addressee=addressees)
        direct = "direct" if element.get("direct", "true") == "true" else "indirect"
        # The label is read aloud from CSS generated content (edition.css), not written into
        # the text: a reader who copies the speech, and the search index, get the source alone.
        return (f'<span class="said {direct}" title="{attribute(label)}" '
                f'data-speaker="{attribute(label)}">{self.content(element)}</span>')

    def _choice(self, element):
        sic = element.find(f"{{{TEI_NS}}}sic")
        corr = element.find(f"{{{TEI_NS}}}corr")
        original = "".join(sic.itertext()) if sic is not None else ""
        label = translate(self.lang, "Corrected from: {sic}", sic=original)
        return (f'<span class="corr" title="{attribute(label)}">'
                f'{self.content(corr) if corr is not None else ""}</span>')

    def _date(self, element):
        label = translate(self.lang, "Hijri date: {date}", date=element.get("when-custom", ""))
        return f'<span class="date" title="{attribute(label)}">{self.content(element)}</span>'

    def _measure(self, element):
        label = translate(self.lang, "Measure: {amount}", amount=amount(
            self.lang, element.get("quantity", ""), element.get("unit", "")))
        return f'<span class="measure" title="{attribute(label)}">{self.content(element)}</span>'

    def _cit(self, element):
        return f'<span class="cit">{self.content(element)}</span>'

    def _quote(self, element):
        source = element.get("source", "")
        lang = element.get(XML_LANG) or self.lang
        opening, closing = (QURAN_OPEN, QURAN_CLOSE) if source.startswith("quran:") and lang == "ar" \
            else ("", "")
        language = f' lang="{lang}" dir="rtl"' if lang != self.lang else ""
        if element.get("type") == "misquotation":
            # Presented as Quran, but not its words: marked, and said so to screen readers;
            # the note shows the verse with the differences.
            label = translate(self.lang, "Misquotation")
            note = misquotation_note(self.view, source, self.lang,
                                     self.back_notes.get(element.get(XML_ID, "")))
            return (f'<span class="quote quran misquotation" title="{attribute(label)}"'
                    f'{language}><span class="sr-only">{escape(label)}: </span>{opening}'
                    f'{self.content(element)}{closing}</span>{self.notes.reference(note)}')
        return (f'<span class="quote quran"{language}>{opening}{self.content(element)}'
                f'{closing}</span>{self.notes.reference(self._note(source))}')

    def _seg(self, element):
        kind = element.get("type", "")
        note = self._note(element.get("source", ""), kind)
        return (f'<span class="seg {kind}">{self.content(element)}</span>'
                f'{self.notes.reference(note)}')

    def _ref(self, element):
        note = "" if is_printed_reference(element) else \
            self.notes.reference(self._note(element.get("target", "")))
        return f'<span class="ref">{self.content(element)}</span>{note}'

    def _note(self, pointers: str, kind: str = "quote") -> str:
        return citation_note(self.view, pointers, self.lang, kind, self._quran_index)

    def _labels(self, pointers: str) -> str:
        entries = [self.view.entry(p) for p in pointers.split()]
        return ", ".join(e.label(self.lang) for e in entries if e is not None)


_IN_TEI = f"{{{TEI_NS}}}"
# The renderer of each TEI element, by its qualified name: ``_s`` renders tei:s.
_S = f"{_IN_TEI}s"
_HANDLERS = {f"{_IN_TEI}{name}": getattr(InlineRenderer, f"_{name}")
             for name in ("s", "name", "persName", "orgName", "placeName", "said", "choice",
                          "date", "measure", "cit", "quote", "seg", "ref")}
