"""Stage 5, render: the TEI files become the Markdown pages of the site.

This stage reads TEI and nothing else (SPEC §3): any valid TEI in the project's
customisation renders, hand-written TEI too.
"""

from __future__ import annotations

from pathlib import Path

from .downloads import copy_downloads
from .edition_view import read_edition
from .pages import PageWriter


def render_pages(tei_folder: Path, pages_folder: Path, ui_language: str) -> list[Path]:
    """Write every page (and the TEI downloads) into ``pages_folder``; return the pages."""
    view = read_edition(tei_folder)
    written = []
    for name, markdown in PageWriter(view, ui_language).all_pages().items():
        path = pages_folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
        written.append(path)
    copy_downloads(tei_folder, pages_folder)
    return written
