"""A Markdown extension that joins the pieces of a long paragraph, which the render writes
apart (see ``LONG_PARAGRAPH`` in :mod:`build_tools.render.markup`), back into one.

Python-Markdown's inline processing takes time with the square of a paragraph's length;
pieces of a few thousand characters take it in time linear in the whole. Each piece after
the first carries the class ``CONTINUED`` (set by ``attr_list``); once every piece has been
through the inline patterns, this extension moves its content into the paragraph before it,
after the one space the render cut at, so the page holds the same single paragraph as if
it had been written on one line. Enabled in ``mkdocs.yml`` as
``markdown_extensions: [build_tools.site.paragraphs]``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..render.markup import CONTINUED

# After the inline patterns (20) and attr_list (8), which sets the class; before the table
# of contents (5) and MkDocs' links (0), which then see the joined paragraph.
PRIORITY = 7


class JoinPieces(Treeprocessor):
    """Each paragraph marked ``CONTINUED`` is joined to the paragraph before it."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            if any(_is_piece(child) for child in parent):
                _join_in(parent)


def _is_piece(element: etree.Element) -> bool:
    return element.tag == "p" and element.get("class") == CONTINUED


def _join_in(parent: etree.Element) -> None:
    """Join the pieces among ``parent``'s children, rebuilding its children once (removing
    them one by one would cost the square of their number)."""
    children: list[etree.Element] = []
    for child in parent:
        if _is_piece(child) and children and children[-1].tag == "p":
            _append(children[-1], child)
        else:
            children.append(child)
    parent[:] = children


def _append(paragraph: etree.Element, piece: etree.Element) -> None:
    text = " " + (piece.text or "")
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + text
    else:
        paragraph.text = (paragraph.text or "") + text
    paragraph.extend(piece)
    paragraph.tail = piece.tail


class ParagraphsExtension(Extension):
    """Registers :class:`JoinPieces`."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(JoinPieces(md), "edition_paragraphs", PRIORITY)


def makeExtension(**options) -> ParagraphsExtension:
    """The entry point Python-Markdown calls for ``build_tools.site.paragraphs``."""
    return ParagraphsExtension(**options)
