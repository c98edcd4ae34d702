"""Measure `edition suggest` against hand-checked gold on passages it has never seen.

Run from the repository root:

    .venv/bin/python bench/suggest.py [--corpora PATH] [--verbose]

The gold is bench/data/suggest/gold.yml (how it was counted is written there); the Sira
passages are read from ../shared/corpora by line range, the Turkish and English ones are
bench/data/suggest/*.txt. Per passage and per language it prints: speech recall (a gold
speech that a proposal overlaps), exact spans (a proposal with the gold span, the
punctuation at its edges aside), speaker accuracy where the text names the speaker and
where it does not, date recall, scene-break precision, and what an editor types from the
draft to a valid build and to the gold annotations. --verbose lists every miss. The
passage "negus-held-out" was never used to tune the rules: its row is the estimate for a
text nobody has looked at.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.annotate.anchors import find_anchor  # noqa: E402
from build_tools.annotate.editorial import read_annotations  # noqa: E402
from build_tools.annotate.model import Episode  # noqa: E402
from build_tools.annotate.structure import assemble  # noqa: E402
from build_tools.quran import load_quran  # noqa: E402
from build_tools.annotate.register import load_register  # noqa: E402
from build_tools.config import TextConfig  # noqa: E402
from build_tools.ingest import Source, read_source  # noqa: E402
from build_tools.suggest import Context, draft_for  # noqa: E402
from build_tools.yamlfile import load_yaml  # noqa: E402
from openiti import read_markdown  # noqa: E402

DATA = REPO / "bench" / "data" / "suggest"
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"
# The punctuation an exact span may differ by at its edges (the gold strips it too).
_EDGE = " \t\n.,;:!?،؛؟«»\"“”'’-–—()"
TARGETS = {"punctuated": 0.90, "unpunctuated": 0.60}
NAMED_TARGET = 0.85


@dataclass
class Tally:
    """Counts over one passage or one language."""

    gold: int = 0
    found: int = 0
    exact: int = 0
    proposed: int = 0
    named: int = 0
    named_right: int = 0
    unnamed: int = 0
    unnamed_right: int = 0
    unnamed_left_open: int = 0
    confident: int = 0
    confident_right: int = 0
    dates: int = 0
    dates_found: int = 0
    breaks_proposed: int = 0
    breaks_right: int = 0
    breaks_gold: int = 0
    valid: int = 0
    texts: int = 0
    typed: int = 0
    deleted: int = 0
    lines_deleted: int = 0
    keys_from_scratch: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)


def _source(text: str, lang: str, folder: Path) -> Source:
    path = folder / f"passage-{lang}.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(TextConfig("passage", lang, path, Path(), {}, {}), path.name)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the punctuation and spaces at its edges."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f} %" if whole else "n/a"


def measure(passage: dict, source: Source, context: Context) -> Tally:
    """The draft of one passage against its gold."""
    tally = Tally(texts=1)
    draft = draft_for(source, context)
    speeches = [s for s in draft.speeches if s.proposal.kind == "speech"]
    tally.proposed = len(speeches)
    cores = {_core(source.text, s.proposal.start, s.proposal.end): s for s in speeches}
    for item in passage["speeches"]:
        start, end = _core(source.text, *find_anchor(item, source))
        tally.gold += 1
        where = f'{passage["id"]} "{source.text[start:end][:40]}"'
        exact = cores.get((start, end))
        overlapping = [s for s in speeches
                       if s.proposal.start < end and start < s.proposal.end]
        match = exact or (overlapping[0] if overlapping else None)
        if match is None:
            tally.misses.append(f"missed: {where}")
            continue
        tally.found += 1
        if exact:
            tally.exact += 1
        else:
            got = source.text[match.proposal.start:match.proposal.end]
            tally.misses.append(f"span: {where} proposed \"{' '.join(got.split())[:60]}\"")
        if match.confident:
            tally.confident += 1
            tally.confident_right += match.who == item.get("who") and exact is not None
        if item.get("named"):
            tally.named += 1
            tally.named_right += match.who == item.get("who")
            if match.who != item.get("who"):
                tally.misses.append(f"named speaker: {where} {match.who} for {item.get('who')}")
        else:
            tally.unnamed += 1
            tally.unnamed_right += match.who == item.get("who")
            tally.unnamed_left_open += match.who is None
            if match.who not in (None, item.get("who")):
                tally.misses.append(f"pronoun speaker: {where} {match.who} "
                                    f"({match.who_confidence}) for {item.get('who')}")
    _dates(passage.get("dates") or (), draft, source, tally)
    _scenes(passage, draft, source, tally)
    _keystrokes(passage, draft, source, context, source.config.source.parent, tally)
    return tally


def _dates(gold, draft, source: Source, tally: Tally) -> None:
    proposed = {(d.start, d.end): d.when for d in draft.dates}
    for item in gold:
        tally.dates += 1
        span = find_anchor(item, source)
        found = [when for (s, e), when in proposed.items() if s < span[1] and span[0] < e]
        if item["when-custom"] in found:
            tally.dates_found += 1
        else:
            tally.misses.append(f"date: \"{item['anchor']}\" {item['when-custom']}, "
                                f"proposed {found or 'nothing'}")


def _scenes(passage: dict, draft, source: Source, tally: Tally) -> None:
    gold = set()
    for anchor in passage.get("scene_breaks") or ():
        offset = source.text.index(anchor)
        gold.add(next(s for s, e in source.paragraphs if s <= offset < e))
    tally.breaks_gold += len(gold)
    for scene in draft.scenes[1:]:
        tally.breaks_proposed += 1
        if scene.start in gold:
            tally.breaks_right += 1
        else:
            tally.misses.append(f"scene break: \"{source.text[scene.start:scene.start + 30]}\" "
                                f"({scene.why})")


def _keystrokes(passage: dict, draft, source: Source, context: Context, folder: Path,
                tally: Tally) -> None:
    """What an editor types: from the draft to a valid build (nothing, when the draft loads
    as it is, which is checked by the project's own loader), and from the draft's speech to
    the gold's (a line-by-line diff: characters typed, characters deleted inside lines, and
    whole lines deleted), against typing the gold's speech from an empty file."""
    path = folder / "draft.yml"
    path.write_text(draft.render(), encoding="utf-8")
    episodes = {identifier: Episode(identifier, {"en": title}, {})
                for identifier, title, _ in draft.episodes()}
    decisions = read_annotations(path, path.name, source, context.register, episodes,
                                 load_quran(REPO))            # raises if the draft fails
    assemble(source, decisions.scenes, decisions.spans)
    tally.valid += 1
    gold = _gold_speech(passage["speeches"], draft, source)
    tally.keys_from_scratch += sum(len(line) + 1 for line in gold)
    # Comments may stay in the file: they cost nothing, and are left out of the comparison.
    mine = [re.sub(r"\s+# .*$", "", line) for line in draft.render_speech().splitlines()
            if not line.lstrip().startswith("#")]
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, mine, gold,
                                                       autojunk=False).get_opcodes():
        old, new = mine[a1:a2], gold[b1:b2]
        if tag == "equal":
            continue
        paired = min(len(old), len(new)) if tag == "replace" else 0
        for o, n in zip(old[:paired], new[:paired]):
            typed, deleted = _edits(o, n)
            tally.typed += typed
            tally.deleted += deleted
        tally.typed += sum(len(line) + 1 for line in new[paired:])
        tally.lines_deleted += len(old[paired:])


def _gold_speech(items, draft, source: Source) -> list[str]:
    """The gold speeches as the editor's confirmed entries, in the draft's own layout."""
    lines = ["speech:"]
    for item in sorted(items, key=lambda i: find_anchor(i, source)):
        start, end = find_anchor(item, source)
        fields = draft.speech_anchor(start, end)
        lines.append(f"  - who: {item.get('who') or 'TODO'}")
        if item.get("to"):
            lines.append(f"    to: [{', '.join(item['to'])}]")
        lines.extend(f"    {key}: {value if isinstance(value, int) else json.dumps(value, ensure_ascii=False)}"
                     for key, value in fields.items())
    return lines


def _edits(old: str, new: str) -> tuple[int, int]:
    """Characters typed and characters deleted to turn ``old`` into ``new``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return len(new) - kept, len(old) - kept


def _date_passages(gold: dict, corpora: Path, folder: Path, context: dict, tally) -> None:
    for item in gold.get("dates") or ():
        text = read_markdown(corpora / "ibnhisham-sira.mARkdown", tuple(item["lines"]))
        source = _source(text, item["lang"], folder)
        draft = draft_for(source, context[item["lang"]])
        _dates([item], draft, source, tally[item["lang"]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpora / "ibnhisham-sira.mARkdown").is_file():
        print(f"corpus not found in {args.corpora}; skipped", file=sys.stderr)
        return 0
    gold = load_yaml(DATA / "gold.yml", "gold.yml")
    register = load_register(DATA / "register.yml", "register.yml")
    per_language: dict[str, Tally] = defaultdict(Tally)
    per_style: dict[tuple[str, str], Tally] = defaultdict(Tally)
    with tempfile.TemporaryDirectory() as folder:
        contexts = {lang: Context(register, lang, has_register=True) for lang in ("ar", "tr", "en")}
        print(f"{'passage':22} {'lang':4} {'style':13} {'recall':>14} {'exact spans':>14} "
              f"{'named right':>12} {'pronoun right':>14} {'scene breaks':>13}")
        for passage in gold["passages"]:
            if "corpus" in passage:
                text = read_markdown(args.corpora / passage["corpus"], tuple(passage["lines"]))
            else:
                text = (DATA / passage["text"]).read_text(encoding="utf-8")
            source = _source(text, passage["lang"], Path(folder))
            tally = measure(passage, source, contexts[passage["lang"]])
            per_language[passage["lang"]].add(tally)
            per_style[passage["lang"], passage["style"]].add(tally)
            print(f"{passage['id']:22} {passage['lang']:4} {passage['style']:13} "
                  f"{_ratio(tally.found, tally.gold):>14} {_ratio(tally.exact, tally.gold):>14} "
                  f"{_ratio(tally.named_right, tally.named):>12} "
                  f"{_ratio(tally.unnamed_right, tally.unnamed):>14} "
                  f"{_ratio(tally.breaks_right, tally.breaks_proposed):>13}")
            if args.verbose:
                print("\n".join(f"    {miss}" for miss in tally.misses))
        _date_passages(gold, args.corpora, Path(folder), contexts, per_language)
    print()
    for lang, tally in sorted(per_language.items()):
        print(f"{lang}: speech recall {_ratio(tally.found, tally.gold)}, exact spans "
              f"{_ratio(tally.exact, tally.gold)}, named speakers right "
              f"{_ratio(tally.named_right, tally.named)}, unnamed speakers right "
              f"{_ratio(tally.unnamed_right, tally.unnamed)} (left open "
              f"{tally.unnamed_left_open}), date recall {_ratio(tally.dates_found, tally.dates)}, "
              f"scene-break precision {_ratio(tally.breaks_right, tally.breaks_proposed)} "
              f"(recall {_ratio(tally.breaks_right, tally.breaks_gold)}), "
              f"proposed {tally.proposed} speeches; of the gold speeches the draft is sure "
              f"of (--keep high), span and speaker right {_ratio(tally.confident_right, tally.confident)}")
        print(f"    editor: the draft builds as it is for {tally.valid} of {tally.texts} "
              f"texts (0 keystrokes to a valid build); from the draft to the gold speech: "
              f"{tally.typed} characters typed, {tally.deleted} deleted inside lines, "
              f"{tally.lines_deleted} lines deleted, against {tally.keys_from_scratch} "
              f"typed from an empty file")
    failed = []
    for (lang, style), tally in sorted(per_style.items()):
        target = TARGETS[style]
        rate = tally.exact / tally.gold if tally.gold else 1
        named = tally.named_right / tally.named if tally.named else 1
        verdict = "met" if rate >= target and (style != "punctuated" or named >= NAMED_TARGET) \
            else "NOT met"
        if verdict != "met":
            failed.append((lang, style))
        print(f"target {lang} {style}: exact spans {100 * rate:.0f} % (>= {100 * target:.0f} %)"
              + (f", named speakers {100 * named:.0f} % (>= {100 * NAMED_TARGET:.0f} %)"
                 if style == "punctuated" else "") + f": {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
