"""Cross-text episode rows: which scene of another text of the chapter a new scene narrates
the same episode as, proposed from what the two scenes share.

A scene is known by what it names: the persons, groups and places of the register, the
Quran verses it cites and the Hijri dates it gives. Two scenes of two texts are scored by
how much of that they share (the Jaccard index: shared over all), and a new scene is
offered the episode of the other text's scene that scores best, when they share at least
two things and the score reaches ``THRESHOLD``; otherwise it keeps an episode of its own.
The other text's scenes are those its annotation file confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..annotate.anchors import ANCHOR_KEYS, find_anchor
from ..annotate.citations import detect_citations
from ..annotate.date_detector import detect_dates
from ..annotate.editorial import is_proposed
from ..annotate.model import Register
from ..annotate.names import find_names
from ..config import TextConfig
from ..errors import EditionError
from ..ingest import Source, read_source
from ..quran import Quran
from ..yamlfile import YamlMap, load_yaml

THRESHOLD = 0.2
_MIN_SHARED = 2


@dataclass(frozen=True)
class OtherText:
    """Another text of the chapter: its id, language, source and annotation file."""

    id: str
    lang: str
    source: Path
    annotations: Path


@dataclass(frozen=True)
class Match:
    """The other text's scene that a new scene shares most with."""

    text: str
    episode: str
    score: float
    shared: tuple[str, ...]


def features(source: Source, start: int, end: int, register: Register,
             quran: Quran | None) -> frozenset[str]:
    """What the span names: register pointers, cited verses, dates."""
    text = source.text[start:end]
    found = {span.attribute("ref") for span in find_names(text, source.lang, register)}
    if quran is not None:
        found |= {c.verses.pointer for c in detect_citations(text, source.lang, quran).citations}
    found |= {f"date:{d.when}" for d in detect_dates(text, source.lang)}
    return frozenset(found)


def other_scenes(other: OtherText, register: Register,
                 quran: Quran | None) -> list[tuple[str, frozenset[str]]]:
    """The confirmed scenes of another text as (episode, features); none if unreadable."""
    try:
        source = read_source(TextConfig(other.id, other.lang, other.source, other.annotations,
                                        {}, {}), other.source.name)
        data = load_yaml(other.annotations, other.annotations.name)
    except (EditionError, OSError):
        return []
    starts = []
    for item in (data.get("scenes") or []) if isinstance(data, YamlMap) else []:
        if not isinstance(item, YamlMap) or is_proposed(item) or "episode" not in item:
            continue
        try:
            offset = find_anchor(item, source)[0] if ANCHOR_KEYS & set(item) else 0
        except EditionError:
            continue
        starts.append((offset, str(item["episode"])))
    starts.sort()
    ends = [offset for offset, _ in starts[1:]] + [len(source.text)]
    return [(episode, features(source, offset, end, register, quran))
            for (offset, episode), end in zip(starts, ends)]


def best_match(mine: frozenset[str], others: dict[str, list[tuple[str, frozenset[str]]]]
               ) -> Match | None:
    """The other text's scene with the highest score, if it is good enough."""
    best = None
    for text, scenes in others.items():
        for episode, theirs in scenes:
            shared = mine & theirs
            union = mine | theirs
            score = len(shared) / len(union) if union else 0.0
            if len(shared) >= _MIN_SHARED and score >= THRESHOLD and \
                    (best is None or score > best.score):
                best = Match(text, episode, round(score, 2), tuple(sorted(shared)))
    return best
