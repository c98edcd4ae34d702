"""The MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` run the edition's pipeline first.

Enabled in ``mkdocs.yml`` as ``plugins: [edition]`` (registered through the
``mkdocs.plugins`` entry point). Before MkDocs reads the docs, the sources and annotations
become TEI and Markdown pages; only what changed is rewritten. Under ``mkdocs serve`` the
edition folder is watched, and a bad edit is reported in the terminal while the last good
pages stay in place and are still served.

The site speaks each of the edition's interface languages: the default one at the site's
root, and each other one in a site of its own below ``<code>/``, built by MkDocs again with
that ``theme.language`` and that language's pages. Those builds run beside the default's, in
forked processes, once the pipeline has written every language's pages (one after another
where forking is not safe, as under ``mkdocs serve``). Material's language selector
(``extra.alternate``) links every page to the same page in the other languages, and every
link of a site stays in its language, so a reader's choice is kept from page to page.
"""

from __future__ import annotations

import html
import logging
import posixpath
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import Edition
from .errors import EditionError
from .memory import release_freed_memory
from .navigation import PAGES, edition_nav
from .pipeline import Project, make_edition
from .render.i18n import N_, language_name, translate
from .site import (GETTEXT_SCRIPT, OVERRIDES, gettext_script, made_edition, mkdocs_warnings,
                   search_languages)
from .site.dirty import DirtyBuild, allow_dirty_builds, site_key
from .site.search import read_index, write_index
from .workers import Background, can_fork

# The names mkdocs.yml gives the palette's toggles, which the plugin translates.
PALETTE_TOGGLES = (N_("Switch to dark mode"), N_("Switch to light mode"))
HOME = "edition/home.md"        # the home page, as render writes it below the docs folder

# Not below the "mkdocs" logger: under `serve` a bad edit must not count as a strict-mode
# error, which would stop the rebuild instead of serving the last good pages.
log = logging.getLogger("build_tools.edition")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


@dataclass(frozen=True)
class _LanguageSite:
    """The site of an interface language other than the default, being built."""

    edition: Edition
    language: str
    dirty: bool         # only its pages that changed are built again


# Set while the plugin has MkDocs build another interface language's site, for the
# plugin instance of that build: the pipeline has run already, and that site is the last.
_language_site: ContextVar[_LanguageSite | None] = ContextVar("language_site", default=None)


class EditionPluginConfig(Config):
    """The plugin's options: where the edition lives, relative to ``mkdocs.yml``."""

    edition = config_options.Type(str, default="edition")


class EditionPlugin(BasePlugin[EditionPluginConfig]):
    """Runs ingest → annotate → tei → validate → render before each MkDocs build."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False          # MkDocs' --dirty: only the pages that changed
        self._dirty_build: DirtyBuild | None = None
        self.edition: Edition | None = None
        self.language = ""          # the interface language of the site being built
        self._files = None
        self._nav = None
        self._language_sites: list[Background] = []     # the other languages' builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across the rebuilds of `mkdocs serve`
        # (and MkDocs gives it to every build in this process: the languages' too).
        self.command, self.dirty = command, dirty
        if dirty:
            allow_dirty_builds()

    def on_config(self, config):
        nested = _language_site.get()
        if nested is not None:
            self.edition, self.language = nested.edition, nested.language
            self.dirty = nested.dirty
            self._configure_site(config)
            return config
        if made_edition.get() is not None:      # the pipeline has just made it
            self.edition = made_edition.get()
        else:
            self._make_edition(config)
        if self.edition is None:        # under serve, self.edition is the last good one
            return config
        self.language = self.edition.interface_languages[0]
        self._configure_site(config)
        return config

    def _make_edition(self, config) -> None:
        """The pipeline: ``self.edition`` becomes the edition it made, unless the edition
        has a problem (told; under ``serve``, the last good one is kept)."""
        project = self._project(config)
        if self.command == "serve":     # the last rebuild's pages, files and nav
            release_freed_memory(collect_cycles=True)
        try:
            self.edition = make_edition(project)
        except EditionError as error:
            if self.command != "serve":
                raise PluginError(f"the edition has a problem:\n{error}") from None
            log.error("the edition has a problem; the last good pages are served:\n%s", error)
        except Exception:
            if self.command != "serve":
                raise
            # A fault of the generator, not the editor's: told with its traceback, but the
            # server must not be left without pages (MkDocs stops serving after a failed
            # rebuild until one succeeds).
            log.exception("the edition could not be built; the last good pages are served")

    def _configure_site(self, config) -> None:
        """What the site says of the edition comes from ``edition.yml``, not ``mkdocs.yml``,
        in the interface language of this site."""
        edition, ui = self.edition, self.language
        if config.nav is None:
            config.nav = edition_nav(edition, ui)
        # MkDocs and Material put these into the HTML unescaped.
        config.site_name = html.escape(edition.title_in(ui))
        config.site_description = html.escape(edition.subtitle_in(ui)) or None
        # Material's own strings (search box, navigation) and the page's direction.
        config.theme["language"] = ui
        # The palette toggles' names (mkdocs.yml gives them in English) from the catalogs.
        for scheme in config.theme.get("palette") or []:
            toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
            english = toggle.get("name") if toggle else None
            if english:
                toggle["name"] = html.escape(translate(ui, english))
        for name, plugin in config.plugins.items():
            if name.split("/")[-1] == "search" and not plugin.config.get("lang"):
                plugin.config.lang = search_languages(edition.languages)
        if len(edition.interface_languages) > 1:
            # Material shows its language selector when extra.alternate is set, and, when
            # it is a list, also puts a <link rel=alternate> per language into each page's
            # head, whose sitemap its script then requests: from file:// a refused request
            # and a console error each. So it is only set, and the selector (the
            # generator's override) lists extra.edition_languages, here each language's
            # home for a page without a context of its own (404.html).
            config.extra["alternate"] = True
            config.extra["edition_languages"] = self._alternates("index.html")

    def on_files(self, files, *, config):
        """Serve the generated home page as the site's ``index.md``, unless the docs folder
        has one written by hand; in another language's site, serve that language's pages
        and scripts' strings."""
        self._files = files
        nested = self.edition is not None and self.language != self.edition.interface_languages[0]
        if nested:
            self._serve_language(files, config)
        if self.dirty:
            self._dirty_build = DirtyBuild(Path(config.site_dir), site_key(config, files))
        if self.edition is not None and not nested and can_fork():
            # Now, not earlier: the site folder they are built into has been emptied.
            self._language_sites = [
                Background(_build_language_site, config, self.edition, lang, self.dirty)
                for lang in self.edition.interface_languages[1:]]
        generated = files.get_file_from_path(HOME)
        if generated is None:
            return files
        files.remove(generated)
        if files.get_file_from_path("index.md") is None:
            files.append(File.generated(config, "index.md", abs_src_path=generated.abs_src_path))
        return files

    def _serve_language(self, files, config) -> None:
        pages = self._project(config).interface_pages_dir(self.language)
        for file in list(files):
            if file.src_uri.startswith(f"{PAGES}/") and file.src_uri.endswith(".md"):
                own = pages / file.src_uri.removeprefix(f"{PAGES}/")
                files.remove(file)
                files.append(File.generated(config, file.src_uri, abs_src_path=str(own)))
        script = files.get_file_from_path(GETTEXT_SCRIPT)
        if script is not None:
            files.remove(script)
        files.append(File.generated(config, GETTEXT_SCRIPT,
                                    content=gettext_script(self.language)))

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        if self._dirty_build is not None:
            self._dirty_build.restore_titles(nav.pages)
        return nav

    def on_env(self, env, *, config, files):
        """The generator's overrides of Material's templates come first. Compiled, the
        templates are kept in the build folder: each build of a site makes a new
        environment, and compiling Material's templates was most of a dirty build."""
        env.loader = ChoiceLoader([FileSystemLoader(str(OVERRIDES)), env.loader])
        compiled = self._project(config).cache_dir / "templates"
        compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        return env

    def on_page_context(self, context, *, page, config, nav):
        """The browser tab's title is the page's title as text, and the language selector
        links this page to itself in each language.

        Material writes a title through ``striptags``, which turns an escaped
        ``&lt;script&gt;`` in an editor's label back into markup; a ``title`` in the page's
        metadata is written as it is."""
        if self._dirty_build is not None:
            self._dirty_build.rendered.add(page.url)
        if page.title and not page.is_homepage and "title" not in page.meta:
            page.meta["title"] = html.escape(Markup(page.title).striptags(), quote=False)
        if self.edition is not None and len(self.edition.interface_languages) > 1:
            config.extra["edition_languages"] = self._alternates(page.file.dest_uri)
        return context

    def _alternates(self, dest_uri: str) -> list[dict]:
        """The entries of the language selector for a page, as Material's
        ``extra.alternate`` has them (``name``, ``lang``, ``link``: the page in that language
        relative to this site's root), and the ``href`` that reaches it from the page."""
        here = _site_folder(self.edition, self.language)
        page_folder = posixpath.dirname(posixpath.join(here, dest_uri)) or "."
        alternates = []
        for lang in self.edition.interface_languages:
            target = posixpath.join(_site_folder(self.edition, lang), dest_uri)
            alternates.append({
                "name": language_name(lang, lang), "lang": lang, "current": lang == self.language,
                "link": posixpath.relpath(target, here or "."),
                "href": posixpath.relpath(target, page_folder)})
        return alternates

    # After the search plugin has written this site's index, before the offline plugin
    # copies it into a script: a language built here after it runs in this process, with
    # the same search plugin (MkDocs keeps one), and must find this site's index written.
    @event_priority(-50)
    def on_post_build(self, *, config):
        """This site's search index made whole after a dirty build, and written in UTF-8;
        then each other language's site below this one: waited for, or built now."""
        self._write_search_index(Path(config.site_dir))
        if _language_site.get() is not None or self.edition is None:
            return
        if not self._language_sites:
            for lang in self.edition.interface_languages[1:]:
                _build_language_site(config, self.edition, lang, self.dirty)
        while self._language_sites:         # those left when one fails are cancelled
            self._language_sites[0].result()
            self._language_sites.pop(0)

    def _write_search_index(self, site_dir: Path) -> None:
        """The search plugin's index written again in UTF-8, and after a dirty build with
        the entries of the pages not rendered again."""
        index = read_index(site_dir)
        if self._dirty_build is not None:
            if index is not None:
                index["docs"] = self._dirty_build.completed_docs(
                    index["docs"], [file.page.url for file in self._files.documentation_pages()])
            self._dirty_build.record(self._nav.pages)
            self._dirty_build = None
        if index is not None:
            write_index(site_dir, index)

    def on_build_error(self, *, error):
        """A failed build stops the other languages' builds: their site is not wanted."""
        if _language_site.get() is not None:    # they are the default site's to stop
            return
        started, self._language_sites = self._language_sites, []
        for build in started:
            build.cancel()

    def on_template_context(self, context, *, template_name, config):
        """The error page (404.html) links its styles, scripts and navigation relative to
        itself, as every other page does, when no ``site_url`` is set: MkDocs makes them
        root-absolute, which from disk (file://) finds nothing. It lies at the site's root,
        so served from the root it finds them as well."""
        if template_name == "404.html" and not config.site_url and self._files is not None:
            from mkdocs.commands.build import get_context
            context.update(get_context(context["nav"], self._files, config, base_url="."))
        return context

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._project(config).root / self.config.edition))
        return server

    def _project(self, config) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)


def _build_language_site(config, edition: Edition, lang: str, dirty: bool) -> None:
    """MkDocs builds the site of the interface language ``lang`` below the default one's
    (``config``), with this plugin in it told which language it builds. What MkDocs warned
    of is told with its error, also when this runs in a process of its own."""
    # Imported here: MkDocs' build command is only needed by the site stage.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    token = _language_site.set(_LanguageSite(edition, lang, dirty))
    try:
        with mkdocs_warnings() as warnings:
            build(load_config(config.config_file_path, strict=config.strict,
                              site_dir=str(Path(config.site_dir) / lang)), dirty=dirty)
    except Exception as error:
        details = "".join(f"\n  {warning}" for warning in warnings)
        raise PluginError(f"the site in {language_name(lang, 'en')} ({lang}): "
                          f"{error}{details}") from None
    finally:
        _language_site.reset(token)


def _site_folder(edition: Edition, lang: str) -> str:
    """Where a language's site is, below the default's: nowhere else for the default."""
    return "" if lang == edition.interface_languages[0] else lang
