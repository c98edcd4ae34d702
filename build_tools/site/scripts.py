"""The interface strings of the site's own scripts: the messages they pass to ``gettext()``,
found in them as Babel finds them, and the script that gives their translations to the
browser in each interface language."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from babel.messages.extract import extract

from ..render.i18n import translate
from .assets import STATIC

GETTEXT_TEMPLATE = Path(__file__).parent / "gettext.js"
GETTEXT_SCRIPT = "assets/gettext.js"        # below the docs folder, as the site loads it
KEYWORDS = {"gettext": None}                # gettext(message[, values]): the first argument


@lru_cache(maxsize=1)
def script_messages() -> tuple[str, ...]:
    """Every message the site's scripts pass to ``gettext()``, in order of first use."""
    found: dict[str, None] = {}
    for path in sorted(STATIC.glob("*.js")):
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(
                    "javascript", handle, keywords=KEYWORDS):
                found.setdefault(message)
    return tuple(found)


def gettext_script(lang: str) -> str:
    """The script that gives the site's scripts their messages in ``lang``."""
    messages = {message: translate(lang, message) for message in script_messages()}
    return GETTEXT_TEMPLATE.read_text(encoding="utf-8").replace(
        "__MESSAGES__", json.dumps(messages, ensure_ascii=False, sort_keys=True))


def write_gettext_script(docs_dir: Path, lang: str) -> Path:
    """Write the script in the default interface language (the plugin gives each other
    language's site its own)."""
    script = gettext_script(lang)
    target = docs_dir / GETTEXT_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    return target
