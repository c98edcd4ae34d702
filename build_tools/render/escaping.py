"""Source text made inert for Markdown and HTML (SPEC §7: a source never injects markup)."""

from __future__ import annotations

import re

# ASCII characters that mean something to Markdown, its extensions or HTML. They are written
# as numeric character references, which Markdown leaves alone and the browser shows as the
# character itself, so a source can never inject markup (SPEC §7).
_SPECIALS = "\\`*_{}[]()#+-.!|<>&\"~^=:$%"
_SPECIAL = re.compile(f"[{re.escape(_SPECIALS)}]")
_REFERENCE = {character: f"&#{ord(character)};" for character in _SPECIALS}


def escape(text: str) -> str:
    """Source text made inert for Markdown and HTML; line breaks become spaces."""
    return _SPECIAL.sub(lambda special: _REFERENCE[special[0]], text.replace("\n", " "))


def attribute(text: str) -> str:
    """A value for a double-quoted attribute of a raw HTML tag (the browser decodes it)."""
    return escape(text)
