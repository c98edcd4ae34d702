"""Stage 5, render: the TEI files become the Markdown pages of the site.

This stage reads TEI and nothing else (SPEC §3): any valid TEI in the project's
customisation renders, hand-written TEI too.
"""

from __future__ import annotations

import json
from typing import Callable
from pathlib import Path

from ..buildcache import BuildCache, key_of
from ..workers import in_parallel
from .downloads import downloads
from .edition_view import ChapterView, read_edition
from .pages import PageWriter

KIND = "pages"
SHARED_FILES = ("register.xml", "alignment.xml", "corpus.xml")   # every chapter reads them


def render_pages(tei_folder: Path, ui_language: str, cache: BuildCache | None = None,
                 advance: Callable[[], None] = lambda: None) -> dict[str, bytes | Path]:
    """Every page (path below docs/edition/ → its Markdown as UTF-8) and every TEI
    download (its path → the TEI file it is).

    A chapter whose TEI is byte for byte that of the last build takes its pages from the
    ``cache``; the registers and indexes, drawn from every chapter, are always rendered.
    """
    cache = cache or BuildCache(None)
    writer = PageWriter(read_edition(tei_folder), ui_language)
    # Hashed once: every chapter's key names these files.
    shared = key_of(*[(tei_folder / name).read_bytes() for name in SHARED_FILES
                      if (tei_folder / name).is_file()])

    def pages_of(chapter: ChapterView) -> dict[str, str]:
        return _chapter_pages(writer, chapter, tei_folder, shared, ui_language, cache)

    pages: dict[str, str] = {}
    for chapter_pages in in_parallel(pages_of, writer.view.chapters, advance):
        pages.update(chapter_pages)
    pages.update(writer.edition_pages())
    files: dict[str, bytes | Path] = {name: markdown.encode("utf-8")
                                      for name, markdown in pages.items()}
    files.update(downloads(tei_folder))
    return files


def _chapter_pages(writer: PageWriter, chapter: ChapterView, tei_folder: Path,
                   shared: str, ui_language: str, cache: BuildCache) -> dict[str, str]:
    texts = [(tei_folder / f"{text.id}.xml").read_bytes() for text in chapter.texts]
    key = key_of(ui_language, shared, *texts)
    data = cache.get(KIND, chapter.id, key)
    if data is not None:
        return json.loads(data)
    pages = writer.chapter_pages(chapter)
    cache.put(KIND, chapter.id, key, json.dumps(pages, ensure_ascii=False).encode())
    return pages
