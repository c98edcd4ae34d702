"""Stage 6, site: the Markdown pages and the hand-written docs become the static site.

MkDocs with Material does the work; this stage puts the npm assets the site needs offline
(the Amiri font, the search worker shim) into the docs folder and builds into a staging
folder that replaces ``site/`` only when MkDocs finished without a warning.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from ..errors import EditionError
from ..output import staged_directory
from .assets import copy_site_assets, copy_vendor_assets
from .scripts import GETTEXT_SCRIPT, gettext_script, write_gettext_script
from .search import search_languages, write_index_as_utf8, write_search_script

OVERRIDES = Path(__file__).parent / "overrides"     # the generator's overrides of Material

__all__ = ["GETTEXT_SCRIPT", "OVERRIDES", "build_site", "copy_site_assets",
           "copy_vendor_assets", "gettext_script", "search_languages", "write_gettext_script",
           "write_index_as_utf8", "write_search_script"]


def build_site(config_file: Path, site_dir: Path) -> None:
    """Run ``mkdocs build --strict`` for ``config_file`` into ``site_dir``.

    Every MkDocs warning is an error here (broken links and anchors included), reported
    with the warnings' own text.
    """
    # Imported here: MkDocs is heavy, and only this stage needs it.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with staged_directory(site_dir) as staging, _warnings() as warnings:
        try:
            build(load_config(str(config_file), site_dir=str(staging), strict=True))
        except MkDocsException as error:
            details = "".join(f"\n  {warning}" for warning in warnings)
            raise EditionError(f"MkDocs stopped: {error}{details}", config_file.name) from None


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings():
    """The messages MkDocs logs at warning level or above while the block runs."""
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
