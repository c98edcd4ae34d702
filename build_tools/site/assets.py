"""The files the site serves itself: the generator's own stylesheet and scripts
(``static/``), and third-party files copied from ``node_modules`` (``npm ci``).

Nothing is fetched from a CDN at run time: the Amiri web font (OFL) and the ``iframe-worker``
shim that lets Material's search worker run from ``file://``. The docs folder holds no
asset of its own, so a project made by ``edition new`` needs none.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from ..npm import node_modules

ASSETS_DIR = Path("assets")             # below the docs folder; git-ignored
VENDOR = ASSETS_DIR / "vendor"
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Asset:
    """One npm file the site needs, and where below ``docs/assets/vendor`` it goes."""

    package: str
    path: str
    target: str


ASSETS = (
    Asset("iframe-worker", "shim/index.js", "iframe-worker/shim.js"),
    Asset("iframe-worker", "LICENSE", "iframe-worker/LICENSE"),
    Asset("@fontsource/amiri", "400.css", "amiri/400.css"),
    Asset("@fontsource/amiri", "700.css", "amiri/700.css"),
    Asset("@fontsource/amiri", "LICENSE", "amiri/LICENSE"),
)

_FONT_FILE = re.compile(r"url\(\./(files/[^)]+)\)")


def copy_vendor_assets(project_root: Path, docs_dir: Path) -> list[Path]:
    """Copy the assets (and the font files their CSS names) into ``docs/assets/vendor``."""
    modules = node_modules(project_root)
    written = []
    for asset in ASSETS:
        source = _package_file(modules, asset.package, asset.path)
        written.append(_copy(source, docs_dir / VENDOR / asset.target))
        if source.suffix == ".css":
            for font in sorted(set(_FONT_FILE.findall(source.read_text(encoding="utf-8")))):
                target = docs_dir / VENDOR / Path(asset.target).parent / font
                written.append(_copy(_package_file(modules, asset.package, font), target))
    return written


def copy_site_assets(docs_dir: Path) -> list[Path]:
    """Copy the generator's stylesheet and scripts into ``docs/assets``."""
    return [_copy(path, docs_dir / ASSETS_DIR / path.name)
            for path in sorted(STATIC.iterdir()) if path.is_file()]


def _package_file(modules: Path, package: str, path: str) -> Path:
    source = modules / package / path
    if not source.is_file():
        raise EditionError(f"{package}/{path} is missing; run `npm ci` in the project folder",
                           str(modules.relative_to(modules.parent)))
    return source


def _copy(source: Path, target: Path) -> Path:
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target
