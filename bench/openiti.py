"""Reading OpenITI mARkdown (the format of ../shared/corpora) as plain paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

_MARKERS = re.compile(r"\s*\b(?:PageV\d+P\d+|ms\d+)\b")
_OPEN_SENTENCE = re.compile(r"[^.؟?!:]$")


def read_markdown(path: Path, lines: tuple[int, int] | None = None) -> str:
    """Turn an OpenITI mARkdown file into plain paragraphs separated by blank lines.

    ``lines`` (first, last; 1-based, inclusive) reads only that passage of the file, so a
    benchmark can name a passage by its place in the corpus instead of copying it.

    ``#META#`` lines go; a ``### |`` heading is its own paragraph; ``# `` starts a paragraph
    and ``~~`` continues it (joined with a space); page and milestone markers are removed.
    A ``# `` line after a page break that falls mid-sentence continues its paragraph: the
    printed page, not the author, broke it there.
    """
    paragraphs: list[str] = []
    page_break = False
    text_lines = path.read_text(encoding="utf-8").splitlines()
    if lines is not None:
        text_lines = text_lines[lines[0] - 1:lines[1]]
    for line in text_lines:
        if line.startswith("#META#") or not line.strip():
            continue
        had_marker = bool(_MARKERS.search(line))
        body = _MARKERS.sub("", line).strip()
        if line.startswith("### "):
            paragraphs.append(body.lstrip("#| ").strip())
        elif line.startswith("# "):
            body = body[1:].strip()
            if not body:
                pass  # a line holding only a page marker
            elif page_break and paragraphs and _OPEN_SENTENCE.search(paragraphs[-1]):
                paragraphs[-1] = f"{paragraphs[-1]} {body}".strip()
            else:
                paragraphs.append(body)
        elif line.startswith("~~") and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {body[2:].strip()}".strip()
        else:
            paragraphs.append(body)
        if body.strip("#~ "):
            page_break = had_marker
        else:
            page_break = page_break or had_marker
    return "\n\n".join(p for p in paragraphs if p)
