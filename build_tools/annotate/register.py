"""The shared register (``register.yml``): persons, groups, places and works of all texts."""

from __future__ import annotations

from pathlib import Path

from ..config import ASCII_ID, LANGUAGE_TAG
from ..errors import EditionError
from ..yamlfile import YamlList, YamlMap, load_yaml
from .model import Register, RegisterEntry

# The register's sections and the kind of entry each holds.
SECTIONS = {"persons": "person", "groups": "group", "places": "place", "works": "work"}
# The keys of an entry; any other is a misspelling, told rather than ignored.
ENTRY_KEYS = ("id", "names", "label", "description", "wikidata", "sex", "role")


def load_register(path: Path, display: str) -> Register:
    """Read the register; duplicated or malformed ids are errors at their line."""
    data = load_yaml(path, display, remember=True)
    if not isinstance(data, YamlMap):
        raise EditionError("the register must be a mapping of persons, groups, places, works",
                           display, 1, 1)
    unknown = set(data) - set(SECTIONS)
    if unknown:
        key = sorted(unknown)[0]
        raise data.at(key).error(f"unknown section '{key}'; expected one of "
                                 f"{', '.join(SECTIONS)}")
    entries: dict[str, RegisterEntry] = {}
    for section, kind in SECTIONS.items():
        items = data.get(section) or YamlList()
        if not isinstance(items, list):
            raise data.at(section).error(f"'{section}' must be a list")
        for item in items:
            entry = _entry(item, kind, items)
            if entry.id in entries:
                raise item.at("id").error(f"register id '{entry.id}' is defined twice")
            entries[entry.id] = entry
    return Register(entries)


def _entry(item: YamlMap, kind: str, items: YamlList) -> RegisterEntry:
    if not isinstance(item, YamlMap):
        raise getattr(item, "location", items.location).error(
            "a register entry must be a mapping with id: and names:")
    item.refuse_unknown_keys(ENTRY_KEYS, "a register entry")
    identifier = item.require("id")
    if not ASCII_ID.match(identifier):
        raise item.at("id").error(f"id '{identifier}' must be lower-case ASCII letters, "
                                  f"digits and hyphens")
    names = _per_language(item, "names", list)
    for lang, forms in names.items():
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                raise getattr(form, "location", names[lang].location).error(
                    f"each name in '{lang}' must be a text")
    return RegisterEntry(
        id=identifier,
        kind=kind,
        names={lang: tuple(forms) for lang, forms in names.items()},
        label=_per_language(item, "label", str),
        description=_per_language(item, "description", str),
        wikidata=_optional_text(item, "wikidata"),
        sex=_optional_text(item, "sex"),
        role=_optional_text(item, "role"),
    )


def _optional_text(item: YamlMap, key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value.split()) != 1:
        raise item.at(key).error(f"'{key}' must be one word (as Q9458, m, unnamed), "
                                 f"not '{value}'")
    return value


def _per_language(item: YamlMap, key: str, kind: type) -> dict:
    """A mapping of language codes to values of one kind (a text, a list of names)."""
    value = item.get(key) or {}
    if not isinstance(value, dict):
        raise item.at(key).error(f"'{key}' must map language codes to values, e.g. {{en: …}}")
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_TAG.match(lang):
            raise value.key_at(lang).error(f"'{lang}' is not a language code (as en, tr)")
        if not isinstance(text, kind):
            what = "a text" if kind is str else "a list of names"
            raise value.at(lang).error(f"{key} in '{lang}' must be {what}; quote a text "
                                       f"that contains a comma or a colon")
    return dict(value)
