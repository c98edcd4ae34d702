"""The pipeline of SPEC §3 run stage by stage; a stage's output changes only when it succeeded.

    sources + annotations ─ingest→ annotate→ tei→ validate→ render→ site

The command line and the MkDocs plugin both drive the edition through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .annotate import annotate
from .buildcache import BuildCache
from .builddate import build_date
from .config import Edition, load_edition
from .errors import EditionError, EditionErrors
from .ingest import Source, ingest
from .output import changed_files, publish, stage_files, synced_directory
from .progress import Progress
from .render import render_pages
from .site import build_site, copy_vendor_assets, write_search_script
from .tei import tei_files
from .validate import validate


@dataclass(frozen=True)
class Project:
    """Where a project keeps its edition and puts what the build makes."""

    root: Path

    @property
    def edition_dir(self) -> Path:
        return self.root / "edition"

    @property
    def tei_dir(self) -> Path:
        return self.root / "build" / "tei"

    @property
    def cache_dir(self) -> Path:
        """Annotated texts kept between builds (see annotate.cache)."""
        return self.root / "build" / "cache"

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


def make_tei(project: Project, progress: Progress | None = None) -> tuple[Edition, list[Source]]:
    """ingest → annotate → tei → validate; the TEI folder changes only if all succeed."""
    progress = progress or Progress()
    with progress.stage("ingest"):
        edition = load_edition(project.edition_dir)
        sources = ingest(edition)
    cache = BuildCache(project.cache_dir)
    with progress.stage("annotate", len(sources)) as advance:
        annotated = annotate(edition, sources, build_date(project.root), cache, advance)
    with synced_directory(project.tei_dir) as staging:
        with progress.stage("tei", len(sources)) as advance:
            stage_files(staging, tei_files(annotated, cache, advance), project.tei_dir)
            del annotated       # not needed past here: its memory goes before validation's
        with progress.stage("validate"):
            try:
                # What is byte for byte as it was has been validated before.
                validate(staging, sources, only=changed_files(staging, project.tei_dir))
            except EditionError as error:
                raise _published(error, staging, project.tei_dir) from None
    return edition, sources


def _published(error: EditionError, staging: Path, final: Path) -> EditionError:
    """An error about a staged file, told about the file it would have become."""
    def moved(one: EditionError) -> EditionError:
        path = one.path.replace(str(staging), str(final)) if one.path else None
        return EditionError(one.message, path, one.line, one.column)
    if isinstance(error, EditionErrors):
        return EditionErrors([moved(one) for one in error.errors])
    return moved(error)


def make_pages(project: Project, ui_language: str, progress: Progress | None = None) -> None:
    """render: the TEI folder becomes the generated Markdown pages."""
    progress = progress or Progress()
    with progress.stage("render") as advance:
        files = render_pages(project.tei_dir, ui_language, BuildCache(project.cache_dir),
                             advance)
        publish(project.pages_dir, files)
        copy_vendor_assets(project.root, project.docs_dir)
        write_search_script(project.docs_dir)


def make_site(project: Project, progress: Progress | None = None) -> None:
    """site: MkDocs builds ``site/`` from the docs folder."""
    with (progress or Progress()).stage("site"):
        build_site(project.mkdocs_config, project.site_dir)


def build(project: Project, progress: Progress | None = None) -> None:
    """The whole pipeline, sources to site."""
    progress = progress or Progress()
    edition, _ = make_tei(project, progress)
    make_pages(project, edition.ui_language, progress)
    make_site(project, progress)
