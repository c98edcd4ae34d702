"""Interface strings from the Babel message catalogs, and numbers and language names from CLDR."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from ..interface import LOCALE_DIR


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang`` (compiled from its .po in memory; English is the msgids)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def N_(message: str) -> str:
    """``message`` itself: marks a message kept to be translated where it is used, so that
    the extraction of the catalogs' messages (``tests/test_catalogs.py``) finds it."""
    return message


def translate(lang: str, message: str, **values) -> str:
    """``message`` in ``lang``, with ``{name}`` placeholders filled in."""
    text = translations(lang).gettext(message)
    return text.format(**values) if values else text


@lru_cache(maxsize=None)
def language_name(code: str, in_lang: str) -> str:
    """The CLDR name of a language, in another language: ``language_name("ar", "tr")`` → Arapça."""
    return Locale.parse(in_lang).languages.get(code, code)


@lru_cache(maxsize=None)     # asked for every name and cell of every page
def direction(lang: str) -> str:
    """``rtl`` or ``ltr``, from CLDR."""
    return Locale.parse(lang).text_direction


# CLDR's "arab" numbering system: Babel formats with its symbols but leaves the digits Latin,
# so they are mapped here to U+0660-0669.
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@lru_cache(maxsize=4096)         # a page numbers its notes from 1 again and again
def number(value: int, lang: str) -> str:
    """A number as ``lang`` writes it: Arabic-Indic digits in Arabic, Latin elsewhere."""
    if lang == "ar":
        return format_decimal(value, locale=lang, numbering_system="arab",
                              group_separator=False).translate(_ARABIC_INDIC)
    return format_decimal(value, locale=lang, group_separator=False)


def amount(lang: str, quantity: str, unit: str) -> str:
    """A quantity of a unit as ``lang`` says it: the unit's name and grammatical number from
    the catalogs (context ``unit``), the number in ``lang``'s digits. A unit that no catalog
    names keeps the annotations' word; a quantity that is not a whole number, its figures."""
    message = f"{{quantity}} {unit}"
    count = int(quantity) if quantity.isdigit() else None
    shown = number(count, lang) if count is not None else quantity
    text = translations(lang).npgettext("unit", message, message, 1 if count is None else count)
    return text.format(quantity=shown)
