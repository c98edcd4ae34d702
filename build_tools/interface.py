"""The interface languages the site can speak: English (the messages' own language) and every
language with a Babel message catalog in ``build_tools/render/locale``."""

from __future__ import annotations

from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "render" / "locale"
SOURCE_LANGUAGE = "en"        # the msgids are English


def interface_languages() -> tuple[str, ...]:
    """Every code that ``ui_language`` may name, sorted."""
    catalogs = {p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")}
    return tuple(sorted(catalogs | {SOURCE_LANGUAGE}))
