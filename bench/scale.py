"""How the build scales: editions of 1, 10, 100 and 500 chapters, built and measured.

    .venv/bin/python bench/scale.py [--sizes 1 10 100 500] [--corpus PATH] [--keep DIR]
                                    [--baseline REF]

Each chapter holds the two seeds (with their annotations) and, when the Ibn Hisham corpus
is present, a third, Arabic text: the next slice of the Sira, about 1,500 words. Each size
is built in a fresh process, as ``make site`` builds it (with the edition plugin, a site per
interface language): the pipeline stage by stage from an empty ``build/``, then the site.
Then one source is edited and built again: the pipeline alone (the median of three edits),
and ``edition build`` (pipeline and site). Search is timed from disk in Chromium
(``bench/search_speed.py``: seconds from the last key to the first result, bytes read
before it). Then ``mkdocs serve --dirty`` is started, the page of the edited text opened in
Chromium, and a sentence added to its source: the seconds from the save to the page
showing it.

The generator at git ``--baseline`` (by default the commit before the site was built
incrementally and its languages side by side) builds the same edition in the same run,
from nothing and after the same edit, with ``edition build``: the columns ``old`` and
the ratios new / old.

Words per second are over the pipeline's wall time (``total``, which also holds loading
the Quran and its index). A worker annotates each text and encodes it at once, so the two
stages share a column. Validation runs beside render, so its column is only the wait
for it after render. Peak memory is the proportional set size of
the build's process and its workers (a page they share counts once), sampled every
0.2 s: during the pipeline; over the whole build, site included; and over the rebuilds
that follow.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import checkout  # noqa: E402  (bench/, just put on the path)

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-sira.mARkdown"
# The last commit before the site was built incrementally, its languages side by side.
DEFAULT_BASELINE = "f284855"
SLICE_WORDS = 1500
STAGES = ("ingest", "annotate+tei", "validate", "render")
INCREMENTAL_ROUNDS = 3      # timings on a shared machine vary: the median of three edits
MEMORY_SAMPLE_SECONDS = 0.2
CHROMIUM = Path("/usr/bin/chromium")
MKDOCS = Path(sys.executable).parent / "mkdocs"
COLUMNS = (("chapters", 8), ("words", 10), *((s, 12) for s in STAGES), ("total", 8),
           ("words/s", 9), ("site s", 8), ("build s", 8), ("old s", 8), ("ratio", 6),
           ("edit s", 7), ("edit+site s", 11), ("old edit s", 10), ("ratio", 6),
           ("serve s", 8), ("pipe. MB", 8), ("peak MB", 8), ("site MB", 8),
           ("index MB", 8), ("edit MB", 8))


def main() -> None:
    options = _options()
    print(" ".join(f"{name:>{width}}" for name, width in COLUMNS), flush=True)
    for size in options.sizes:          # each row as soon as it is measured
        row = _measure_in_subprocess(size, options)
        build = row["seconds"] + row["site"]
        values = (
            f"{row['chapters']}", f"{row['words']:,}",
            *(f"{row['stages'][s]:.2f}" for s in STAGES), f"{row['seconds']:.2f}",
            f"{row['words'] / row['seconds']:,.0f}", f"{row['site']:.1f}", f"{build:.1f}",
            _seconds(row["old_build"]), _ratio(build, row["old_build"]),
            f"{row['incremental']:.2f}", f"{row['edit_build']:.1f}",
            _seconds(row["old_edit_build"]), _ratio(row["edit_build"], row["old_edit_build"]),
            _seconds(row["serve"]), f"{row['pipeline_peak_mb']:.0f}", f"{row['peak_mb']:.0f}",
            f"{row['site_bytes'] / 1e6:.1f}", f"{row['index_bytes'] / 1e6:.2f}",
            f"{row['incremental_peak_mb']:.0f}")
        print(" ".join(f"{value:>{width}}" for value, (_, width) in zip(values, COLUMNS)),
              flush=True)
        for query, found in (row["search"] or {}).items():
            print(f"{'':>8} search {query!r}: first result {found['seconds']:.2f} s after the"
                  f" last key, {found['since_first_key']:.2f} s after the first,"
                  f" {found['bytes'] / 1e6:.2f} MB read before it, {found['results']} found",
                  flush=True)


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _ratio(new: float, old: float | None) -> str:
    return "–" if not old else f"{new / old:.2f}"


def _measure_in_subprocess(size: int, options) -> dict:
    command = [sys.executable, __file__, "--one", str(size), "--corpus", str(options.corpus),
               "--baseline", options.baseline]
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
    row["incremental_peak_mb"] = peak(row["site_end"], row["edits_end"])
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


def measure_one(size: int, corpus: Path, keep: Path | None, baseline: str) -> dict:
    """Generate an edition of ``size`` chapters, build it, and return the figures."""
    from build_tools import pipeline
    from build_tools.progress import Progress

    folder = Path(tempfile.mkdtemp(prefix=f"edition-{size}-", dir=keep))
    project = pipeline.Project(folder / "new")
    words = generate(project.root, size, corpus)
    _as_make_site_builds_it(project.root)
    old = _copy(project.root, folder / "old")
    old_code = checkout(baseline, folder / "baseline")

    progress = Progress()
    started = time.perf_counter()
    edition = pipeline.make_edition(project, progress)
    seconds = time.perf_counter() - started
    pipeline_end = time.time()
    started = time.perf_counter()
    pipeline.make_site(project, edition=edition)
    site = time.perf_counter() - started
    site_end = time.time()

    incremental = statistics.median(_edit_and_rebuild(project, "c001-tr", round)
                                    for round in range(INCREMENTAL_ROUNDS))
    _edit(project.root, "c001-ar", 0)
    started = time.perf_counter()
    pipeline.make_site(project, edition=pipeline.make_edition(project))
    edit_build = time.perf_counter() - started
    edits_end = time.time()

    old_build = old_edit_build = None
    if old_code is not None:
        old_build = _edition_build(old_code, old)
        _edit(old, "c001-ar", 0)
        old_edit_build = _edition_build(old_code, old)

    figures = {
        "chapters": size, "words": words, "stages": progress.timings, "seconds": seconds,
        "site": site, "old_build": old_build,
        "pipeline_end": pipeline_end, "site_end": site_end, "edits_end": edits_end,
        "site_bytes": sum(p.stat().st_size for p in project.site_dir.rglob("*") if p.is_file()),
        "index_bytes": (project.site_dir / "search" / "search_index.json").stat().st_size,
        "incremental": incremental, "edit_build": edit_build, "old_edit_build": old_edit_build,
        "search": _search(project.site_dir),
        "serve": _serve_edit_seconds(project.root),
    }
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def _as_make_site_builds_it(root: Path) -> None:
    """The project's own mkdocs.yml, the plugin in it, and the plugin's home page."""
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "index.md").unlink()


def _copy(root: Path, target: Path) -> Path:
    """A copy of a generated project that has not been built."""
    shutil.copytree(root / "edition", target / "edition")
    shutil.copyfile(root / "mkdocs.yml", target / "mkdocs.yml")
    (target / "docs").mkdir()
    (target / "node_modules").symlink_to(REPO / "node_modules")
    return target


# `edition build` with the generator found first in sys.path[1]; MkDocs finds its plugin there.
_EDITION_BUILD = """
import sys
sys.path.insert(0, sys.argv[1])
from build_tools.cli import main
raise SystemExit(main(["--quiet", "--project", sys.argv[2], "build"]))
"""


def _edition_build(code: Path, root: Path) -> float:
    """Seconds for ``edition build`` of the project at ``root`` by the generator in ``code``."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _EDITION_BUILD, str(code), str(root)], check=True,
                   env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _edit(root: Path, text_id: str, round: int) -> None:
    """One sentence added to one source."""
    source = root / "edition" / "sources" / f"{text_id}.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + f" Bitti {round}.\n",
                      encoding="utf-8")


def _edit_and_rebuild(project, text_id: str, round: int) -> float:
    """Seconds to rebuild the TEI and pages after one sentence is added to one source."""
    from build_tools import pipeline

    _edit(project.root, text_id, round)
    started = time.perf_counter()
    pipeline.make_edition(project)
    return time.perf_counter() - started


def _search(site_dir: Path) -> dict | None:
    """What a reader waits for each of bench/search_speed.py's queries (None without
    Chromium)."""
    if not CHROMIUM.is_file():
        return None
    from search_speed import first_result_seconds
    return first_result_seconds(site_dir)


def _serve_edit_seconds(root: Path) -> float | None:
    """Under ``mkdocs serve --dirty``, with the first text's page open in Chromium: the
    seconds from saving an edit of its source to the page showing it (None without
    Chromium)."""
    if not CHROMIUM.is_file():
        return None
    from playwright.sync_api import sync_playwright
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            page = browser.new_page()
            url = f"http://127.0.0.1:{port}/edition/c001/c001-tr.html"
            deadline = time.monotonic() + 1800
            while time.monotonic() < deadline:      # the first build, of every page
                try:
                    if page.goto(url).ok:
                        break
                except Exception:
                    pass
                time.sleep(1)
            source = root / "edition" / "sources" / "c001-tr.txt"
            saved = time.perf_counter()
            source.write_text(source.read_text(encoding="utf-8").rstrip() + " Kaydedildi.\n",
                              encoding="utf-8")
            page.wait_for_function(     # (while the page reloads, it has no body)
                "document.body !== null && document.body.innerText.includes('Kaydedildi')",
                timeout=600_000, polling=50)
            seconds = time.perf_counter() - saved
            browser.close()
            return seconds
    finally:
        server.terminate()
        server.wait(timeout=60)


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
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="the git ref of the generator to compare with")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _options()
    if arguments.one:
        print(json.dumps(measure_one(arguments.one, arguments.corpus, arguments.keep,
                                     arguments.baseline)))
    else:
        main()
