"""Benchmark of the Quran quotation detector on Ibn Hisham's Sira, whose printed references
make the answer key.

    .venv/bin/python bench/quran_detector.py [--corpus PATH] [--sample N] [--seed S]

The OpenITI mARkdown is turned into plain text, the printed references (``8: 30``,
``36: 1- 5``) are taken out as the answer key, and the detector runs on what is left. A
referenced verse counts as found when a detection covering it lies within the 400 characters
before its reference. Detections with no printed reference for their verses nearby are
counted, and a fixed random sample of them is printed for a human to judge.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.annotate.quran_quotations import (  # noqa: E402
    find_quotations, quran_index, tokenize)
from build_tools.arabic import latin_digits  # noqa: E402
from build_tools.quran import VerseRange, load_quran  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-sira.mARkdown"
WINDOW = 400        # characters before a printed reference where its quotation must lie

_PAGE_MARKERS = re.compile(r"\s*(?:PageV\d+P\d+|ms\d+)\b")
_LINE_MARKERS = re.compile(r"^(?:#{3} \|+ ?|# |~~)")
_PRINTED_REFERENCE = re.compile(r"(?<![\d:])(\d{1,3}):\s?(\d{1,3})(?:\s?-\s*(\d{1,3}))?(?!\d)")


@dataclass(frozen=True)
class PrintedReference:
    """A reference of the printed edition, at ``position`` in the text without references."""

    position: int
    verses: VerseRange


def main() -> None:
    options = _options()
    source = options.corpus.read_text(encoding="utf-8")
    text, key = answer_key(plain_text(source))

    started = time.perf_counter()
    quran = load_quran(REPO)
    loaded = time.perf_counter()
    quran_index(quran)
    indexed = time.perf_counter()
    quotations = find_quotations(text, quran)
    detected = time.perf_counter()

    words = len(tokenize(text))
    print(f"corpus: {options.corpus} ({words:,} Arabic words, {len(key)} printed references)")
    print(f"Quran data load:  {loaded - started:.3f} s")
    print(f"Quran index:      {indexed - loaded:.3f} s  (load + index "
          f"{indexed - started:.3f} s)")
    print(f"detection:        {detected - indexed:.3f} s  ({words / (detected - indexed):,.0f} "
          f"words/s), {len(quotations)} quotations")
    _report_recall(quran, key, quotations, text, options.misses)
    _report_unreferenced(key, quotations, text, options.sample, options.seed)


def plain_text(markdown: str) -> str:
    """The running text of an OpenITI mARkdown file, without metadata or markers."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("#META#") or line.startswith("######OpenITI#"):
            continue
        lines.append(_LINE_MARKERS.sub("", line))
    return _PAGE_MARKERS.sub("", "\n".join(lines))


def answer_key(text: str) -> tuple[str, list[PrintedReference]]:
    """The text with its printed references cut out, and the references as the answer key."""
    pieces, key, done = [], [], 0
    latin = latin_digits(text)
    for match in _PRINTED_REFERENCE.finditer(latin):
        pieces.append(text[done:match.start()])
        position = sum(len(p) for p in pieces)
        sura, first = int(match[1]), int(match[2])
        last = int(match[3]) if match[3] else first
        key.append(PrintedReference(position, VerseRange(sura, first, last)))
        pieces.append(" ")
        done = match.end()
    pieces.append(text[done:])
    return "".join(pieces), key


def _report_recall(quran, key, quotations, text, show_misses) -> None:
    valid = [r for r in key if quran.is_valid_range(r.verses)]
    referenced = found = 0
    misses = []
    for reference in valid:
        near = [q for q in quotations
                if q.end >= reference.position - WINDOW and q.start <= reference.position]
        for verse in range(reference.verses.first, reference.verses.last + 1):
            referenced += 1
            if any((reference.verses.sura, verse) in r for q in near
                   for r in (q.verses, *q.alternatives)):
                found += 1
            else:
                misses.append((reference, verse))
    print(f"printed references: {len(key)}, of which impossible verses: "
          f"{len(key) - len(valid)} {[str(r.verses) for r in key if r not in valid]}")
    print(f"recall of referenced verses: {found}/{referenced} = {found / referenced:.1%}")
    for reference, verse in misses[:show_misses]:
        context = text[max(0, reference.position - 160):reference.position].replace("\n", " ")
        print(f"  missed {reference.verses.sura}:{verse} (ref {reference.verses}): …{context}")


def _report_unreferenced(key, quotations, text, sample_size, seed) -> None:
    unreferenced = [q for q in quotations if not _is_referenced(q, key)]
    share = len(unreferenced) / len(quotations) if quotations else 0
    print(f"detections with no printed reference nearby: {len(unreferenced)}/"
          f"{len(quotations)} = {share:.1%}")
    sample = random.Random(seed).sample(unreferenced, min(sample_size, len(unreferenced)))
    for quotation in sorted(sample, key=lambda q: q.start):
        words = text[quotation.start:quotation.end].replace("\n", " ")
        before = text[max(0, quotation.start - 40):quotation.start].replace("\n", " ")
        print(f"  {quotation.verses} ({quotation.words} words) at {quotation.start}: "
              f"…{before}【{words}】")


def _is_referenced(quotation, key) -> bool:
    for reference in key:
        if quotation.start <= reference.position <= quotation.end + WINDOW:
            if any(r.sura == reference.verses.sura and r.first <= reference.verses.last
                   and reference.verses.first <= r.last
                   for r in (quotation.verses, *quotation.alternatives)):
                return True
    return False


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="an OpenITI mARkdown file (default: %(default)s)")
    parser.add_argument("--sample", type=int, default=15,
                        help="how many unreferenced detections to print")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random sample")
    parser.add_argument("--misses", type=int, default=0,
                        help="how many missed verses to print")
    return parser.parse_args()


if __name__ == "__main__":
    main()
