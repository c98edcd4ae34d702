"""The build date: from SOURCE_DATE_EPOCH or the last commit, never from the clock."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path


def build_date(project_root: Path) -> str:
    """The ISO date (YYYY-MM-DD) that a build records, the same for the same inputs.

    SOURCE_DATE_EPOCH wins (the reproducible-builds convention); else the date of the last
    git commit; else the newest modification time of the edition's own files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _iso(int(epoch))
    commit = _last_commit_epoch(project_root)
    if commit is not None:
        return _iso(commit)
    files = [p for p in (project_root / "edition").rglob("*") if p.is_file()]
    return _iso(int(max((p.stat().st_mtime for p in files), default=0)))


def _last_commit_epoch(project_root: Path) -> int | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project_root,
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat()
