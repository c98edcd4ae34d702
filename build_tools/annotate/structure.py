"""Putting a text together: scenes, paragraphs and sentences, and inline spans that nest.

TEI is a tree, so every span must nest inside the others. What the editor wrote must nest
(or the build stops, naming both places); what a detector proposed gives way where it
would cross an editorial span, a paragraph or a scene.
"""

from __future__ import annotations

import bisect
from collections import Counter

from ..errors import EditionError
from ..ingest import Source, trim_end
from .editorial import SceneStart
from .model import AnnotatedText, Scene, Span

_STRUCTURE = "structure"   # the element name of the pseudo-spans for paragraphs and scenes


def assemble(source: Source, scene_starts: list[SceneStart],
             spans: list[Span]) -> AnnotatedText:
    """Build one annotated text; a scene or span the TEI tree cannot hold is an error."""
    scenes = _scenes(source, scene_starts)
    paragraphs = _paragraphs(source, scenes)
    kept = _nested(spans, [*paragraphs, *((s.start, s.end) for s in scenes)], source)
    sentences = _sentences(source, paragraphs, scenes, kept)
    return AnnotatedText(source, tuple(scenes), tuple(paragraphs), tuple(sentences),
                         tuple(kept))


def _scenes(source: Source, starts: list[SceneStart]) -> list[Scene]:
    text = source.text
    first = source.paragraphs[0][0]
    if not starts:
        raise EditionError(f"no scenes: every sentence must belong to a scene; add "
                           f"'scenes:' for {source.id}", source.display_path)
    if starts[0].offset != first:
        line, column = source.line_column(first)
        raise starts[0].origin.error(f"the first scene must start where the text starts "
                                     f"({source.display_path}:{line}:{column})")
    for previous, current in zip(starts, starts[1:]):
        if current.offset <= previous.offset:
            raise current.origin.error("scenes must be listed in the order of the text; this "
                                       "one starts at or before the previous one")
    for start in starts:
        if start.offset > 0 and _is_letter(text[start.offset - 1]):
            raise start.origin.error("a scene must start at the beginning of a word")
    counts: Counter[str] = Counter()
    scenes = []
    ends = [s.offset for s in starts[1:]] + [source.paragraphs[-1][1]]
    for start, end in zip(starts, ends):
        counts[start.episode] += 1
        suffix = f"-{counts[start.episode]}" if counts[start.episode] > 1 else ""
        scenes.append(Scene(f"{source.id}-{start.episode}{suffix}", start.episode,
                            start.offset, trim_end(text, start.offset, end)))
    return scenes


def _paragraphs(source: Source, scenes: list[Scene]) -> list[tuple[int, int]]:
    """The source's paragraphs, split where a scene starts inside one."""
    cuts = sorted(scene.start for scene in scenes)
    result = []
    for start, end in source.paragraphs:
        inner = [c for c in cuts if start < c < end]
        bounds = [start, *inner, end]
        for a, b in zip(bounds, bounds[1:]):
            result.append((a, trim_end(source.text, a, b)))
    return result


def _nested(spans: list[Span], blocks: list[tuple[int, int]], source: Source) -> list[Span]:
    """Keep the spans that nest; drop detections that cross; refuse editorial crossings."""
    hard = [Span(a, b, _STRUCTURE) for a, b in blocks]
    ordered = sorted([*hard, *spans], key=lambda s: (s.start, -s.end, s.element != _STRUCTURE,
                                                      s.rank))
    stack: list[Span] = []
    dropped: set[int] = set()
    for span in ordered:
        while stack and stack[-1].end <= span.start:
            stack.pop()
        accepted = True
        while stack and span.end > stack[-1].end:
            top = stack[-1]
            if span.origin is None and span.element != _STRUCTURE:
                accepted = False
                break
            if top.origin is None and top.element != _STRUCTURE:
                dropped.add(id(top))
                stack.pop()
                continue
            raise _crossing_error(span, top, source)
        if accepted:
            stack.append(span)
        else:
            dropped.add(id(span))
    return [s for s in ordered if s.element != _STRUCTURE and id(s) not in dropped]


def _crossing_error(span: Span, other: Span, source: Source) -> EditionError:
    if other.element == _STRUCTURE:
        what = "a paragraph or scene boundary"
    else:
        what = f"the {other.element} at {_where(other, source)}"
    origin = span.origin or other.origin
    return origin.error(f"this {span.element} crosses {what}; TEI elements must nest, so "
                        f"shorten one of them or make one contain the other")


def _where(span: Span, source: Source) -> str:
    if span.origin:
        return f"{span.origin.path}:{span.origin.line}:{span.origin.column}"
    return "%s:%d:%d" % (source.display_path, *source.line_column(span.start))


def _sentences(source: Source, paragraphs, scenes, spans: list[Span]):
    """Sentences: the source's candidates plus scene starts, joined where a span crosses."""
    candidates = set(source.sentence_starts) | {p[0] for p in paragraphs} | \
        {s.start for s in scenes}
    covered = _merged_interiors(spans)
    ordered = [s for s in sorted(candidates) if not _inside(s, covered)]
    result = []
    for start, end in paragraphs:
        inside = ordered[bisect.bisect_left(ordered, start):bisect.bisect_left(ordered, end)]
        for a, b in zip(inside, [*inside[1:], end]):
            result.append((a, trim_end(source.text, a, b)))
    return result


def _merged_interiors(spans: list[Span]) -> list[tuple[int, int]]:
    """The union of the spans' interiors (start, end), exclusive at both ends, as sorted runs."""
    merged: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end))
        else:
            merged.append((span.start, span.end))
    return merged


def _inside(offset: int, runs: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_left(runs, (offset, offset)) - 1
    return index >= 0 and runs[index][0] < offset < runs[index][1]


def _is_letter(character: str) -> bool:
    return character.isalnum()

