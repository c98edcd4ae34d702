"""The edition's configuration (``edition/edition.yml``): its texts, chapters, people and licence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError
from .yamlfile import YamlMap, load_yaml

ASCII_ID = re.compile(r"[a-z][a-z0-9-]*\Z")


@dataclass(frozen=True)
class TextConfig:
    """One text of a chapter: its source file, its annotation file and how to describe it."""

    id: str
    lang: str
    source: Path
    annotations: Path
    title: dict[str, str]
    bibl: dict[str, str]


@dataclass(frozen=True)
class Chapter:
    """A pair (or more) of texts that tell the same part of the story, with their episodes."""

    id: str
    title: dict[str, str]
    episodes: Path
    texts: tuple[TextConfig, ...]


@dataclass(frozen=True)
class Edition:
    """Everything ``edition.yml`` says, with paths made absolute."""

    root: Path
    title: dict[str, str]
    subtitle: dict[str, str]
    version: str
    idno: str
    publisher: str
    place: str
    editors: tuple[dict, ...]
    licence: dict
    ui_language: str
    languages: dict[str, dict]
    principles: dict[str, dict[str, str]]
    register: Path
    chapters: tuple[Chapter, ...]
    config_path: Path = field(compare=False)

    @property
    def project_root(self) -> Path:
        return self.root.parent

    @property
    def texts(self) -> tuple[TextConfig, ...]:
        return tuple(text for chapter in self.chapters for text in chapter.texts)

    def display(self, path: Path) -> str:
        """A path as an editor should see it in a message: relative to the project."""
        try:
            return str(path.relative_to(self.project_root))
        except ValueError:
            return str(path)

    def abbreviations(self, lang: str) -> tuple[str, ...]:
        return tuple(self.languages.get(lang, {}).get("abbreviations", ()))


def load_edition(root: Path) -> Edition:
    """Read ``edition.yml`` in ``root`` and check that its ids and files make sense."""
    root = root.resolve()
    config_path = root / "edition.yml"
    display = f"{root.name}/edition.yml"
    if not config_path.is_file():
        raise EditionError("no edition.yml here; is this an edition folder?", display)
    data = load_yaml(config_path, display, remember=True)
    if not isinstance(data, YamlMap):
        raise EditionError("edition.yml must be a mapping", display, 1, 1)
    languages = data.get("languages") or {}
    chapters = tuple(_chapter(item, root, display) for item in data.require("chapters", list))
    _check_unique_ids(chapters)
    for chapter in chapters:
        for text in chapter.texts:
            if text.lang not in languages:
                raise EditionError(f"text '{text.id}' is in '{text.lang}', which is not among "
                                   f"the edition's languages", display)
    return Edition(
        root=root,
        title=dict(data.require("title", dict)),
        subtitle=dict(data.get("subtitle") or {}),
        version=str(data.require("version")),
        idno=str(data.get("idno", root.name)),
        publisher=str(data.require("publisher")),
        place=str(data.get("place", "")),
        editors=tuple(dict(e) for e in data.require("editors", list)),
        licence=dict(data.require("licence", dict)),
        ui_language=str(data.get("ui_language", "en")),
        languages={lang: dict(values or {}) for lang, values in languages.items()},
        principles={k: dict(v) for k, v in (data.get("principles") or {}).items()},
        register=_existing(root, data, "register", display),
        chapters=chapters,
        config_path=config_path,
    )


def _chapter(item: YamlMap, root: Path, display: str) -> Chapter:
    chapter_id = _ascii_id(item, display)
    texts = tuple(_text(t, root, display) for t in item.require("texts", list))
    return Chapter(chapter_id, dict(item.require("title", dict)),
                   _existing(root, item, "episodes", display), texts)


def _text(item: YamlMap, root: Path, display: str) -> TextConfig:
    return TextConfig(
        id=_ascii_id(item, display),
        lang=item.require("lang"),
        source=_existing(root, item, "source", display),
        annotations=_existing(root, item, "annotations", display),
        title=dict(item.require("title", dict)),
        bibl=dict(item.get("bibl") or {}),
    )


def _ascii_id(item: YamlMap, display: str) -> str:
    value = item.require("id")
    if not ASCII_ID.match(value):
        raise item.at("id").error(f"id '{value}' must be lower-case ASCII letters, digits "
                                  f"and hyphens, starting with a letter")
    return value


def _existing(root: Path, item: YamlMap, key: str, display: str) -> Path:
    path = root / item.require(key)
    if not path.is_file():
        raise item.at(key).error(f"file not found: {item[key]}")
    return path


def _check_unique_ids(chapters: tuple[Chapter, ...]) -> None:
    seen: set[str] = set()
    for chapter in chapters:
        for identifier in (chapter.id, *(t.id for t in chapter.texts)):
            if identifier in seen:
                raise EditionError(f"id '{identifier}' is used twice in edition.yml")
            seen.add(identifier)
