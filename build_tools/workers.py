"""The work of a stage shared out over the cores of the machine: the per-text work in a
pool of workers, or a whole stage beside another one.

Workers are forked, so they start with everything the stage has loaded (the Quran, the
register, the annotated edition) without it being sent to them; only each item's index
goes out and its result comes back. A process that runs other threads (``mkdocs serve``)
is not forked, since a lock one of them holds would stay locked in the copy: there the
work is done in this process.

A worker ends with the process that forked it, even when that one is killed outright
(SIGKILL leaves it no chance to stop its workers): on Linux the system is asked to kill
the worker then (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Starting a worker costs about as much as annotating a dozen texts: fewer items per worker
# than this are done here.
ITEMS_PER_WORKER = 16

_job: tuple[Callable, Sequence] | None = None     # what the forked workers inherit


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether work may be forked off: not from a process that runs other threads."""
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def in_parallel(function: Callable[[Item], Result], items: Sequence[Item],
                advance: Callable[[], None] = lambda: None,
                items_per_worker: int | None = None) -> list[Result]:
    """``[function(item) for item in items]``, in forked workers when there are enough
    items (and cores) for it to pay; ``advance`` is called as each is done.

    ``function`` should return its failures rather than raise them, so that every item's
    problems are told at once; its results must pickle.
    """
    workers = min(cores(), len(items) // (items_per_worker or ITEMS_PER_WORKER))
    if workers < 2 or not can_fork():
        return [_advanced(function(item), advance) for item in items]
    global _job
    _job = (function, items)
    try:
        with _frozen(), ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"),
                initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            chunk = max(1, len(items) // (workers * 8))
            results = pool.map(_run, range(len(items)), chunksize=chunk)
            return [_advanced(result, advance) for result in results]
    finally:
        _job = None


@contextmanager
def _frozen():
    """The objects this process holds, out of the collector's reach while it forks: a
    collection in a worker would otherwise write to every one of them, and the system
    would copy every page the two processes share."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


PR_SET_PDEATHSIG = 1        # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when ``parent``, the process that forked it, ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:      # it ended before the request was made
        os._exit(1)


def _run(index: int):
    function, items = _job
    return function(items[index])


def _advanced(result: Result, advance: Callable[[], None]) -> Result:
    advance()
    return result


class Background:
    """``function(*arguments)`` run beside what this process does next: in a forked process,
    or in a thread where forking is not safe. ``result()`` waits for it and returns its
    result or raises what it raised; both must pickle."""

    def __init__(self, function: Callable[..., Result], *arguments) -> None:
        self._outcome: tuple[bool, object] | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._runner = context.Process(target=_send_outcome,
                                           args=(os.getpid(), sender, function, arguments))
            with _frozen():
                self._runner.start()
            sender.close()
        else:
            self._receiver = None
            self._runner = threading.Thread(target=self._keep_outcome,
                                            args=(function, arguments), daemon=True)
            self._runner.start()

    @property
    def forked(self) -> bool:
        """Whether it runs in a process of its own (else in a thread of this one)."""
        return isinstance(self._runner, multiprocessing.process.BaseProcess)

    def cancel(self) -> None:
        """Stop it, its outcome no longer wanted: a process is ended, a thread (which
        cannot be stopped) is waited for."""
        if self.forked and self._runner.is_alive():
            self._runner.terminate()
        try:
            self.result()
        except Exception:           # what a stopped run says is not wanted either
            pass

    def _keep_outcome(self, function: Callable, arguments: tuple) -> None:
        self._outcome = _outcome(function, arguments)

    def result(self):
        if self._receiver is not None:
            try:
                self._outcome = self._receiver.recv()
            except EOFError:
                self._outcome = (False, RuntimeError(
                    f"a worker process ended without an answer (exit code "
                    f"{self._runner.exitcode})"))
            self._receiver.close()
            self._receiver = None
        self._runner.join()
        succeeded, value = self._outcome
        if not succeeded:
            raise value
        return value


def _outcome(function: Callable, arguments: tuple) -> tuple[bool, object]:
    try:
        return True, function(*arguments)
    except Exception as error:
        return False, error


def _send_outcome(parent: int, sender, function: Callable, arguments: tuple) -> None:
    die_with_parent(parent)
    outcome = _outcome(function, arguments)
    try:
        sender.send(outcome)
    except Exception as error:          # what it returned or raised does not pickle
        sender.send((False, RuntimeError(f"{outcome[1]!r} could not be sent back: {error}")))
