"""Reading the editorial YAML so that every value remembers where it was written."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import EditionError, Location


class YamlStr(str):
    """A string from a YAML file, with the location of its first character."""

    location: Location


class YamlMap(dict):
    """A mapping from a YAML file; ``location`` is where it starts."""

    location: Location

    def at(self, key: str) -> Location:
        """Where the value of ``key`` stands: a text's own place, or else (a number, yes or
        no) where its key is written, or the mapping itself when the key is absent."""
        value = self.get(key)
        return getattr(value, "location", None) or self.key_at(key)

    def key_at(self, key: str) -> Location:
        """Where ``key`` itself is written (for a misspelled or unknown key)."""
        return getattr(self, "key_locations", {}).get(key, self.location)

    def refuse_unknown_keys(self, known, what: str) -> None:
        """An error at the first key outside ``known`` (a misspelling would otherwise be
        ignored without a word); ``what`` names the mapping, e.g. "an episode"."""
        for key in self:
            if key not in known:
                raise self.key_at(key).error(f"unknown key '{key}' in {what}; expected one "
                                             f"of {', '.join(sorted(known))}")

    def require(self, key: str, kind: type | tuple[type, ...] = str) -> Any:
        """The value of a required key, checked for its type."""
        if key not in self:
            raise self.location.error(f"missing key '{key}'")
        value = self[key]
        if not isinstance(value, kind):
            raise self.at(key).error(f"'{key}' must be a {_kind_name(kind)}")
        return value


class YamlList(list):
    """A sequence from a YAML file; ``location`` is where it starts."""

    location: Location


_KIND_NAMES = {str: "text", int: "whole number", float: "number", list: "list", dict: "mapping"}


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


# libyaml's parser (shipped in PyYAML's wheels) is ten times faster than the pure-Python one;
# its events and errors carry the same lines and columns.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, display: str | None = None, remember: bool = False) -> Any:
    """Parse a YAML file into plain values that carry their location (``.location``).

    Syntax errors, duplicate keys, invalid UTF-8 and what editorial YAML refuses (tags,
    aliases, merge keys; see :class:`_Composer`) become an :class:`EditionError` naming the
    file, line and column. With ``remember``, for the files every build reads (the
    edition, its register and episodes), a rebuild in the same process (``mkdocs serve``,
    the benchmarks) takes the values of an unchanged file from memory; callers treat them
    as read-only. A text's annotations are read only when the text is annotated again,
    which is when they, or what they name, changed: kept, they would only cost memory.
    """
    name = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditionError("not valid UTF-8", name, *_line_col(path.read_bytes(), error.start))
    except OSError as error:
        raise EditionError(f"cannot read: {error.strerror}", name)
    return _remembered(text, name) if remember else _parsed(text, name)


@lru_cache(maxsize=2048)
def _remembered(text: str, name: str) -> Any:
    return _parsed(text, name)


def _parsed(text: str, name: str) -> Any:
    try:
        value = _Composer(name).compose(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise EditionError(f"YAML syntax: {problem}", name, line, column)
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (a control character): told at its place, as in a source.
        # libyaml counts in the UTF-8 bytes it was given; the pure-Python reader in characters.
        offset = error.position
        if _LOADER is not yaml.SafeLoader:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        before = text[:offset]
        line, column = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        raise EditionError(f"character U+{error.character:04X} is not allowed in YAML "
                           f"({error.reason}); remove it", name, line, column)
    except yaml.YAMLError as error:
        raise EditionError(f"YAML syntax: {error}", name)
    return YamlMap() if value is None else value


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


# Editorial YAML is plain data: text, numbers, yes/no, lists and mappings. Tags beyond
# these, aliases (whose repetition is how a few lines grow into gigabytes) and merge keys
# are refused at their place; so is nesting deeper than any editor writes, which would
# otherwise exhaust the stack.
_YAML = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_YAML + kind
                                    for kind in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MERGE = _YAML + "timestamp", _YAML + "merge"
_COLLECTION_TAGS = {yaml.MappingStartEvent: (_YAML + "map", "mapping"),
                    yaml.SequenceStartEvent: (_YAML + "seq", "list")}
MAX_DEPTH = 64
MAX_DIGITS = 18         # what an annotation counts fits in a 64-bit integer with room to spare
_RESOLVER = yaml.resolver.Resolver()
_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used (ints, floats, bools)
_UNSET = object()
# What XML 1.0 cannot carry, which a double-quoted YAML text can write as an escape ("\a").
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Composer:
    """Builds the values of one YAML document from the parser's events, without recursion,
    each container and text remembering where it starts."""

    def __init__(self, name: str):
        self.name = name
        self.stack: list[YamlMap | YamlList] = []
        self.keys: list[Any] = []           # per open mapping: the key awaiting its value
        self.root: Any = None
        self.documents = 0

    def compose(self, events) -> Any:
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event), event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._open(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.stack.pop()
                self.keys.pop()
            elif isinstance(event, yaml.AliasEvent):
                raise self._at(event).error(
                    f"an alias (*{event.anchor}) repeats a value written elsewhere; editorial "
                    f"YAML does not allow aliases: write the value out")
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self._at(event).error("a second YAML document ('---'); a file "
                                                "holds one")
        return self.root

    def _at(self, event) -> Location:
        return Location(self.name, event.start_mark.line + 1, event.start_mark.column + 1)

    def _open(self, event) -> None:
        tag, kind = _COLLECTION_TAGS[type(event)]
        if event.tag not in (None, "!", tag):
            raise self._tag_error(event)
        if len(self.stack) >= MAX_DEPTH:
            raise self._at(event).error(f"lists and mappings nested more than {MAX_DEPTH} "
                                        f"deep")
        if self.stack and isinstance(self.stack[-1], YamlMap) and self.keys[-1] is _UNSET:
            raise self._at(event).error(f"a key must be a name, not a {kind}")
        container = YamlMap() if kind == "mapping" else YamlList()
        if kind == "mapping":
            container.key_locations = {}
        container.location = self._at(event)
        self._add(container, event)
        self.stack.append(container)
        self.keys.append(_UNSET)

    def _add(self, value: Any, event) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, YamlList):
            parent.append(value)
        elif self.keys[-1] is _UNSET:
            if value in parent:
                raise self._at(event).error(f"key '{value}' is given twice")
            parent.key_locations[value] = self._at(event)
            self.keys[-1] = value
        else:
            parent[self.keys[-1]] = value
            self.keys[-1] = _UNSET

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in (_STR, _TIMESTAMP):
            # A date is kept as the text the editor typed (a Hijri date is no YAML date).
            bad = _NOT_XML.search(event.value)
            if bad:
                raise self._at(event).error(f"character U+{ord(bad.group()):04X} cannot be "
                                            f"kept in XML; remove it (or its escape)")
            value = YamlStr(event.value)
            value.location = self._at(event)
            return value
        if tag == _MERGE:
            raise self._at(event).error("a merge key ('<<') repeats keys written elsewhere; "
                                        "editorial YAML does not allow it: write the keys out")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        if tag == _INT:
            digits = sum(c.isdigit() for c in event.value)
            if digits > MAX_DIGITS:
                raise self._at(event).error(
                    f"a number of {digits} digits; at most {MAX_DIGITS} (quote it if it "
                    f"is text)")
            return _SCALARS.construct_yaml_int(node)
        if tag == _FLOAT:
            value = _SCALARS.construct_yaml_float(node)
            if not math.isfinite(value):
                raise self._at(event).error(f"'{event.value}' is not a finite number (quote "
                                            f"it if it is text)")
            return value
        if tag == _BOOL:
            return _SCALARS.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        raise self._tag_error(event)

    def _tag_error(self, event) -> EditionError:
        shown = "!!" + event.tag[len(_YAML):] if event.tag.startswith(_YAML) else event.tag
        return self._at(event).error(f"the tag '{shown}' is not allowed in editorial YAML, "
                                     f"which holds text, numbers, yes/no, lists and mappings")
