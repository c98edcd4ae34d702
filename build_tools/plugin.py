"""The MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` run the edition's pipeline first.

Enabled in ``mkdocs.yml`` as ``plugins: [edition]`` (registered through the
``mkdocs.plugins`` entry point). Before MkDocs reads the docs, the sources and annotations
become TEI and Markdown pages; only what changed is rewritten. Under ``mkdocs serve`` the
edition folder is watched, and a bad edit is reported in the terminal while the last good
pages stay in place and are still served.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .errors import EditionError
from .memory import release_freed_memory
from .navigation import edition_nav
from .pipeline import Project, make_edition
from .site import search_languages

HOME = "edition/home.md"        # the home page, as render writes it below the docs folder

# Not below the "mkdocs" logger: under `serve` a bad edit must not count as a strict-mode
# error, which would stop the rebuild instead of serving the last good pages.
log = logging.getLogger("build_tools.edition")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


class EditionPluginConfig(Config):
    """The plugin's options: where the edition lives, relative to ``mkdocs.yml``."""

    edition = config_options.Type(str, default="edition")


class EditionPlugin(BasePlugin[EditionPluginConfig]):
    """Runs ingest → annotate → tei → validate → render before each MkDocs build."""

    def __init__(self) -> None:
        self.command = "build"
        self._last_good = None      # under `serve`: the edition of the last good build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across the rebuilds of `mkdocs serve`.
        self.command = command

    def on_config(self, config):
        project = self._project(config)
        if self.command == "serve":     # the last rebuild's pages, files and nav
            release_freed_memory(collect_cycles=True)
        try:
            edition = make_edition(project)
        except EditionError as error:
            if self.command != "serve":
                raise PluginError(f"the edition has a problem:\n{error}") from None
            log.error("the edition has a problem; the last good pages are served:\n%s", error)
            edition = self._last_good
        except Exception:
            if self.command != "serve":
                raise
            # A fault of the generator, not the editor's: told with its traceback, but the
            # server must not be left without pages (MkDocs stops serving after a failed
            # rebuild until one succeeds).
            log.exception("the edition could not be built; the last good pages are served")
            edition = self._last_good
        else:
            self._last_good = edition
        if edition is not None:
            self._configure_site(config, edition)
        return config

    def _configure_site(self, config, edition) -> None:
        """What the site says of the edition comes from ``edition.yml``, not ``mkdocs.yml``."""
        if config.nav is None:
            config.nav = edition_nav(edition)
        ui = edition.ui_language
        # MkDocs and Material put these into the HTML unescaped.
        config.site_name = html.escape(edition.title_in(ui))
        config.site_description = html.escape(edition.subtitle_in(ui)) or None
        # Material's own strings (search box, navigation) speak the edition's interface language.
        config.theme["language"] = ui
        for name, plugin in config.plugins.items():
            if name.split("/")[-1] == "search" and not plugin.config.get("lang"):
                plugin.config.lang = search_languages(edition.languages)

    def on_files(self, files, *, config):
        """Serve the generated home page as the site's ``index.md``, unless the docs folder
        has one written by hand."""
        generated = files.get_file_from_path(HOME)
        if generated is None:
            return files
        files.remove(generated)
        if files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", abs_src_path=generated.abs_src_path))
        return files

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._project(config).root / self.config.edition))
        return server

    def _project(self, config) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)
