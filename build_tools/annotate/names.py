"""The names detector: every form of a register entry's name, found as a whole word."""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import EditionError
from .model import NAME_ELEMENT, Register, Span

# A letter of a word, including the combining marks (harakat, shadda) that follow letters.
_WORD = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_ARABIC_PROCLITICS = "[وفبلك]{0,2}"     # wa-, fa-, bi-, li-, ka-, and pairs such as fa-li-
_APOSTROPHES = "['’]"


def find_names(text: str, lang: str, register: Register) -> list[Span]:
    """Propose a persName, orgName or placeName span for every name form found in ``text``."""
    pattern, owners = _matcher(register, lang)
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(text):
        entry = register[owners[match.group("name")]]
        spans.append(Span(match.start("name"), match.end("name"), NAME_ELEMENT[entry.kind],
                          (("ref", entry.pointer),)))
    return spans


@lru_cache(maxsize=32)
def _matcher(register: Register, lang: str) -> tuple[re.Pattern | None, dict[str, str]]:
    owners: dict[str, str] = {}
    for entry in register.entries.values():
        if entry.kind not in NAME_ELEMENT:
            continue
        for form in entry.names.get(lang, ()):
            if owners.get(form, entry.id) != entry.id:
                raise EditionError(f"the {lang} name form '{form}' belongs to both "
                                   f"'{owners[form]}' and '{entry.id}'; the register must "
                                   f"say which one it is")
            owners[form] = entry.id
    if not owners:
        return None, owners
    # Longest first, so that "رسول الله" wins over "الرسول" and "Peygamber Efendimiz" over
    # "Efendimiz".
    alternatives = "|".join(re.escape(f) for f in sorted(owners, key=lambda f: (-len(f), f)))
    before = f"(?<!{_WORD})" + (_ARABIC_PROCLITICS if lang == "ar" else "")
    after = f"(?!{_WORD})" if lang == "ar" else f"(?={_APOSTROPHES}{_WORD}|(?!{_WORD}))"
    return re.compile(f"{before}(?P<name>{alternatives}){after}"), owners
