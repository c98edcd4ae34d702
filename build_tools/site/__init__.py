"""Stage 6, site: the Markdown pages and the hand-written docs become the static site.

MkDocs with Material does the work; this stage puts the npm assets the site needs offline
(the Amiri font, the search worker shim) into the docs folder and builds into a staging
folder that replaces ``site/`` only when MkDocs finished without a warning.
"""

from __future__ import annotations

import logging
import shutil
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import EditionError
from ..output import staged_directory
from .assets import copy_site_assets, copy_vendor_assets
from .dirty import KEY_FILE
from .scripts import GETTEXT_SCRIPT, gettext_script, write_gettext_script
from .search import search_languages, write_search_script

OVERRIDES = Path(__file__).parent / "overrides"     # the generator's overrides of Material
PLUGIN = "edition"          # the edition plugin's name in mkdocs.yml (its entry point's)

# The edition the pipeline has just made, while build_site has MkDocs build its site: the
# edition plugin builds that one instead of running the pipeline again.
made_edition: ContextVar = ContextVar("made_edition", default=None)

__all__ = ["GETTEXT_SCRIPT", "OVERRIDES", "build_site", "copy_site_assets",
           "copy_vendor_assets", "gettext_script", "made_edition", "mkdocs_warnings",
           "search_languages", "write_gettext_script", "write_search_script"]


def build_site(config_file: Path, site_dir: Path, edition=None) -> None:
    """Run ``mkdocs build --strict`` for ``config_file`` into ``site_dir``, of ``edition``
    when the pipeline has just made it.

    Every MkDocs warning is an error here (broken links and anchors included), reported
    with the warnings' own text. The build starts from a copy of the last site and renders
    again only the pages whose Markdown changed since (MkDocs' dirty build, made right by
    the plugin: see ``dirty``); a build that finds nothing to start from builds it all.
    """
    # Imported here: MkDocs is heavy, and only this stage needs it.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with staged_directory(site_dir) as staging, mkdocs_warnings() as warnings:
        token = made_edition.set(edition)
        try:
            config = load_config(str(config_file), site_dir=str(staging), strict=True)
            # The edition plugin makes a dirty build right: without it, all is built.
            incremental = PLUGIN in config.plugins
            if incremental and (site_dir / KEY_FILE).is_file():
                # A copy, not links: MkDocs writes a page into the file that is there.
                shutil.copytree(site_dir, staging, symlinks=True, dirs_exist_ok=True)
            config.plugins.on_startup(command="build", dirty=incremental)   # as `mkdocs build`
            build(config, dirty=incremental)
        except MkDocsException as error:
            details = "".join(f"\n  {warning}" for warning in warnings)
            raise EditionError(f"MkDocs stopped: {error}{details}", config_file.name) from None
        finally:
            made_edition.reset(token)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def mkdocs_warnings():
    """The messages MkDocs logs at warning level or above while the block runs."""
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
