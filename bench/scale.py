"""How the pipeline scales: editions of 1, 10, 100 and 500 chapters, built and measured.

    .venv/bin/python bench/scale.py [--sizes 1 10 100 500] [--corpus PATH] [--keep DIR]

Each chapter holds the two seeds (with their annotations) and, when the Ibn Hisham corpus
is present, a third, Arabic text: the next slice of the Sira, about 1,500 words. Each size
is built in a fresh process: the pipeline stage by stage, then MkDocs, then an incremental
rebuild after one source is edited (the median of three edits; and once more with MkDocs).

Words per second are over the pipeline's wall time (``total``, which also holds loading
the Quran and its index). A worker annotates each text and encodes it at once, so the two
stages share a column. Validation runs beside render, so its column is only the wait
for it after render. Peak memory is the proportional set size of
the build's process and its workers (a page they share counts once), sampled every
0.2 s: during the pipeline; over the whole build, with MkDocs, which runs in the same
process; and over the incremental rebuilds that follow in that process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-sira.mARkdown"
SLICE_WORDS = 1500
STAGES = ("ingest", "annotate+tei", "validate", "render")
INCREMENTAL_ROUNDS = 3      # timings on a shared machine vary: the median of three edits
MEMORY_SAMPLE_SECONDS = 0.2


def main() -> None:
    options = _options()
    print(f"{'chapters':>8} {'words':>10} " + " ".join(f"{s:>12}" for s in STAGES) +
          f" {'total':>8} {'words/s':>9} {'mkdocs':>8} {'pipe. MB':>8} {'peak MB':>8}"
          f" {'site MB':>8} {'index MB':>8}"
          f" {'incr. s':>8} {'incr.+mkdocs':>12} {'incr. MB':>8}", flush=True)
    for size in options.sizes:          # each row as soon as it is measured
        row = _measure_in_subprocess(size, options)
        print(f"{row['chapters']:>8} {row['words']:>10,} " +
              " ".join(f"{row['stages'][s]:>12.2f}" for s in STAGES) +
              f" {row['seconds']:>8.2f} {row['words'] / row['seconds']:>9,.0f}"
              f" {row['mkdocs']:>8.1f}"
              f" {row['pipeline_peak_mb']:>8.0f} {row['peak_mb']:>8.0f}"
              f" {row['site_bytes'] / 1e6:>8.1f} {row['index_bytes'] / 1e6:>8.2f}"
              f" {row['incremental']:>8.2f} {row['incremental_with_mkdocs']:>12.1f}"
              f" {row['incremental_peak_mb']:>8.0f}",
              flush=True)


def _measure_in_subprocess(size: int, options) -> dict:
    command = [sys.executable, __file__, "--one", str(size), "--corpus", str(options.corpus)]
    if options.keep:
        command += ["--keep", str(options.keep)]
    print(f"building {size} chapter(s) …", file=sys.stderr, flush=True)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    samples = []            # (time, MB): the memory of the build and of its workers
    while True:
        try:
            stdout, stderr = process.communicate(timeout=MEMORY_SAMPLE_SECONDS)
            break
        except subprocess.TimeoutExpired:
            samples.append((time.time(), _tree_pss_mb(process.pid)))
    if process.returncode != 0:
        sys.exit(f"size {size} failed:\n{stderr[-3000:]}")
    row = json.loads(stdout.strip().splitlines()[-1])
    def peak(first: float, last: float) -> float:
        return max((mb for at, mb in samples if first <= at <= last), default=0.0)
    row["pipeline_peak_mb"] = peak(0, row["pipeline_end"])
    row["peak_mb"] = peak(0, row["site_end"])
    row["incremental_peak_mb"] = peak(row["site_end"], float("inf"))
    return row


def _tree_pss_mb(pid: int) -> float:
    """The proportional set size of a process and its descendants: each page shared by
    forked workers counts once in all, so the sum is the memory the build takes."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except OSError:             # it ended meanwhile
            continue
        total += next(int(line.split()[1]) for line in rollup.splitlines()
                      if line.startswith("Pss:"))
    return total / 1024


def measure_one(size: int, corpus: Path, keep: Path | None) -> dict:
    """Generate an edition of ``size`` chapters, build it, and return the figures."""
    from build_tools import pipeline
    from build_tools.progress import Progress

    folder = Path(tempfile.mkdtemp(prefix=f"edition-{size}-", dir=keep))
    project = pipeline.Project(folder)
    words = generate(project.root, size, corpus)
    progress = Progress()
    started = time.perf_counter()
    pipeline.make_edition(project, progress)
    seconds = time.perf_counter() - started
    pipeline_end = time.time()
    started = time.perf_counter()
    _make_site(project)
    mkdocs = time.perf_counter() - started
    site_end = time.time()

    incremental = statistics.median(_edit_and_rebuild(project, "c001-tr", round)
                                    for round in range(INCREMENTAL_ROUNDS))
    started = time.perf_counter()
    _edit_and_rebuild(project, "c001-ar", 0)
    _make_site(project)
    with_mkdocs = time.perf_counter() - started

    figures = {
        "chapters": size, "words": words, "stages": progress.timings, "seconds": seconds,
        "mkdocs": mkdocs,
        "pipeline_end": pipeline_end, "site_end": site_end,
        "site_bytes": sum(p.stat().st_size for p in project.site_dir.rglob("*") if p.is_file()),
        "index_bytes": (project.site_dir / "search" / "search_index.json").stat().st_size,
        "incremental": incremental, "incremental_with_mkdocs": with_mkdocs,
    }
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def _make_site(project) -> None:
    """MkDocs, and what the edition plugin (left out here) does after it: the search index
    in UTF-8."""
    from build_tools import pipeline
    from build_tools.site import write_index_as_utf8

    pipeline.make_site(project)
    write_index_as_utf8(project.site_dir)


def _edit_and_rebuild(project, text_id: str, round: int) -> float:
    """Seconds to rebuild the TEI and pages after one sentence is added to one source."""
    from build_tools import pipeline

    source = project.root / "edition" / "sources" / f"{text_id}.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + f" Bitti {round}.\n",
                      encoding="utf-8")
    started = time.perf_counter()
    pipeline.make_edition(project)
    return time.perf_counter() - started


# Generating an edition ------------------------------------------------------------------

def _dump(data, **options) -> str:
    """YAML with a value used twice written out twice: editorial YAML refuses aliases."""
    import yaml

    class WrittenOut(yaml.SafeDumper):
        def ignore_aliases(self, data) -> bool:
            return True
    return yaml.dump(data, Dumper=WrittenOut, **options)


def generate(root: Path, chapters: int, corpus: Path) -> int:
    """Write an edition of ``chapters`` chapters into ``root``; return its word count."""
    import yaml

    seeds = REPO / "edition"
    slices = _sira_slices(corpus, chapters)
    (root / "edition" / "sources").mkdir(parents=True)
    (root / "edition" / "annotations").mkdir(parents=True)
    shutil.copyfile(seeds / "annotations" / "register.yml",
                    root / "edition" / "annotations" / "register.yml")
    shutil.copytree(seeds / "schema", root / "edition" / "schema")
    config = yaml.safe_load((seeds / "edition.yml").read_text(encoding="utf-8"))
    for introduction in (config.get("introduction") or {}).values():
        shutil.copyfile(seeds / introduction, root / "edition" / introduction)
    episodes = yaml.safe_load((seeds / "annotations" / "hijra" / "episodes.yml")
                              .read_text(encoding="utf-8"))
    if slices:
        episodes["episodes"].append({"id": "sira", "title": {"en": "Ibn Hisham's account",
                                                             "ar": "رواية ابن هشام",
                                                             "tr": "İbn Hişâm'ın anlatısı"}})
    template = config["chapters"][0]
    config["chapters"], words = [], 0
    for number in range(1, chapters + 1):
        chapter, texts = f"c{number:03d}", []
        folder = root / "edition" / "annotations" / chapter
        folder.mkdir()
        (folder / "episodes.yml").write_text(_dump(episodes, allow_unicode=True),
                                             encoding="utf-8")
        for seed in template["texts"]:
            lang = seed["lang"]
            text_id = f"{chapter}-{lang}"
            source = (seeds / seed["source"]).read_text(encoding="utf-8")
            words += len(source.split())
            (root / "edition" / "sources" / f"{text_id}.txt").write_text(source, encoding="utf-8")
            shutil.copyfile(seeds / seed["annotations"], folder / f"{text_id}.yml")
            texts.append({**seed, "id": text_id, "source": f"sources/{text_id}.txt",
                          "annotations": f"annotations/{chapter}/{text_id}.yml"})
        if slices:
            text = slices[(number - 1) % len(slices)]
            words += len(text.split())
            text_id = f"{chapter}-sira"
            (root / "edition" / "sources" / f"{text_id}.txt").write_text(text, encoding="utf-8")
            (folder / f"{text_id}.yml").write_text(_dump(
                {"scenes": [{"episode": "sira", "start": _unique_start(text)}]},
                allow_unicode=True), encoding="utf-8")
            texts.append({"id": text_id, "lang": "ar", "source": f"sources/{text_id}.txt",
                          "annotations": f"annotations/{chapter}/{text_id}.yml",
                          "title": {"en": f"Ibn Hisham, part {number}",
                                    "ar": f"ابن هشام، الجزء {number}"},
                          "bibl": {"en": "Ibn Hisham, al-Sira al-Nabawiyya (OpenITI)."}})
        config["chapters"].append({"id": chapter, "title": {"en": f"Chapter {number}"},
                                   "episodes": f"annotations/{chapter}/episodes.yml",
                                   "texts": texts})
    (root / "edition" / "edition.yml").write_text(_dump(config, allow_unicode=True),
                                                  encoding="utf-8")
    _site_files(root)
    return words


def _sira_slices(corpus: Path, chapters: int) -> list[str]:
    if not corpus.is_file():
        return []
    from openiti import read_markdown
    slices, current, count = [], [], 0
    for paragraph in read_markdown(corpus).split("\n\n"):
        current.append(paragraph)
        count += len(paragraph.split())
        if count >= SLICE_WORDS:
            slices.append("\n\n".join(current))
            current, count = [], 0
            if len(slices) == chapters:
                break
    return slices


def _unique_start(text: str) -> str:
    """The shortest opening words of ``text`` found nowhere else in it, as an anchor matches
    them: a space of the anchor stands for any run of white space."""
    words = text.split()
    flowing = " ".join(words)
    for length in range(4, len(words) + 1):
        anchor = " ".join(words[:length])
        if flowing.count(anchor) == 1:
            return anchor
    return flowing


def _site_files(root: Path) -> None:
    import yaml

    from build_tools.config import load_edition
    from build_tools.navigation import edition_nav
    from build_tools.site import search_languages

    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# A generated edition\n\nFor the benchmark.\n",
                                            encoding="utf-8")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    site = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    edition = load_edition(root / "edition")
    site["nav"] = edition_nav(edition)                              # as the plugin does
    site["plugins"] = [p for p in site["plugins"] if p != "edition"]   # built by this script
    for plugin in site["plugins"]:      # the search languages too, or Arabic is not found
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["lang"] = search_languages(edition.languages)
    # Without the plugin the rendered home page is not served as index.md: the script's own is.
    site["exclude_docs"] = "/edition/home.md\n"
    site["validation"]["links"]["anchors"] = "warn"
    (root / "mkdocs.yml").write_text(yaml.dump(site, allow_unicode=True), encoding="utf-8")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 500])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="build inside this folder and keep it")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _options()
    if arguments.one:
        print(json.dumps(measure_one(arguments.one, arguments.corpus, arguments.keep)))
    else:
        main()
