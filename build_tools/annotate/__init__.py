"""Stage 2, annotate: detectors propose, the editor's annotations decide.

For each text, the register's names, the editor's scenes, speech, citations, corrections,
dates and measures become spans over the ingested source, checked to form a TEI tree.
"""

from __future__ import annotations

from ..config import Chapter, Edition, TextConfig
from ..errors import EditionError, EditionErrors
from ..ingest import Source
from ..quran import Quran, load_quran
from .keys import edition_key, text_key
from .citations import detect_citations
from .editorial import TextAnnotations, read_annotations
from .episodes import load_episodes
from .model import (AnnotatedChapter, AnnotatedEdition, AnnotatedText, Episode, Register,
                    Span, TextOutline)
from .names import find_names
from .quran_quotations import quran_index
from .quran_spans import cited_ranges, detected_citation_spans
from .register import load_register
from .structure import assemble


Episodes = dict[str, Episode]       # a chapter's episodes by id, in synopsis order


class Annotator:
    """What annotating any text of an edition reads: the register, the Quran and the
    sources, loaded once, and each chapter's episodes, read when first needed.

    Texts are annotated one at a time (:meth:`text`), by whichever process encodes them;
    the edition is then assembled from their outlines (:meth:`annotated_edition`). What is
    kept between builds is each text's TEI, under the :meth:`key` of its annotation.
    """

    def __init__(self, edition: Edition, sources: list[Source]) -> None:
        self.edition = edition
        self.register = load_register(edition.register, edition.display(edition.register))
        self.quran = load_quran(edition.project_root, edition.languages)
        self._episodes: dict[str, Episodes] = {}
        self._sources = {source.id: source for source in sources}
        self._edition_key = edition_key(edition)

    def key(self, chapter: Chapter, text: TextConfig) -> str:
        """The key naming everything the annotation of ``text`` reads."""
        return text_key(self._edition_key, chapter, text)

    def episodes(self, chapter: Chapter) -> Episodes:
        """The episodes of ``chapter`` (read by the process that annotates its texts)."""
        if chapter.id not in self._episodes:
            self._episodes[chapter.id] = load_episodes(
                chapter.episodes, self.edition.display(chapter.episodes))
        return self._episodes[chapter.id]

    def text(self, chapter: Chapter, text: TextConfig) -> AnnotatedText:
        """``text`` annotated."""
        return annotate_text(self._sources[text.id], self.edition, self.register,
                             self.episodes(chapter), self.quran)

    def annotated_edition(self, build_date: str,
                          episodes: dict[str, Episodes | EditionError],
                          outlines: dict[str, TextOutline | EditionError]) -> AnnotatedEdition:
        """The edition of the chapters' episodes (chapter id → episodes) and the texts'
        outlines (text id → outline), each of them or why it could not be made; every
        problem of every chapter and text is raised together."""
        chapters, errors = _chapters(self.edition, episodes, outlines)
        if errors:
            raise errors[0] if len(errors) == 1 else EditionErrors(errors)
        cited = sorted({verses for chapter in chapters for text in chapter.texts
                        for verses in text.cited},
                       key=lambda r: (r.sura, r.first, r.last))
        return AnnotatedEdition(self.edition, self.register, tuple(chapters), build_date,
                                self.quran, tuple(cited))


def outline(text: AnnotatedText) -> TextOutline:
    """What the shared documents need of ``text`` (see :class:`TextOutline`)."""
    return TextOutline(text.id, text.scenes, frozenset(cited_ranges(text.spans)))


def load_quran_index(edition: Edition) -> None:
    """Load the Quran and index it now, once per process, so that the processes forked
    later to annotate start with them rather than building their own."""
    quran_index(load_quran(edition.project_root, edition.languages))


def _chapters(edition: Edition, episodes: dict[str, Episodes | EditionError],
              done: dict[str, TextOutline | EditionError]
              ) -> tuple[list[AnnotatedChapter], list[EditionError]]:
    """The annotated chapters, and every problem of their episodes and texts."""
    chapters, errors = [], []
    for chapter in edition.chapters:
        if isinstance(episodes[chapter.id], EditionError):
            errors.append(episodes[chapter.id])   # its texts could not be annotated
            continue
        results = [done[text.id] for text in chapter.texts]
        texts = [result for result in results if isinstance(result, TextOutline)]
        errors += [result for result in results if isinstance(result, EditionError)]
        if len(texts) == len(chapter.texts):
            errors += _unnarrated(episodes[chapter.id], texts)
        chapters.append(AnnotatedChapter(chapter, tuple(episodes[chapter.id].values()),
                                         tuple(texts)))
    return chapters, errors


def _unnarrated(episodes: dict, texts: list[TextOutline]) -> list[EditionError]:
    """Every episode must be told by some text: a synopsis row no text fills is a slip."""
    told = {scene.episode for text in texts for scene in text.scenes}
    return [episode.origin.error(f"no text narrates the episode '{episode.id}'; give it a "
                                 f"scene or remove it")
            for episode in episodes.values() if episode.id not in told]


def annotate_text(source: Source, edition: Edition, register: Register,
                  episodes, quran: Quran) -> AnnotatedText:
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
    return assemble(source, decisions.scenes, [*decisions.spans, *names, *citations])


def _accepted(detected: list[Span], decisions: TextAnnotations) -> list[Span]:
    """The detections the editor did not reject (a rejection covers what lies inside it)."""
    rejected = decisions.rejected_names
    return [span for span in detected
            if not any(r.start <= span.start and span.end <= r.end for r in rejected)]
