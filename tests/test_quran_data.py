"""The Quran data helper: the pinned package read whole, verses checked, errors that help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.errors import EditionError
from build_tools.quran import PROVENANCE, DATA_FILE, VerseRange, load_quran

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (ROOT / DATA_FILE).is_file(),
                                reason="node_modules/quran-json is not installed (run `npm ci`)")


@pytest.fixture(scope="module")
def quran():
    return load_quran(ROOT)


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
    assert verse.text_tr.startswith("İnkar edenler")


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
    assert load_quran(ROOT) is quran
    assert load_quran(ROOT / "tests" / "..") is quran


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
    assert "tr.diyanet" in PROVENANCE.translation_source
    assert "non-commercial" in PROVENANCE.translation_terms
