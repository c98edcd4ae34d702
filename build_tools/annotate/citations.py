"""The Quran citation detector: verbatim quotations and explicit references, put together.

A reference that follows a quotation with only spaces or punctuation between them is the
source's own reference for it (``… فهم لا يبصرون (يس 9)``) and is kept with the quotation;
every other reference is a citation of its own, of kind 'reference'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..quran import Quran, VerseRange
from .quran_quotations import Quotation, find_quotations
from .quran_references import Problem, Reference, find_references

__all__ = ["Citation", "CitationScan", "Problem", "detect_citations"]

QUOTE = "quote"
REFERENCE = "reference"

# What may stand between a quotation and its own reference: spaces, punctuation, the
# closing ornate parenthesis or quotation mark.
_BETWEEN = re.compile(r"[\s.,،؛:;!?؟»\"”'’﴾)\]\-–—]{0,12}\Z")


@dataclass(frozen=True)
class Citation:
    """A citation of ``verses`` at ``text[start:end]``.

    For a quotation (kind 'quote') the span is the quoted words, and ``reference`` is the
    span of the source's own reference after them, if any. For a bare reference (kind
    'reference') the span and ``reference`` are both the reference's.
    """

    start: int
    end: int
    kind: str
    verses: VerseRange
    reference: tuple[int, int] | None = None


@dataclass(frozen=True)
class CitationScan:
    """What the detector found in one text: citations in text order, and problems."""

    citations: list[Citation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def detect_citations(text: str, lang: str, quran: Quran) -> CitationScan:
    """Find every Quran quotation and reference in ``text`` written in ``lang`` ('ar', 'tr').

    Quotations are looked for in the Arabic words of any text (a Turkish text may quote the
    Arabic); references are read in the forms of both languages and of ``lang``.
    """
    references, problems = find_references(text, lang, quran)
    quotations = find_quotations(text, quran)
    citations: list[Citation] = []
    owned: set[Reference] = set()
    for quotation in quotations:
        reference = _own_reference(quotation, references, text)
        if reference is not None:
            owned.add(reference)
            problem = _disagreement(quotation, reference, text)
            if problem is not None:
                problems.append(problem)
        citations.append(_quote(quotation, reference))
    citations.extend(Citation(r.start, r.end, REFERENCE, r.verses, (r.start, r.end))
                     for r in references if r not in owned)
    citations.sort(key=lambda c: (c.start, c.end))
    problems.sort(key=lambda p: (p.start, p.end, p.message))
    return CitationScan(citations, problems)


def _own_reference(quotation: Quotation, references: list[Reference],
                   text: str) -> Reference | None:
    for reference in references:
        if reference.start >= quotation.end and \
                _BETWEEN.match(text, quotation.end, reference.start):
            return reference
    return None


def _quote(quotation: Quotation, reference: Reference | None) -> Citation:
    verses = quotation.verses
    if reference is not None:
        # The same words stand in several places (a repeated verse): the source says which.
        agreeing = [v for v in (quotation.verses, *quotation.alternatives)
                    if _overlap(v, reference.verses)]
        verses = agreeing[0] if agreeing else verses
    span = (reference.start, reference.end) if reference is not None else None
    return Citation(quotation.start, quotation.end, QUOTE, verses, span)


def _disagreement(quotation: Quotation, reference: Reference, text: str) -> Problem | None:
    """A problem when a source's reference names verses other than those it follows."""
    if any(_overlap(v, reference.verses) for v in (quotation.verses, *quotation.alternatives)):
        return None
    return Problem(reference.start, reference.end,
                   f"the reference {text[reference.start:reference.end]!r} names "
                   f"{reference.verses}, but the words quoted before it are {quotation.verses}")


def _overlap(one: VerseRange, other: VerseRange) -> bool:
    return one.sura == other.sura and one.first <= other.last and other.first <= one.last
