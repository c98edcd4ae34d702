"""The pipeline of SPEC §3 run stage by stage; a stage's output changes only when it succeeded.

    sources + annotations ─ingest→ annotate→ tei→ validate→ render→ site

The command line and the MkDocs plugin both drive the edition through these functions.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial, wraps
from pathlib import Path

from .annotate import Annotator, load_quran_index
from .buildcache import BuildCache
from .builddate import build_date
from .config import Edition, load_edition
from .errors import EditionError, EditionErrors
from .ingest import Source, ingest
from .lock import one_build_at_a_time
from .memory import few_collections, release_freed_memory
from .output import changed_files, clear_leftovers, stage_files, synced_directory
from .progress import Progress
from .render import render_pages
from .site import (build_site, copy_site_assets, copy_vendor_assets, write_gettext_script,
                   write_search_script)
from .tei import write_tei
from .validate import validate
from .workers import Background


@dataclass(frozen=True)
class Project:
    """Where a project keeps its edition and puts what the build makes."""

    root: Path

    @property
    def edition_dir(self) -> Path:
        return self.root / "edition"

    @property
    def build_dir(self) -> Path:
        """What the build makes for itself: the TEI, the cache, folders being staged."""
        return self.root / "build"

    @property
    def tei_dir(self) -> Path:
        return self.build_dir / "tei"

    @property
    def cache_dir(self) -> Path:
        """Results kept between builds: each text's TEI and each chapter's pages."""
        return self.build_dir / "cache"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def pages_dir(self) -> Path:
        """Generated Markdown: its own git-ignored folder inside the docs."""
        return self.docs_dir / "edition"

    def interface_pages_dir(self, lang: str) -> Path:
        """The generated Markdown of an interface language other than the edition's
        default, as ``pages_dir`` holds the default's: the plugin builds its site from them."""
        return self.build_dir / "pages" / lang

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"


@contextmanager
def _build_memory():
    """A stage's memory: few collections while it runs, and what it freed, and what the
    build before it freed (MkDocs' under ``mkdocs serve``), given back to the system."""
    release_freed_memory()
    try:
        with few_collections():
            yield
    finally:
        release_freed_memory()


def _one_at_a_time(stage):
    """The stage holds the project's build lock while it runs, and first removes what
    builds killed before it left behind."""
    @wraps(stage)
    def locked(project: Project, *arguments, **options):
        with one_build_at_a_time(project.build_dir):
            _clear_leftovers(project)
            return stage(project, *arguments, **options)
    return locked


def _clear_leftovers(project: Project) -> None:
    clear_leftovers(project.tei_dir)
    clear_leftovers(project.pages_dir, beside=project.build_dir)
    clear_leftovers(project.site_dir, updated_in_place=False)


@_one_at_a_time
@_build_memory()
def make_tei(project: Project, progress: Progress | None = None) -> tuple[Edition, list[Source]]:
    """ingest → annotate → tei → validate; the TEI folder changes only if all succeed."""
    progress = progress or Progress()
    with _staged_tei(project, progress) as (edition, sources, staging):
        with progress.stage("validate"):
            _validate_staged(staging, sources, project.tei_dir)
    return edition, sources


@_one_at_a_time
@_build_memory()
def make_pages(project: Project, languages: tuple[str, ...],
               progress: Progress | None = None) -> None:
    """render: the TEI folder becomes the generated Markdown pages, in each interface
    language (the first is the site's default)."""
    progress = progress or Progress()
    with progress.stage("render") as advance, _staged_pages(project, languages) as writers:
        _render(project.tei_dir, writers, BuildCache(project.cache_dir), advance)
    _publish_assets(project, languages[0])


@_one_at_a_time
@_build_memory()
def make_edition(project: Project, progress: Progress | None = None) -> Edition:
    """ingest → annotate → tei → validate → render: the TEI folder and the pages change
    only if all succeed.

    The staged TEI is validated while it is rendered, in a process of its own, so that the
    two stages share the machine's cores. Validation's timing is then the wait for it
    after rendering.
    """
    progress = progress or Progress()
    with _staged_tei(project, progress) as (edition, sources, staging):
        validation = Background(_validate_staged, staging, sources, project.tei_dir)
        with _staged_pages(project, edition.interface_languages) as writers:
            try:
                with progress.stage("render") as advance:
                    _render(staging, writers, BuildCache(project.cache_dir), advance)
            except Exception:
                validation.result()     # invalid TEI explains a failed render best
                raise
            with progress.stage("validate"):
                validation.result()
        _publish_assets(project, edition.ui_language)
    return edition


@contextmanager
def _staged_tei(project: Project, progress: Progress):
    """ingest → annotate → tei into a staging folder; yield (edition, sources, staging).
    The TEI folder receives what was staged when the ``with`` block succeeds."""
    with progress.stage("ingest"):
        edition = load_edition(project.edition_dir)
        sources = ingest(edition)
    load_quran_index(edition)       # once per process: every later build inherits it
    cache = BuildCache(project.cache_dir)
    with synced_directory(project.tei_dir) as staging:
        with progress.stage("annotate+tei", len(edition.chapters)) as advance:
            write_tei(Annotator(edition, sources), build_date(project.root),
                      lambda files: stage_files(staging, files, project.tei_dir),
                      cache, advance)
        yield edition, sources, staging


def _validate_staged(staging: Path, sources: list[Source], final: Path) -> None:
    try:
        # What is byte for byte as it was has been validated before.
        validate(staging, sources, only=changed_files(staging, final))
    except EditionError as error:
        raise _published(error, staging, final) from None


def _published(error: EditionError, staging: Path, final: Path) -> EditionError:
    """An error about a staged file, told about the file it would have become."""
    def moved(one: EditionError) -> EditionError:
        path = one.path.replace(str(staging), str(final)) if one.path else None
        return EditionError(one.message, path, one.line, one.column)
    if isinstance(error, EditionErrors):
        return EditionErrors([moved(one) for one in error.errors])
    return moved(error)


def _render(tei_dir: Path, writers: dict, cache: BuildCache, advance) -> None:
    """The pages in each interface language; the TEI downloads once, with the default's."""
    for number, (lang, write) in enumerate(writers.items()):
        render_pages(tei_dir, lang, write, cache, advance, with_downloads=number == 0)


@contextmanager
def _staged_pages(project: Project, languages: tuple[str, ...]):
    """Yield, for each interface language, the function that stages its pages; the pages
    folders receive them when the ``with`` block succeeds (the TEI downloads link the
    staged TEI). The first language's pages are the docs folder's, the others' are kept
    in the build folder for the plugin."""
    with ExitStack() as stack:
        writers = {}
        for lang in languages:
            final = (project.pages_dir if lang == languages[0]
                     else project.interface_pages_dir(lang))
            staging = stack.enter_context(synced_directory(final, beside=project.build_dir))
            writers[lang] = partial(_stage, staging, final)
        yield writers


def _stage(staging: Path, final: Path, files: dict) -> None:
    stage_files(staging, files, final)


def _publish_assets(project: Project, ui_language: str) -> None:
    copy_site_assets(project.docs_dir)
    copy_vendor_assets(project.root, project.docs_dir)
    write_search_script(project.docs_dir)
    write_gettext_script(project.docs_dir, ui_language)


@_one_at_a_time
def make_site(project: Project, progress: Progress | None = None,
              edition: Edition | None = None) -> None:
    """site: MkDocs builds ``site/`` from the docs folder; of ``edition``, when
    ``make_edition`` has just made it (else the MkDocs plugin makes it first)."""
    try:
        with (progress or Progress()).stage("site"):
            build_site(project.mkdocs_config, project.site_dir, edition)
    finally:
        release_freed_memory(collect_cycles=True)      # MkDocs' pages, files and nav


@_one_at_a_time
def build(project: Project, progress: Progress | None = None) -> None:
    """The whole pipeline, sources to site."""
    progress = progress or Progress()
    make_site(project, progress, make_edition(project, progress))
