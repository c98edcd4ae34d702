"""The generator as another git commit has it, for the benchmarks that measure it beside
this one in the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def checkout(ref: str, folder: Path) -> Path | None:
    """The generator (``build_tools``) at git ``ref``, unpacked into ``folder``, a new folder;
    None, said on standard error, without git or that ref."""
    folder.mkdir()
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "build_tools"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        print(f"  (no baseline: git ref {ref!r} cannot be read)", file=sys.stderr)
        return None
    return folder
