"""A chapter's episodes (``episodes.yml``): the rows of its synopsis, in order.

An episode marked ``proposed: true`` (drafted by ``edition suggest``) is no row until the
editor confirms it by deleting that line.
"""

from __future__ import annotations

from pathlib import Path

from ..config import ASCII_ID, LANGUAGE_TAG
from ..errors import EditionError
from ..yamlfile import YamlMap, load_yaml
from .editorial import PROPOSED, is_proposed
from .model import Episode

EPISODE_KEYS = ("id", "title", "summary", PROPOSED)


def load_episodes(path: Path, display: str) -> dict[str, Episode]:
    """Read the episodes, keyed by id in synopsis order."""
    data = load_yaml(path, display, remember=True)
    items = data.get("episodes") if isinstance(data, YamlMap) else None
    if not isinstance(items, list) or not items:
        raise EditionError("expected 'episodes:' with a list of episodes", display, 1, 1)
    episodes: dict[str, Episode] = {}
    for item in items:
        if not isinstance(item, YamlMap):
            raise getattr(item, "location", items.location).error(
                "an episode must be a mapping with id: and title:")
        item.refuse_unknown_keys(EPISODE_KEYS, "an episode")
        if is_proposed(item):
            continue        # drafted by `edition suggest`, not confirmed: no row yet
        identifier = item.require("id")
        if not ASCII_ID.match(identifier):
            raise item.at("id").error(f"episode id '{identifier}' must be lower-case ASCII "
                                      f"letters, digits and hyphens")
        if identifier in episodes:
            raise item.at("id").error(f"episode id '{identifier}' is used twice")
        episodes[identifier] = Episode(identifier, _per_language(item, "title", required=True),
                                       _per_language(item, "summary"), item.at("id"))
    return episodes


def _per_language(item: YamlMap, key: str, required: bool = False) -> dict[str, str]:
    """A title or summary: a mapping of language codes to texts."""
    value = item.require(key, dict) if required else item.get(key) or {}
    if not isinstance(value, dict):
        raise item.at(key).error(f"'{key}' must map language codes to texts, as {{en: …}}")
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_TAG.match(lang):
            raise value.key_at(lang).error(f"'{lang}' is not a language code (as en, tr)")
        if not isinstance(text, str) or not text.strip():
            raise value.at(lang).error(f"the {key} in '{lang}' must be a text")
    return dict(value)
