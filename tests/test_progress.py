"""Progress: a bar per stage on a terminal, nothing otherwise, and the stage's timing kept."""

from __future__ import annotations

import io

import pytest

from build_tools.progress import Bars, Progress, for_terminal


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_on_a_terminal_count_items_and_end_with_the_time():
    stream = Terminal()
    progress = for_terminal(quiet=False, stream=stream)
    with progress.stage("annotate", 2) as advance:
        advance()
        advance()
    assert isinstance(progress, Bars)
    assert "annotate" in stream.getvalue() and "2/2" in stream.getvalue()
    assert stream.getvalue().endswith(" s\n") and "annotate" in progress.timings


@pytest.mark.parametrize("stream, quiet", [(io.StringIO(), False), (Terminal(), True)])
def test_silent_without_a_terminal_or_with_quiet(stream, quiet):
    progress = for_terminal(quiet=quiet, stream=stream)
    with progress.stage("tei", 1) as advance:
        advance()
    assert type(progress) is Progress and stream.getvalue() == ""
    assert "tei" in progress.timings


def test_a_failing_stage_leaves_the_line_for_the_error():
    stream = Terminal()
    with pytest.raises(ValueError):
        with Bars(stream).stage("tei", 3):
            raise ValueError
    assert stream.getvalue().endswith("\n")
