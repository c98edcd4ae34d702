"""A process that builds again and again (``mkdocs serve``) gives back what each build freed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from build_tools import memory, pipeline

from .conftest import copy_project

# Freed blocks pinned by survivors among them, as a build's trees and texts leave the heap;
# the process's resident size before and after the memory is released.
_FRAGMENTED_HEAP = """
from pathlib import Path
from build_tools.memory import release_freed_memory

def resident_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20

blocks = [bytes(4000) + bytes([n % 256]) for n in range(75_000)]     # about 300 MB
survivors = blocks[::16]
del blocks
before = resident_mb()
release_freed_memory()
print(before, resident_mb())
"""


@pytest.mark.skipif(memory._MALLOC_TRIM is None or not sys.platform.startswith("linux"),
                    reason="the C library keeps no freed heap to give back")
def test_memory_freed_among_survivors_is_given_back():
    output = subprocess.run([sys.executable, "-c", _FRAGMENTED_HEAP], check=True,
                            capture_output=True, text=True).stdout
    before, after = map(float, output.split())
    assert before - after > 200, (before, after)


def test_each_stage_gives_back_what_it_and_the_build_before_it_freed(
        tmp_path, monkeypatch_session, monkeypatch):
    project = copy_project(tmp_path / "p")
    releases = []
    monkeypatch.setattr(pipeline, "release_freed_memory", lambda: releases.append(1))
    pipeline.make_edition(project)
    assert len(releases) == 2       # before the stage (the last MkDocs build's) and after it
