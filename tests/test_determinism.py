"""Determinism (SPEC §7): the same inputs give byte-identical TEI and Markdown whatever the
time zone, the locale, Python's hash seed and the order in which the files lie on disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def copy_in_order(target: Path, reverse: bool) -> Path:
    """A copy of the project whose files are created in (reverse) name order, so that a
    directory listing meets them in another order."""
    for source in sorted((ROOT / "edition").rglob("*"), reverse=reverse):
        destination = target / "edition" / source.relative_to(ROOT / "edition")
        if source.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    (target / "docs").mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def outputs(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (root / "build" / "tei", root / "docs" / "edition")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make(root: Path, **environment: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763769600", **environment}
    for command in ("tei", "pages"):
        subprocess.run([sys.executable, "-m", "build_tools.cli", "--project", str(root),
                        "--quiet", command], check=True, env=env, capture_output=True)
    return outputs(root)


def test_tei_and_pages_are_the_same_in_every_environment(tmp_path):
    first = make(copy_in_order(tmp_path / "a", reverse=False),
                 TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONHASHSEED="0")
    second = make(copy_in_order(tmp_path / "b", reverse=True),
                  TZ="Pacific/Kiritimati", LANG="tr_TR.UTF-8", LC_ALL="tr_TR.UTF-8",
                  PYTHONHASHSEED="4242")
    assert first and first == second
