"""The Quran citation detector: verbatim quotations, misquotations, paraphrases of a verse's
translation and explicit references, put together.

A reference that follows a quotation with only spaces or punctuation between them is the
source's own reference for it (``… فهم لا يبصرون (يس 9)``) and is kept with the quotation;
every other reference is a citation of its own, of kind 'reference'. A misquotation (a
passage presented as Quran that differs from the verse it stands for) takes the place of the
verbatim pieces of it; a passage presented as Quran that is close to no verse is no citation,
but the scan keeps it for ``edition check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..quran import Quran, VerseRange
from .meal_paraphrases import find_paraphrases
from .quran_misquotations import Difference, Misquotation, find_misquotations
from .quran_quotations import Quotation, scan_quotations
from .quran_references import Problem, Reference, find_references

__all__ = ["Citation", "CitationScan", "Problem", "detect_citations"]

QUOTE = "quote"
REFERENCE = "reference"
MISQUOTATION = "misquotation"
PARAPHRASE = "paraphrase"

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
    comparison: tuple[Difference, ...] = ()     # a misquotation's, with its verses
    agreement: float = 1.0                      # how closely it follows them (1: verbatim)


@dataclass(frozen=True)
class CitationScan:
    """What the detector found in one text: citations in text order, problems, and the
    passages presented as Quran that are close to no verse."""

    citations: list[Citation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unplaced: list[Misquotation] = field(default_factory=list)


def detect_citations(text: str, lang: str, quran: Quran) -> CitationScan:
    """Find every Quran quotation, misquotation, paraphrase and reference in ``text``
    written in ``lang`` ('ar', 'tr').

    Quotations and misquotations are looked for in the Arabic words of any text (a Turkish
    text may quote the Arabic); paraphrases in a text in a language whose translation the
    Quran was loaded with; references are read in the forms of both languages and of
    ``lang``.
    """
    references, problems = find_references(text, lang, quran)
    words, ids, quotations = scan_quotations(text, quran)
    misquotations = find_misquotations(text, quran, quotations, words, ids)
    tied = [m for m in misquotations if m.verses is not None]
    quotations = [q for q in quotations if not any(_within(q, m) for m in tied)]
    citations: list[Citation] = []
    owned: set[Reference] = set()
    for misquotation in tied:
        reference = _own_reference(misquotation, references, text)
        if reference is not None:
            owned.add(reference)
        citations.append(Citation(misquotation.start, misquotation.end, MISQUOTATION,
                                  misquotation.verses,
                                  (reference.start, reference.end) if reference else None,
                                  misquotation.comparison, misquotation.agreement))
    if lang != "ar":
        citations += [Citation(p.start, p.end, PARAPHRASE, p.verses, None, (), p.agreement)
                      for p in find_paraphrases(text, lang, quran)
                      if not any(p.start < r.end and r.start < p.end for r in references)]
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
    return CitationScan(citations, problems, [m for m in misquotations if m.verses is None])


def _within(quotation: Quotation, misquotation: Misquotation) -> bool:
    """Whether a verbatim quotation is a piece of a misquotation (which then stands for it)."""
    return misquotation.start <= quotation.start and quotation.end <= misquotation.end


def _own_reference(quotation: Quotation | Misquotation, references: list[Reference],
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
