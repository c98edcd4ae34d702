"""Incremental builds: an edit rewrites only what depends on it; the rest keeps its bytes
and its timestamps."""

from __future__ import annotations

from pathlib import Path

from build_tools import pipeline

from .conftest import copy_project


def snapshot(project: pipeline.Project) -> dict[Path, tuple[int, bytes]]:
    files = [*project.tei_dir.rglob("*"), *project.pages_dir.rglob("*")]
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files if p.is_file()}


def rebuild(project: pipeline.Project) -> None:
    pipeline.make_edition(project)


def rewritten(before, after, root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in after if before.get(p) != after[p]}


def test_an_unchanged_edition_rewrites_nothing(tmp_path, monkeypatch_session):
    project = copy_project(tmp_path / "p")
    rebuild(project)
    before = snapshot(project)
    rebuild(project)
    assert rewritten(before, snapshot(project), project.root) == set()


def test_one_source_edit_rewrites_its_tei_and_pages_only(tmp_path, monkeypatch_session):
    project = copy_project(tmp_path / "p")
    rebuild(project)
    before = snapshot(project)
    source = project.root / "edition/sources/hijra-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Bitti.\n", encoding="utf-8")
    rebuild(project)
    changed = rewritten(before, snapshot(project), project.root)
    assert changed == {"build/tei/hijra-tr.xml", "build/tei/corpus-resolved.xml",
                       "docs/edition/hijra/hijra-tr.md", "docs/edition/hijra/synopsis.md",
                       "docs/edition/tei/hijra-tr.xml", "docs/edition/tei/corpus-resolved.xml"}


def test_publishing_writes_what_differs_and_removes_what_is_no_longer_made(tmp_path):
    from build_tools.output import publish
    final, original = tmp_path / "pages", tmp_path / "corpus.xml"
    original.write_bytes(b"<TEI/>")
    publish(final, {"a.md": b"one", "old/b.md": b"two", "tei/corpus.xml": original})
    stamps = {p.name: p.stat().st_mtime_ns for p in final.rglob("*") if p.is_file()}
    rewritten = publish(final, {"a.md": b"one", "c.md": b"three",
                                "tei/corpus.xml": original})
    assert rewritten == [final / "c.md"]
    assert sorted(p.relative_to(final).as_posix() for p in final.rglob("*")) == \
        ["a.md", "c.md", "tei", "tei/corpus.xml"]                 # old/ went with b.md
    assert (final / "a.md").stat().st_mtime_ns == stamps["a.md"]
    assert (final / "tei/corpus.xml").read_bytes() == b"<TEI/>"


# The site -------------------------------------------------------------------------------

def site_snapshot(project: pipeline.Project) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(project.site_dir).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in project.site_dir.rglob("*") if p.is_file()}


def built_afresh(project: pipeline.Project, folder: Path) -> dict[str, bytes]:
    """The site of ``project``'s edition as a build from nothing makes it."""
    import shutil
    fresh = copy_project(folder)
    shutil.rmtree(fresh.edition_dir)
    shutil.copytree(project.edition_dir, fresh.edition_dir)
    pipeline.build(fresh)
    return {name: data for name, (_, data) in site_snapshot(fresh).items()}


def test_a_site_rebuilt_after_an_edit_renders_its_pages_only_and_is_the_one_built_afresh(
        tmp_path, monkeypatch_session):
    project = copy_project(tmp_path / "p")
    pipeline.build(project)
    before = site_snapshot(project)
    source = project.root / "edition/sources/hijra-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Bitti.\n", encoding="utf-8")
    pipeline.build(project)
    after = site_snapshot(project)
    rendered = {name for name in after if name.endswith(".html") and not name.endswith("404.html")
                and after[name][0] != before[name][0]}
    # In each interface language's site, the two pages whose Markdown changed.
    assert rendered == {f"{site}edition/hijra/{page}.html" for site in ("", "ar/", "tr/")
                        for page in ("hijra-tr", "synopsis")}
    assert "Bitti" in after["tr/edition/hijra/hijra-tr.html"][1].decode()
    assert {name: data for name, (_, data) in after.items()} == \
        built_afresh(project, tmp_path / "afresh-1")

    # A new title shows in every page's navigation: all are built again.
    config = project.edition_dir / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "The Hijra", "The Emigration", 1), encoding="utf-8")
    pipeline.build(project)
    again = site_snapshot(project)
    assert all(again[name][0] != after[name][0] for name in again if name.endswith(".html"))
    assert "The Emigration" in again["edition/register/persons.html"][1].decode()
    assert {name: data for name, (_, data) in again.items()} == \
        built_afresh(project, tmp_path / "afresh-2")


def test_an_edit_renders_its_chapter_again_in_each_language_and_no_other(tmp_path,
                                                                           monkeypatch):
    import importlib.util

    from build_tools import workers
    from build_tools.render.pages import PageWriter
    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    scale.generate(tmp_path / "p", 3, tmp_path / "no-corpus")
    project = pipeline.Project(tmp_path / "p")
    rebuild(project)
    rendered = []
    chapter_pages = PageWriter.chapter_pages
    def counted(self, chapter):
        rendered.append((chapter.id, self.ui))
        return chapter_pages(self, chapter)
    monkeypatch.setattr(PageWriter, "chapter_pages", counted)
    monkeypatch.setattr(workers, "can_fork", lambda: False)    # counted in this process
    source = project.root / "edition/sources/c002-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Bitti.\n", encoding="utf-8")
    rebuild(project)
    assert sorted(rendered) == [("c002", "ar"), ("c002", "en"), ("c002", "tr")]
