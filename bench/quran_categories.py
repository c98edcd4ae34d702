"""Recall and precision of the Quran citation detector per kind of citation, and its speed.

    .venv/bin/python bench/quran_categories.py [--corpus PATH] [--made N] [--seed S]
                                               [--baseline REF]

- verbatim: on Ibn Hisham's Sira, whose printed references are the answer key (as
  bench/quran_detector.py): recall of the referenced verses, and the share of detections
  that a printed reference confirms (a lower bound of precision: the Sira also quotes
  without a reference);
- short with cue: the printed references whose quotation is four words or fewer right after
  a cue (قال تعالى:, قوله تعالى, ﴿…﴾); recall, and, as precision, how many short phrases of
  the Quran written in prose with no cue are wrongly reported (a cue-less pair never may be);
- misquotation: verses of the Quran data with a word dropped, two swapped or one replaced,
  each presented by "قال الله تعالى:"; recall (tied to its verse), precision (of those tied,
  tied to the right verse), and how many of the same verses quoted verbatim are wrongly
  called misquotations; and the misquotations found in the whole Sira, for a human to judge;
- meal paraphrase: the Turkish seed's paraphrase of 9:40, found with the editor's annotation
  left out, and every other proposal in the seed (each one wrong);
- speed: the Arabic detectors (verbatim quotations and misquotations) on the whole Sira, in
  words per second, and those of git ``--baseline`` (default main) on the same text in the
  same run.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from baseline import checkout  # noqa: E402  (bench/, just put on the path)

from build_tools.annotate.citations import MISQUOTATION, detect_citations  # noqa: E402
from build_tools.annotate.meal_paraphrases import find_paraphrases  # noqa: E402
from build_tools.annotate.quran_quotations import (  # noqa: E402
    find_quotations, quran_index, tokenize)
from build_tools.quran import load_quran  # noqa: E402
from quran_detector import DEFAULT_CORPUS, WINDOW, answer_key, plain_text  # noqa: E402
from quran_spellings import plain_letters  # noqa: E402

SEED_TR = REPO / "edition" / "sources" / "hijra-tr.txt"
SEED_TR_PARAPHRASE = ("Allah bizimle beraberdir", "9:40")
# Timed in a fresh process for each checkout: the Arabic detectors of a text (verbatim
# quotations, and misquotations where the checkout has them), the Quran loaded and indexed.
_SPEED_CODE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from build_tools.annotate import quran_quotations
from build_tools.quran import load_quran
try:
    from build_tools.annotate.quran_misquotations import find_misquotations
except ImportError:
    find_misquotations = None
text = Path(sys.argv[2]).read_text(encoding="utf-8")
quran = load_quran(Path(sys.argv[3]))
quran_quotations.quran_index(quran)

def detect():
    if find_misquotations is None:
        return quran_quotations.find_quotations(text, quran)
    words, ids, quotations = quran_quotations.scan_quotations(text, quran)
    return quotations, find_misquotations(text, quran, quotations, words, ids)

def timed():
    started = time.perf_counter()
    detect()
    return time.perf_counter() - started

print(min(timed() for _ in range(int(sys.argv[4]))))
"""


def main() -> None:
    options = _options()
    quran = load_quran(REPO, ["tr"])
    quran_index(quran)
    text, key = answer_key(plain_text(options.corpus.read_text(encoding="utf-8")))
    scan = detect_citations(text, "ar", quran)
    verbatim = find_quotations(text, quran)
    quotations = [c for c in scan.citations if c.kind in ("quote", MISQUOTATION)]
    print(f"corpus: {options.corpus.name} ({len(tokenize(text)):,} Arabic words, "
          f"{len(key)} printed references)")
    _verbatim(quran, text, key, verbatim, quotations)
    _short_with_cue(quran, text, key, verbatim, quotations, options.made, options.seed)
    _misquotations(quran, text, scan, options.made, options.seed)
    _paraphrases(quran)
    _speed(text, options.baseline, options.rounds)


def _verbatim(quran, text, key, verbatim, citations) -> None:
    """The verbatim detector's recall (a repeated verse counts wherever it stands), and, of
    every quotation and misquotation encoded, the recall and the share a reference confirms."""
    valid = [r for r in key if quran.is_valid_range(r.verses)]
    referenced = found = encoded = 0
    for reference in valid:
        for verse in range(reference.verses.first, reference.verses.last + 1):
            referenced += 1
            found += any((reference.verses.sura, verse) in r for q in _near(verbatim, reference)
                         for r in (q.verses, *q.alternatives))
            encoded += any((reference.verses.sura, verse) in c.verses
                           for c in _near(citations, reference))
    confirmed = sum(any(_confirms(c, r) for r in key) for c in citations)
    print(f"verbatim:       recall {found}/{referenced} = {found / referenced:.1%} (the verbatim "
          f"detector); of the quotations and misquotations encoded: recall {encoded}/"
          f"{referenced} = {encoded / referenced:.1%}, confirmed by a printed reference "
          f"{confirmed}/{len(citations)} = {confirmed / len(citations):.1%} (a lower bound of "
          f"precision)")


def _short_with_cue(quran, text, key, verbatim, citations, made: int, seed: int) -> None:
    """Recall on the Sira's short quotations after a cue (found where a verbatim quotation,
    or any of the places of its repeated words, or a misquotation stands for the verse),
    and the cue-less Quran pairs reported in prose."""
    cases = found = 0
    for reference in key:
        before = text[max(0, reference.position - 80):reference.position].rstrip(" ).﴾\n")
        for match in _CUE_BEFORE_WITHIN.finditer(before):
            words = before[match.end():].split()
            if 2 <= len(words) <= 4 and quran.is_valid_range(reference.verses):
                cases += 1
                found += any(_overlaps_verses(c, reference) for c in _near(citations, reference)) \
                    or any(_overlaps_range(r, reference) for q in _near(verbatim, reference)
                           for r in (q.verses, *q.alternatives))
            break
    rng = random.Random(seed)
    verses = [v for s in quran.suras for v in s.verses if len(v.text_ar.split()) >= 6]
    wrong = 0
    for verse in rng.sample(verses, made):
        words = _plain(verse.text_ar).split()
        at = rng.randrange(0, len(words) - 2)
        phrase = " ".join(words[at:at + 2])
        wrong += bool(find_quotations(f"وكان الناس في ذلك {phrase} حتى أصبحوا", quran))
    print(f"short with cue: recall {found}/{cases} = {found / max(cases, 1):.1%} (the Sira's "
          f"printed references after a cue and 2-4 words); cue-less Quran pairs in prose "
          f"reported {wrong}/{made}")


# The last cue before a printed reference: a cue word, with or without a colon, or an
# ornate parenthesis.
_CUE_BEFORE_WITHIN = re.compile("(?:تعالى|وجل|سبحانه|قوله)[ \u00a0]*:?[ \u00a0]*(?=[^:]*$)"
                                "|﴿[ \u00a0]*(?=[^﴿]*$)")


def _misquotations(quran, text, scan, made: int, seed: int) -> None:
    rng = random.Random(seed)
    verses = [v for s in quran.suras for v in s.verses if 6 <= len(v.text_ar.split()) <= 20]
    sample = rng.sample(verses, made)
    tied = right = verbatim_flagged = 0
    for verse in sample:
        words = _plain(verse.text_ar).split()
        changed = _changed(words, rng, verses)
        found = [c for c in detect_citations(f"قال الله تعالى: {changed}. ثم سكت", "ar",
                                             quran).citations if c.kind == MISQUOTATION]
        tied += bool(found)
        right += any((verse.sura, verse.number) in c.verses for c in found)
        exact = detect_citations(f"قال الله تعالى: {' '.join(words)}. ثم سكت", "ar", quran)
        verbatim_flagged += any(c.kind == MISQUOTATION for c in exact.citations)
    print(f"misquotation:   recall {right}/{made} = {right / made:.1%} (made from the Quran "
          f"data: a word dropped, two swapped or one replaced); precision {right}/{tied} = "
          f"{right / max(tied, 1):.1%}; the same verses verbatim called misquotations "
          f"{verbatim_flagged}/{made}")
    found = [c for c in scan.citations if c.kind == MISQUOTATION]
    print(f"  in the Sira: {len(found)} misquotations proposed, {len(scan.unplaced)} passages "
          f"presented as Quran close to no verse:")
    for citation in found:
        print(f"    {citation.verses} ({citation.agreement:.0%}): "
              f"{text[citation.start:citation.end]}".replace("\n", " "))
    for passage in scan.unplaced:
        print(f"    none ({passage.agreement:.0%}): "
              f"{text[passage.start:passage.end]}".replace("\n", " "))


def _changed(words: list[str], rng: random.Random, verses) -> str:
    words = list(words)
    at = rng.randrange(1, len(words) - 1)
    change = rng.choice(("drop", "swap", "replace"))
    if change == "drop":
        del words[at]
    elif change == "swap":
        words[at], words[at + 1] = words[at + 1], words[at]
    else:
        words[at] = rng.choice(_plain(rng.choice(verses).text_ar).split())
    return " ".join(words)


def _paraphrases(quran) -> None:
    text = SEED_TR.read_text(encoding="utf-8")
    found = [(text[p.start:p.end], str(p.verses)) for p in find_paraphrases(text, "tr", quran)]
    right = sum(item == SEED_TR_PARAPHRASE for item in found)
    print(f"meal paraphrase: recall {right}/1 on the Turkish seed ({SEED_TR_PARAPHRASE[0]!r} → "
          f"{SEED_TR_PARAPHRASE[1]}); precision {right}/{len(found)}"
          + "".join(f"\n  proposed: {words!r} → {verses}" for words, verses in found
                    if (words, verses) != SEED_TR_PARAPHRASE))


def _speed(text: str, baseline: str, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "sira.txt"
        corpus.write_text(text, encoding="utf-8")
        words = len(tokenize(text))
        ours = _time_in(REPO, corpus, rounds)
        line = (f"speed:          {words / ours:,.0f} words/s ({ours:.2f} s: quotations and "
                f"misquotations, the fastest of {rounds} runs)")
        old = checkout(baseline, Path(folder) / "baseline")
        if old is not None:
            theirs = _time_in(old, corpus, rounds)
            line += (f"; {baseline}: {words / theirs:,.0f} words/s ({theirs:.2f} s); "
                     f"ratio {ours / theirs:.2f}")
        print(line)


def _time_in(root: Path, corpus: Path, rounds: int) -> float:
    result = subprocess.run([sys.executable, "-c", _SPEED_CODE, str(root), str(corpus), str(REPO),
                             str(rounds)], capture_output=True, text=True, check=True,
                            env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"})
    return float(result.stdout.split()[-1])


def _near(citations, reference):
    return [c for c in citations
            if c.end >= reference.position - WINDOW and c.start <= reference.position]


def _overlaps_verses(citation, reference) -> bool:
    return _overlaps_range(citation.verses, reference)


def _overlaps_range(verses, reference) -> bool:
    return (verses.sura == reference.verses.sura and verses.first <= reference.verses.last
            and reference.verses.first <= verses.last)


def _confirms(citation, reference) -> bool:
    return (citation.start <= reference.position <= citation.end + WINDOW
            and _overlaps_verses(citation, reference))


def _plain(uthmani: str) -> str:
    """A verse as plain texts write it (bench/quran_spellings.py)."""
    return plain_letters(uthmani)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="an OpenITI mARkdown file (default: %(default)s)")
    parser.add_argument("--made", type=int, default=300,
                        help="how many misquotations (and cue-less pairs) to make")
    parser.add_argument("--seed", type=int, default=21, help="seed of the made samples")
    parser.add_argument("--baseline", default="main",
                        help="the git ref whose detector's speed is compared (default: main)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed runs of each detector; the fastest counts")
    return parser.parse_args()


if __name__ == "__main__":
    main()
