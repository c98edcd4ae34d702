"""Stage 3, tei: the annotated edition encoded as TEI P5 files, the pivot of the pipeline.

One file per text, a shared register, an alignment of the synopsis and a teiCorpus that
includes them (and a resolved copy of it), each pointing at the schemas shipped beside it.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from ..annotate.model import AnnotatedChapter, AnnotatedEdition, AnnotatedText
from ..buildcache import BuildCache, key_of
from ..teixml import serialise
from ..workers import in_parallel
from .documents import (alignment_document, corpus_document, register_document,
                        text_document)
from .schemas import SCHEMA_DIR, schema_files, xml_model_instructions

KIND = "tei"
REGISTER = "register.xml"
ALIGNMENT = "alignment.xml"
CORPUS = "corpus.xml"
RESOLVED_CORPUS = "corpus-resolved.xml"


def tei_files(annotated: AnnotatedEdition, cache: BuildCache | None = None,
              advance: Callable[[], None] = lambda: None) -> dict[str, bytes]:
    """Every TEI file of the edition and the schemas beside them: name → bytes.

    A text whose annotation and build date are those of the last build is taken from the
    ``cache`` instead of being encoded again.
    """
    cache = cache or BuildCache(None)
    documents: dict[str, etree._Element] = {
        REGISTER: register_document(annotated),
        ALIGNMENT: alignment_document(annotated),
    }
    files: dict[str, bytes | None] = {}
    to_encode: list[tuple[AnnotatedChapter, AnnotatedText, str]] = []
    for chapter in annotated.chapters:
        for text in chapter.texts:
            key = key_of(text.key, annotated.build_date) if text.key else ""
            files[f"{text.id}.xml"] = cache.get(KIND, text.id, key) if key else None
            if files[f"{text.id}.xml"] is None:
                to_encode.append((chapter, text, key))
            else:
                advance()

    def encode(job: tuple[AnnotatedChapter, AnnotatedText, str]) -> bytes:
        chapter, text, key = job
        data = _serialised(text_document(annotated, chapter, text))
        if key:
            cache.put(KIND, text.id, key, data)
        return data

    for (_, text, _), data in zip(to_encode, in_parallel(encode, to_encode, advance)):
        files[f"{text.id}.xml"] = data
    documents[CORPUS] = corpus_document(annotated, [REGISTER, ALIGNMENT, *files])
    files.update((name, _serialised(root)) for name, root in documents.items())
    files[RESOLVED_CORPUS] = resolved_corpus(files[CORPUS], files)
    files.update((f"{SCHEMA_DIR}/{name}", data) for name, data in
                 schema_files(annotated.edition.root, annotated.quran).items())
    return files


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
