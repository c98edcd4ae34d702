"""Stage 5, render: the TEI files become the Markdown pages of the site.

This stage reads TEI and nothing else (SPEC §3): any valid TEI in the project's
customisation renders, hand-written TEI too. It reads the edition a chapter at a time: a
chapter's trees give its own pages and the facts the registers draw on, and are let go.
"""

from __future__ import annotations

import pickle
from typing import Callable
from pathlib import Path

from ..buildcache import BuildCache, key_of
from ..workers import in_parallel
from .downloads import downloads
from .edition_view import ChapterView, EditionView, read_chapter, read_edition
from .facts import TextFacts, text_facts
from .pages import PageWriter

KIND = "pages"
SHARED_FILES = ("register.xml", "alignment.xml", "corpus.xml")   # every chapter reads them


Write = Callable[[dict[str, bytes | Path]], None]


def render_pages(tei_folder: Path, ui_language: str, write: Write,
                 cache: BuildCache | None = None,
                 advance: Callable[[], None] = lambda: None,
                 with_downloads: bool = True) -> None:
    """Make every page, its interface in ``ui_language``, and hand it to ``write`` (path
    below docs/edition/ → its Markdown as UTF-8), with every TEI download (its path → the
    TEI file it is) unless told not to.

    Each chapter's pages are written by the worker that renders them. A chapter whose TEI
    is byte for byte that of the last build takes its pages and facts from the ``cache``;
    the registers and indexes, drawn from every chapter, are always rendered.
    """
    cache = cache or BuildCache(None)
    view = read_edition(tei_folder)
    # Hashed once: every chapter's key names these files.
    shared = key_of(*[(tei_folder / name).read_bytes() for name in SHARED_FILES
                      if (tei_folder / name).is_file()])

    def chapter_work(chapter: ChapterView) -> list[TextFacts]:
        pages, facts = _chapter_pages(view, chapter, shared, ui_language, cache)
        write(pages)
        return facts

    texts: dict[str, TextFacts] = {}
    for facts in in_parallel(chapter_work, view.chapters, advance):
        texts.update((text.id, text) for text in facts)
    write(_encoded(PageWriter(view, ui_language).edition_pages(texts)))
    if with_downloads:
        write(downloads(tei_folder))


def _chapter_pages(view: EditionView, chapter: ChapterView, shared: str, ui_language: str,
                   cache: BuildCache) -> tuple[dict[str, bytes], list[TextFacts]]:
    """One chapter's pages (as UTF-8) and the facts of its texts."""
    documents = {text_id: (view.folder / f"{text_id}.xml").read_bytes()
                 for text_id in chapter.text_ids}
    key = key_of(ui_language, shared, *documents.values())
    name = f"{chapter.id}.{ui_language}"      # one result per interface language
    data = cache.get(KIND, name, key)
    if data is not None:
        try:
            return pickle.loads(data)      # the project's own build folder, written below
        except Exception:                  # written by other code, or cut short
            pass
    chapter_view = read_chapter(view, chapter, documents)
    chapter = next(c for c in chapter_view.chapters if c.id == chapter.id)
    result = (_encoded(PageWriter(chapter_view, ui_language).chapter_pages(chapter)),
              [text_facts(chapter_view, text) for text in chapter.texts])
    cache.put(KIND, name, key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _encoded(pages: dict[str, str]) -> dict[str, bytes]:
    # Pages are staged, and kept in the cache, as UTF-8.
    return {name: markdown.encode("utf-8") for name, markdown in pages.items()}
