"""The build date: from SOURCE_DATE_EPOCH or the last commit, never from the clock."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from .errors import EditionError

_LAST_EPOCH = 253402300799          # 9999-12-31T23:59:59Z, the last date ISO 8601 writes


def build_date(project_root: Path) -> str:
    """The ISO date (YYYY-MM-DD) that a build records, the same for the same inputs.

    SOURCE_DATE_EPOCH wins (the reproducible-builds convention); else the date of the last
    git commit; else the newest modification time of the edition's own files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _iso(_checked_epoch(epoch))
    commit = _last_commit_epoch(project_root)
    if commit is not None:
        return _iso(commit)
    files = [p for p in (project_root / "edition").rglob("*") if p.is_file()]
    return _iso(int(max((p.stat().st_mtime for p in files), default=0)))


def _checked_epoch(epoch: str) -> int:
    """SOURCE_DATE_EPOCH as seconds since 1970; a malformed value is an error, as the
    convention asks, rather than a date silently taken from elsewhere."""
    if not re.fullmatch("[0-9]{1,12}", epoch) or int(epoch) > _LAST_EPOCH:
        shown = epoch if len(epoch) <= 40 else epoch[:40] + "…"
        raise EditionError(f"SOURCE_DATE_EPOCH must be the build time in seconds since "
                           f"1970-01-01 UTC (at most {_LAST_EPOCH}), not '{shown}'")
    return int(epoch)


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
