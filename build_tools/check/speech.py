"""Speech for ``edition check``: what the detector proposes that no annotation confirms, and
speech that names no speaker the register knows."""

from __future__ import annotations

from dataclasses import dataclass

from ..annotate.model import Register, Span
from ..annotate.names import find_names
from ..annotate.speech_detector import SpeechProposal
from ..errors import Location
from ..yamlfile import YamlMap

SPEAKER_KINDS = ("person", "group")
_EXCERPT = 40


def confirmed(proposals: list[SpeechProposal], said: list[Span]) -> set[SpeechProposal]:
    """The proposals that an annotated speech confirms.

    An annotated speech confirms the proposals that overlap it, except those whose speech
    verb lies inside it: a speech reported within the annotated one (Aisha's narration holds
    the Prophet's words) is confirmed only by an annotation of its own. Of the others, all
    that lie wholly inside the annotation are confirmed (one quotation the narrator
    interrupts); failing those, the one that starts nearest to it (the editor moved an end).
    """
    result: set[SpeechProposal] = set()
    for annotation in said:
        eligible = [p for p in proposals
                    if p.start < annotation.end and annotation.start < p.end
                    and not annotation.start < _cue(p) < annotation.end]
        inside = [p for p in eligible
                  if annotation.start <= p.start and p.end <= annotation.end]
        if inside:
            result.update(inside)
        elif eligible:
            result.add(min(eligible, key=lambda p: (abs(p.start - annotation.start),
                                                    p.end - p.start)))
    return result


def _cue(proposal: SpeechProposal) -> int:
    return proposal.cue_start if proposal.cue_start is not None else proposal.start


def names_register_entry(words: str | None, lang: str, register: Register) -> bool:
    """Whether ``words`` (a speaker as the text names him) contain a register name form."""
    return bool(words) and bool(find_names(words, lang, register))


def describe(text: str, proposal: SpeechProposal) -> str:
    """The proposal in a few words, for a message."""
    spoken = " ".join(text[proposal.start:proposal.end].split())
    if len(spoken) > _EXCERPT:
        spoken = spoken[:_EXCERPT].rstrip() + "…"
    what = "a narration frame" if proposal.kind == "narration" else "a speech"
    speaker = f'by "{proposal.speaker_text}"' if proposal.speaker_text else \
        "with no speaker named"
    cue = f'cue "{proposal.cue}"' if any(c.isalnum() for c in proposal.cue) else "quoted"
    return f'{what} {speaker} ({proposal.confidence} confidence, {cue}): "{spoken}"'


@dataclass(frozen=True)
class Unattributed:
    """An annotated speech whose ``who`` is missing or names no person or group."""

    location: Location
    message: str


def unattributed_annotations(data, register: Register) -> list[Unattributed]:
    """Every speech of an annotation file (nested ones too) without a usable ``who``.

    The file is read as it is, without resolving anchors, so that all of them are listed at
    once — the build stops at the first.
    """
    found: list[Unattributed] = []
    for item in _speech_items(data):
        who = item.get("who")
        if who is None:
            found.append(Unattributed(item.location, "speech without 'who:'; name its speaker "
                                                     "by a register id"))
        elif not isinstance(who, str) or who not in register:
            found.append(Unattributed(item.at("who"), f"speech by '{who}', which is no "
                                                      f"register id; name its speaker"))
        elif register[who].kind not in SPEAKER_KINDS:
            found.append(Unattributed(item.at("who"), f"speech by '{who}', a "
                                                      f"{register[who].kind}; a speaker is a "
                                                      f"person or a group"))
    return found


def _speech_items(data):
    """Every confirmed speech mapping of an annotation file, depth first (a proposal that
    the editor has not confirmed needs no speaker yet)."""
    items = data.get("speech") if isinstance(data, YamlMap) else None
    for item in items if isinstance(items, list) else ():
        if isinstance(item, YamlMap):
            if item.get("proposed") is not True:
                yield item
            yield from _speech_items(item)
