"""Editorial mistakes stop the build with ``file:line:col: message``, and nothing changes."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import pipeline

from .conftest import copy_project

ANNOTATIONS = Path("edition/annotations/hijra/hijra-tr.yml")
LOCATED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<column>\d+): .+", re.M)


@pytest.fixture(scope="module")
def project(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    """A project built once; each test breaks one thing in it, then puts it back."""
    project = copy_project(tmp_path_factory.mktemp("errors"))
    pipeline.build(project)
    return project


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_edition(project: pipeline.Project, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools.cli", "--project",
                           str(project.root), *arguments], capture_output=True, text=True)


def broken(project, relative: Path, edit) -> subprocess.CompletedProcess:
    """Run ``edition build`` with one text file edited, and restore it afterwards."""
    original = (project.root / relative).read_text(encoding="utf-8")
    return build_with(project, relative, edit(original).encode("utf-8"))


def build_with(project, relative: Path, data: bytes) -> subprocess.CompletedProcess:
    """Run ``edition build`` with one file holding ``data``; restore it afterwards. A failed
    build must leave the TEI and the site as they were, and never show a traceback."""
    path = project.root / relative
    original = path.read_bytes()
    before = {folder: fingerprint(folder) for folder in (project.tei_dir, project.site_dir)}
    path.write_bytes(data)
    try:
        result = run_edition(project, "build")
    finally:
        path.write_bytes(original)
    if result.returncode != 0:
        for folder, prints in before.items():
            assert fingerprint(folder) == prints, f"{folder.name} changed after a failed build"
    assert "Traceback" not in result.stderr, result.stderr
    return result


def assert_located(result, file: str, message: str) -> re.Match:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    match = LOCATED.search(result.stderr)
    assert match, result.stderr
    assert match["file"].endswith(file), result.stderr
    assert message in result.stderr, result.stderr
    return match


def test_an_anchor_found_nowhere(project):
    result = broken(project, ANNOTATIONS,
                    lambda text: text.replace("Allah bizimle beraberdir", "Allah bizimle xyz", 1))
    assert_located(result, "hijra-tr.yml", "Allah bizimle xyz")


def test_an_anchor_found_twice(project):
    result = broken(project, ANNOTATIONS, lambda text: text.replace(
        "corrections:", "corrections:\n  - anchor: \"Efendimiz\"\n    corr: \"Efendimizin\"\n", 1))
    assert_located(result, "hijra-tr.yml", "Efendimiz")
    assert re.search(r"\d+ (places|times)", result.stderr), result.stderr


def test_an_unknown_register_id(project):
    result = broken(project, ANNOTATIONS, lambda text: text.replace(
        "speech:", "speech:\n  - who: nobody-knows\n    anchor: \"Ee! Belki\"\n", 1))
    assert_located(result, "hijra-tr.yml", "nobody-knows")


def test_yaml_syntax(project):
    result = broken(project, Path("edition/annotations/register.yml"),
                    lambda text: text + "\n  - id: [unclosed\n")
    assert_located(result, "register.yml", "")


def test_the_command_reports_success_with_exit_zero(project):
    result = run_edition(project, "--quiet", "tei")
    assert result.returncode == 0, result.stderr
