"""Writing a stage's output folder all at once: into a temporary sibling, swapped in only
when the whole stage succeeded, so a failed build leaves the last good output untouched."""

from __future__ import annotations

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


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (keeps timestamps stable)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
