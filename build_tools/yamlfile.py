"""Reading the editorial YAML so that every value remembers where it was written."""

from __future__ import annotations

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
        """Where the value of ``key`` stands (or the mapping itself when the key is absent)."""
        value = self.get(key)
        return getattr(value, "location", self.location)

    def key_at(self, key: str) -> Location:
        """Where ``key`` itself is written (for a misspelled or unknown key)."""
        return getattr(self, "key_locations", {}).get(key, self.location)

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
# its node marks and errors carry the same lines and columns.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, display: str | None = None, remember: bool = False) -> Any:
    """Parse a YAML file into plain values that carry their location (``.location``).

    Syntax errors, duplicate keys and invalid UTF-8 become an :class:`EditionError` naming
    the file, line and column. With ``remember``, for the files every build reads (the
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
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise EditionError(f"YAML syntax: {problem}", name, line, column)
    except yaml.YAMLError as error:
        raise EditionError(f"YAML syntax: {error}", name)
    if node is None:
        return YamlMap()
    try:
        return _convert(node, name)
    finally:
        # The constructor remembers every node it built (to share repeated ones); kept,
        # they would hold every parsed file's nodes and marks for as long as the process.
        _SCALARS.constructed_objects.clear()


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used (ints, bools, dates)
_STR = "tag:yaml.org,2002:str"


def _location(node: yaml.Node, name: str) -> Location:
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, name: str) -> Any:
    location = _location(node, name)
    if isinstance(node, yaml.MappingNode):
        result = YamlMap()
        result.key_locations = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, name)
            if key in result:
                raise _location(key_node, name).error(f"key '{key}' is given twice")
            result[key] = _convert(value_node, name)
            result.key_locations[key] = _location(key_node, name)
    elif isinstance(node, yaml.SequenceNode):
        result = YamlList(_convert(item, name) for item in node.value)
    else:
        # Most values are text, which needs no constructor (the resolver has tagged it).
        value = node.value if node.tag == _STR else _SCALARS.construct_object(node)
        if not isinstance(value, str):
            return value
        result = YamlStr(value)
    result.location = location
    return result
