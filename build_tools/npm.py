"""Where the npm packages the generator uses (Quran data, fonts, CLDR) are installed."""

from __future__ import annotations

from pathlib import Path

GENERATOR_ROOT = Path(__file__).resolve().parents[1]     # where `npm ci` ran for the generator


def node_modules(project_root: Path) -> Path:
    """The project's own ``node_modules``, or the generator's when the project has none (a
    project made by ``edition new`` uses the generator's pinned packages)."""
    own = Path(project_root) / "node_modules"
    return own if own.is_dir() else GENERATOR_ROOT / "node_modules"
