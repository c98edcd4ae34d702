"""The spellings that still key apart: words of a real text that break a quotation in two.

    .venv/bin/python bench/quran_spellings.py [--corpus PATH] [--top N]

Where the detector's runs agree with the Quran on both sides of one text word, and that word
stands where the Quran has one word too, the two are most often one word spelled two ways
(Uthmani شَيۡـٔٗا, plain شيئا) that the spelling key tells apart: one such word breaks a
quotation in two and may leave both parts below the minimum. The bench lists those pairs,
the most frequent first, on the corpus (the whole Sira by default) and on the Quran itself
written in plain letters (its words without vowels and Quranic signs, as plain texts
write them, which must all key as the Uthmani words do).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from build_tools.annotate.quran_quotations import (  # noqa: E402
    INDEX_WORDS, quran_index, tokenize, word_ids)
from build_tools.arabic import MARKS  # noqa: E402
from build_tools.quran import load_quran  # noqa: E402
from quran_detector import DEFAULT_CORPUS, answer_key, plain_text  # noqa: E402

# Plain spelling of an Uthmani verse: its marks gone, the alef wasla an alef, a dagger alef
# an alef, but on a bare waw (الصلوٰة = الصلاة) or an alef maqsura (علىٰ = على).
_UNMARKED = str.maketrans({**{mark: None for mark in MARKS if mark != "\u0670"},
                           "\u0671": "ا", "\u0670": "ا"})
_ON_WAW = re.compile("و\u0670")
_SMALL_YEH = re.compile("(?<=[^ه\\s\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
                        "[\u0610-\u061a\u064b-\u065f\u06d6-\u06ed]*\u06e6")
_SILENT_YA = re.compile("\u064a\u0652")
_ON_MAQSURA = re.compile("(?<=ى)[\u0610-\u061a\u064b-\u065f\u06d6-\u06ed]*\u0670")


def broken_words(text: str, quran) -> Counter:
    """(text word, Quran word) pairs that stand between two runs on one diagonal."""
    index = quran_index(quran)
    words = tokenize(text)
    ids = word_ids(words, index)
    quran_words = index.words
    pairs: Counter = Counter()
    by_id = {word: key for key, word in index.vocabulary.items()}
    for first in range(len(ids) - 2 * INDEX_WORDS - 1):
        gram = tuple(ids[first:first + INDEX_WORDS])
        for place in index.ngrams.get(gram, ()):
            gap, after = first + INDEX_WORDS, place + INDEX_WORDS
            if after + INDEX_WORDS >= len(quran_words) or ids[gap] == quran_words[after]:
                continue
            if ids[gap + 1:gap + 1 + INDEX_WORDS] == list(quran_words[after + 1:after + 1
                                                                      + INDEX_WORDS]):
                written = text[words.starts[gap]:words.ends[gap]]
                pairs[written, by_id.get(quran_words[after], "?")] += 1
    return pairs


def plain_quran(quran) -> str:
    """The whole Quran written as plain texts write it, a verse a line."""
    return "\n".join(re.sub(" +", " ", plain_letters(verse.text_ar))
                     for sura in quran.suras for verse in sura.verses)


def plain_letters(uthmani: str) -> str:
    """One verse in plain letters (a small yeh after a letter is a ya: يُحۡيِۦ = يحيي; a
    silent ya goes: أَفَإِيْن = أفإن)."""
    respelled = _SMALL_YEH.sub("ي", _SILENT_YA.sub("", _ON_WAW.sub("ا", uthmani)))
    return _ON_MAQSURA.sub("", respelled).translate(_UNMARKED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=30)
    options = parser.parse_args()
    quran = load_quran(REPO)
    index = quran_index(quran)
    plain = plain_quran(quran)
    words = tokenize(plain)
    own = word_ids(words, index)
    uthmani = [word for word in index.words if word >= 0]
    apart = Counter((plain[words.starts[at]:words.ends[at]], word)
                    for at, (word, expected) in enumerate(zip(own, uthmani)) if word != expected)
    by_id = {word: key for key, word in index.vocabulary.items()}
    print(f"the Quran in plain letters: {len(own):,} words ({len(uthmani):,} Uthmani), "
          f"{sum(apart.values())} keyed apart from their Uthmani spelling")
    for (written, word), count in apart.most_common(options.top):
        print(f"  {count:4d}  {written}  (keys as {by_id.get(word, 'no Quran word')})")
    text, _ = answer_key(plain_text(options.corpus.read_text(encoding="utf-8")))
    pairs = broken_words(text, quran)
    print(f"{options.corpus.name}: {sum(pairs.values())} places where one word breaks a run, "
          f"{len(pairs)} spellings")
    for (written, key), count in pairs.most_common(options.top):
        print(f"  {count:4d}  {written}  (the Quran's word keys as {key})")


if __name__ == "__main__":
    main()
