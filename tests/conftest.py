"""Shared fixtures: a private copy of the project, built once, for tests that read the output.

Tests never write into the working tree: each copy holds the edition and mkdocs.yml, with
node_modules linked (it is read only); the build writes everything in docs/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import pipeline

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> pipeline.Project:
    """A buildable copy of this project in ``target``."""
    shutil.copytree(ROOT / "edition", target / "edition")
    (target / "docs").mkdir(parents=True)       # as in the repository: build output only
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return pipeline.Project(target)


@pytest.fixture(scope="session")
def built(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    """The default edition built end to end (TEI, pages, site) in a private folder."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    pipeline.build(project)
    return project


@pytest.fixture(scope="session")
def monkeypatch_session():
    """A fixed build date, so that builds are reproducible (as SOURCE_DATE_EPOCH does)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1763769600")
        yield patch


def openiti():
    """bench/openiti.py, the reader of the OpenITI corpora (the benchmarks share it)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("openiti", ROOT / "bench" / "openiti.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
