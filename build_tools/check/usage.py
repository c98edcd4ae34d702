"""Which register entries the texts use: named in a text, or pointed at by an annotation."""

from __future__ import annotations

from ..annotate.model import Register, Span
from ..errors import Location
from ..yamlfile import YamlMap, load_yaml

REGISTER_SECTIONS = ("persons", "groups", "places", "works")
# The keys of an annotation that point at register ids (a citation's source may be a work).
_POINTING_KEYS = ("who", "to", "ref", "source")


def ids_named(spans: list[Span], register: Register) -> set[str]:
    """The register ids that name spans point at (``ref="per:abu-bakr"``)."""
    by_pointer = {entry.pointer: entry.id for entry in register.entries.values()}
    return {by_pointer[span.attribute("ref")] for span in spans
            if span.attribute("ref") in by_pointer}


def ids_annotated(data) -> set[str]:
    """Every value of who:, to:, ref: and source: in an annotation file, at any depth."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _POINTING_KEYS:
                found.update(v for v in (value if isinstance(value, list) else [value])
                             if isinstance(v, str))
            else:
                found |= ids_annotated(value)
    elif isinstance(data, list):
        for item in data:
            found |= ids_annotated(item)
    return found


def entry_locations(path, display: str) -> dict[str, Location]:
    """Where each register id is written (the register loaded fine, so it is well formed)."""
    data = load_yaml(path, display)
    locations = {}
    for section in REGISTER_SECTIONS:
        for item in data.get(section) or ():
            if isinstance(item, YamlMap) and "id" in item:
                locations[item["id"]] = item.at("id")
    return locations
