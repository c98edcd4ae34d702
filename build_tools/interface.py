"""The interface languages the site can speak: English (the messages' own language) and every
language with a Babel message catalog in ``build_tools/render/locale``; and the messages the
generator uses, found in its code as Babel's extraction finds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).parent
LOCALE_DIR = PACKAGE / "render" / "locale"
SOURCE_LANGUAGE = "en"        # the msgids are English

# How the code names a message: translate(lang, message, …), a register writer's
# self._(message), the About page's ui_text(ui, message, …), N_(message) for one translated
# later, and gettext(message, …) in the site's scripts.
KEYWORDS = {"translate": (2,), "ui_text": (2,), "_": (1,), "N_": (1,), "gettext": (1,)}
METHODS = [("**/static/**.js", "javascript"), ("**.py", "python")]


def interface_languages() -> tuple[str, ...]:
    """Every code that ``ui_language`` may name, sorted."""
    catalogs = {p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")}
    return tuple(sorted(catalogs | {SOURCE_LANGUAGE}))


@dataclass
class Message:
    """A message the code uses: where, and what it tells its translators."""

    places: list[str] = field(default_factory=list)       # file:line
    comments: list[str] = field(default_factory=list)     # "Translators: …"


def used_messages() -> dict[str, Message]:
    """Every message the generator's code and scripts use."""
    from babel.messages.extract import extract_from_dir
    used: dict[str, Message] = {}
    for path, line, text, comments, _context in extract_from_dir(
            PACKAGE, METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)):
        message = used.setdefault(text, Message())
        message.places.append(f"{path}:{line}")
        message.comments.extend(comments)
    return used
