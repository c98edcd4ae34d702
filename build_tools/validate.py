"""Stage 4, validate: the TEI files checked against their schemas, and against the sources
they came from (nothing lost), before anything is published.

The build checks the edition's own grammar and Schematron rules (compiled in milliseconds);
``edition validate`` and the test suite add TEI P5 ``tei_all`` (seconds to compile).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from .errors import EditionError, EditionErrors
from .ingest import Source
from .teixml import parse, tei
from .tei.schemas import PROJECT_GRAMMAR, PROJECT_RULES, SCHEMA_DIR, tei_all_schema

_CORR = tei("corr")


@lru_cache(maxsize=4)
def relaxng(path: Path) -> etree.RelaxNG:
    """A compiled RELAX NG schema (compiled once per process: tei_all takes seconds)."""
    try:
        return etree.RelaxNG(parse(path))
    except etree.RelaxNGParseError as error:
        raise EditionError(f"the schema does not compile: {error}", str(path))


@lru_cache(maxsize=8)
def schematron(path: Path, phase: str | None = None) -> isoschematron.Schematron:
    """Compiled ISO Schematron rules (XSLT 1 query binding), all or one ``phase`` of them."""
    try:
        return isoschematron.Schematron(parse(path), store_report=True, phase=phase)
    except (etree.SchematronParseError, etree.XSLTParseError) as error:
        raise EditionError(f"the rules do not compile: {error}", str(path))


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


_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


# The resolved corpus is checked only for what spans files (edition.sch, phase "edition").
WHOLE_EDITION_PHASE = {"corpus-resolved.xml": "edition"}


def check_rules(files: list[Path], rules: Path) -> list[EditionError]:
    """Every failed Schematron assertion, at the line of the element it is about."""
    problems = []
    for path in files:
        validator = schematron(rules, WHOLE_EDITION_PHASE.get(path.name))
        tree = parse(path)
        try:
            if validator.validate(tree):
                continue
        except etree.XSLTApplyError as error:
            problems.append(EditionError(
                f"the rules look up register.xml, alignment.xml and schema/ beside the file "
                f"and cannot: {error}", str(path)))
            continue
        for failure in validator.validation_report.xpath("//svrl:failed-assert", namespaces=_SVRL):
            text = " ".join("".join(failure.itertext()).split())
            problems.append(EditionError(f"{text} [{rules.name}]", str(path),
                                         _line_of(tree, failure.get("location")), 1))
    return problems


def _line_of(tree: etree._ElementTree, location: str | None) -> int | None:
    try:
        found = tree.xpath(location) if location else []
    except etree.XPathError:
        return None
    node = found[0] if found else None
    if isinstance(node, etree._Element):
        return node.sourceline
    return node.getparent().sourceline if node is not None and hasattr(node, "getparent") \
        else None


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


RESOLVED = "corpus-resolved.xml"


def validate(folder: Path, sources: list[Source], only: list[Path] | None = None) -> None:
    """Validate a folder of TEI (or only the files ``only`` of it) against the edition's
    grammar and rules, and against its sources; raise every problem at once."""
    grammar, rules = folder / SCHEMA_DIR / PROJECT_GRAMMAR, folder / SCHEMA_DIR / PROJECT_RULES
    # The corpus is its members put together: the grammar checks the members; the rules
    # check the resolved corpus too, for what spans files (ids unique across the edition).
    members = sorted(p for p in folder.glob("*.xml") if p.name not in ("corpus.xml", RESOLVED))
    if only is not None:
        members = [p for p in members if p in set(only)]
        sources = [s for s in sources if folder / f"{s.id}.xml" in set(only)]
    resolved = [folder / RESOLVED] if only is None or folder / RESOLVED in set(only) else []
    problems = (validate_files(members, grammar) + check_rules(members + resolved, rules)
                + check_nothing_lost(folder, sources))
    if problems:
        raise problems[0] if len(problems) == 1 else EditionErrors(problems)


def validate_completely(files: list[Path], schema_folder: Path) -> None:
    """What ``edition validate`` runs: grammar, rules and TEI P5 tei_all on any TEI files."""
    grammar = schema_folder / PROJECT_GRAMMAR
    rules = schema_folder / PROJECT_RULES
    problems = (validate_files(files, grammar) + check_rules(files, rules)
                + validate_files(files, tei_all_schema()))
    if problems:
        raise problems[0] if len(problems) == 1 else EditionErrors(problems)
