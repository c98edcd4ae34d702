"""The Quran as data: suras and verses in Arabic and Turkish, read from the pinned npm package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import EditionError
from .npm import node_modules

PACKAGE = "quran-json"
PACKAGE_VERSION = "3.1.2"
PACKAGE_DIR = Path("node_modules") / PACKAGE
DATA_FILE = PACKAGE_DIR / "dist" / "quran_tr.json"


@dataclass(frozen=True)
class Provenance:
    """Where a data set comes from and on what terms, as the About page and TEI header name it."""

    name: str
    version: str
    url: str
    licence: str
    licence_url: str
    arabic_source: str
    translation_source: str
    translation_terms: str


# From node_modules/quran-json: LICENSE.txt and the README say CC BY-SA 4.0 (package.json
# says "CC-BY-4.0"; the licence text shipped wins). The README names the sources below.
PROVENANCE = Provenance(
    name=PACKAGE,
    version=PACKAGE_VERSION,
    url="https://github.com/risan/quran-json",
    licence="CC BY-SA 4.0",
    licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
    arabic_source="Uthmani text of The Noble Qur'an Encyclopedia (https://quranenc.com)",
    translation_source="Türkiye Diyanet İşleri Başkanlığı, Kur'an-ı Kerim Meali, "
                       "via Tanzil (https://tanzil.net/trans/tr.diyanet)",
    translation_terms="non-commercial use only (Tanzil's terms for its translations); other "
                      "uses need the permission of the translator or publisher",
)


@dataclass(frozen=True)
class Verse:
    """One verse (ayah): its Uthmani Arabic text and the Diyanet Turkish translation."""

    sura: int
    number: int
    text_ar: str
    text_tr: str


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


def load_quran(project_root: Path) -> Quran:
    """Read the Quran from ``node_modules/quran-json`` under ``project_root`` (cached).

    Raises EditionError, telling the editor to run ``npm ci``, when the package is missing or
    is not the pinned version.
    """
    return _load(Path(project_root).resolve())


@lru_cache(maxsize=8)
def _load(project_root: Path) -> Quran:
    root = node_modules(project_root).parent
    _check_package(root)
    data_file = root / DATA_FILE
    try:
        chapters = json.loads(data_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EditionError(f"cannot read the Quran data ({error}); run `npm ci` to reinstall "
                           f"{PACKAGE}@{PACKAGE_VERSION}", data_file) from None
    return Quran(tuple(_sura(chapter) for chapter in chapters))


def _check_package(root: Path) -> None:
    manifest = root / PACKAGE_DIR / "package.json"
    if not manifest.is_file():
        raise EditionError(f"the Quran data package {PACKAGE} is not installed; run `npm ci` "
                           f"in {root}", manifest)
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != PACKAGE_VERSION:
        raise EditionError(f"{PACKAGE} {version} is installed but the edition is pinned to "
                           f"{PACKAGE_VERSION}; run `npm ci`", manifest)


def _sura(chapter: dict) -> Sura:
    number = chapter["id"]
    # The package pads some verses with runs of spaces; a verse is one line of words.
    verses = tuple(Verse(number, v["id"], " ".join(v["text"].split()),
                         " ".join(v["translation"].split()))
                   for v in chapter["verses"])
    if [v.number for v in verses] != list(range(1, len(verses) + 1)) \
            or len(verses) != chapter["total_verses"]:
        raise EditionError(f"the Quran data of sura {number} is not numbered 1..n; "
                           f"run `npm ci` to reinstall {PACKAGE}")
    return Sura(number, chapter["name"], chapter["translation"], chapter["transliteration"],
                verses)
