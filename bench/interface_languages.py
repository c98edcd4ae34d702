"""What the interface languages cost the build: the default edition built from scratch with
one interface language (English) and with all of its own (English, Arabic, Turkish), in
alternation, in the same run.

    .venv/bin/python bench/interface_languages.py [--rounds 3]

Each build is `edition build` in a fresh process on a fresh copy of the project (no build
cache): the pipeline, which renders the pages once per interface language, then MkDocs,
which builds one site per interface language. Printed: the median wall time of each, their
ratio, and the size of the site.
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
CHOICES = {"en": "interface_languages: [en]\n", "en, ar, tr": ""}   # edition.yml's addition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    times: dict[str, list[float]] = {name: [] for name in CHOICES}
    sizes: dict[str, int] = {}
    for _ in range(rounds):
        for name, addition in CHOICES.items():          # alternated: the machine is shared
            seconds, size = _build(addition)
            times[name].append(seconds)
            sizes[name] = size
    print(f"{'interface languages':<20} {'build s (median)':>16} {'runs':>24} {'site MB':>8}")
    for name, runs in times.items():
        print(f"{name:<20} {statistics.median(runs):>16.2f} "
              f"{' '.join(f'{r:.2f}' for r in runs):>24} {sizes[name] / 1e6:>8.1f}")
    one, three = (statistics.median(times[name]) for name in CHOICES)
    print(f"ratio three/one: {three / one:.2f}")


def _build(addition: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as folder:
        root = Path(folder)
        shutil.copytree(REPO / "edition", root / "edition")
        (root / "docs").mkdir()
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        (root / "node_modules").symlink_to(REPO / "node_modules")
        config = root / "edition" / "edition.yml"
        config.write_text(config.read_text(encoding="utf-8") + addition, encoding="utf-8")
        environment = dict(os.environ, SOURCE_DATE_EPOCH="1763769600")
        start = time.perf_counter()
        subprocess.run([str(EDITION_BIN), "--quiet", "build"], cwd=root, env=environment,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        return seconds, size


if __name__ == "__main__":
    main()
