"""Results kept between builds, by a key that names everything they were made from.

A stage asks for what it made last time from the same inputs and, if the key matches, uses
it instead of making it again; so an edit to one text redoes only that text's work. The
cache lives in the project's own (git-ignored) ``build/cache`` folder.
"""

from __future__ import annotations

import hashlib
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
    """Bytes stored per (kind, name), valid for one key; no cache when ``folder`` is None."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def get(self, kind: str, name: str, key: str) -> bytes | None:
        path = self._path(kind, name, key)
        return path.read_bytes() if path is not None and path.is_file() else None

    def put(self, kind: str, name: str, key: str, data: bytes) -> None:
        path = self._path(kind, name, key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}.*"):
            old.unlink()
        path.write_bytes(data)

    def _path(self, kind: str, name: str, key: str) -> Path | None:
        return self.folder / kind / f"{name}.{key[:24]}" if self.folder else None
