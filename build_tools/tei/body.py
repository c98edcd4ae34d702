"""A text's body: scenes as episode divs, paragraphs, sentences, and inline spans as elements.

Every character of the source lands in the body in order, white space included and nothing
added, so that the body's text equals the normalised source (the "nothing lost" gate).
Corrections add their ``corr`` beside the original ``sic``; that is the one exception.
"""

from __future__ import annotations

import bisect

from lxml import etree

from ..annotate.model import AnnotatedText, Span
from ..teixml import TEI, XML_ID, XML_LANG, tei
from .header import calendar_id


def text_body(text: AnnotatedText, chapter_id: str) -> tuple[etree._Element, list[etree._Element]]:
    """The ``body`` of one text, and the notes (correction reasons, the verses a
    misquotation stands for) that go in ``back``."""
    writer = _BodyWriter(text, chapter_id)
    return writer.body(), writer.notes


class _BodyWriter:
    def __init__(self, text: AnnotatedText, chapter_id: str):
        self.text = text
        self.source = text.text
        self.chapter_id = chapter_id
        self.spans = sorted(text.spans, key=Span.sort_key)
        self.span_starts = [s.start for s in self.spans]
        self.notes: list[etree._Element] = []
        self.misquotations = 0
        self.sentence_number = 0

    def body(self) -> etree._Element:
        body = TEI.body()
        first = self.text.scenes[0].start
        body.text = self.source[:first] or None
        paragraphs = list(self.text.paragraphs)
        # Elements are made in place (SubElement): one made apart and then appended would be
        # walked again to be moved into the document.
        for index, scene in enumerate(self.text.scenes):
            div = etree.SubElement(body, _DIV, {
                "type": "episode", XML_ID: scene.id,
                "corresp": f"alignment.xml#ep-{self.chapter_id}-{scene.episode}"})
            inside = [p for p in paragraphs if scene.start <= p[0] < scene.end]
            for number, paragraph in enumerate(inside):
                p = self.paragraph(div, paragraph)
                following = inside[number + 1][0] if number + 1 < len(inside) else paragraph[1]
                p.tail = self.source[paragraph[1]:following] or None
            next_start = (self.text.scenes[index + 1].start
                          if index + 1 < len(self.text.scenes) else len(self.source))
            div.tail = self.source[inside[-1][1]:next_start] or None
        return body

    def paragraph(self, parent: etree._Element, bounds: tuple[int, int]) -> etree._Element:
        p = etree.SubElement(parent, _P)
        sentences = self._sentences_in(bounds)
        for number, (start, end) in enumerate(sentences):
            self.sentence_number += 1
            s = etree.SubElement(p, _S, {XML_ID: f"{self.text.id}-s{self.sentence_number}"})
            self.fill(s, start, end)
            following = sentences[number + 1][0] if number + 1 < len(sentences) else bounds[1]
            s.tail = self.source[end:following] or None
        return p

    def _sentences_in(self, bounds: tuple[int, int]) -> list[tuple[int, int]]:
        sentences = self.text.sentences
        low = bisect.bisect_left(sentences, (bounds[0], -1))
        high = bisect.bisect_left(sentences, (bounds[1], -1))
        return list(sentences[low:high])

    def fill(self, parent: etree._Element, start: int, end: int) -> None:
        """Put ``source[start:end]`` into ``parent``, wrapping the spans that lie inside."""
        self._fill(parent, start, end, bisect.bisect_left(self.span_starts, start))

    def _fill(self, parent: etree._Element, start: int, end: int, index: int) -> None:
        # Spans are sorted outer before inner, and they nest (the annotate stage checked),
        # so every span from ``index`` that starts before ``end`` lies inside this element.
        position = start
        while index < len(self.spans) and self.spans[index].start < end:
            span = self.spans[index]
            _append_text(parent, self.source[position:span.start])
            self.element(parent, index)
            position = span.end
            index = self._after(index)
        _append_text(parent, self.source[position:end])

    def _after(self, index: int) -> int:
        """The index of the first span that starts after the span at ``index`` ends."""
        end = self.spans[index].end
        index += 1
        while index < len(self.spans) and self.spans[index].start < end:
            index += 1
        return index

    def element(self, parent: etree._Element, index: int) -> None:
        span = self.spans[index]
        if span.element == "choice":
            self.correction(parent, index)
            return
        attributes = self._attributes(span)
        if span.comparison:
            attributes[XML_ID] = self.misquotation_note(span)
        element = etree.SubElement(parent, tei(span.element), attributes)
        self._fill(element, span.start, span.end, index + 1)

    def misquotation_note(self, span: Span) -> str:
        """Add the note that gives a misquotation's verses with the differences marked (the
        verses' words it lacks or changed, and its own words they lack); return the xml:id
        the misquotation takes for the note to point at."""
        self.misquotations += 1
        identifier = f"{self.text.id}-mq{self.misquotations}"
        quote = TEI.quote({"source": span.attribute("source") or ""})
        for number, (kind, words) in enumerate(span.comparison):
            _append_text(quote, " " if number else "")
            if kind in _MARKED_DIFFERENCES:
                etree.SubElement(quote, tei("seg"), {"type": kind}).text = words
            else:
                _append_text(quote, words)
        self.notes.append(TEI.note({"type": "misquotation", "target": f"#{identifier}",
                                    XML_LANG: "ar"}, quote))
        return identifier

    def _attributes(self, span: Span) -> dict[str, str]:
        attributes = {XML_LANG if name == "xml:lang" else name: value
                      for name, value in span.attributes}
        if span.element == "date":
            attributes = {"calendar": f"#{calendar_id(self.text.id)}",
                          "datingMethod": f"#{calendar_id(self.text.id)}", **attributes}
        return attributes

    def correction(self, parent: etree._Element, index: int) -> None:
        span = self.spans[index]
        identifier = f"{self.text.id}-corr{len(self.notes) + 1}"
        choice = etree.SubElement(parent, tei("choice"), {XML_ID: identifier})
        self._fill(etree.SubElement(choice, tei("sic")), span.start, span.end, index + 1)
        etree.SubElement(choice, tei("corr")).text = span.content
        reasons = [(name.split(":", 1)[1], value) for name, value in span.attributes
                   if name.startswith("reason:")]
        self.notes.append(TEI.note({"type": "correction", "target": f"#{identifier}"},
                                   *(TEI.p({XML_LANG: lang},
                                           reason) for lang, reason in reasons)
                                   or "Corrected by the editors."))


_DIV, _P, _S = tei("div"), tei("p"), tei("s")
# The stretches of a misquotation's comparison that are marked in its note: the verses'
# words the source lacks or changed, the source's words the verses lack.
_MARKED_DIFFERENCES = ("omitted", "added")


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
