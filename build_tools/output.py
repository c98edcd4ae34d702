"""Writing a stage's output folder all at once: into a temporary sibling, swapped in only
when the whole stage succeeded, so a failed build leaves the last good output untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_directory(final: Path):
    """Yield an empty folder to write into; on success it replaces ``final``.

    On an exception the temporary folder is removed and ``final`` is not touched.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_directory(staging, final)


def replace_directory(new: Path, final: Path) -> None:
    """Put ``new`` where ``final`` is, with the old one gone (two renames, then a delete)."""
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def synced_directory(final: Path):
    """Yield an empty folder to write into; on success only what differs reaches ``final``.

    Files whose bytes did not change are left alone, timestamps included (so MkDocs and a
    reader's tools see only real changes); files no longer written are removed. The body
    of the ``with`` block may call ``changed(staging)`` to learn what will change before
    the swap, e.g. to validate only that.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        yield staging
        sync(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def changed_files(staging: Path, final: Path) -> list[Path]:
    """The files of ``staging`` that are new or differ from their twin in ``final``."""
    return [path for path in sorted(staging.rglob("*")) if path.is_file()
            and not _same(path, final / path.relative_to(staging))]


def sync(staging: Path, final: Path) -> list[Path]:
    """Make ``final`` hold exactly the files of ``staging``; return the files rewritten."""
    rewritten = []
    for path in changed_files(staging, final):
        target = final / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        rewritten.append(target)
    wanted = {p.relative_to(staging) for p in staging.rglob("*")} | \
        {p.relative_to(final) for p in rewritten}
    for path in sorted(final.rglob("*"), reverse=True):
        if path.relative_to(final) not in wanted and not _has_wanted(path, final, wanted):
            path.unlink() if path.is_file() else path.rmdir()
    return rewritten


def _has_wanted(folder: Path, final: Path, wanted: set[Path]) -> bool:
    return folder.is_dir() and any(w.is_relative_to(folder.relative_to(final)) for w in wanted)


def _same(new: Path, old: Path) -> bool:
    return old.is_file() and old.stat().st_size == new.stat().st_size \
        and old.read_bytes() == new.read_bytes()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (keeps timestamps stable)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
