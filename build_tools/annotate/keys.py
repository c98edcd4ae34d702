"""The keys of a text's annotation: a text whose key is unchanged since the last build is
not annotated again (SPEC §3: an edit redoes only what depends on it); the tei stage keeps
its TEI under the key.

A text's key names everything its annotation reads: its source and annotation file, the
register, its chapter's episodes, ``edition.yml``, the Quran package and the code.
"""

from __future__ import annotations

from pathlib import Path

from ..buildcache import key_of
from ..config import Chapter, Edition, TextConfig
from ..quran import PACKAGE_VERSION


def edition_key(edition: Edition) -> str:
    """The key of what every text's annotation reads: the register and ``edition.yml``
    (hashed once per build, not once per text: ``edition.yml`` grows with the edition)."""
    return key_of(PACKAGE_VERSION, *_contents(edition.register, edition.config_path))


def text_key(edition_part: str, chapter: Chapter, text: TextConfig) -> str:
    """The key of one text's annotation, given the :func:`edition_key`."""
    return key_of(edition_part, repr(text),
                  *_contents(text.source, text.annotations, chapter.episodes))


def _contents(*paths: Path) -> list[bytes]:
    return [path.read_bytes() if path.is_file() else b"" for path in paths]
