"""The edition's configuration (``edition/edition.yml``): its texts, chapters, people and licence.

Every mistake in the file is told in one run, each at its own line and column: the editor
fixes them all at once instead of one per build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError, EditionErrors, Location
from .interface import SOURCE_LANGUAGE, interface_languages
from .languages import is_known, language
from .yamlfile import YamlMap, load_yaml

ASCII_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
# The shape of a BCP 47 language tag (en, tr, ar-Latn), for the languages of editorial texts.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
MAX_ID_LENGTH = 64          # ids name files and URLs; a file name has room for ~255 bytes
# The editorial principles the TEI header can hold (editorialDecl's children).
PRINCIPLES = ("normalization", "segmentation", "interpretation")
EDITION_KEYS = ("title", "subtitle", "version", "idno", "publisher", "place", "editors",
                "licence", "ui_language", "interface_languages", "languages", "principles",
                "register", "chapters", "introduction")
CHAPTER_KEYS = ("id", "title", "episodes", "texts")
TEXT_KEYS = ("id", "lang", "source", "annotations", "title", "bibl")
LANGUAGE_KEYS = ("abbreviations", "quran_translation")


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
    # The languages a reader may switch the site's interface to, ui_language (the site's
    # root) first.
    interface_languages: tuple[str, ...]
    principles: dict[str, dict[str, str]]
    register: Path
    chapters: tuple[Chapter, ...]
    config_path: Path = field(compare=False)
    introduction: dict[str, Path] = field(default_factory=dict)

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
        """The words whose full stop ends no sentence: the language's and the edition's."""
        own = tuple(self.languages.get(lang, {}).get("abbreviations", ()))
        return tuple(dict.fromkeys((*language(lang).abbreviations, *own)))

    def title_in(self, lang: str) -> str:
        """The edition's title in ``lang``, or in English, or in its first language."""
        return _in(self.title, lang)

    def subtitle_in(self, lang: str) -> str:
        return _in(self.subtitle, lang)


def _in(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def load_edition(root: Path) -> Edition:
    """Read ``edition.yml`` in ``root`` and check that its ids and files make sense.

    Every problem found is reported at once (:class:`EditionErrors`).
    """
    root = root.resolve()
    config_path = root / "edition.yml"
    display = f"{root.name}/edition.yml"
    if not config_path.is_file():
        raise EditionError("no edition.yml here; is this an edition folder?", display)
    data = load_yaml(config_path, display, remember=True)
    if not isinstance(data, YamlMap) or not data:
        raise EditionError("edition.yml must be a mapping of the edition's title, languages, "
                           "chapters …; see `edition new`", display, 1, 1)
    reader = _Reader(root, display)
    edition = reader.edition(data, config_path)
    if reader.errors:
        raise EditionErrors(reader.errors) if len(reader.errors) > 1 else reader.errors[0]
    return edition


class _Reader:
    """Reads the values of ``edition.yml``, collecting every mistake instead of stopping."""

    def __init__(self, root: Path, display: str):
        self.root, self.display = root, display
        self.errors: list[EditionError] = []
        self.id_locations: dict[str, list[Location]] = {}    # every place an id is given

    def fail(self, location: Location, message: str) -> None:
        self.errors.append(location.error(message))

    # --- the whole file -------------------------------------------------------------------

    def edition(self, data: YamlMap, config_path: Path) -> Edition:
        self.unknown_keys(data, EDITION_KEYS, "edition.yml")
        languages = self.languages(data)
        ui_language = self.ui_language(data)
        interface = self.interface_languages(data, ui_language, languages)
        chapters = self.chapters(data, languages)
        self.unique_ids()
        return Edition(
            root=self.root,
            title=self.per_language(data, "title", required=True),
            subtitle=self.per_language(data, "subtitle"),
            version=self.text(data, "version", required=True, scalar=True),
            idno=self.text(data, "idno", default=self.root.name),
            publisher=self.text(data, "publisher", required=True),
            place=self.text(data, "place"),
            editors=self.editors(data),
            licence=self.licence(data),
            ui_language=ui_language,
            languages={lang: dict(values) for lang, values in languages.items()},
            interface_languages=interface,
            principles=self.principles(data),
            register=self.file(data, "register"),
            chapters=tuple(c for c in chapters if c is not None),
            config_path=config_path,
            introduction=self.introduction(data),
        )

    def unknown_keys(self, mapping: YamlMap, known: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in known:
                self.fail(mapping.key_at(key), f"unknown key '{key}' in {where}; expected one of {', '.join(known)}")

    # --- values ---------------------------------------------------------------------------

    def value(self, mapping: YamlMap, key: str, kind: type | tuple, required: bool,
              what: str) -> Any:
        if key not in mapping or mapping[key] is None:
            if required:
                self.fail(mapping.location, f"missing key '{key}'")
            return None
        value = mapping[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            self.fail(mapping.at(key), f"'{key}' must be {what}")
            return None
        return value

    def text(self, mapping: YamlMap, key: str, required: bool = False, default: str = "",
             scalar: bool = False) -> str:
        kinds = (str, int, float) if scalar else str
        value = self.value(mapping, key, kinds, required,
                           "a text" + (" (quote it, e.g. \"1.0\")" if scalar else ""))
        return default if value is None else str(value)

    def per_language(self, mapping: YamlMap, key: str, required: bool = False) -> dict:
        """A mapping of language codes to texts (a title in each language)."""
        value = self.value(mapping, key, dict, required,
                           "a mapping of language codes to texts, e.g. {en: …, ar: …}")
        if value is None:
            return {}
        result = {}
        for lang, text in value.items():
            if not self.language_code(lang, value.key_at(lang)):
                continue
            if not isinstance(text, str) or not text.strip():
                self.fail(value.at(lang), f"{key} in '{lang}' must be a text")
                continue
            result[str(lang)] = str(text)
        if required and not result and value:
            self.fail(mapping.at(key), f"'{key}' needs a text in at least one language")
        return result

    def language_code(self, code: Any, location: Location) -> bool:
        if not isinstance(code, str) or not is_known(code):
            self.fail(location, f"'{code}' is not a language code that CLDR knows; use a "
                                f"BCP 47 code such as ar, tr, en, fa, de-AT")
            return False
        return True

    def file(self, mapping: YamlMap, key: str) -> Path:
        """A file named relative to the edition folder: it must exist and lie inside it."""
        name = self.value(mapping, key, str, True, "a file name relative to the edition folder")
        if name is None:
            return self.root / "-"
        path = self.root / name
        try:
            path.resolve().relative_to(self.root)
        except ValueError:
            self.fail(mapping.at(key), f"{key} '{name}' lies outside the edition folder; "
                                       f"every file the edition reads must be inside it")
            return self.root / "-"
        if not path.is_file():
            self.fail(mapping.at(key), f"file not found: {name}")
        return path

    def ident(self, mapping: YamlMap) -> str | None:
        value = self.value(mapping, "id", str, True, "a text")
        if value is None:
            return None
        if not ASCII_ID.match(value):
            self.fail(mapping.at("id"), f"id '{value}' must be lower-case ASCII letters, "
                                        f"digits and hyphens, starting with a letter")
        elif len(value) > MAX_ID_LENGTH:
            self.fail(mapping.at("id"), f"id '{value[:20]}…' is {len(value)} characters long; "
                                        f"at most {MAX_ID_LENGTH}")
        else:
            self.id_locations.setdefault(value, []).append(mapping.at("id"))
            return value
        return None

    # --- sections -------------------------------------------------------------------------

    def languages(self, data: YamlMap) -> dict[str, dict]:
        value = self.value(data, "languages", dict, True,
                           "a mapping of the texts' language codes, e.g. {ar: {}, en: {}}")
        result: dict[str, dict] = {}
        for lang, settings in (value or {}).items():
            location = value.key_at(lang)
            if not self.language_code(lang, location):
                continue
            if settings is not None and not isinstance(settings, dict):
                self.fail(location, f"the settings of '{lang}' must be a mapping, e.g. "
                                    f"{{abbreviations: [...]}}, or {{}}")
                continue
            settings = settings or YamlMap()
            if isinstance(settings, YamlMap) and settings:
                self.unknown_keys(settings, LANGUAGE_KEYS, f"the settings of '{lang}'")
            abbreviations = settings.get("abbreviations") or []
            if not isinstance(abbreviations, list) or \
                    not all(isinstance(a, str) for a in abbreviations):
                self.fail(settings.at("abbreviations"),
                          "abbreviations must be a list of texts, e.g. [\"Hz.\", \"vb.\"]")
                settings = {}
            result[str(lang)] = settings
        return result

    def ui_language(self, data: YamlMap) -> str:
        ui = self.text(data, "ui_language", default="en")
        available = interface_languages()
        if ui not in available:
            self.fail(data.at("ui_language"),
                      f"there is no interface catalog for ui_language '{ui}'; available: "
                      f"{', '.join(available)} (a catalog is build_tools/render/locale/"
                      f"<code>/LC_MESSAGES/messages.po)")
            return "en"
        return ui

    def interface_languages(self, data: YamlMap, ui_language: str,
                            languages: dict) -> tuple[str, ...]:
        """The interface languages edition.yml names, or by default those of the texts that
        have a catalog, and English; ui_language always, and first."""
        available = interface_languages()
        if "interface_languages" not in data:
            chosen = [lang for lang in languages if lang in available] + [SOURCE_LANGUAGE]
            return tuple(dict.fromkeys([ui_language, *chosen]))
        codes = self.value(data, "interface_languages", list, False,
                           "a list of language codes, e.g. [en, ar]") or []
        chosen = []
        for code in codes:
            if str(code) in available:
                chosen.append(str(code))
            else:
                self.fail(getattr(code, "location", codes.location),
                          f"there is no interface catalog for '{code}'; available: "
                          f"{', '.join(available)}")
        return tuple(dict.fromkeys([ui_language, *chosen]))

    def editors(self, data: YamlMap) -> tuple[dict, ...]:
        editors = self.value(data, "editors", list, True, "a list of {name: …, role: …}")
        result = []
        for editor in editors or ():
            if not isinstance(editor, YamlMap) or not isinstance(editor.get("name"), str):
                self.fail(getattr(editor, "location", editors.location),
                          "an editor must be a mapping with a name: (and a role: per language)")
                continue
            role = editor.get("role") or {}
            if not isinstance(role, dict):
                self.fail(editor.at("role"), "role must map language codes to texts")
                role = {}
            result.append({"name": str(editor["name"]),
                           "role": {str(k): str(v) for k, v in role.items()}})
        return tuple(result)

    def licence(self, data: YamlMap) -> dict:
        licence = self.value(data, "licence", dict, True, "a mapping with name: and url:")
        if licence is None:
            return {"name": "", "url": ""}
        result = {"name": self.text(licence, "name", required=True),
                  "url": self.text(licence, "url", required=True)}
        if "note" in licence:
            result["note"] = self.per_language(licence, "note")
        return result

    def principles(self, data: YamlMap) -> dict[str, dict[str, str]]:
        value = self.value(data, "principles", dict, False,
                           f"a mapping of {', '.join(PRINCIPLES)} to texts per language")
        result = {}
        for name in value or {}:
            if name not in PRINCIPLES:
                self.fail(value.key_at(name), f"unknown principle '{name}'; the TEI header has "
                                          f"room for {', '.join(PRINCIPLES)}")
                continue
            result[name] = self.per_language(value, name)
        return result

    def introduction(self, data: YamlMap) -> dict[str, Path]:
        """The home page's introduction: a plain-text file per language."""
        value = self.value(data, "introduction", dict, False,
                           "a mapping of language codes to files, e.g. {en: introduction.en.txt}")
        files = {}
        for lang in value or {}:
            if self.language_code(lang, value.key_at(lang)):
                files[str(lang)] = self.file(value, lang)
        return files

    def chapters(self, data: YamlMap, languages: dict) -> list[Chapter | None]:
        items = self.value(data, "chapters", list, True, "a list of chapters")
        if items is not None and not items:
            self.fail(data.at("chapters"), "the edition needs at least one chapter")
        return [self.chapter(item, languages, items) for item in items or ()]

    def chapter(self, item: Any, languages: dict, parent) -> Chapter | None:
        if not isinstance(item, YamlMap):
            self.fail(getattr(item, "location", parent.location),
                      "a chapter must be a mapping with id:, title:, episodes: and texts:")
            return None
        self.unknown_keys(item, CHAPTER_KEYS, "a chapter")
        chapter_id = self.ident(item)
        title = self.per_language(item, "title", required=True)
        episodes = self.file(item, "episodes")
        texts_list = self.value(item, "texts", list, True, "a list of texts")
        if texts_list is not None and not texts_list:
            self.fail(item.at("texts"), "a chapter needs at least one text")
        texts = [self.text_config(t, languages, texts_list) for t in texts_list or ()]
        if chapter_id is None or None in texts:
            return None
        return Chapter(chapter_id, title, episodes, tuple(texts))

    def text_config(self, item: Any, languages: dict, parent) -> TextConfig | None:
        if not isinstance(item, YamlMap):
            self.fail(getattr(item, "location", parent.location),
                      "a text must be a mapping with id:, lang:, source:, annotations:, title:")
            return None
        self.unknown_keys(item, TEXT_KEYS, "a text")
        text_id = self.ident(item)
        lang = self.text(item, "lang", required=True)
        if lang and lang not in languages:
            self.fail(item.at("lang"), f"text '{text_id}' is in '{lang}', which is not among "
                                       f"the edition's languages ({', '.join(languages)})")
        text = TextConfig(id=text_id or "", lang=lang, source=self.file(item, "source"),
                          annotations=self.file(item, "annotations"),
                          title=self.per_language(item, "title", required=True),
                          bibl=self.per_language(item, "bibl"))
        return text if text_id else None

    def unique_ids(self) -> None:
        """Chapter and text ids name files and pages: each is given once."""
        for identifier, locations in self.id_locations.items():
            for location in locations[1:]:
                self.fail(location, f"id '{identifier}' is used twice in edition.yml (first "
                                    f"at line {locations[0].line})")
