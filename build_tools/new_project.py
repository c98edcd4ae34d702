"""``edition new``: a complete project for a new edition, in any two or more languages.

The project holds what is the editor's and nothing of another edition: ``edition/`` with its
``edition.yml`` (one chapter, a text per language), an empty register, one episode, an
annotation file per text and the schema; ``mkdocs.yml``. The generator supplies the rest at
build time (the site's stylesheet and scripts, the Quran and CLDR data). Once the sources
are put in, ``edition build`` builds.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .errors import EditionError
from .languages import is_known
from .npm import GENERATOR_ROOT

TEMPLATES = Path(__file__).with_name("new_project")
CHAPTER = "chapter-1"
# Shipped with every project: the generic site configuration, the project's TEI
# customisation and the description of the annotation format.
COPIED = (("mkdocs.yml", "mkdocs.yml"),
          ("edition/schema/edition.rng", "edition/schema/edition.rng"),
          ("edition/schema/edition.sch", "edition/schema/edition.sch"),
          ("edition/annotations/README.md", "edition/annotations/README.md"))


@dataclass(frozen=True)
class NewText:
    id: str
    lang: str
    language: str           # its English name, for the comments and placeholder titles


def new_project(folder: Path, languages: list[str]) -> list[Path]:
    """Make the project in ``folder`` (new, or empty); return the files written."""
    languages = _checked_languages(languages)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise EditionError("the folder exists and is not empty; `edition new` writes only "
                           "into a new or empty folder", str(folder))
    texts = [NewText(f"{CHAPTER}-{lang.lower()}", lang, _english_name(lang))
             for lang in languages]
    values = {"name": folder.resolve().name, "languages": languages, "chapter": CHAPTER,
              "texts": texts}
    files = {"edition/edition.yml": _template("edition.yml.j2", values),
             "edition/annotations/register.yml": _data("register.yml"),
             f"edition/annotations/{CHAPTER}/episodes.yml": _data("episodes.yml"),
             ".gitignore": _data("gitignore")}
    for text in texts:
        files[f"edition/annotations/{CHAPTER}/{text.id}.yml"] = _template(
            "text.yml.j2", {"text": text})
    written = []
    for name, content in files.items():
        written.append(_write(folder / name, content))
    for source, target in COPIED:
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(GENERATOR_ROOT / source, folder / target)))
    (folder / "edition" / "sources").mkdir(parents=True, exist_ok=True)
    written.append(_write(folder / "docs" / ".gitkeep", ""))     # MkDocs needs the folder
    return written


def _checked_languages(languages: list[str]) -> list[str]:
    codes = [code.strip() for code in languages if code.strip()]
    unknown = [code for code in codes if not is_known(code)]
    if unknown:
        raise EditionError(f"not language codes that CLDR knows: {', '.join(unknown)}; use "
                           f"BCP 47 codes such as ar, tr, en, fa, de-AT")
    if len(set(codes)) != len(codes) or len(codes) < 2:
        raise EditionError("an edition needs two or more different languages, e.g. "
                           "--languages ar,en")
    return codes


def _english_name(code: str) -> str:
    return Locale.parse(code, sep="-").get_display_name("en") or code


_ENVIRONMENT = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _template(name: str, values: dict) -> str:
    return _ENVIRONMENT.get_template(name).render(**values)


def _data(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
