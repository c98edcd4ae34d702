"""TEI namespaces, a safe XML parser and deterministic serialisation, shared by the stages
that write and read TEI."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from .errors import EditionError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xi": XI_NS}
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

TEI = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def tei(name: str) -> str:
    """The qualified name of a TEI element, for lxml."""
    return f"{{{TEI_NS}}}{name}"


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs or touches the network (no XXE)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False)


def parse(path: Path, display: str | None = None) -> etree._ElementTree:
    """Parse an XML file safely; a malformed file is an error with its line and column."""
    try:
        return etree.parse(str(path), safe_parser())
    except etree.XMLSyntaxError as error:
        raise _not_well_formed(error, display or str(path)) from None
    except OSError as error:
        raise EditionError(f"cannot read: {error}", display or str(path))


def parse_data(data: bytes, display: str) -> etree._ElementTree:
    """Parse XML held in memory safely, as :func:`parse` parses a file (``display`` names it
    in errors)."""
    try:
        return etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as error:
        raise _not_well_formed(error, display) from None


def _not_well_formed(error: etree.XMLSyntaxError, display: str) -> EditionError:
    line, column = error.position if error.position else (None, None)
    return EditionError(f"not well-formed XML: {error.msg}", display, line, column)


def serialise(tree: etree._ElementTree | etree._Element) -> bytes:
    """UTF-8 bytes with an XML declaration; byte-identical for identical trees."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
