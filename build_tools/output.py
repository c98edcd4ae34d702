"""Writing a stage's output folder all at once, only when the whole stage succeeded, so a
failed build leaves the last good output untouched: from a temporary sibling folder, or from
what the stage made in memory.

A folder is put in place in one step: on Linux the staged folder and the old one trade
places (``renameat2`` with ``RENAME_EXCHANGE``), so a build killed at any moment leaves
either the old folder or the new one, never a mixture. Where the system cannot exchange
two folders the old one is moved aside first, and a build killed between the two renames
leaves it aside, whole, to be put back by the next build. Staging folders that a killed
build left behind are removed by the next one (:func:`clear_leftovers`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_directory(final: Path):
    """Yield an empty folder to write into; on success it replaces ``final``.

    On an exception the temporary folder is removed and ``final`` is not touched.
    """
    staging = _staging_folder(final, final.parent)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_directory(staging, final)


def _staging_folder(final: Path, beside: Path) -> Path:
    """A new empty folder in ``beside``, named after ``final`` (so that the next build knows
    it for a leftover), with the permissions of ``final`` (or of its parent), since it
    becomes ``final``: a temporary folder is private to its owner."""
    beside.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=beside))
    model = next(folder for folder in (final, final.parent, beside) if folder.is_dir())
    staging.chmod(stat.S_IMODE(model.stat().st_mode))
    return staging


def replace_directory(new: Path, final: Path) -> None:
    """Put the folder ``new`` where ``final`` is, in one step where the system allows, and
    remove the old one."""
    if _exchange(new, final):
        shutil.rmtree(new, ignore_errors=True)      # now the old folder
        return
    old = _set_aside(final)
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def clear_leftovers(final: Path, beside: Path | None = None, *,
                    updated_in_place: bool = True) -> None:
    """Remove what builds killed while staging ``final`` left: its staging folders (in
    ``beside``, by default beside it), and, for a folder that may be ``updated_in_place``
    file by file (see :func:`synced_directory`), the temporary files of an update.
    An old folder set aside just before a kill is put back if ``final`` is missing.

    Only one build may run at a time in a project (see :mod:`build_tools.lock`), so no
    staging folder found here is still in use.
    """
    old = _set_aside(final)
    if old.is_dir() and not final.exists():
        old.rename(final)
    for folder in {final.parent, beside or final.parent}:
        for leftover in folder.glob(f".{final.name}.*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
    if updated_in_place and final.is_dir():
        for temporary in final.rglob(".*.new"):
            if temporary.is_file():
                temporary.unlink()


def _set_aside(final: Path) -> Path:
    return final.with_name(f".{final.name}.old")


RENAME_EXCHANGE = 2         # from <linux/fs.h>
AT_FDCWD = -100


def _renameat2():
    """glibc's ``renameat2``, or None where there is none (another system, an old glibc)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def _exchange(new: Path, final: Path) -> bool:
    """Trade the places of the folders ``new`` and ``final`` atomically, or simply rename
    ``new`` to ``final`` when there is no ``final``; False when the system cannot."""
    if not final.exists():
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            new.rename(final)
            return True
        except OSError:
            return False
    if _RENAMEAT2 is None or not final.is_dir() or final.is_symlink():
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(final),
                  RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP, errno.EPERM):
        return False                # a file system or kernel without it, or another device
    raise OSError(code, os.strerror(code), str(final))


@contextmanager
def synced_directory(final: Path, beside: Path | None = None):
    """Yield an empty folder to write into; on success only what differs reaches ``final``.

    Files whose bytes did not change are left alone, timestamps included (so MkDocs and a
    reader's tools see only real changes; the staged copy of such a file is a hard link of
    it, see :func:`stage_files`); files no longer written are removed. When anything
    changed, the staged folder takes the place of ``final`` in one step, so ``final`` is at
    every moment wholly old or wholly new. The body of the ``with`` block may call
    :func:`changed_files` to learn what will change before the swap, e.g. to validate only
    that. The folder is made in ``beside`` (by default beside ``final``), which must be on
    the same file system for files to be linked and the folders exchanged.
    """
    staging = _staging_folder(final, beside or final.parent)
    try:
        yield staging
        if _differs(staging, final) and not _exchange(staging, final):
            sync(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)      # the old folder, after an exchange


def _differs(staging: Path, final: Path) -> bool:
    """Whether ``final`` is not yet exactly what ``staging`` holds."""
    if not final.is_dir():
        return True
    return (_file_names(staging) != _file_names(final)
            or bool(changed_files(staging, final)))


def _file_names(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*") if not path.is_dir()}


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

