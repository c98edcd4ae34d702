"""How a build treats the process's memory: few looks for reference cycles while it runs,
and what it freed given back to the system when it ends."""

from __future__ import annotations

import ctypes
import gc
from contextlib import contextmanager

COLLECT_EVERY = 50_000          # new objects between two looks for reference cycles


@contextmanager
def few_collections():
    """Look for reference cycles every 50,000 new objects rather than every 700.

    A build makes millions of small objects (YAML values, spans, facts) and keeps most of
    them until its stage ends; each collection of the oldest generation walks all of them,
    which made reading the annotations of 100 chapters take twice as long. A build makes
    few cycles, and the threshold is put back when it ends.
    """
    previous = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _find_malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim     # the C library's, where it is glibc
    except (AttributeError, OSError):
        return None


_MALLOC_TRIM = _find_malloc_trim()


def release_freed_memory(collect_cycles: bool = False) -> None:
    """Give the system back the memory that Python and libxml2 freed but the C allocator
    keeps; with ``collect_cycles``, after freeing the objects that only reference cycles
    keep (an MkDocs build leaves some 40,000 at 100 chapters).

    A build frees most of what it made, but glibc keeps the freed memory in heaps that a
    few surviving objects pin. A process that builds again and again (``mkdocs serve``)
    would then grow by most of a build's size each time: at 500 chapters it held 1.1 GB
    after the pipeline and MkDocs had built once and 1.7 GB after three rounds; with the
    heaps trimmed, 0.41 and 0.46 GB. Elsewhere than glibc this does nothing.
    """
    if collect_cycles:
        gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
