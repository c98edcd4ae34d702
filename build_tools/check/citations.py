"""The check's Quran findings: the misquotations and paraphrases the detector proposes, for
the editor to confirm or reject, and the passages presented as Quran that are close to no
verse."""

from __future__ import annotations

from ..annotate.citations import MISQUOTATION, PARAPHRASE, CitationScan
from ..annotate.editorial import TextAnnotations
from ..annotate.quran_spans import detected_citation_spans
from ..ingest import Source

_CITATION_ELEMENTS = ("quote", "seg", "cit", "ref")


def proposed_citations(source: Source, scan: CitationScan,
                       decisions: TextAnnotations | None) -> list[tuple[int, str, str]]:
    """(offset, kind, message) of each proposed misquotation and paraphrase that no
    annotation confirms or rejects, and of each passage presented as Quran that is close
    to no verse."""
    def at(offset: int, kind: str, message: str) -> tuple[int, str, str]:
        return offset, kind, message

    text = source.text
    proposed = [c for c in scan.citations if c.kind in (MISQUOTATION, PARAPHRASE)]
    if decisions is not None:
        # What the build would encode: the detections no annotation rejected or replaced.
        kept = {(s.start, s.end) for s in detected_citation_spans(
            proposed, text, source.lang, decisions.rejected_citations, decisions.spans)}
        proposed = [c for c in proposed if (c.start, c.end) in kept]
    findings = []
    for citation in proposed:
        words = text[citation.start:citation.end]
        if citation.kind == MISQUOTATION:
            findings.append(at(citation.start, "misquotation",
                               f'"{words}" is presented as Quran but differs from '
                               f'{citation.verses} ({citation.agreement:.0%} of the words '
                               f'agree); confirm it (type: misquotation) or reject it'))
        else:
            findings.append(at(citation.start, "paraphrase",
                               f'"{words}" follows the translation of {citation.verses} '
                               f'closely; confirm it (type: paraphrase) or reject it'))
    claimed = [s for s in (decisions.spans if decisions else []) if s.element in
               _CITATION_ELEMENTS]
    for passage in scan.unplaced:
        if any(s.start < passage.end and passage.start < s.end for s in claimed):
            continue
        findings.append(at(passage.start, "misquotation",
                           f'"{text[passage.start:passage.end]}" is presented as Quran but is '
                           f'close to no verse (at most {passage.agreement:.0%} of its words '
                           f'agree with one); it is tied to none'))
    return findings

