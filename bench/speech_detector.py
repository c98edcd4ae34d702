"""Measure the direct-speech detector on a real Arabic corpus and draw a sample to hand-check.

Run from the repository root:

    .venv/bin/python bench/speech_detector.py [--corpus PATH] [--seed N] [--sample N]
                                              [--kind speech|narration|all]

It prints how many speeches and narration frames were proposed, the throughput, and a
deterministic random sample of proposals (of one kind, or of both), each with its context,
for a person to judge.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.annotate.speech_detector import SpeechProposal, detect_speech  # noqa: E402
from openiti import read_markdown  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-hijra.mARkdown"
def context(text: str, proposal: SpeechProposal, width: int = 60) -> str:
    """The proposal in its context: ⟦speech⟧, the cue and the speaker marked."""
    begin = max(0, min(proposal.start, proposal.cue_start or proposal.start,
                       proposal.speaker_start or proposal.start) - width)
    end = min(len(text), proposal.end + width)
    marks = [(proposal.start, "⟦"), (proposal.end, "⟧")]
    if proposal.speaker_start is not None:
        marks += [(proposal.speaker_start, "‹"), (proposal.speaker_end, "›")]
    piece, last = [], begin
    for offset, mark in sorted(marks, key=lambda m: (m[0], m[1] in "⟧›")):
        piece.append(text[last:offset] + mark)
        last = offset
    piece.append(text[last:end])
    return "".join(piece).replace("\n", " ¶ ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=20240)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--kind", choices=("speech", "narration", "all"), default="all",
                        help="draw the sample from this kind of proposal only")
    parser.add_argument("--repeat", type=int, default=5, help="runs timed for throughput")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    text = read_markdown(args.corpus)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        scan = detect_speech(text, "ar")
        timings.append(time.perf_counter() - started)
    best = min(timings)
    kinds = Counter(p.kind for p in scan.proposals)
    confidences = Counter((p.kind, p.confidence) for p in scan.proposals)
    words = len(text.split())
    print(f"corpus: {args.corpus.name}: {len(text):,} characters, {words:,} words, "
          f"{text.count(chr(10) * 2) + 1} paragraphs")
    print(f"proposals: {len(scan.proposals)} — speech {kinds['speech']} "
          f"(high {confidences['speech', 'high']}, low {confidences['speech', 'low']}), "
          f"narration frames {kinds['narration']}; with a speaker named: "
          f"{sum(p.speaker_text is not None for p in scan.proposals)}; "
          f"problems: {len(scan.problems)}")
    print(f"throughput: {best * 1000:.1f} ms per run (best of {args.repeat}), "
          f"{words / best:,.0f} words/s, {len(text) / best / 1e6:.2f} MB/s of characters")
    pool = [p for p in scan.proposals if args.kind in ("all", p.kind)]
    sample = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
    sample.sort(key=lambda p: p.start)
    print(f"\nsample of {len(sample)} of {len(pool)} {args.kind} proposals (seed {args.seed}); "
          f"⟦speech⟧ ‹speaker›:")
    for number, proposal in enumerate(sample, 1):
        print(f"\n{number:2}. [{proposal.kind}/{proposal.confidence}] cue={proposal.cue} "
              f"speaker={proposal.speaker_text} to={proposal.addressee_text}")
        print(f"    {context(text, proposal)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
