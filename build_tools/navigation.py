"""The site's navigation, made from the edition when ``mkdocs.yml`` gives none: a section
per chapter (its synopsis and texts), the registers, and About.

Pages not in it (a page per person or group) are reached from the register's indexes.
MkDocs and Material take a title in the nav for HTML, so every title from the edition is
escaped here: an editor's "<" is a character to show, never markup.
"""

from __future__ import annotations

from html import escape

from .config import Edition
from .render.i18n import translate

PAGES = "edition"          # the generated pages' folder below docs/
REGISTERS = ("persons", "groups", "places", "quran", "speeches")


def edition_nav(edition: Edition, ui: str | None = None) -> list:
    """A MkDocs ``nav`` for the edition, titled in an interface language (by default, the
    edition's)."""
    ui = ui or edition.ui_language
    nav: list = [{_html(edition.title_in(ui)): "index.md"}]     # generated, or written by hand
    # The chapters are one section whose chapters fold: with navigation.sections and
    # navigation.prune, a page then carries the links of its own chapter only, and the
    # site grows linearly with the chapters.
    chapters = [{_html(_title(chapter.title, ui)): [
        f"{PAGES}/{chapter.id}/synopsis.md",
        *(f"{PAGES}/{chapter.id}/{text.id}.md" for text in chapter.texts)]}
        for chapter in edition.chapters]
    nav.append({translate(ui, "Chapters"): chapters})
    nav.append({translate(ui, "Registers"): [f"{PAGES}/register/{name}.md"
                                             for name in REGISTERS]})
    nav.append(f"{PAGES}/about.md")
    return nav


def _html(text: str) -> str:
    return escape(text, quote=False)


def _title(titles: dict[str, str], ui: str) -> str:
    return titles.get(ui) or titles.get("en") or next(iter(titles.values()), "")
