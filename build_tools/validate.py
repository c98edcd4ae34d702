"""Stage 4, validate: the TEI files checked against their schemas, and against the sources
they came from (nothing lost), before anything is published."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import EditionError, EditionErrors
from .ingest import Source
from .teixml import parse, tei
from .tei.schemas import tei_all_schema

_CORR = tei("corr")


@lru_cache(maxsize=4)
def relaxng(path: Path) -> etree.RelaxNG:
    """A compiled RELAX NG schema (compiled once per process: tei_all takes seconds)."""
    try:
        return etree.RelaxNG(parse(path))
    except etree.RelaxNGParseError as error:
        raise EditionError(f"the schema does not compile: {error}", str(path))


def validate_files(files: list[Path], schema: Path) -> list[EditionError]:
    """Every problem of every file against one RELAX NG schema, as ``file:line:col`` errors."""
    validator = relaxng(schema)
    problems = []
    for path in files:
        if not validator.validate(parse(path)):
            problems += [EditionError(f"{entry.message} [{schema.name}]", str(path),
                                      entry.line, entry.column)
                         for entry in validator.error_log]
    return problems


def body_text(tree: etree._ElementTree) -> str:
    """The text of a TEI body as the source had it: corrections read as their ``sic``."""
    body = tree.find(".//" + tei("body"))
    return "".join(_text_without_corrections(body)) if body is not None else ""


def _text_without_corrections(element: etree._Element):
    if element.text:
        yield element.text
    for child in element:
        if child.tag != _CORR:
            yield from _text_without_corrections(child)
        if child.tail:
            yield child.tail


def check_nothing_lost(folder: Path, sources: list[Source]) -> list[EditionError]:
    """Each text's body must equal its normalised source, character for character."""
    problems = []
    for source in sources:
        path = folder / f"{source.id}.xml"
        text = body_text(parse(path))
        if text != source.text:
            offset = _first_difference(text, source.text)
            problems.append(source.error(
                f"the TEI body differs from the source here ({path.name} has "
                f"{text[offset:offset + 20]!r}, the source {source.text[offset:offset + 20]!r})",
                offset))
    return problems


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


def validate(folder: Path, sources: list[Source], only: list[Path] | None = None) -> None:
    """Validate a folder of TEI (or only the files ``only`` of it); raise every problem at once."""
    # The corpus is its members (validated one by one) put together; the test suite
    # validates the resolved copy as a whole.
    files = sorted(p for p in folder.glob("*.xml")
                   if p.name not in ("corpus.xml", "corpus-resolved.xml"))
    if only is not None:
        files = [p for p in files if p in set(only)]
        sources = [s for s in sources if folder / f"{s.id}.xml" in set(only)]
    problems = validate_files(files, tei_all_schema()) + check_nothing_lost(folder, sources)
    if problems:
        raise problems[0] if len(problems) == 1 else EditionErrors(problems)
