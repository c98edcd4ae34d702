"""``edition suggest --merge``: a draft's new proposals added to an annotation file that the
editor has already worked on, without touching a line of it.

An entry of the draft is new when it touches no entry the file has in the same section
(scenes: the same start; speech and dates: an overlapping span, confirmed or still proposed,
nested speech included). New entries are inserted at the end of their section, each with
its comment and ``proposed: true``; a section the file lacks is added at its end. The only
line ever changed is an empty section, ``speech: []``, which becomes ``speech:`` so that it
can hold the new entries.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..annotate.anchors import ANCHOR_KEYS, find_anchor
from ..errors import EditionError
from ..ingest import Source
from ..yamlfile import YamlMap, load_yaml

if TYPE_CHECKING:
    from . import Draft, Entry

_TOP_LEVEL = re.compile(r"^[^\s#-]")


def merge_draft(path: Path, display: str, source: Source, draft: "Draft") -> str:
    """The text of the annotation file ``path`` with the draft's new proposals added."""
    if not path.is_file():
        raise EditionError("--merge: the file does not exist; write a first draft with "
                           "--output", display)
    text = path.read_text(encoding="utf-8")
    data = load_yaml(path, display)
    if data is None:
        data = YamlMap()
    if not isinstance(data, YamlMap):
        raise EditionError("--merge: the annotation file must be a mapping of sections",
                           display, 1, 1)
    lines = text.splitlines()
    for section, entries in (("scenes", draft.scene_entries()),
                             ("speech", draft.speech_entries()),
                             ("dates", draft.date_entries())):
        taken = _spans(data, section, source)
        new = [entry for entry in entries if _is_new(entry, section, taken)
               and any(line.lstrip().startswith("- ") for line in entry.lines)]
        if new:
            lines = insert_lines(lines, section, [line for entry in new for line in entry.lines])
    merged = "\n".join(lines) + "\n"
    try:
        yaml.safe_load(merged)
    except yaml.YAMLError as error:           # the file's own layout defeated the insertion
        raise EditionError(f"--merge: the merged file would not be valid YAML ({error}); "
                           f"nothing was written", display) from None
    return merged


def _spans(data: YamlMap, section: str, source: Source) -> list[tuple[int, int]]:
    """Where the file's entries of a section stand (those whose anchors still resolve)."""
    spans = []
    for item in _entries(data, section):
        if section == "scenes" and not ANCHOR_KEYS & set(item):
            spans.append((source.paragraphs[0][0], source.paragraphs[0][0]))
            continue
        try:
            spans.append(find_anchor(item, source))
        except EditionError:
            continue                    # the build will tell; the merge keeps clear of it
    return spans


def _entries(container: YamlMap, section: str):
    items = container.get(section)
    for item in items if isinstance(items, list) else ():
        if isinstance(item, YamlMap):
            yield item
            if section == "speech":
                yield from _entries(item, "speech")


def _is_new(entry: "Entry", section: str, taken: list[tuple[int, int]]) -> bool:
    if section == "scenes":
        return all(entry.start != start for start, _ in taken)
    return all(not (entry.start < end and start < entry.end) for start, end in taken)


def insert_lines(lines: list[str], section: str, new: list[str]) -> list[str]:
    """``lines`` with ``new`` at the end of the top-level ``section`` (added if missing)."""
    header = next((i for i, line in enumerate(lines)
                   if re.match(rf"{section}\s*:", line)), None)
    if header is None:
        return [*lines, "", f"{section}:", *new]
    if re.fullmatch(rf"{section}\s*:\s*\[\s*\]\s*(#.*)?", lines[header]):
        lines = [*lines[:header], f"{section}:", *lines[header + 1:]]
    end = next((i for i in range(header + 1, len(lines)) if _TOP_LEVEL.match(lines[i])),
               len(lines))
    while end > header + 1 and not lines[end - 1].strip():
        end -= 1                        # after the section's last line, before its blank ones
    return [*lines[:end], *new, *lines[end:]]
