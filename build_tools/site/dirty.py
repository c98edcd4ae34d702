"""Dirty builds made right: MkDocs' ``--dirty`` build renders only the pages whose Markdown is
newer than their HTML, and this module makes the site it leaves the one a full build makes.

What every page shows besides its own text (the navigation, the site's name, the list of
pages and files, the generator's code) is summed up in a key kept with the site: when it
changed, the site folder is emptied first, so that everything is built again. The search
index, which MkDocs' search plugin writes from the pages it rendered alone, is completed
with the previous build's entries for the pages that were not rendered again, in the
site's page order, as a full build writes it.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from ..buildcache import code_fingerprint, key_of
from .search import read_index

KEY_FILE = ".edition-build"                  # in the site folder: what its pages were built for


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave pages with a stale navigation; here it
    does not (a changed navigation empties the site first), and under ``strict`` the
    warning would stop every such build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_WARNING = _DirtyWarning()


def allow_dirty_builds() -> None:
    """Let a dirty build pass under ``strict``: this module keeps it right."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _DIRTY_WARNING not in logger.filters:
        logger.addFilter(_DIRTY_WARNING)


def site_key(config, files) -> str:
    """What every page of a site depends on besides its own Markdown."""
    shown = {
        "nav": config.nav, "site_name": config.site_name,
        "site_description": config.site_description, "language": config.theme["language"],
        "extra": dict(config.extra), "files": sorted(file.src_uri for file in files),
        "extensions": [str(extension) for extension in config.markdown_extensions],
    }
    return key_of(code_fingerprint(), json.dumps(shown, sort_keys=True, default=str))


class DirtyBuild:
    """One dirty build of a site: made a full one when ``key`` is not the key the site
    folder was last built for. Else the pages MkDocs does not render again get the titles
    they had (``restore_titles``: the navigation of the pages it renders shows them), the
    pages it renders are noted (``rendered``), and the search index is completed after
    the search plugin wrote it (``completed_docs``); ``record`` keeps what the next build
    needs."""

    def __init__(self, site_dir: Path, key: str) -> None:
        self.site_dir, self.key = site_dir, key
        self.rendered: set[str] = set()         # the URLs of the pages rendered again
        record = _read_record(site_dir / KEY_FILE)
        self._titles: dict[str, str] = record.get("titles", {})
        self._previous = _entries_by_page(site_dir)
        self.full = record.get("key") != key or self._previous is None
        if self.full:
            _empty(site_dir)
            self._titles, self._previous = {}, {}

    def restore_titles(self, pages) -> None:
        """A page's title comes from its first heading, which MkDocs reads only when it
        renders the page: one it does not render again has the title it had then."""
        for page in pages:
            if not page.file.is_modified() and page.url in self._titles:
                page.title = self._titles[page.url]

    def completed_docs(self, docs: list[dict], page_urls: list[str]) -> list[dict]:
        """The search index's entries (``docs``, as the search plugin wrote them) of every
        page in ``page_urls`` (the site's order): the new entries of the pages rendered
        again, the previous ones of the others."""
        fresh = _last_entries_by_page(docs)
        completed = []
        for url in page_urls:
            source = fresh if url in self.rendered else self._previous
            completed.extend(source.get(url, []))
        return completed

    def record(self, pages) -> None:
        """Keep with the site what it was built for and its pages' titles."""
        titles = {page.url: page.title for page in pages if page.title is not None}
        (self.site_dir / KEY_FILE).write_text(
            json.dumps({"key": self.key, "titles": titles}, ensure_ascii=False,
                       sort_keys=True), encoding="utf-8")


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def _entries_by_page(site_dir: Path) -> dict[str, list[dict]] | None:
    """The site's search index's entries per page, or None where it has no readable one."""
    try:
        docs = read_index(site_dir)["docs"]
    except (OSError, ValueError, KeyError, TypeError):     # None["docs"] is a TypeError
        return None
    return _last_entries_by_page(docs)


def _last_entries_by_page(docs: list[dict]) -> dict[str, list[dict]]:
    """Each page's entries: the last run of consecutive entries of that page. The search
    plugin adds a page's entries one after another as it renders it, after any it kept
    from a build before."""
    pages: dict[str, list[dict]] = {}
    previous = None
    for entry in docs:
        page = _page_of(entry)
        if page != previous:
            pages[page] = []
            previous = page
        pages[page].append(entry)
    return pages


def _empty(folder: Path) -> None:
    if folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
