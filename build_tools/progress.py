"""The progress of the pipeline: a bar per stage on a terminal, silence otherwise.

Every stage runs inside ``progress.stage(name, total)``, which yields a function to call
once per item done (a text, a chapter); the time each stage took is kept in ``timings``
for the benchmarks and the plugin's log.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

Advance = Callable[[], None]
BAR_WIDTH = 24
NAME_WIDTH = 12          # the longest stage name, "annotate+tei"


class Progress:
    """Timings only: what a test, a benchmark or a command without a terminal uses."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str, total: int = 0) -> Iterator[Advance]:
        started = time.perf_counter()
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            self._draw(name, done, total)

        self._draw(name, 0, total)
        try:
            yield advance
        except BaseException:
            self._abort()
            raise
        self.timings[name] = time.perf_counter() - started
        self._finish(name, total, self.timings[name])

    def _draw(self, name: str, done: int, total: int) -> None:
        pass

    def _finish(self, name: str, total: int, seconds: float) -> None:
        pass

    def _abort(self) -> None:
        pass


class Bars(Progress):
    """A bar per stage, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        super().__init__()
        self.stream = stream

    def _draw(self, name: str, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total if total else 0
        count = f"{done}/{total}" if total else ""
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r  {name:<{NAME_WIDTH}} [{bar}] {count}")
        self.stream.flush()

    def _finish(self, name: str, total: int, seconds: float) -> None:
        count = f"{total}/{total}" if total else ""
        self.stream.write(f"\r  {name:<{NAME_WIDTH}} [{'#' * BAR_WIDTH}] {count} {seconds:.2f} s\n")
        self.stream.flush()

    def _abort(self) -> None:
        self.stream.write("\n")        # the error message starts on a line of its own
        self.stream.flush()


def for_terminal(quiet: bool, stream: TextIO = sys.stderr) -> Progress:
    """Bars when ``stream`` is a terminal and not ``quiet``; timings only otherwise."""
    return Bars(stream) if not quiet and stream.isatty() else Progress()
