"""Arabic: cue words and names are compared without diacritics and tatweel."""

import re

_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def normalise(word: str) -> str:
    """``word`` as cue lists and name lists compare it: without harakat, Quranic marks, tatweel."""
    return _MARKS.sub("", word)
