"""Languages as plug-ins: what the pipeline knows of a language, looked up by its BCP 47 code.

A language is a folder beside this file, named by its code: ``language.yml`` (sentence ends,
quotation marks, how speech is read, how names are matched), optionally ``speech_cues.yml``,
``name_candidates.yml``, ``dates.yml`` and ``scenes.yml`` (word lists), ``quran_cues.yml``
(what announces a Quran quotation), ``quran_references.yml`` (how a reference is written) and ``meal_words.yml`` (what a paraphrase of a verse's
translation may leave out), and, where comparing words needs more than case folding, an
``__init__.py`` with ``normalise(word)``. Adding a language means adding a folder.

A code without a folder (``fa``, ``de-AT``) gets the generic plug-in: quotation marks and
sentence punctuation from CLDR (npm ``cldr-misc-full``), no cue words, names matched as whole
words. It never fails; :attr:`Language.generic` says which features are generic, for
``edition check`` and ``edition suggest`` to tell the editor.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml
from babel import Locale, UnknownLocaleError

from ..npm import GENERATOR_ROOT

HERE = Path(__file__).parent
CLDR_PACKAGE = "cldr-misc-full"
# Characters that end a sentence in some script (Unicode's Sentence_Terminal, the common
# ones): a generic language's sentence ends are those among its CLDR punctuation.
_SENTENCE_TERMINALS = ".!?…؟۔।॥。！？።፧᙮᠃᠉"
_GENERIC_SENTENCE_ENDS = ".!?…"
FEATURES = ("sentence ends", "quotation marks", "speech cues", "name matching",
            "name candidates")


@dataclass(frozen=True)
class NameRules:
    """How a register's name forms are found in a text of the language."""

    proclitics: str = ""                    # a regex of what may be joined before a name
    suffix_after_apostrophe: bool = False   # "Ali'yi": a case ending after an apostrophe
    continuations: tuple[str, ...] = ()     # a name followed by these is a longer name
    nisba: str = ""                         # a regex of a word that lengthens a name too


@dataclass(frozen=True)
class Language:
    """One language's plug-in: its data, and the features that are only generic."""

    code: str
    sentence_ends: str
    quotes: tuple[tuple[str, str], ...]
    speech: str                             # "verbs" (قال …:) or "quotes" (marks, verbs after)
    names: NameRules
    abbreviations: tuple[str, ...] = ()
    speech_cues: dict = field(default_factory=dict, compare=False)
    name_candidates: dict = field(default_factory=dict, compare=False)
    dates: dict = field(default_factory=dict, compare=False)
    scenes: dict = field(default_factory=dict, compare=False)
    quran_cues: dict = field(default_factory=dict, compare=False)
    quran_references: dict = field(default_factory=dict, compare=False)
    meal_words: dict = field(default_factory=dict, compare=False)
    normalise: Callable[[str], str] = field(default=str.casefold, compare=False)
    generic: tuple[str, ...] = ()

    @property
    def is_generic(self) -> bool:
        return bool(self.generic)


def registered() -> tuple[str, ...]:
    """The codes that have a plug-in of their own."""
    return tuple(sorted(p.name for p in HERE.iterdir() if (p / "language.yml").is_file()))


def is_known(code: str) -> bool:
    """Whether CLDR knows ``code`` as a language (``ar``, ``tr``, ``fa``, ``de-AT``)."""
    try:
        Locale.parse(str(code), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The plug-in of ``code``: its own folder, that of its primary subtag, or the generic one."""
    for candidate in (code, code.split("-")[0]):
        folder = HERE / candidate
        if (folder / "language.yml").is_file():
            return _plug_in(code, folder)
    return _generic(code)


def _plug_in(code: str, folder: Path) -> Language:
    data = _yaml(folder / "language.yml")
    names = data.get("names") or {}
    module = folder / "__init__.py"
    normalise = importlib.import_module(f"{__name__}.{folder.name}").normalise \
        if module.is_file() else str.casefold
    speech_cues = _yaml(folder / "speech_cues.yml")
    name_candidates = _yaml(folder / "name_candidates.yml")
    generic = tuple(feature for feature, present in (("speech cues", speech_cues),
                                                     ("name candidates", name_candidates))
                    if not present)
    return Language(
        code=code,
        sentence_ends=data.get("sentence_ends") or _GENERIC_SENTENCE_ENDS,
        quotes=tuple((pair[0], pair[1]) for pair in data.get("quotes") or ()),
        speech=data.get("speech") or "quotes",
        names=NameRules(names.get("proclitics") or "",
                        bool(names.get("suffix_after_apostrophe")),
                        tuple(names.get("continuations") or ()), names.get("nisba") or ""),
        abbreviations=tuple(data.get("abbreviations") or ()),
        speech_cues=speech_cues,
        name_candidates=name_candidates,
        dates=_yaml(folder / "dates.yml"),
        scenes=_yaml(folder / "scenes.yml"),
        quran_cues=_yaml(folder / "quran_cues.yml"),
        quran_references=_yaml(folder / "quran_references.yml"),
        meal_words=_yaml(folder / "meal_words.yml"),
        normalise=normalise,
        generic=generic,
    )


def _generic(code: str) -> Language:
    quotes, punctuation = _cldr(code)
    ends = "".join(c for c in _SENTENCE_TERMINALS if c in punctuation) or _GENERIC_SENTENCE_ENDS
    return Language(code=code, sentence_ends=ends,
                    quotes=tuple((q[0], q[1]) for q in dict.fromkeys(('""', *quotes))),
                    speech="quotes",
                    names=NameRules(), generic=FEATURES)


def _cldr(code: str) -> tuple[tuple[str, ...], str]:
    """CLDR's quotation delimiters (main, alternate) and punctuation of ``code``, or of the
    nearest locale CLDR has (``de-AT`` → ``de``); none when it has neither."""
    main = _npm_package() / "main"
    for candidate in (code, code.split("-")[0]):
        folder = main / candidate
        if folder.is_dir():
            delimiters = _json(folder / "delimiters.json")["main"][candidate]["delimiters"]
            characters = _json(folder / "characters.json")["main"][candidate]["characters"]
            quotes = (delimiters["quotationStart"] + delimiters["quotationEnd"],
                      delimiters["alternateQuotationStart"] + delimiters["alternateQuotationEnd"])
            return quotes, characters.get("punctuation", "")
    return (), ""


def _npm_package() -> Path:
    # The generator's own data, installed by `npm ci` beside it (like Babel's CLDR data).
    return GENERATOR_ROOT / "node_modules" / CLDR_PACKAGE


def _yaml(path: Path) -> dict:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream) or {}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def sentence_end_pattern(lang: Language) -> re.Pattern:
    """A run of the language's sentence ends, with the closing quotes or brackets after it."""
    closers = "\"'”’»)]" + "".join(close for _, close in lang.quotes)
    return re.compile(f"[{re.escape(lang.sentence_ends)}]+"
                      f"[{re.escape(''.join(dict.fromkeys(closers)))}]*")
