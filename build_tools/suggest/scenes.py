"""Where a new text's scenes start, and the episodes they may narrate: proposals for a draft.

A scene is proposed where the text itself marks a turn: a heading (a short paragraph that
ends no sentence, such as the print's «(جابر وقصته …) :»), a paragraph that opens with a
move in time ("فلما أصبح", "Ertesi gün", "Three days later") or in space (a place of the
register after "فلما قدم", "Kuba'da", "In Quba"). The cue words are the language
plug-in's ``scenes.yml``. Every proposal says why it was made; the first
scene starts where the text starts. Each scene is offered an episode of its own, titled
by its heading or its first words, for the editor to merge, rename or confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotate.model import Register
from ..annotate.names import find_names
from ..ingest import Source
from ..languages import language

# A heading is at most this many words long.
_HEADING_WORDS = 12
_TITLE_WORDS = 6
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640'’-]+")


@dataclass(frozen=True)
class SceneProposal:
    """A scene that may start at ``start`` (a paragraph start), and why it was proposed."""

    start: int
    why: str
    title: str
    heading: bool = False


def propose_scenes(source: Source, register: Register) -> list[SceneProposal]:
    """The scenes of ``source`` as the draft proposes them, the first at the text's start."""
    plug_in = language(source.lang)
    cues = _Cues(plug_in.scenes, plug_in.normalise)
    scenes: list[SceneProposal] = []
    after_heading = False
    for index, (start, end) in enumerate(source.paragraphs):
        paragraph = source.text[start:end]
        heading = _is_heading(paragraph, plug_in.sentence_ends)
        why = "the text's first paragraph" if index == 0 else \
            "a heading" if heading else \
            None if after_heading else _turn(paragraph, cues, source.lang, register)
        after_heading = heading or (after_heading and not paragraph.strip())
        if why:
            scenes.append(SceneProposal(start, why, _title(paragraph, heading), heading))
    return scenes


@dataclass(frozen=True)
class _Cues:
    data: dict
    norm: object

    def phrases(self, name: str) -> list[tuple[str, ...]]:
        return sorted((tuple(self.norm(w) for w in phrase.split())
                       for phrase in self.data.get(name, ())), key=len, reverse=True)


def _is_heading(paragraph: str, sentence_ends: str) -> bool:
    """A short paragraph that ends no sentence: "(الحض على الطاعة) :", "Kuba'ya Varış"."""
    words = _WORD.findall(paragraph)
    body = paragraph.strip().rstrip(": ")
    return 0 < len(words) <= _HEADING_WORDS and "\n" not in paragraph.strip() \
        and not any(mark in body for mark in sentence_ends) \
        and (body.startswith("(") and body.endswith(")") or len(words) <= _TITLE_WORDS)


def _turn(paragraph: str, cues: _Cues, lang: str, register: Register) -> str | None:
    """Why the paragraph turns the story to a new time or place, if it opens with one."""
    words = [cues.norm(w) for w in _WORD.findall(paragraph[:200])]
    for phrase in cues.phrases("time_openers"):
        if tuple(words[:len(phrase)]) == phrase:
            return f'a move in time ("{" ".join(phrase)}")'
    place = _place_at_start(paragraph, cues, lang, register, words)
    if place:
        return f"a move in space ({place})"
    return None


def _place_at_start(paragraph: str, cues: _Cues, lang: str, register: Register,
                    words: list[str]) -> str | None:
    places = [s for s in find_names(paragraph[:200], lang, register)
              if register[s.attribute("ref").partition(":")[2]].kind == "place"]
    if not places:
        return None
    first = places[0]
    name = paragraph[first.start:first.end]
    before = [cues.norm(w) for w in _WORD.findall(paragraph[:first.start])]
    for phrase in cues.phrases("place_openers"):
        if tuple(before) == phrase or tuple(before[:len(phrase)]) == phrase and \
                len(before) <= len(phrase) + 3:
            return name
    suffix = paragraph[first.end:first.end + 4]
    if not before and any(suffix.startswith(s) for s in cues.data.get("place_suffixes", ())):
        return name
    return None


def _title(paragraph: str, heading: bool) -> str:
    """An episode title: the heading without its brackets, or the paragraph's first words."""
    if heading:
        return paragraph.strip().rstrip(": ").strip("() ").strip()
    words = paragraph.split()
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
