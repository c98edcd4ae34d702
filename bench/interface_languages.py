"""What the interface languages cost the build: the default edition built from scratch with
one interface language (English) and with all of its own (English, Arabic, Turkish), in
alternation, in the same run.

    .venv/bin/python bench/interface_languages.py [--rounds 3] [--chapters N]

Each build is `edition build` in a fresh process on a fresh copy of the project (no build
cache): the pipeline, which renders the pages once per interface language, then MkDocs,
which builds one site per interface language. Then `mkdocs build` again in that copy: with
nothing to render again, mostly the sites. Printed: the median wall times, the ratios of
three languages to one, and the size of the site. With ``--chapters N``, the edition is
the one ``bench/scale.py`` generates of N chapters (built here with the plugin).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDITION_BIN = Path(sys.executable).parent / "edition"
MKDOCS_BIN = Path(sys.executable).parent / "mkdocs"
CHOICES = {"en": "interface_languages: [en]\n", "en, ar, tr": ""}   # edition.yml's addition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chapters", type=int, help="a generated edition of N chapters")
    options = parser.parse_args()
    rounds = options.rounds
    times: dict[str, list[float]] = {name: [] for name in CHOICES}
    again: dict[str, list[float]] = {name: [] for name in CHOICES}
    sizes: dict[str, int] = {}
    for _ in range(rounds):
        for name, addition in CHOICES.items():          # alternated: the machine is shared
            cold, warm, sizes[name] = _build(addition, options.chapters)
            times[name].append(cold)
            again[name].append(warm)
    print(f"{'interface languages':<20} {'edition build s':>16} {'runs':>18}"
          f" {'mkdocs again s':>15} {'runs':>18} {'site MB':>8}")
    for name in CHOICES:
        print(f"{name:<20} {statistics.median(times[name]):>16.2f} {_runs(times[name]):>18}"
              f" {statistics.median(again[name]):>15.2f} {_runs(again[name]):>18}"
              f" {sizes[name] / 1e6:>8.1f}")
    for label, measured in (("edition build", times), ("mkdocs build again", again)):
        one, three = (statistics.median(measured[name]) for name in CHOICES)
        print(f"{label}: three languages / one = {three / one:.2f}")


def _runs(runs: list[float]) -> str:
    return " ".join(f"{r:.2f}" for r in runs)


def _build(addition: str, chapters: int | None) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as folder:
        root = Path(folder)
        if chapters:
            _generated(root, chapters)
        else:
            shutil.copytree(REPO / "edition", root / "edition")
            (root / "docs").mkdir()
            (root / "node_modules").symlink_to(REPO / "node_modules")
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        config = root / "edition" / "edition.yml"
        config.write_text(config.read_text(encoding="utf-8") + addition, encoding="utf-8")
        environment = dict(os.environ, SOURCE_DATE_EPOCH="1763769600")
        cold = _timed([str(EDITION_BIN), "--quiet", "build"], root, environment)
        warm = _timed([str(MKDOCS_BIN), "build", "--quiet"], root, environment)
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        return cold, warm, size


def _generated(root: Path, chapters: int) -> None:
    """scale.py's edition of ``chapters`` chapters, with the plugin's home page."""
    sys.path.insert(0, str(REPO / "bench"))
    sys.path.insert(0, str(REPO))
    import scale
    scale.generate(root, chapters, scale.DEFAULT_CORPUS)
    (root / "docs" / "index.md").unlink()


def _timed(command: list[str], root: Path, environment: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=root, env=environment, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
