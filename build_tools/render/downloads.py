"""The TEI files and their schemas, offered in the site for scholars to download."""

from __future__ import annotations

from pathlib import Path

DOWNLOADS = "tei"          # below docs/edition/


def downloads(tei_folder: Path) -> dict[str, Path]:
    """Every TEI file and the schema folder, by their place beside the pages.

    They are published as hard links where the file system allows: the build replaces a
    TEI file rather than writing into it, and a download that is still the same file as
    its TEI is seen to be unchanged without reading either.
    """
    return {f"{DOWNLOADS}/{path.relative_to(tei_folder).as_posix()}": path
            for path in sorted(tei_folder.rglob("*")) if path.is_file()}
