"""Stage 3, tei: the annotated edition written out as TEI P5 files, the pivot of the pipeline.

One file per text, a shared register, an alignment of the synopsis and a teiCorpus that
includes them (and a resolved copy of it), each pointing at the schemas shipped beside it.
"""

from __future__ import annotations

from typing import Callable
from pathlib import Path

from lxml import etree

from ..annotate.model import AnnotatedEdition
from ..buildcache import BuildCache, key_of
from ..teixml import parse, serialise
from .documents import (alignment_document, corpus_document, register_document,
                        text_document)
from .schemas import SCHEMA_DIR, ship_schemas, xml_model_instructions

KIND = "tei"
REGISTER = "register.xml"
ALIGNMENT = "alignment.xml"
CORPUS = "corpus.xml"
RESOLVED_CORPUS = "corpus-resolved.xml"


def write_tei(annotated: AnnotatedEdition, folder: Path, cache: BuildCache | None = None,
              advance: Callable[[], None] = lambda: None) -> list[Path]:
    """Write every TEI file of the edition into ``folder``; return their paths.

    A text whose annotation and build date are those of the last build is written from
    the ``cache`` instead of being encoded again.
    """
    cache = cache or BuildCache(None)
    documents: dict[str, etree._Element] = {
        REGISTER: register_document(annotated),
        ALIGNMENT: alignment_document(annotated),
    }
    written = []
    for chapter in annotated.chapters:
        for text in chapter.texts:
            key = key_of(text.key, annotated.build_date) if text.key else ""
            data = cache.get(KIND, text.id, key) if key else None
            if data is None:
                data = _serialised(text_document(annotated, chapter, text))
                if key:
                    cache.put(KIND, text.id, key, data)
            path = folder / f"{text.id}.xml"
            path.write_bytes(data)
            written.append(path)
            advance()
    documents[CORPUS] = corpus_document(annotated, [REGISTER, ALIGNMENT,
                                                    *(p.name for p in written)])
    written += [_write(folder / name, root) for name, root in documents.items()]
    written.append(_write_resolved(folder))
    ship_schemas(folder / SCHEMA_DIR, annotated.edition.root, annotated.quran)
    return written


def _write(path: Path, root: etree._Element) -> Path:
    path.write_bytes(_serialised(root))
    return path


def _serialised(root: etree._Element) -> bytes:
    tree = etree.ElementTree(root)
    for instruction in xml_model_instructions():
        root.addprevious(instruction)
    return serialise(tree)


def _write_resolved(folder: Path) -> Path:
    """The corpus with its XIncludes expanded, for tools (such as jing) that don't."""
    tree = parse(folder / CORPUS)
    tree.xinclude()
    path = folder / RESOLVED_CORPUS
    path.write_bytes(serialise(tree))
    return path
