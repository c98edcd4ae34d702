"""Stage 2, annotate: detectors propose, the editor's annotations decide.

For each text, the register's names, the editor's scenes, speech, citations, corrections,
dates and measures become spans over the ingested source, checked to form a TEI tree.
"""

from __future__ import annotations

from typing import Callable

from ..config import Edition, TextConfig
from ..errors import EditionError, EditionErrors
from ..ingest import Source
from ..quran import Quran, load_quran
from ..buildcache import BuildCache
from ..workers import in_parallel
from .cache import cached_text, edition_key, keep_text, text_key
from .citations import detect_citations
from .editorial import TextAnnotations, read_annotations
from .episodes import load_episodes
from .model import (AnnotatedChapter, AnnotatedEdition, AnnotatedText, Register, Span)
from .names import find_names
from .quran_quotations import quran_index
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
    episodes = {chapter.id: load_episodes(chapter.episodes, edition.display(chapter.episodes))
                for chapter in edition.chapters}
    edition_part = edition_key(edition)
    done: dict[str, AnnotatedText | EditionError] = {}
    to_annotate: list[tuple[str, TextConfig, str]] = []
    for chapter in edition.chapters:
        for text in chapter.texts:
            key = text_key(edition_part, chapter, text)
            done[text.id] = cached_text(cache, text.id, key)
            if done[text.id] is None:
                to_annotate.append((chapter.id, text, key))
            else:
                advance()

    def annotate_anew(job: tuple[str, TextConfig, str]) -> AnnotatedText | EditionError:
        chapter_id, text, key = job
        try:
            annotated = annotate_text(by_id[text.id], edition, register, episodes[chapter_id],
                                      quran, key)
        except EditionError as error:
            return error
        keep_text(cache, text.id, key, annotated)
        return annotated

    # Each text is annotated on its own: the texts of a large edition share the cores,
    # which inherit the Quran's index when it is built first.
    if to_annotate:
        quran_index(quran)
    for (_, text, _), result in zip(to_annotate,
                                    in_parallel(annotate_anew, to_annotate, advance)):
        done[text.id] = result
    chapters, errors = _chapters(edition, episodes, done)
    if errors:
        raise errors[0] if len(errors) == 1 else EditionErrors(errors)
    cited = sorted({verses for chapter in chapters for text in chapter.texts
                    for verses in cited_ranges(text.spans)},
                   key=lambda r: (r.sura, r.first, r.last))
    return AnnotatedEdition(edition, register, tuple(chapters), build_date,
                            quran, tuple(cited))


def load_quran_index(edition: Edition) -> None:
    """Load the Quran and index it now, once per process, so that the processes forked
    later to annotate start with them rather than building their own."""
    quran_index(load_quran(edition.project_root))


def _chapters(edition: Edition, episodes: dict[str, dict],
              done: dict[str, AnnotatedText | EditionError]
              ) -> tuple[list[AnnotatedChapter], list[EditionError]]:
    """The annotated chapters, and every problem of their texts."""
    chapters, errors = [], []
    for chapter in edition.chapters:
        results = [done[text.id] for text in chapter.texts]
        texts = [result for result in results if isinstance(result, AnnotatedText)]
        errors += [result for result in results if isinstance(result, EditionError)]
        if len(texts) == len(chapter.texts):
            errors += _unnarrated(episodes[chapter.id], texts)
        chapters.append(AnnotatedChapter(chapter, tuple(episodes[chapter.id].values()),
                                         tuple(texts)))
    return chapters, errors


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
