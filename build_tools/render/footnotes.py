"""Footnotes numbered per column: each text on a page keeps its own count and its own digits.

Python-Markdown's footnotes share one namespace and one list per page, so an Arabic column
and a Turkish column beside it would interleave. The notes are written here instead, in the
markup Material's footnote tooltips read (``a.footnote-ref`` → the ``li`` it points at, whose
``p`` children become the tooltip: they carry ``lang`` and ``dir``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import direction, number, translate
from .escaping import attribute


@dataclass
class Footnotes:
    """The notes of one text on one page, from 1, in the text's language and digits."""

    column: str                      # the text id: keeps the ids of two columns apart
    lang: str
    count: int = 0
    pending: list[tuple[int, str]] = field(default_factory=list)

    def reference(self, note_html: str) -> str:
        """Add a note; return the marker that goes in the text."""
        self.count += 1
        self.pending.append((self.count, note_html))
        identifier = self._id(self.count)
        return (f'<sup class="footnote-mark" id="fnref:{identifier}">'
                f'<a class="footnote-ref" href="#fn:{identifier}">'
                f'{number(self.count, self.lang)}</a></sup>')

    def flush(self) -> str:
        """The list of the notes added since the last flush ('' if none)."""
        if not self.pending:
            return ""
        first = self.pending[0][0]
        back = attribute(translate(self.lang, "Back to the text"))
        items = "".join(
            f'<li id="fn:{self._id(n)}"><p lang="{self.lang}" dir="{direction(self.lang)}">'
            f'{html} <a class="footnote-backref" href="#fnref:{self._id(n)}" '
            f'title="{back}">↩</a></p></li>'
            for n, html in self.pending)
        self.pending = []
        return (f'<div class="footnote" lang="{self.lang}" dir="{direction(self.lang)}">'
                f'<ol start="{first}">{items}</ol></div>')

    def _id(self, n: int) -> str:
        return f"{self.column}-{n}"
