"""Writing a stage's output folder all at once, only when the whole stage succeeded, so a
failed build leaves the last good output untouched: from a temporary sibling folder, or from
what the stage made in memory."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from concurrent.futures import ThreadPoolExecutor
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
def synced_directory(final: Path, beside: Path | None = None):
    """Yield an empty folder to write into; on success only what differs reaches ``final``.

    Files whose bytes did not change are left alone, timestamps included (so MkDocs and a
    reader's tools see only real changes); files no longer written are removed. The body
    of the ``with`` block may call :func:`changed_files` to learn what will change before
    the swap, e.g. to validate only that. The folder is made in ``beside`` (by default
    beside ``final``), which must be on the same file system for files to be linked.
    """
    beside = beside or final.parent
    beside.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=beside))
    try:
        yield staging
        sync(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage_files(staging: Path, files: dict[str, bytes | Path], final: Path) -> None:
    """Write ``files`` (relative path → bytes, or a file to link) into ``staging``; a file
    that ``final`` already holds byte for byte is hard-linked from there instead, which
    costs a read rather than a write and is then seen to be unchanged without reading it
    again."""
    _make_folders(staging, files)
    _write_all((staging / name, final / name if _holds(final / name, data) else data)
               for name, data in files.items())


def changed_files(staging: Path, final: Path) -> list[Path]:
    """The files of ``staging`` that are new or differ from their twin in ``final``."""
    return [path for path in sorted(staging.rglob("*")) if path.is_file()
            and not _same(path, final / path.relative_to(staging))]


def sync(staging: Path, final: Path) -> None:
    """Make ``final`` hold exactly the files of ``staging``.

    On a first build, when there is no ``final`` yet, ``staging`` becomes it."""
    if not final.exists():
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.rename(final)
            return
        except OSError:             # on another file system: copied file by file below
            pass
    publish(final, {path.relative_to(staging).as_posix(): path
                    for path in staging.rglob("*") if path.is_file()})


def publish(final: Path, files: dict[str, bytes | Path]) -> list[Path]:
    """Make ``final`` hold exactly ``files`` (relative path → bytes, or a file to copy);
    return the files rewritten.

    What did not change keeps its bytes and timestamp, what is no longer made is removed.
    Nothing is written for a file that is already right, so a rebuild costs a read per
    file rather than a write, and a copy that is still a hard link of its original costs
    neither. Each file is replaced whole, never written into.
    """
    _make_folders(final, files)
    changed = [(final / name, content) for name, content in sorted(files.items())
               if not _holds(final / name, content)]
    _write_all(changed)
    rewritten = [target for target, _ in changed]
    wanted = {Path(name) for name in files}
    for path in sorted(final.rglob("*"), reverse=True):
        relative = path.relative_to(final)
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif relative not in wanted:
            path.unlink()
    return rewritten


def _make_folders(root: Path, names) -> None:
    """The folders the files ``names`` (relative to ``root``) go in, each made once."""
    for folder in {(root / name).parent for name in names}:
        folder.mkdir(parents=True, exist_ok=True)


# Creating a file waits on the file system, which leaves Python free meanwhile: files are
# written a few at once.
WRITERS = 8


def _write_all(jobs) -> None:
    jobs = list(jobs)
    if len(jobs) < WRITERS:             # a worker writing its own file or two
        for job in jobs:
            _replace(job)
        return
    with ThreadPoolExecutor(WRITERS) as writers:
        list(writers.map(_replace, jobs))


def _replace(job: tuple[Path, bytes | Path]) -> None:
    """Replace a file whole with new bytes, or with a link to (or copy of) another file."""
    target, content = job
    temporary = target.with_name(f".{target.name}.new")
    if isinstance(content, Path):
        link_or_copy(content, temporary)
    else:
        temporary.write_bytes(content)
    os.replace(temporary, target)


def _holds(target: Path, content: bytes | Path) -> bool:
    if isinstance(content, Path):
        return _same(content, target)
    try:
        return target.stat().st_size == len(content) and target.read_bytes() == content
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link of ``source`` at ``target`` where the file system allows, else a copy."""
    try:
        os.link(source, target)
    except OSError:                 # another file system, or one without links
        shutil.copy2(source, target)


def _same(new: Path, old: Path) -> bool:
    try:
        old_stat, new_stat = old.stat(), new.stat()
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(old_stat.st_mode):
        return False
    if os.path.samestat(old_stat, new_stat):            # one file, hard-linked twice
        return True
    return old_stat.st_size == new_stat.st_size and old.read_bytes() == new.read_bytes()

