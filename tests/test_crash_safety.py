"""A build killed outright (SIGKILL) at any moment leaves each output folder wholly as the
last build left it or wholly new, takes its workers with it, and leaves nothing the next
build does not clear; two builds run at once never mix their output."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools import pipeline

from .conftest import ROOT

EDITION = [sys.executable, "-m", "build_tools.cli"]
EPOCHS = ("1763769600", "1766448000")       # two build dates: every TEI file differs


def _scaled_project(root: Path, chapters: int) -> pipeline.Project:
    """An edition of ``chapters`` copies of the default chapter (bench/scale.py), so that
    publishing its TEI takes long enough to be caught in the middle."""
    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    scale.generate(root, chapters, root.parent / "no-corpus")
    return pipeline.Project(root)


def _start(project: pipeline.Project, epoch: str, command: str = "build") -> subprocess.Popen:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=epoch, PYTHONPATH=str(ROOT))
    return subprocess.Popen([*EDITION, "--project", str(project.root), "--quiet", command],
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _build(project: pipeline.Project, epoch: str, command: str = "build") -> None:
    process = _start(project, epoch, command)
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors.decode()


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _identities(folder: Path) -> dict[str, int]:
    try:
        return {path.name: path.stat().st_ino for path in folder.rglob("*")}
    except FileNotFoundError:           # a file went while the folder was read
        return {}


def _kill_when_published(process: subprocess.Popen, folder: Path, seconds: float) -> None:
    """SIGKILL ``process`` the moment any file of ``folder`` is replaced, or after
    ``seconds``."""
    before = _identities(folder)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if _identities(folder) != before:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _kill_after(process: subprocess.Popen, seconds: float) -> None:
    time.sleep(seconds)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _living_members(group: int) -> list[int]:
    """The processes of process group ``group`` that have not ended (zombies are ended)."""
    living = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            living.append(int(entry.name))
    return living


def _assert_workers_ended(group: int) -> None:
    deadline = time.monotonic() + 10
    while _living_members(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _living_members(group), "workers outlived the killed build"


def _leftovers(project: pipeline.Project) -> list[Path]:
    staged = [*project.build_dir.glob(".tei.*"), *project.build_dir.glob(".edition.*"),
              *project.docs_dir.glob(".edition.*"), *project.root.glob(".site.*")]
    partial = [path for folder in (project.tei_dir, project.pages_dir)
               for path in folder.rglob(".*.new")]
    return staged + partial


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_build_killed_at_any_moment_leaves_the_tei_and_pages_wholly_old_or_new(tmp_path):
    project = _scaled_project(tmp_path / "p", chapters=24)
    outputs = {}
    for epoch in EPOCHS:
        started = time.monotonic()
        _build(project, epoch)
        whole_build = time.monotonic() - started
        outputs[epoch] = (_contents(project.tei_dir), _contents(project.pages_dir))
    assert outputs[EPOCHS[0]][0] != outputs[EPOCHS[1]][0]

    current = EPOCHS[1]
    moments = [("published", None)] * 3 + [("after", whole_build * share)
                                           for share in (0.2, 0.4, 0.6, 0.8)]
    for trial, (how, seconds) in enumerate(moments):
        other = EPOCHS[0] if current == EPOCHS[1] else EPOCHS[1]
        process = _start(project, other)
        if how == "published":
            _kill_when_published(process, project.tei_dir, seconds=whole_build * 3)
        else:
            _kill_after(process, seconds)
        _assert_workers_ended(process.pid)
        tei, pages = _contents(project.tei_dir), _contents(project.pages_dir)
        assert tei in (outputs[current][0], outputs[other][0]), \
            f"trial {trial} ({how} {seconds}): build/tei/ is neither the old TEI nor the new"
        assert pages in (outputs[current][1], outputs[other][1]), \
            f"trial {trial} ({how} {seconds}): docs/edition/ is neither old nor new"
        assert not list(project.tei_dir.rglob(".*.new"))
        if tei == outputs[other][0]:
            current = other

    _build(project, current)
    assert not _leftovers(project), "the next build clears what killed builds left"
    assert _contents(project.tei_dir) == outputs[current][0]


def test_a_build_clears_the_staging_folders_a_killed_build_left(tmp_path):
    project = _scaled_project(tmp_path / "p", chapters=2)
    _build(project, EPOCHS[0])
    for leftover in (project.build_dir / ".tei.x1y2", project.build_dir / ".edition.z3",
                     project.root / ".site.q9", project.build_dir / ".tei.old"):
        (leftover / "sub").mkdir(parents=True)
        (leftover / "sub" / "file.xml").write_text("left by a killed build")
    (project.tei_dir / ".c001-ar.xml.new").write_text("half written")
    _build(project, EPOCHS[0], "tei")
    assert not _leftovers(project)
    assert not (project.build_dir / ".tei.old").exists()


def test_an_old_folder_set_aside_by_a_killed_build_is_put_back(tmp_path):
    from build_tools.output import clear_leftovers
    final = tmp_path / "build" / "tei"
    aside = tmp_path / "build" / ".tei.old"
    aside.mkdir(parents=True)
    (aside / "a.xml").write_text("the last good TEI")
    clear_leftovers(final)
    assert (final / "a.xml").read_text() == "the last good TEI"
    assert not aside.exists()


def test_two_builds_at_once_take_turns_and_leave_one_complete_output(tmp_path):
    project = _scaled_project(tmp_path / "p", chapters=10)
    _build(project, EPOCHS[0])
    first = _start(project, EPOCHS[1])
    deadline = time.monotonic() + 120       # the second starts once the first is staging
    while not list(project.build_dir.glob(".tei.*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    second = _start(project, EPOCHS[0])
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    messages = b"".join(errors for _, errors in results).decode()
    assert "another build of this project is running; this one waits" in messages
    # Each finished whole in turn: the output is the second's, TEI and site alike.
    expected = tmp_path / "expected"
    reference = _scaled_project(expected, chapters=10)
    _build(reference, EPOCHS[0])
    assert _contents(project.tei_dir) == _contents(reference.tei_dir)
    assert _contents(project.pages_dir) == _contents(reference.pages_dir)
    assert (_contents(project.site_dir).keys() == _contents(reference.site_dir).keys())


_KILLED_WITH_A_WORKER = """
import os, signal, sys, time
from build_tools.workers import Background
Background(time.sleep, 60)          # a long stage beside this one
time.sleep(1)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_busy_with_a_long_stage_ends_with_the_killed_process_that_forked_it():
    process = subprocess.Popen([sys.executable, "-c", _KILLED_WITH_A_WORKER],
                               env=dict(os.environ, PYTHONPATH=str(ROOT)),
                               start_new_session=True)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while _living_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = _living_members(process.pid)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "the worker outlived the process that forked it"
