"""Site search: the rules by which it forgives spelling, in Python (for tests and tools) and as
the script the site loads (generated from the same rules); and the index, as small as a
reader's browser can load quickly."""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

RULES = Path(__file__).parent / "search_folding.json"
LUNR_LANGUAGES = Path(__file__).parent / "lunr_languages.yml"
SCRIPT_TEMPLATE = Path(__file__).parent / "search-folding.js"
SCRIPT = Path("assets") / "vendor" / "search-folding.js"      # below the docs folder
INDEX = Path("search") / "search_index.json"                    # below the site folder
OFFLINE_INDEX = Path("search") / "search_index.js"             # the offline plugin's copy


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(RULES.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """``text`` as the search index and the search box see it."""
    removed = set(rules()["remove"])
    mapping = rules()["map"]
    decomposed = unicodedata.normalize("NFD", text)
    kept = (c for c in decomposed
            if not unicodedata.category(c).startswith("M") and c not in removed)
    return "".join(mapping.get(c, c) for c in kept).lower()


def search_languages(languages) -> list[str]:
    """The search languages of a site whose texts are in ``languages`` (BCP 47 codes):
    English, and each text language that the search engine has rules for."""
    supported = set(yaml.safe_load(LUNR_LANGUAGES.read_text(encoding="utf-8")))
    primary = dict.fromkeys(code.split("-")[0] for code in languages)
    return ["en", *(code for code in primary if code in supported and code != "en")]


def write_search_script(docs_dir: Path) -> Path:
    """Write the site's folding script, with the rules filled in."""
    script = SCRIPT_TEMPLATE.read_text(encoding="utf-8").replace(
        "__RULES__", json.dumps({"remove": rules()["remove"], "map": rules()["map"]},
                                ensure_ascii=True))
    target = docs_dir / SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    return target


def read_index(site_dir: Path) -> dict | None:
    """The site's search index as the search plugin wrote it (None where it wrote none)."""
    path = site_dir / INDEX
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_index(site_dir: Path, index: dict) -> None:
    """Write the site's search index, in UTF-8.

    Material writes it with every character outside ASCII escaped: ``\\u0627`` for ``ا``,
    six bytes for a letter UTF-8 writes in two. As UTF-8 the index of an Arabic and Turkish
    edition is half the size, and it is all read from disk before the first result. The
    offline plugin inlines the index into a script for ``file://``; if it has already done
    so, the script is rewritten too."""
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site_dir / INDEX).write_text(text, encoding="utf-8")
    offline = site_dir / OFFLINE_INDEX
    if offline.is_file():
        offline.write_text(f"var __index = {text}", encoding="utf-8")
