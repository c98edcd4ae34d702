"""Anchors: finding the span of text an annotation is tied to, by quoting the text itself."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..ingest import Source
from ..yamlfile import YamlMap


# The keys by which an annotation says where it is.
ANCHOR_KEYS = frozenset({"anchor", "start", "within"})
# Every key that says where an annotation is.
PLACE_KEYS = ANCHOR_KEYS | {"end", "occurrence"}


def find_anchor(item: YamlMap, source: Source) -> tuple[int, int]:
    """The (start, end) that ``anchor:`` or ``start:``/``end:`` of an annotation designate.

    ``within:`` narrows the search to a longer unique quotation; ``occurrence:`` picks the
    n-th of several matches. Anything ambiguous or not found is an error at the anchor.
    """
    area = (0, len(source.text))
    if "within" in item:
        area = _unique(item, "within", source, area)
    if "anchor" in item:
        return _unique(item, "anchor", source, area)
    if "start" in item:
        start, start_end = _unique(item, "start", source, area)
        if "end" not in item:        # a scene needs only its start
            return start, start_end
        _, end = _first(item, "end", source, (start, area[1]))
        return start, end
    raise item.location.error("say where this annotation is: 'anchor:', or 'start:' and 'end:'")


def _unique(item: YamlMap, key: str, source: Source, area: tuple[int, int]) -> tuple[int, int]:
    quotation = _quotation(item, key)
    matches = _matches(quotation, source.text, area)
    occurrence = item.get("occurrence") if key in ("anchor", "start") else None
    if occurrence is not None:
        if isinstance(occurrence, bool) or not isinstance(occurrence, int):
            raise item.at("occurrence").error(f"'occurrence' must be a whole number, as 2, "
                                              f"not '{occurrence}'")
        if not 1 <= occurrence <= len(matches):
            raise item.at("occurrence").error(
                f"occurrence {occurrence} of {key} \"{quotation}\": it occurs "
                f"{len(matches)} time{'s' if len(matches) != 1 else ''}")
        return matches[occurrence - 1]
    if not matches:
        raise item.at(key).error(f"{key} \"{quotation}\" matches nothing in "
                                 f"{source.display_path}")
    if len(matches) > 1:
        places = ", ".join("%d:%d" % source.line_column(s) for s, _ in matches[:5])
        raise item.at(key).error(f"{key} \"{quotation}\" matches {len(matches)} places "
                                 f"({places}); add occurrence: or within:")
    return matches[0]


def _first(item: YamlMap, key: str, source: Source, area: tuple[int, int]) -> tuple[int, int]:
    quotation = _quotation(item, key)
    matches = _matches(quotation, source.text, area)
    if not matches:
        raise item.at(key).error(f"{key} \"{quotation}\" is not found after the start")
    return matches[0]


def _quotation(item: YamlMap, key: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise item.at(key).error(f"'{key}' must be a quotation of the source text")
    return value


def _matches(quotation: str, text: str, area: tuple[int, int]) -> list[tuple[int, int]]:
    pattern = _pattern(quotation)
    return [(m.start(), m.end()) for m in pattern.finditer(text, *area)]


@lru_cache(maxsize=4096)
def _pattern(quotation: str) -> re.Pattern:
    # A space in an anchor stands for any run of white space, so line breaks don't matter.
    words = unicodedata.normalize("NFC", quotation).split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))

