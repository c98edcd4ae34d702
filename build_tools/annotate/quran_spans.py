"""Quran citations as spans: the detector's proposals, less what the editor rejected or
annotated otherwise, encoded as SPEC §5 has them (``cit`` › ``quote`` + ``ref``)."""

from __future__ import annotations

from ..quran import VerseRange
from .citations import MISQUOTATION, PARAPHRASE, QUOTE, Citation
from .editorial import Rejection
from .model import Span

_CITATION_ELEMENTS = ("quote", "seg", "cit", "ref")


def detected_citation_spans(citations: list[Citation], text: str, lang: str,
                            rejections: list[Rejection], editorial: list[Span]) -> list[Span]:
    """The spans of every detected citation that the editor neither rejected nor replaced."""
    claimed = [s for s in editorial if s.element in _CITATION_ELEMENTS]
    spans = []
    for citation in citations:
        if _rejected(citation, rejections) or _overlaps_any(citation, claimed):
            continue
        spans += _encode(citation, text, lang)
    return spans


def cited_ranges(spans: list[Span]) -> set[VerseRange]:
    """Every Quran passage the spans point at (``source`` of quotes, ``target`` of refs)."""
    ranges = set()
    for span in spans:
        for pointer in (span.attribute("source") or span.attribute("target") or "").split():
            if pointer.startswith("quran:"):
                ranges.add(parse_pointer(pointer))
    return ranges


def parse_pointer(pointer: str) -> VerseRange:
    """``quran:8:30`` or ``quran:36:1-5`` as a verse range (the form is checked before)."""
    return VerseRange.from_pointer(pointer)


def _encode(citation: Citation, text: str, lang: str) -> list[Span]:
    pointer = citation.verses.pointer
    if citation.kind == PARAPHRASE:
        return [Span(citation.start, citation.end, "seg",
                     (("type", "paraphrase"), ("source", pointer)))]
    if citation.kind not in (QUOTE, MISQUOTATION):
        return [Span(citation.start, citation.end, "ref", (("target", pointer),))]
    # A quotation is in Arabic whatever the text's language.
    language = () if lang == "ar" else (("xml:lang", "ar"),)
    if citation.kind == MISQUOTATION:
        quote = Span(citation.start, citation.end, "quote",
                     (("type", "misquotation"), ("source", pointer), *language),
                     comparison=tuple((d.kind, d.words) for d in citation.comparison))
    else:
        quote = Span(citation.start, citation.end, "quote", (("source", pointer), *language))
    if citation.reference is None:
        return [quote]
    ref_start, ref_end = citation.reference
    ref = Span(ref_start, ref_end, "ref", (("target", pointer),))
    if text[citation.end:ref_start].strip():
        # A cit holds no text of its own: with punctuation between them, the quotation
        # and its reference stand side by side instead.
        return [quote, ref]
    return [Span(citation.start, ref_end, "cit"), quote, ref]


def _rejected(citation: Citation, rejections: list[Rejection]) -> bool:
    """A rejection naming the verses rejects the detection of them its anchor touches; a
    bare ``reject: true`` rejects every detection inside its anchor."""
    for rejection in rejections:
        if rejection.source == citation.verses.pointer:
            if rejection.start < citation.end and citation.start < rejection.end:
                return True
        elif rejection.source in (None, "true", "True"):
            if rejection.start <= citation.start and citation.end <= rejection.end:
                return True
    return False


def _overlaps_any(citation: Citation, spans: list[Span]) -> bool:
    return any(s.start < citation.end and citation.start < s.end for s in spans)
