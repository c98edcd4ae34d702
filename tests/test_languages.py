"""Languages as plug-ins (SPEC §8): every shipped plug-in's data is well formed, and any
other code gets the generic plug-in from CLDR."""

from __future__ import annotations

import pytest

from build_tools.languages import FEATURES, language, registered, sentence_end_pattern


def test_ar_tr_and_en_ship():
    assert {"ar", "tr", "en"} <= set(registered())


@pytest.mark.parametrize("code", registered())
def test_every_word_list_of_a_plug_in_holds_texts(code):
    # An unquoted `no` or `on` in YAML is a boolean, not a word: a list must hold texts only.
    plug_in = language(code)
    for data in (plug_in.speech_cues, plug_in.name_candidates):
        for name, words in data.items():
            assert all(isinstance(word, str) for word in words), (code, name, words)


@pytest.mark.parametrize("code", registered())
def test_a_plug_ins_quran_reference_forms_compile_from_known_parts(code):
    # A form names its parts ({name}, {numbers} …); a part no one defines would stop every
    # build of a text in that language.
    from build_tools.annotate.quran_references import _patterns
    forms = language(code).quran_references.get("forms") or []
    assert len(_patterns(code)) == len(_patterns("zz")) + len(forms)


def test_a_language_without_a_plug_in_gets_cldr_marks_and_punctuation():
    persian = language("fa")
    assert ("«", "»") in persian.quotes and "؟" in persian.sentence_ends
    assert persian.generic == FEATURES
    german = language("de-AT")          # a region: the primary language's CLDR data
    assert ("„", "“") in german.quotes


def test_a_region_uses_its_languages_plug_in():
    assert language("en-GB").speech_cues == language("en").speech_cues
    assert not language("en-GB").generic


@pytest.mark.parametrize("code, text, ends", [
    ("en", "He left. Then she came!", 2),
    ("fa", "او رفت؟ سپس آمد.", 2),
    ("ar", "ذهب. ثم عاد؟", 2),
])
def test_sentence_ends_are_the_languages(code, text, ends):
    assert len(sentence_end_pattern(language(code)).findall(text)) == ends
