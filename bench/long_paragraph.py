"""How a build scales with the length of one paragraph: an edition of one chapter whose two
texts are each a single line of 10k, 100k (and with --huge, 1M) words, built end to end.

    .venv/bin/python bench/long_paragraph.py [--words 10000 100000] [--huge] [--corpus PATH]

The Arabic text is the Ibn Hisham Sira (../shared/corpora) with its paragraphs joined into
one line, repeated as often as the length needs; the Turkish text is the default edition's
Turkish source, one short sentence after another, repeated likewise. Each size is built
in a fresh process with ``edition build`` (TEI, pages and the MkDocs site). The last
column is the time per thousand words (of both texts): a build linear in the paragraph's length keeps it
flat as the paragraph grows.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-sira.mARkdown"
SIZES = (10_000, 100_000)
HUGE = 1_000_000
# A unique opening, so that the one scene's anchor matches once however often the body
# repeats.
OPENINGS = {"ar": "هذا أول الفقرة الطويلة.", "tr": "Bu uzun paragrafın başıdır."}


def main() -> None:
    options = _options()
    if options.one:
        print(json.dumps(measure_one(options.one, options.corpus, options.keep)))
        return
    sizes = [*options.words, *([HUGE] if options.huge else [])]
    print(f"{'words/text':>10} {'MB':>6} {'pipeline s':>10} {'site s':>8} {'build s':>8}"
          f" {'ms/1k words':>11}", flush=True)
    for words in sizes:
        command = [sys.executable, __file__, "--one", str(words),
                   "--corpus", str(options.corpus)]
        if options.keep:
            command += ["--keep", str(options.keep)]
        print(f"building one paragraph of {words:,} words per text …", file=sys.stderr,
              flush=True)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{words} words failed:\n{result.stderr[-3000:]}")
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"{row['words']:>10,} {row['bytes'] / 1e6:>6.1f} {row['pipeline']:>10.2f}"
              f" {row['site']:>8.2f} {row['total']:>8.2f}"
              f" {1000 * row['total'] / (2 * row['words'] / 1000):>11.2f}", flush=True)


def measure_one(words: int, corpus: Path, keep: Path | None) -> dict:
    """Generate the edition with texts of ``words`` words each, build it, time it."""
    from build_tools import pipeline
    from build_tools.progress import Progress

    folder = Path(tempfile.mkdtemp(prefix=f"paragraph-{words}-", dir=keep))
    project = pipeline.Project(folder)
    size = generate(project.root, words, corpus)
    progress = Progress()
    started = time.perf_counter()
    pipeline.make_edition(project, progress)
    middle = time.perf_counter()
    pipeline.make_site(project, progress)
    ended = time.perf_counter()
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return {"words": words, "bytes": size, "pipeline": middle - started,
            "site": ended - middle, "total": ended - started, "stages": progress.timings}


def generate(root: Path, words: int, corpus: Path | None) -> int:
    """Write the edition into ``root``: bench/scale.py's chapter, its two texts replaced by
    one line of ``words`` words each. Return the sources' size in bytes."""
    import yaml

    scale = _scale()
    scale.generate(root, 1, root / "no-corpus")
    listing = root / "edition/annotations/c001/episodes.yml"
    episodes = yaml.safe_load(listing.read_text(encoding="utf-8"))
    episodes["episodes"] = episodes["episodes"][:1]     # the one scene of both texts
    listing.write_text(yaml.safe_dump(episodes, allow_unicode=True), encoding="utf-8")
    first_episode = episodes["episodes"][0]["id"]
    size = 0
    for lang, body in (("ar", _arabic(corpus)), ("tr", _turkish())):
        line = OPENINGS[lang] + " " + _words(body, words - len(OPENINGS[lang].split()))
        source = root / f"edition/sources/c001-{lang}.txt"
        source.write_text(line + "\n", encoding="utf-8")
        size += source.stat().st_size
        (root / f"edition/annotations/c001/c001-{lang}.yml").write_text(yaml.safe_dump(
            {"scenes": [{"episode": first_episode, "start": OPENINGS[lang]}]},
            allow_unicode=True), encoding="utf-8")
    return size


def _scale():
    spec = importlib.util.spec_from_file_location("scale", REPO / "bench" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _arabic(corpus: Path | None) -> list[str]:
    """The words of the Sira, or, without a corpus (the tests), of the default edition's
    Arabic text."""
    if corpus is None:
        return (REPO / "edition/sources/hijra-ar.txt").read_text(encoding="utf-8").split()
    if not corpus.is_file():
        sys.exit(f"{corpus}: the Ibn Hisham corpus is needed (../shared/corpora, or --corpus)")
    from openiti import read_markdown
    return read_markdown(corpus).split()


def _turkish() -> list[str]:
    """The default edition's Turkish text cut into its short sentences, in order."""
    text = " ".join((REPO / "edition/sources/hijra-tr.txt").read_text(encoding="utf-8").split())
    sentences = re.findall(r"[^.!?]*[.!?]+", text)
    return " ".join(sentence.strip() for sentence in sentences if len(sentence.split()) <= 12
                    ).split()


def _words(body: list[str], count: int) -> str:
    return " ".join(itertools.islice(itertools.cycle(body), count))


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=list(SIZES),
                        help="words per text (default: 10000 100000)")
    parser.add_argument("--huge", action="store_true",
                        help=f"also {HUGE:,} words per text (minutes)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the editions")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
