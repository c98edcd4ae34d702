"""Stage 2, annotate: detectors propose, the editor's annotations decide.

For each text, the register's names, the editor's scenes, speech, citations, corrections,
dates and measures become spans over the ingested source, checked to form a TEI tree.
"""

from __future__ import annotations

from typing import Callable

from ..config import Edition
from ..errors import EditionError, EditionErrors
from ..ingest import Source
from ..quran import Quran, load_quran
from ..buildcache import BuildCache
from .cache import cached_text, edition_key, keep_text, text_key
from .citations import detect_citations
from .editorial import TextAnnotations, read_annotations
from .episodes import load_episodes
from .model import (AnnotatedChapter, AnnotatedEdition, AnnotatedText, Register, Span)
from .names import find_names
from .quran_spans import cited_ranges, detected_citation_spans
from .register import load_register
from .structure import assemble


def annotate(edition: Edition, sources: list[Source], build_date: str,
             cache: BuildCache | None = None,
             advance: Callable[[], None] = lambda: None) -> AnnotatedEdition:
    """Annotate every text; all errors of all texts are reported together.

    With a ``cache``, a text whose inputs are unchanged since the last build is taken from
    it instead of being annotated again.
    """
    cache = cache or BuildCache(None)
    register = load_register(edition.register, edition.display(edition.register))
    quran = load_quran(edition.project_root)
    by_id = {source.id: source for source in sources}
    edition_part = edition_key(edition)
    chapters, errors = [], []
    for chapter in edition.chapters:
        episodes = load_episodes(chapter.episodes, edition.display(chapter.episodes))
        texts = []
        for text in chapter.texts:
            key = text_key(edition_part, chapter, text)
            annotated = cached_text(cache, text.id, key)
            if annotated is None:
                try:
                    annotated = annotate_text(by_id[text.id], edition, register, episodes,
                                              quran, key)
                except EditionError as error:
                    errors.append(error)
                    continue
                keep_text(cache, text.id, key, annotated)
            texts.append(annotated)
            advance()
        if len(texts) == len(chapter.texts):
            errors += _unnarrated(episodes, texts)
        chapters.append(AnnotatedChapter(chapter, tuple(episodes.values()), tuple(texts)))
    if errors:
        raise errors[0] if len(errors) == 1 else EditionErrors(errors)
    cited = sorted({verses for chapter in chapters for text in chapter.texts
                    for verses in cited_ranges(text.spans)},
                   key=lambda r: (r.sura, r.first, r.last))
    return AnnotatedEdition(edition, register, tuple(chapters), build_date,
                            quran, tuple(cited))


def _unnarrated(episodes: dict, texts: list[AnnotatedText]) -> list[EditionError]:
    """Every episode must be told by some text: a synopsis row no text fills is a slip."""
    told = {scene.episode for text in texts for scene in text.scenes}
    return [episode.origin.error(f"no text narrates the episode '{episode.id}'; give it a "
                                 f"scene or remove it")
            for episode in episodes.values() if episode.id not in told]


def annotate_text(source: Source, edition: Edition, register: Register,
                  episodes, quran: Quran, key: str = "") -> AnnotatedText:
    """Detect, apply the editor's decisions, and assemble one text."""
    path = source.config.annotations
    decisions = read_annotations(path, edition.display(path), source, register, episodes,
                                 quran)
    names = _accepted(find_names(source.text, source.lang, register), decisions)
    # Impossible references the detector met (115:1) are never emitted; `edition check`
    # lists them.
    scan = detect_citations(source.text, source.lang, quran)
    citations = detected_citation_spans(scan.citations, source.text, source.lang,
                                        decisions.rejected_citations, decisions.spans)
    return assemble(source, decisions.scenes, [*decisions.spans, *names, *citations], key)


def _accepted(detected: list[Span], decisions: TextAnnotations) -> list[Span]:
    """The detections the editor did not reject (a rejection covers what lies inside it)."""
    rejected = decisions.rejected_names
    return [span for span in detected
            if not any(r.start <= span.start and span.end <= r.end for r in rejected)]
