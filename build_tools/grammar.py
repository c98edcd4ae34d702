"""RELAX NG validation in time linear in the size of a document, however wrong it is.

lxml records, with every validation error, the XPath of the element it is about, and
libxml2 computes that path by counting the element's siblings at each level. An error
below a run of many thousand siblings (the sentences of one long paragraph) thus costs
the length of the run: a paragraph wrong throughout costs the square of its length
(32,000 sentences each with a bad attribute: 6 s, of which 5.5 s in those paths).

So a document with a long run of siblings is validated with each run cut into pieces:
the run's parent is followed, for the validation only, by copies of itself (its tag and
attributes) that hold the rest of its children ``PIECE`` at a time. Every element is
validated in its own right, and the errors about it are those the document gives, at its
line; an error costs at most ``PIECE`` siblings. The runs that are long in practice are
repetitions (sentences of a paragraph, paragraphs of a division, entries of a list), whose
content model takes any number of pieces, so a document valid whole is valid in pieces
and the other way round. What the copies themselves cause (a second ``body`` where one is
allowed) is told at the copies, which have no line, and left out; and when the pieces give
fewer than ``PIECE`` problems, the document is validated whole again, at a cost that few
errors keep low, so that every problem is told exactly as a whole validation tells it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree

from .teixml import XML_ID

# The most children of one parent validated together. An error costs at most this many
# siblings; a run of this many costs nothing more than as it is.
PIECE = 1000


@dataclass(frozen=True, slots=True)
class GrammarError:
    """A problem a RELAX NG validation found, at its line (``None``: no line known)."""

    line: int | None
    column: int | None
    message: str


def grammar_errors(validator: etree.RelaxNG, tree: etree._ElementTree) -> list[GrammarError]:
    """Every problem of ``tree`` against the grammar, in a time linear in its size."""
    runs = _long_runs(tree)
    if not runs:
        return _errors(validator, tree)
    with _in_pieces(runs):
        found = _errors(validator, tree)
    if not found or len(found) >= PIECE:
        # Valid, or wrong throughout: what the pieces tell, but what the copies caused.
        return [error for error in found if error.line is not None]
    return _errors(validator, tree)     # few problems: told exactly, cheaply


def grammar_passes(validator: etree.RelaxNG, tree: etree._ElementTree) -> bool:
    """Whether ``tree`` meets the grammar, in a time linear in its size."""
    return not grammar_errors(validator, tree)


def _errors(validator: etree.RelaxNG, tree: etree._ElementTree) -> list[GrammarError]:
    if validator.validate(tree):
        return []
    # A line of 0 is a copy's (see _split): no element of a parsed file has it.
    return [GrammarError(entry.line or None, entry.column, entry.message)
            for entry in validator.error_log]


def _long_runs(tree: etree._ElementTree) -> list[etree._Element]:
    """The elements with more than ``PIECE`` element children, in document order."""
    return _LONG_RUNS(tree, piece=PIECE)


_LONG_RUNS = etree.XPath("//*[count(*) > $piece]")


@contextmanager
def _in_pieces(parents: list[etree._Element]) -> Iterator[None]:
    """Each of ``parents`` followed by copies of itself holding its children after the
    first ``PIECE``, ``PIECE`` to a copy, while the block runs; then the tree as it was,
    byte for byte (each child goes back with its tail, the copies have none)."""
    copies: list[tuple[etree._Element, list[etree._Element]]] = []
    try:
        for parent in parents:
            copies.append((parent, _split(parent)))
        yield
    finally:
        for parent, pieces in reversed(copies):
            for piece in pieces:
                parent.extend(list(piece))
                piece.getparent().remove(piece)


def _split(parent: etree._Element) -> list[etree._Element]:
    pieces = []
    place = parent
    for number, start in enumerate(range(PIECE, len(parent), PIECE), start=1):
        piece = etree.Element(parent.tag, _piece_attributes(parent, number))
        piece.sourceline = 0                # errors about the copy itself are told at no line
        place.addnext(piece)                # after the parent's tail, which stays with it
        place = piece
        pieces.append(piece)
    # The parent keeps its first PIECE children; each copy takes the next PIECE.
    rest = list(parent)[PIECE:]
    for index, piece in enumerate(pieces):
        piece.extend(rest[index * PIECE:(index + 1) * PIECE])
    return pieces


def _piece_attributes(parent: etree._Element, number: int) -> dict[str, str]:
    """The parent's attributes, its id made unique (an id told twice is an error)."""
    attributes = dict(parent.attrib)
    if XML_ID in attributes:
        attributes[XML_ID] = f"{attributes[XML_ID]}.piece-{number}"
    return attributes
