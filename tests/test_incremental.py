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
