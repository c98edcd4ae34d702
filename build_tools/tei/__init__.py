"""Stage 3, tei: the annotated edition encoded as TEI P5 files, the pivot of the pipeline.

One file per text, a shared register, an alignment of the synopsis and a teiCorpus that
includes them (and a resolved copy of it), each pointing at the schemas shipped beside it.
"""

from __future__ import annotations

import pickle
import re
from typing import Callable

from lxml import etree

from ..annotate import Annotator, Episodes, outline
from ..annotate.model import TextOutline
from ..buildcache import BuildCache, key_of
from ..config import Chapter, TextConfig
from ..errors import EditionError
from ..teixml import serialise
from ..workers import ITEMS_PER_WORKER, in_parallel
from .documents import (alignment_document, corpus_document, register_document,
                        text_document)
from .schemas import SCHEMA_DIR, schema_files, xml_model_instructions

KIND = "tei"
REGISTER = "register.xml"
ALIGNMENT = "alignment.xml"
CORPUS = "corpus.xml"
RESOLVED_CORPUS = "corpus-resolved.xml"


Write = Callable[[dict[str, bytes]], None]


def write_tei(annotator: Annotator, build_date: str, write: Write,
              cache: BuildCache | None = None,
              advance: Callable[[], None] = lambda: None) -> None:
    """Make every TEI file of the edition and the schemas beside them, and hand them to
    ``write`` (name → bytes), a few at a time; ``advance`` is called for each chapter.

    A chapter's texts are annotated, encoded and written in one go, on whichever core is
    free; only its episodes and its texts' outlines and files come back, so the spans of
    the whole edition are never held at once. A text whose inputs and build date are those
    of the last build is taken from the ``cache`` instead. (Its annotation is not kept
    apart: the build date changes at most once a day, so it would spare a part of one
    build a day, at the cost of every build that annotates.)
    """
    cache = cache or BuildCache(None)
    edition = annotator.edition
    outlines: dict[str, TextOutline | EditionError] = {}
    files: dict[str, bytes | None] = {}
    # Per chapter, each text to encode with the key of its TEI.
    jobs: list[tuple[Chapter, list[tuple[TextConfig, str]]]] = []
    for chapter in edition.chapters:
        to_encode = []
        for text in chapter.texts:
            tei_key = key_of(annotator.key(chapter, text), build_date)
            files[f"{text.id}.xml"] = None          # the corpus lists texts in this order
            cached = _cached(cache, text.id, tei_key)
            if cached is None:
                to_encode.append((text, tei_key))
            else:
                outlines[text.id], files[f"{text.id}.xml"] = cached
        if to_encode:
            jobs.append((chapter, to_encode))
    write({name: data for name, data in files.items() if data is not None})

    def encode(chapter: Chapter, text: TextConfig, tei_key: str
               ) -> tuple[TextOutline, bytes] | EditionError:
        try:
            annotated = annotator.text(chapter, text)
        except EditionError as error:
            return error
        encoded = (outline(annotated),
                   _serialised(text_document(edition, build_date, chapter.id, annotated)))
        write({f"{text.id}.xml": encoded[1]})
        cache.put(KIND, text.id, tei_key, pickle.dumps(encoded, protocol=pickle.HIGHEST_PROTOCOL))
        return encoded

    def encode_chapter(job: tuple[Chapter, list[tuple[TextConfig, str]]]) -> tuple:
        chapter, to_encode = job
        episodes = _episodes_or_error(annotator, chapter)
        if isinstance(episodes, EditionError):
            return episodes, []
        return episodes, [encode(chapter, *text) for text in to_encode]

    episodes: dict[str, Episodes | EditionError] = {}
    texts = sum(len(to_encode) for _, to_encode in jobs)
    # A worker pays when it has ITEMS_PER_WORKER texts to do, however they fall in chapters.
    chapters_per_worker = -(-ITEMS_PER_WORKER * len(jobs) // texts) if texts else 1
    for (chapter, to_encode), (chapter_episodes, results) in zip(
            jobs, in_parallel(encode_chapter, jobs, advance, chapters_per_worker)):
        episodes[chapter.id] = chapter_episodes
        for (text, _), result in zip(to_encode, results):
            if isinstance(result, EditionError):
                outlines[text.id] = result
            else:
                outlines[text.id], files[f"{text.id}.xml"] = result
    for chapter in edition.chapters:
        if chapter.id not in episodes:              # every text of it was cached
            episodes[chapter.id] = _episodes_or_error(annotator, chapter)
            advance()
    annotated = annotator.annotated_edition(build_date, episodes, outlines)
    documents = {REGISTER: register_document(annotated),
                 ALIGNMENT: alignment_document(annotated)}
    documents[CORPUS] = corpus_document(annotated, [*documents, *files])
    shared = {name: _serialised(root) for name, root in documents.items()}
    shared[RESOLVED_CORPUS] = resolved_corpus(shared[CORPUS], {**files, **shared})
    shared.update((f"{SCHEMA_DIR}/{name}", data) for name, data in
                  schema_files(edition.root, annotated.quran).items())
    write(shared)


def _episodes_or_error(annotator: Annotator, chapter: Chapter) -> Episodes | EditionError:
    try:
        return annotator.episodes(chapter)
    except EditionError as error:
        return error


def _cached(cache: BuildCache, text_id: str, key: str) -> tuple[TextOutline, bytes] | None:
    data = cache.get(KIND, text_id, key)
    if data is None:
        return None
    try:
        return pickle.loads(data)    # the project's own build folder, written above
    except Exception:                # written by other code, or cut short: encode afresh
        return None


def _serialised(root: etree._Element) -> bytes:
    tree = etree.ElementTree(root)
    for instruction in xml_model_instructions():
        root.addprevious(instruction)
    return serialise(tree)


_INCLUDE = re.compile(rb'<xi:include href="([^"]+)"/>')


def resolved_corpus(corpus: bytes, members: dict[str, bytes]) -> bytes:
    """The corpus with each XInclude replaced by its member's root element, as an XInclude
    processor makes it (for tools, such as jing, that don't include), spliced from the bytes
    just serialised: the edition is not parsed again to be written twice."""
    def member_root(include: re.Match) -> bytes:
        data = members[include.group(1).decode()]
        return data[data.index(b"<TEI"):].rstrip(b"\n")     # after its declaration and PIs
    return _INCLUDE.sub(member_root, corpus)
