"""One build at a time in a project: a second build started meanwhile says that it waits,
and starts when the first has finished, so two never write the same output at once."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:                 # not a POSIX system: builds are not serialised there
    fcntl = None

LOCK_NAME = ".lock"

# The locks this process holds, by folder, and how many times: a stage run inside a build
# is already covered by the build's lock (a second flock on a file this process opened
# again would wait for itself).
_held: dict[Path, int] = {}


@contextmanager
def one_build_at_a_time(build_dir: Path):
    """Hold the project's build lock (``build/.lock``) while the block runs.

    The lock is the system's (``flock``): it is given up when its holder ends, however it
    ends, so a killed build never leaves the project locked.
    """
    key = build_dir.resolve()
    if fcntl is None or key in _held:
        _held[key] = _held.get(key, 0) + 1
        try:
            yield
        finally:
            _release(key)
        return
    build_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(build_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _acquire(descriptor, build_dir / LOCK_NAME)
        _held[key] = 1
        try:
            yield
        finally:
            _release(key)
    finally:
        os.close(descriptor)        # which gives up the lock


def _acquire(descriptor: int, path: Path) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"{path}: another build of this project is running; this one waits for it "
              f"to finish", file=sys.stderr, flush=True)
        fcntl.flock(descriptor, fcntl.LOCK_EX)


def _release(key: Path) -> None:
    _held[key] -= 1
    if not _held[key]:
        del _held[key]
