"""The TEI files and their schemas, copied into the site for scholars to download."""

from __future__ import annotations

import shutil
from pathlib import Path

DOWNLOADS = "tei"          # below docs/edition/


def copy_downloads(tei_folder: Path, pages_folder: Path) -> None:
    """Copy every TEI file and the schema folder beside the pages."""
    shutil.copytree(tei_folder, pages_folder / DOWNLOADS)
