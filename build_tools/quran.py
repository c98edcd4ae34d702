"""The Quran as data: suras and verses in Arabic, with the translations of an edition's
languages, read from the pinned npm package as ``quran_data.yml`` describes it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from .errors import EditionError
from .npm import node_modules

DATA_SET = yaml.safe_load((Path(__file__).parent / "quran_data.yml").read_text(encoding="utf-8"))
PACKAGE = DATA_SET["package"]["name"]
PACKAGE_VERSION = DATA_SET["package"]["version"]
PACKAGE_DIR = Path("node_modules") / PACKAGE
DATA_FILE = PACKAGE_DIR / "dist" / "quran.json"             # the Arabic text alone
# The Turkish sura names (Enfâl, Yâsîn) that the reference detector knows, for an edition
# that loads no Turkish translation: the package's short list of suras in Turkish.
SURA_NAMES_TR = PACKAGE_DIR / "dist" / "chapters" / "tr" / "index.json"


@dataclass(frozen=True)
class Provenance:
    """Where a data set comes from and on what terms, as the About page and TEI header name it."""

    name: str
    version: str
    url: str
    licence: str
    licence_url: str
    arabic_source: str


@dataclass(frozen=True)
class Translation:
    """A translation the package ships: its language, who made it, where it comes from,
    and the terms of its source."""

    id: str                         # as its source names it: en.sahih, tr.diyanet …
    lang: str
    file: str                       # under the package's dist/
    translator: str
    title: str | None
    url: str
    source: str                     # Tanzil, QuranEnc …
    terms: str
    terms_url: str

    @property
    def name(self) -> str:
        """``Türkiye Diyanet İşleri Başkanlığı, Kur'an-ı Kerim Meali``: translator and title."""
        return f"{self.translator}, {self.title}" if self.title else self.translator


PROVENANCE = Provenance(**DATA_SET["package"])


def _translations(data: dict) -> dict[str, Translation]:
    terms = data["terms"]
    return {ident: Translation(ident, entry["lang"], entry["file"], entry["translator"],
                               entry.get("title"), entry["url"], terms[entry["source"]]["name"],
                               " ".join(terms[entry["source"]]["terms"].split()),
                               terms[entry["source"]]["url"])
            for ident, entry in data["translations"].items()}


TRANSLATIONS = _translations(DATA_SET)      # by id, in the data file's order
NO_TRANSLATION = "none"                     # what an edition names to have none for a language


@dataclass(frozen=True)
class Verse:
    """One verse (ayah): its Uthmani Arabic text and its translations by language code."""

    sura: int
    number: int
    text_ar: str
    translations: dict[str, str] = field(default_factory=dict, hash=False)

    def translation(self, lang: str) -> str | None:
        """The verse in ``lang``, or None where the loaded data has no translation."""
        return self.translations.get(lang)


@dataclass(frozen=True)
class Sura:
    """One sura: its number, its names in Arabic and Turkish, and its verses."""

    number: int
    name_ar: str
    name_tr: str
    transliteration: str
    verses: tuple[Verse, ...]

    @property
    def verse_count(self) -> int:
        return len(self.verses)


@dataclass(frozen=True)
class VerseRange:
    """Verses ``first`` to ``last`` of one sura, as a citation points at them."""

    sura: int
    first: int
    last: int

    @property
    def pointer(self) -> str:
        """The TEI pointer, ``quran:8:30`` or ``quran:36:1-5``."""
        return f"quran:{self}"

    @classmethod
    def from_pointer(cls, pointer: str) -> "VerseRange":
        """``quran:8:30`` or ``quran:36:1-5`` as a verse range (the form is checked before)."""
        sura, verses = pointer.removeprefix("quran:").split(":")
        first, _, last = verses.partition("-")
        return cls(int(sura), int(first), int(last or first))

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{self.sura}:{self.first}"
        return f"{self.sura}:{self.first}-{self.last}"

    def __contains__(self, verse: tuple[int, int]) -> bool:
        sura, number = verse
        return sura == self.sura and self.first <= number <= self.last


@dataclass(frozen=True, eq=False)   # hashed by identity: detectors cache their indexes per Quran
class Quran:
    """The 114 suras in order; verses are numbered from 1 within each sura."""

    suras: tuple[Sura, ...]
    translations: tuple[Translation, ...] = ()     # those loaded, in the edition's order

    def sura(self, number: int) -> Sura:
        """Sura ``number`` (1-114); a KeyError names an impossible sura."""
        if not 1 <= number <= len(self.suras):
            raise KeyError(f"impossible sura {number}")
        return self.suras[number - 1]

    def verse(self, sura: int, number: int) -> Verse:
        """Verse ``sura:number``; a KeyError names an impossible verse."""
        if not self.is_valid(sura, number):
            raise KeyError(f"impossible verse {sura}:{number}")
        return self.suras[sura - 1].verses[number - 1]

    def verses(self, cited: VerseRange) -> tuple[Verse, ...]:
        """Every verse of a range, in order (for a footnote or the register)."""
        return tuple(self.verse(cited.sura, n) for n in range(cited.first, cited.last + 1))

    def is_valid(self, sura: int, number: int) -> bool:
        """Whether ``sura:number`` exists (115:1 and 2:300 do not)."""
        return 1 <= sura <= len(self.suras) and 1 <= number <= self.suras[sura - 1].verse_count

    def is_valid_range(self, cited: VerseRange) -> bool:
        return (cited.first <= cited.last and self.is_valid(cited.sura, cited.first)
                and self.is_valid(cited.sura, cited.last))

    @property
    def verse_count(self) -> int:
        return sum(s.verse_count for s in self.suras)


def load_quran(project_root: Path,
               languages: Iterable[str] | Mapping[str, Mapping] = ()) -> Quran:
    """Read the Quran from ``node_modules/quran-json`` under ``project_root`` (cached), with
    a translation for each of ``languages`` that the package has one for (see
    :func:`chosen_translations`; Arabic needs none).

    Raises EditionError, telling the editor to run ``npm ci``, when the package is missing or
    is not the pinned version, or naming the setting of a translation the package lacks.
    """
    return _load(Path(project_root).resolve(), chosen_translations(languages))


def chosen_translations(languages: Iterable[str] | Mapping[str, Mapping]) -> tuple[str, ...]:
    """The ids of the translations for ``languages``: language codes, or the edition's
    languages with their settings, where ``quran_translation`` names one of that language's
    translations, or ``none``. Otherwise a language gets the first the data lists for it."""
    settings = languages if isinstance(languages, Mapping) else dict.fromkeys(languages)
    chosen = []
    for lang, values in settings.items():
        offered = [t.id for t in TRANSLATIONS.values() if t.lang == lang]
        named = (values or {}).get("quran_translation")
        if named is None:
            chosen += offered[:1]
        elif named != NO_TRANSLATION:
            if named not in offered:
                message = (f"the Quran data has no translation '{named}' into '{lang}'; it has "
                           f"{', '.join(offered) or 'none'} (or name {NO_TRANSLATION})")
                location = getattr(named, "location", None)
                raise location.error(message) if location else EditionError(message)
            chosen.append(str(named))
    return tuple(dict.fromkeys(chosen))


@lru_cache(maxsize=8)
def _load(project_root: Path, chosen: tuple[str, ...]) -> Quran:
    root = node_modules(project_root).parent
    _check_package(root)
    translations = tuple(TRANSLATIONS[ident] for ident in chosen)
    languages = tuple(t.lang for t in translations)
    # Every translation file holds the Arabic text too: the first one read gives it, and
    # the Arabic-only file is read only when the edition needs no translation.
    files = [_read(root, PACKAGE_DIR / "dist" / t.file) for t in translations] \
        or [_read(root, DATA_FILE)]
    names_tr = (files[languages.index("tr")] if "tr" in languages
                else _read(root, SURA_NAMES_TR))
    if any(len(f) != len(files[0]) for f in files) or len(names_tr) != len(files[0]):
        raise EditionError(f"the Quran data files disagree on the suras; run `npm ci` to "
                           f"reinstall {PACKAGE}@{PACKAGE_VERSION}", root / PACKAGE_DIR)
    return Quran(tuple(_sura(chapters, names_tr[index], languages)
                       for index, chapters in enumerate(zip(*files))), translations)


def _read(root: Path, name: Path) -> list:
    data_file = root / name
    try:
        return json.loads(data_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EditionError(f"cannot read the Quran data ({error}); run `npm ci` to reinstall "
                           f"{PACKAGE}@{PACKAGE_VERSION}", data_file) from None


def _check_package(root: Path) -> None:
    manifest = root / PACKAGE_DIR / "package.json"
    if not manifest.is_file():
        raise EditionError(f"the Quran data package {PACKAGE} is not installed; run `npm ci` "
                           f"in {root}", manifest)
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != PACKAGE_VERSION:
        raise EditionError(f"{PACKAGE} {version} is installed but the edition is pinned to "
                           f"{PACKAGE_VERSION}; run `npm ci`", manifest)


def _sura(chapters: tuple[dict, ...], names_tr: dict, languages: tuple[str, ...]) -> Sura:
    """One sura from the same chapter of each file read (the first gives the Arabic)."""
    chapter = chapters[0]
    number = chapter["id"]
    if any(c["id"] != number or len(c["verses"]) != len(chapter["verses"]) for c in chapters) \
            or names_tr["id"] != number:
        raise EditionError(f"the Quran data files disagree on sura {number}; run `npm ci` to "
                           f"reinstall {PACKAGE}")
    # The package pads some verses with runs of spaces; a verse is one line of words.
    verses = tuple(
        Verse(number, v["id"], " ".join(v["text"].split()),
              {lang: " ".join(c["verses"][index]["translation"].split())
               for lang, c in zip(languages, chapters)})
        for index, v in enumerate(chapter["verses"]))
    if [v.number for v in verses] != list(range(1, len(verses) + 1)) \
            or len(verses) != chapter["total_verses"]:
        raise EditionError(f"the Quran data of sura {number} is not numbered 1..n; "
                           f"run `npm ci` to reinstall {PACKAGE}")
    return Sura(number, chapter["name"], names_tr["translation"], chapter["transliteration"],
                verses)
