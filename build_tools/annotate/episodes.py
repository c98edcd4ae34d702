"""A chapter's episodes (``episodes.yml``): the rows of its synopsis, in order.

An episode marked ``proposed: true`` (drafted by ``edition suggest``) is no row until the
editor confirms it by deleting that line.
"""

from __future__ import annotations

from pathlib import Path

from ..config import ASCII_ID
from ..errors import EditionError
from ..yamlfile import YamlMap, load_yaml
from .model import Episode


def load_episodes(path: Path, display: str) -> dict[str, Episode]:
    """Read the episodes, keyed by id in synopsis order."""
    data = load_yaml(path, display, remember=True)
    items = data.get("episodes") if isinstance(data, YamlMap) else None
    if not isinstance(items, list) or not items:
        raise EditionError("expected 'episodes:' with a list of episodes", display, 1, 1)
    episodes: dict[str, Episode] = {}
    for item in items:
        if not isinstance(item, YamlMap):
            raise item.location.error("an episode must be a mapping with id: and title:")
        if item.get("proposed") is True:
            continue        # drafted by `edition suggest`, not confirmed: no row yet
        identifier = item.require("id")
        if not ASCII_ID.match(identifier):
            raise item.at("id").error(f"episode id '{identifier}' must be lower-case ASCII "
                                      f"letters, digits and hyphens")
        if identifier in episodes:
            raise item.at("id").error(f"episode id '{identifier}' is used twice")
        episodes[identifier] = Episode(identifier, dict(item.require("title", dict)),
                                       dict(item.get("summary") or {}), item.at("id"))
    return episodes
