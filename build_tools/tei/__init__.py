"""Stage 3, tei: the annotated edition written out as TEI P5 files, the pivot of the pipeline.

One file per text, a shared register, an alignment of the synopsis and a teiCorpus that
includes them (and a resolved copy of it), each pointing at the schemas shipped beside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from ..annotate.model import AnnotatedEdition
from ..teixml import parse, serialise
from .documents import (alignment_document, corpus_document, register_document,
                        text_document)
from .schemas import SCHEMA_DIR, schema_files, xml_model_instructions

CORPUS = "corpus.xml"
RESOLVED_CORPUS = "corpus-resolved.xml"


def write_tei(annotated: AnnotatedEdition, folder: Path) -> list[Path]:
    """Write every TEI file of the edition into ``folder``; return their paths."""
    documents: dict[str, etree._Element] = {
        "register.xml": register_document(annotated),
        "alignment.xml": alignment_document(annotated),
    }
    for chapter in annotated.chapters:
        for text in chapter.texts:
            documents[f"{text.id}.xml"] = text_document(annotated, chapter, text)
    documents[CORPUS] = corpus_document(annotated, list(documents))
    written = [_write(folder / name, root) for name, root in documents.items()]
    written.append(_write_resolved(folder))
    _ship_schemas(folder / SCHEMA_DIR)
    return written


def _write(path: Path, root: etree._Element) -> Path:
    tree = etree.ElementTree(root)
    for instruction in xml_model_instructions():
        root.addprevious(instruction)
    path.write_bytes(serialise(tree))
    return path


def _write_resolved(folder: Path) -> Path:
    """The corpus with its XIncludes expanded, for tools (such as jing) that don't."""
    tree = parse(folder / CORPUS)
    tree.xinclude()
    path = folder / RESOLVED_CORPUS
    path.write_bytes(serialise(tree))
    return path


def _ship_schemas(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for source in schema_files():
        shutil.copyfile(source, target / source.name)
