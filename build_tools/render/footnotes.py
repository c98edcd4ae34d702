"""Footnotes numbered per column: each text on a page keeps its own count and its own digits.

Python-Markdown's footnotes share one namespace and one list per page, so an Arabic column
and a Turkish column beside it would interleave. The notes are written here instead, in the
markup Material's footnote tooltips read (``a.footnote-ref`` → the ``li`` it points at, whose
``p`` children become the tooltip: they carry ``lang`` and ``dir``).

A scene is rendered once, its notes left as marks, and numbered on each page it is placed
on: the synopsis counts down a column of episodes, a reading page down the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import direction, number, translate
from .escaping import attribute


# Where a note's marker goes in rendered text until the scene is placed on a page and its
# notes numbered. TEI is XML, which cannot hold a NUL, so no source text contains one.
NOTE_MARK = "\x00"


@dataclass
class Notes:
    """The notes met while a scene is rendered, in order; each leaves a ``NOTE_MARK``."""

    pending: list[str] = field(default_factory=list)

    def reference(self, note_html: str) -> str:
        """Add a note; return its mark, for the text."""
        self.pending.append(note_html)
        return NOTE_MARK

    def take(self) -> tuple[str, ...]:
        """The notes added since the last call."""
        notes, self.pending = tuple(self.pending), []
        return notes


@dataclass
class Footnotes:
    """The notes of one text on one page, from 1, in the text's language and digits."""

    column: str                      # the text id: keeps the ids of two columns apart
    lang: str
    count: int = 0

    def place(self, paragraphs: list[str], notes: tuple[str, ...]) -> tuple[list[str], str]:
        """A scene's paragraphs with its note marks numbered on from the notes before it,
        and the list of those notes ('' if none)."""
        if not notes:
            return paragraphs, ""
        first = self.count + 1
        self.count += len(notes)
        numbers = iter(range(first, self.count + 1))
        placed = [paragraph if NOTE_MARK not in paragraph else "".join(
                      part if index == 0 else self._marker(next(numbers)) + part
                      for index, part in enumerate(paragraph.split(NOTE_MARK)))
                  for paragraph in paragraphs]
        return placed, self._list(first, notes)

    def _marker(self, n: int) -> str:
        identifier = self._id(n)
        # A word joiner ties the mark to the word before it: after a closing ﴾ a line may
        # break, and the mark would begin the next line alone.
        return (f'<sup class="footnote-mark" id="fnref:{identifier}">'
                f'<a class="footnote-ref" href="#fn:{identifier}">'
                f'&#x2060;{number(n, self.lang)}</a></sup>')

    def _list(self, first: int, notes: tuple[str, ...]) -> str:
        back = attribute(translate(self.lang, "Back to the text"))
        # A line per note: the list stays short lines however many notes a paragraph has,
        # which keeps the site's Markdown linear in them (see markup.LONG_PARAGRAPH).
        items = "\n".join(
            f'<li id="fn:{self._id(n)}"><p lang="{self.lang}" dir="{direction(self.lang)}">'
            f'{html} <a class="footnote-backref" href="#fnref:{self._id(n)}" '
            f'title="{back}">↩</a></p></li>'
            for n, html in enumerate(notes, first))
        return (f'<div class="footnote" lang="{self.lang}" dir="{direction(self.lang)}">'
                f'<ol start="{first}">\n{items}\n</ol></div>')

    def _id(self, n: int) -> str:
        return f"{self.column}-{n}"
