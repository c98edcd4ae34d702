"""The Quran data helper: the pinned package read whole, verses checked, errors that help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.errors import EditionError
from build_tools.quran import (PROVENANCE, DATA_FILE, TRANSLATIONS, VerseRange,
                               chosen_translations, load_quran)

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (ROOT / DATA_FILE).is_file(),
                                reason="node_modules/quran-json is not installed (run `npm ci`)")


@pytest.fixture(scope="module")
def quran():
    return load_quran(ROOT, ("ar", "tr"))


def test_the_whole_quran_is_read(quran):
    assert len(quran.suras) == 114
    assert quran.verse_count == 6236
    assert [s.number for s in quran.suras] == list(range(1, 115))


def test_a_sura_has_its_names_in_both_languages(quran):
    anfal = quran.sura(8)
    assert (anfal.name_ar, anfal.name_tr, anfal.verse_count) == ("الأنفال", "Enfâl", 75)
    assert quran.sura(36).name_tr == "Yâsîn"


def test_a_verse_has_its_arabic_text_and_turkish_translation(quran):
    verse = quran.verse(8, 30)
    assert (verse.sura, verse.number) == (8, 30)
    assert verse.text_ar.startswith("وَإِذۡ يَمۡكُرُ بِكَ")
    assert verse.translation("tr").startswith("İnkar edenler")
    assert [t.lang for t in quran.translations] == ["tr"]


def test_only_the_translations_of_the_editions_languages_are_loaded():
    english = load_quran(ROOT, ("ar", "en"))
    verse = english.verse(9, 40)
    assert verse.translation("en").startswith("If you do not aid the Prophet")
    assert "Do not grieve; indeed Allah is with us." in verse.translation("en")
    assert verse.translation("tr") is None and verse.translation("ar") is None
    assert [t.lang for t in english.translations] == ["en"]
    # The Turkish sura names the reference detector knows are there without the Turkish file.
    assert english.sura(8).name_tr == "Enfâl"


def test_a_language_the_data_has_no_translation_for_loads_the_arabic_alone(quran):
    german = load_quran(ROOT, ("ar", "de"))
    assert german.translations == ()
    assert german.verse(9, 40).translation("de") is None
    assert german.verse(9, 40).text_ar == quran.verse(9, 40).text_ar


def test_an_edition_may_name_a_translation_or_none():
    assert chosen_translations(["ar", "tr", "en"]) == ("tr.diyanet", "en.sahih")
    assert chosen_translations({"ar": {}, "en": {"quran_translation": "en.sahih"}}) \
        == ("en.sahih",)
    assert chosen_translations({"ar": {}, "en": {"quran_translation": "none"}}) == ()
    with pytest.raises(EditionError, match="no translation 'tr.diyanet' into 'en'.*en.sahih"):
        chosen_translations({"en": {"quran_translation": "tr.diyanet"}})
    with pytest.raises(EditionError, match="into 'de'; it has none"):
        chosen_translations({"de": {"quran_translation": "de.bubenheim"}})


def test_the_arabic_text_is_the_same_whichever_file_gives_it(quran):
    alone, english = load_quran(ROOT), load_quran(ROOT, ("en",))
    assert [v.text_ar for s in alone.suras for v in s.verses] \
        == [v.text_ar for s in english.suras for v in s.verses] \
        == [v.text_ar for s in quran.suras for v in s.verses]
    assert [s.name_tr for s in alone.suras] == [s.name_tr for s in quran.suras]


def test_each_translation_of_the_package_is_described_in_the_data_file():
    shipped = sorted(p.name for p in (ROOT / DATA_FILE).parent.glob("quran_*.json")
                     if p.name != "quran_transliteration.json")
    assert sorted(t.file for t in TRANSLATIONS.values()) == shipped
    readme = (ROOT / DATA_FILE).parent.parent.joinpath("README.md").read_text(encoding="utf-8")
    for ident, translation in TRANSLATIONS.items():
        assert translation.file == f"quran_{translation.lang}.json"
        assert translation.url.endswith(ident.removeprefix(f"{translation.lang}."))
        # The README names each source by its address (the Diyanet in English).
        assert f"({translation.url})" in readme or f"({translation.url}/)" in readme
        assert translation.terms and translation.terms_url.startswith("https://")


@pytest.mark.parametrize("sura, verse, valid", [
    (1, 1, True), (2, 286, True), (114, 6, True),
    (115, 1, False), (2, 300, False), (2, 287, False), (0, 1, False), (1, 0, False)])
def test_impossible_verses_are_recognised(quran, sura, verse, valid):
    assert quran.is_valid(sura, verse) is valid


def test_an_impossible_verse_is_a_key_error_naming_it(quran):
    with pytest.raises(KeyError, match="115:1"):
        quran.verse(115, 1)


def test_the_verses_of_a_range_are_given_in_order(quran):
    verses = quran.verses(VerseRange(36, 1, 5))
    assert [v.number for v in verses] == [1, 2, 3, 4, 5]
    assert quran.is_valid_range(VerseRange(36, 1, 5))
    assert not quran.is_valid_range(VerseRange(36, 5, 1))
    assert not quran.is_valid_range(VerseRange(2, 280, 300))


def test_a_verse_range_writes_itself_as_a_tei_pointer():
    assert VerseRange(8, 30, 30).pointer == "quran:8:30"
    assert VerseRange(36, 1, 5).pointer == "quran:36:1-5"
    assert (36, 3) in VerseRange(36, 1, 5) and (36, 6) not in VerseRange(36, 1, 5)


def test_the_data_is_read_once_per_project(quran):
    assert load_quran(ROOT, ("ar", "tr")) is quran
    assert load_quran(ROOT / "tests" / "..", ["ar", "tr"]) is quran


def test_a_missing_package_tells_the_editor_to_run_npm_ci(tmp_path, monkeypatch):
    # Neither the project nor the generator has it (a project of its own may lack it).
    monkeypatch.setattr("build_tools.npm.GENERATOR_ROOT", tmp_path / "generator")
    with pytest.raises(EditionError, match="npm ci"):
        load_quran(tmp_path)


def test_a_project_without_node_modules_uses_the_generators(tmp_path):
    assert load_quran(tmp_path).verse(9, 40).text_ar == load_quran(ROOT).verse(9, 40).text_ar


def test_another_version_of_the_package_is_refused(tmp_path):
    package = tmp_path / "node_modules" / "quran-json"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": "3.0.0"}), encoding="utf-8")
    with pytest.raises(EditionError, match="3.1.2.*npm ci"):
        load_quran(tmp_path)


def test_the_provenance_names_the_licence_shipped_with_the_package():
    licence = (ROOT / "node_modules" / "quran-json" / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0" in licence
    assert PROVENANCE.licence == "CC BY-SA 4.0"
    assert PROVENANCE.version == "3.1.2"
    assert TRANSLATIONS["tr.diyanet"].lang == "tr"
    assert "non-commercial" in TRANSLATIONS["tr.diyanet"].terms
