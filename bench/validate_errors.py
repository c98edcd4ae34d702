"""How validation scales with the number of errors: TEI files wrong throughout, of growing
size, checked as ``edition validate`` checks them (the edition's grammar, its Schematron
rules, TEI P5 tei_all), each part timed on its own.

    .venv/bin/python bench/validate_errors.py [--errors 2000 8000 32000 128000]
        [--megabytes 8 16] [--old CHECKOUT] [--timeout 300] [--corpus PATH]

Each file is the default edition's Turkish TEI with its body replaced by one paragraph of
sentences of the Ibn Hisham Sira (../shared/corpora), cut at its full stops. Each sentence
is wrong twice: an attribute the grammars do not allow (an error of each grammar) and a
name pointing at no one in the register (a failure of the rules). ``--megabytes`` sizes
the file rather than the count. Each file is also measured without its errors, valid.

With ``--old``, a checkout of another version (``git worktree add --detach DIR main``),
each file is also validated by that version, in the same run, for the ratio. Every
measurement runs in a process of its own, after the schemas are compiled; one that takes
longer than ``--timeout`` seconds is stopped and shown as ``>``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-sira.mARkdown"
ERRORS = (2_000, 8_000, 32_000, 128_000)
MEGABYTES = (8, 16)
PARTS = ("edition.rng", "edition.sch", "tei_all")


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="validate-errors-") as folder:
        folder = Path(folder)
        header, footer = _template(folder)
        sentences = _sentences(options.corpus)
        sizes = [("errors", n) for n in options.errors] + [("MB", m) for m in options.megabytes]
        versions = [("new", REPO)] + ([("old", options.old.resolve())] if options.old else [])
        print(f"{'file':>10} {'MB':>5} {'kind':>6} {'version':>7} " +
              " ".join(f"{part + ' s':>14} {'problems':>8} {'s/1k err':>8}" for part in PARTS),
              flush=True)
        for unit, size in sizes:
            for wrong in (True, False):
                path = folder / f"{unit}-{size}-{'wrong' if wrong else 'valid'}.xml"
                _write(path, header, footer, sentences, unit, size, wrong)
                for version, checkout in versions:
                    row = _measure(checkout, path, options.timeout)
                    _print(unit, size, path, wrong, version, row)
                path.unlink()


def _print(unit: str, size: int, path: Path, wrong: bool, version: str, row: dict) -> None:
    cells = []
    for part in PARTS:
        measured = row.get(part)
        if measured is None:
            cells.append(f"{'> ' + str(row['timeout']):>14} {'':>8} {'':>8}")
            continue
        seconds, problems = measured["seconds"], measured["problems"]
        per_1k = f"{seconds / (problems / 1000):.3f}" if problems else ""
        cells.append(f"{seconds:>14.2f} {problems:>8,} {per_1k:>8}")
    label = f"{size:,} {'err' if unit == 'errors' else 'MB'}"
    print(f"{label:>10} {path.stat().st_size / 1e6:>5.1f} {'wrong' if wrong else 'valid':>6}"
          f" {version:>7} " + " ".join(cells), flush=True)


def _template(folder: Path) -> tuple[str, str]:
    """The default edition's Turkish TEI around its body, from an ``edition tei`` run in
    ``folder``, with the schemas and the register beside it, as a built edition has them."""
    sys.path.insert(0, str(REPO))
    from build_tools import pipeline

    root = folder / "project"
    shutil.copytree(REPO / "edition", root / "edition")
    project = pipeline.Project(root)
    pipeline.make_tei(project)
    shutil.copytree(project.tei_dir / "schema", folder / "schema")
    for name in ("register.xml", "alignment.xml"):
        shutil.copyfile(project.tei_dir / name, folder / name)
    text = (project.tei_dir / "hijra-tr.xml").read_text(encoding="utf-8")
    header, rest = text.split("<body>", 1)
    footer = rest.split("</body>", 1)[1]
    return header + "<body>", "</body>" + footer


def _sentences(corpus: Path) -> list[str]:
    if not corpus.is_file():
        sys.exit(f"{corpus}: the Ibn Hisham corpus is needed (../shared/corpora, or --corpus)")
    from openiti import read_markdown
    text = " ".join(read_markdown(corpus).split())
    return [s.strip() for s in re.findall(r"[^.]+\.", text) if len(s.split()) >= 3]


def _write(path: Path, header: str, footer: str, sentences: list[str], unit: str, size: int,
           wrong: bool) -> int:
    """One paragraph of sentences, ``size`` of them (or ``size`` MB of them); return how
    many. Wrong, each has a bad attribute and a pointer to no one."""
    attribute = ' bogus="1"' if wrong else ""
    ref = "per:nobody" if wrong else "per:muhammad"
    parts, written, count = [], 0, 0
    limit = size * 1_000_000 if unit == "MB" else None
    while (count < size) if limit is None else (written < limit):
        words = escape(sentences[count % len(sentences)]).split(" ", 1)
        rest = f" {words[1]}" if len(words) > 1 else ""
        part = (f'<s xml:id="hijra-tr-s{count + 1}"{attribute}><persName ref="{ref}">'
                f"{words[0]}</persName>{rest}</s> ")
        parts.append(part)
        written += len(part.encode("utf-8"))
        count += 1
    body = ('<div type="episode" xml:id="hijra-tr-departure" '
            'corresp="alignment.xml#ep-hijra-departure"><p>'
            + "".join(parts).rstrip() + "</p></div>")
    # The one correction note of the text points at a choice no longer in the body.
    path.write_text(header + body + re.sub(r'<back>.*</back>', "", footer, flags=re.S),
                    encoding="utf-8")
    return count


def _measure(checkout: Path, path: Path, timeout: float) -> dict:
    """Each part's seconds and problems, measured by the code of ``checkout``, each in a
    process of its own (a part that runs out of time: absent)."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    row: dict = {"timeout": int(timeout)}
    for part in PARTS:
        command = [sys.executable, str(Path(__file__).resolve()), "--one", str(path),
                   "--part", part]
        try:
            result = subprocess.run(command, cwd=checkout, env=env, capture_output=True,
                                    text=True, timeout=timeout + 60)   # + compiling
        except subprocess.TimeoutExpired:
            continue
        if result.returncode != 0:
            sys.exit(f"{checkout}: {part}: {result.stderr[-2000:]}")
        measured = json.loads(result.stdout.strip().splitlines()[-1])
        if measured["seconds"] <= timeout:
            row[part] = measured
    return row


def measure_one(path: Path, part: str) -> None:
    """Time one part on ``path`` with the build_tools first on the path (the checkout
    measured), after compiling the schemas; print its seconds and problems as JSON."""
    import build_tools
    from build_tools.tei.schemas import tei_all_schema
    from build_tools.validate import check_rules, relaxng, schematron, validate_files

    if not Path(build_tools.__file__).resolve().is_relative_to(Path.cwd().resolve()):
        sys.exit(f"measuring {build_tools.__file__}, not the checkout in {Path.cwd()}")
    schemas = path.parent / "schema"
    run = {"edition.rng": lambda: validate_files([path], relaxng_path),
           "edition.sch": lambda: check_rules([path], schemas / "edition.sch"),
           "tei_all": lambda: validate_files([path], relaxng_path)}[part]
    relaxng_path = tei_all_schema() if part == "tei_all" else schemas / "edition.rng"
    if part == "edition.sch":
        schematron(schemas / "edition.sch")
    else:
        relaxng(relaxng_path)
    started = time.perf_counter()
    problems = run()
    print(json.dumps({"seconds": time.perf_counter() - started, "problems": len(problems)}))


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, nargs="*", default=list(ERRORS),
                        help="sentences (each wrong) per file (default: 2000 8000 32000 128000)")
    parser.add_argument("--megabytes", type=int, nargs="*", default=list(MEGABYTES),
                        help="files of this many MB (default: 8 16)")
    parser.add_argument("--old", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds a part may take before it is stopped (default: 300)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--part", choices=PARTS, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _options()
    if arguments.one:
        measure_one(arguments.one, arguments.part)
    else:
        main()
