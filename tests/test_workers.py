"""The per-text work of a stage shared out over the cores: the same results, in the same
order, as on one core."""

from __future__ import annotations

import os

import pytest

from build_tools import pipeline, workers
from build_tools.errors import EditionError

from .conftest import copy_project


def _square_where(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.skipif(workers.cores() < 2, reason="one core: nothing to share out")
def test_work_is_shared_out_and_comes_back_in_order():
    done = []
    results = workers.in_parallel(_square_where, range(40), lambda: done.append(1),
                                  items_per_worker=1)
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert {pid for _, pid in results} - {os.getpid()}, "no item was done by a worker"
    assert len(done) == 40


def _outputs(project: pipeline.Project) -> dict[str, bytes]:
    return {p.relative_to(project.root).as_posix(): p.read_bytes()
            for folder in (project.tei_dir, project.pages_dir)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(workers.cores() < 2, reason="one core: nothing to share out")
def test_an_edition_built_on_every_core_is_byte_identical_to_one_built_on_one(
        tmp_path, monkeypatch_session, monkeypatch):
    one_core, every_core = copy_project(tmp_path / "one"), copy_project(tmp_path / "every")
    monkeypatch.setattr(workers, "ITEMS_PER_WORKER", 10**6)
    pipeline.make_edition(one_core)
    monkeypatch.setattr(workers, "ITEMS_PER_WORKER", 1)
    pipeline.make_edition(every_core)
    assert _outputs(every_core) == _outputs(one_core)


@pytest.mark.skipif(workers.cores() < 2, reason="one core: nothing to share out")
def test_a_worker_reports_an_editor_error_with_its_file_and_line(
        tmp_path, monkeypatch_session, monkeypatch):
    project = copy_project(tmp_path / "p")
    annotations = project.edition_dir / "annotations" / "hijra" / "hijra-tr.yml"
    lines = annotations.read_text(encoding="utf-8").splitlines()
    number, line = next((n, l) for n, l in enumerate(lines) if "anchor:" in l)
    lines[number] = line.split("anchor:")[0] + "anchor: nowhere in the text at all"
    annotations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(workers, "ITEMS_PER_WORKER", 1)
    with pytest.raises(EditionError) as raised:
        pipeline.make_edition(project)
    assert (raised.value.path, raised.value.line) == (
        "edition/annotations/hijra/hijra-tr.yml", number + 1)
    assert "matches nothing" in raised.value.message


def _fail(path: str) -> None:
    raise EditionError("the rules do not hold", path, 3, 4)


def test_work_in_the_background_runs_in_a_process_of_its_own():
    assert workers.Background(os.getpid).result() != os.getpid()


def test_a_failure_in_the_background_is_raised_where_its_result_is_asked_for():
    with pytest.raises(EditionError) as raised:
        workers.Background(_fail, "tei/a.xml").result()
    assert str(raised.value) == "tei/a.xml:3:4: the rules do not hold"


def test_a_process_with_other_threads_is_not_forked():
    import threading
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers.Background(os.getpid).result() == os.getpid()
        assert {pid for _, pid in workers.in_parallel(_square_where, range(40),
                                                      items_per_worker=1)} == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_a_result_that_cannot_be_sent_back_is_a_clear_failure():
    import threading
    with pytest.raises(RuntimeError, match="could not be sent back"):
        workers.Background(threading.Lock).result()
