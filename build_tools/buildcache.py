"""Results kept between builds, by a key that names everything they were made from.

A stage asks for what it made last time from the same inputs and, if the key matches, uses
it instead of making it again; so an edit to one text redoes only that text's work. The
cache lives in the project's own (git-ignored) ``build/cache`` folder.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """A hash of this package's code, data and templates: new code, new results."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.suffix in (".py", ".yml", ".j2", ".po") and path.is_file():
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


def key_of(*parts: bytes | str) -> str:
    """The key of a result made from ``parts`` by this version of the code."""
    digest = hashlib.sha256(code_fingerprint())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class BuildCache:
    """Bytes stored per (kind, name), valid for one key; no cache when ``folder`` is None.

    Each (kind, name) is one file that starts with the key it was made for: storing a new
    result replaces the old one, and finding it costs one read.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder

    def get(self, kind: str, name: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / kind / name).read_bytes()
        except OSError:
            return None
        header = key.encode() + b"\n"
        return data[len(header):] if data.startswith(header) else None

    def put(self, kind: str, name: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self.folder / kind / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so that a build cut short leaves no half a result.
        temporary = path.with_name(f".{name}.{os.getpid()}")
        temporary.write_bytes(key.encode() + b"\n" + data)
        os.replace(temporary, path)
