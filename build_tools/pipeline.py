"""The pipeline of SPEC §3 run stage by stage; a stage's output changes only when it succeeded.

    sources + annotations ─ingest→ annotate→ tei→ validate→ render→ site

The command line and the MkDocs plugin both drive the edition through these functions.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass
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
from .site import build_site, copy_site_assets, copy_vendor_assets, write_search_script
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
    @functools.wraps(stage)
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
def make_pages(project: Project, ui_language: str, progress: Progress | None = None) -> None:
    """render: the TEI folder becomes the generated Markdown pages."""
    progress = progress or Progress()
    with progress.stage("render") as advance, _staged_pages(project) as write:
        render_pages(project.tei_dir, ui_language, write, BuildCache(project.cache_dir),
                     advance)
    _publish_assets(project)


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
        with _staged_pages(project) as write:
            try:
                with progress.stage("render") as advance:
                    render_pages(staging, edition.ui_language, write,
                                 BuildCache(project.cache_dir), advance)
            except Exception:
                validation.result()     # invalid TEI explains a failed render best
                raise
            with progress.stage("validate"):
                validation.result()
        _publish_assets(project)
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


@contextmanager
def _staged_pages(project: Project):
    """Yield the function that stages pages; the pages folder receives them when the
    ``with`` block succeeds (the TEI downloads link the staged TEI)."""
    with synced_directory(project.pages_dir, beside=project.build_dir) as staging:
        yield lambda files: stage_files(staging, files, project.pages_dir)


def _publish_assets(project: Project) -> None:
    copy_site_assets(project.docs_dir)
    copy_vendor_assets(project.root, project.docs_dir)
    write_search_script(project.docs_dir)


@_one_at_a_time
def make_site(project: Project, progress: Progress | None = None) -> None:
    """site: MkDocs builds ``site/`` from the docs folder."""
    try:
        with (progress or Progress()).stage("site"):
            build_site(project.mkdocs_config, project.site_dir)
    finally:
        release_freed_memory(collect_cycles=True)      # MkDocs' pages, files and nav


@_one_at_a_time
def build(project: Project, progress: Progress | None = None) -> None:
    """The whole pipeline, sources to site."""
    progress = progress or Progress()
    make_edition(project, progress)
    make_site(project, progress)
