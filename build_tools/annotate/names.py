"""The names detector: every form of a register entry's name, found as a whole word.

How a name stands in a text is the language plug-in's (build_tools/languages): the
proclitics that may be joined before it, a case ending after an apostrophe, and the words
after it that make it part of a longer name, which the register may not know («محمد» in
«محمد بن كعب القرظي» is not the Prophet).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import EditionError
from ..languages import language
from .model import NAME_ELEMENT, Register, Span

# A letter of a word, including the combining marks (harakat, shadda) that follow letters.
_WORD = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
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
    rules = language(lang).names
    before = f"(?<!{_WORD})" + rules.proclitics
    after = f"(?={_APOSTROPHES}{_WORD}|(?!{_WORD}))" if rules.suffix_after_apostrophe \
        else f"(?!{_WORD})"
    longer = [re.escape(word) for word in rules.continuations]
    if rules.nisba:
        longer.append(rules.nisba)
    if longer:
        # A registered name that goes on with a nasab or nisba is another person's name.
        after += rf"(?!\s+(?:{'|'.join(longer)})(?!{_WORD}))"
    return re.compile(f"{before}(?P<name>{alternatives}){after}"), owners
