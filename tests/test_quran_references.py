"""The reference reader: every common form in Arabic and Turkish, and impossible verses."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from build_tools.annotate.citations import detect_citations
from build_tools.annotate.quran_references import (
    ALIASES_FILE, find_references, name_key, sura_names)
from build_tools.quran import DATA_FILE, load_quran

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (ROOT / DATA_FILE).is_file(),
                                reason="node_modules/quran-json is not installed (run `npm ci`)")


@pytest.fixture(scope="module")
def quran():
    return load_quran(ROOT)


@pytest.mark.parametrize("lang, text, reference, verses", [
    ("ar", "فهم لا يبصرون (يس 9)، فأعمى", "(يس 9)", "36:9"),
    ("ar", "ولهم عذاب عظيم (البقرة 7).", "(البقرة 7)", "2:7"),
    ("ar", "خير الماكرين [الأنفال: 30]", "[الأنفال: 30]", "8:30"),
    ("ar", "كما في سورة التوبة، الآية 40 من", "سورة التوبة، الآية 40", "9:40"),
    ("ar", "سورة التوبة الآية ٤٠", "سورة التوبة الآية ٤٠", "9:40"),
    ("ar", "إن الله معنا (التوبة: ٤٠)", "(التوبة: ٤٠)", "9:40"),
    ("ar", "(سورة آل عمران: 5)", "(سورة آل عمران: 5)", "3:5"),
    ("ar", "(الاسراء 1)", "(الاسراء 1)", "17:1"),
    ("ar", "(الإسراء ١)", "(الإسراء ١)", "17:1"),
    ("ar", "(براءة 40)", "(براءة 40)", "9:40"),
    ("ar", "(ياسين 9)", "(ياسين 9)", "36:9"),
    ("ar", "والله خير الماكرين 8: 30 وأرسل", "8: 30", "8:30"),
    ("ar", "كعصف مأكول 105: 1- 5. وقال", "105: 1- 5", "105:1-5"),
    ("ar", "خير الماكرين 36: 1-\n5.", "36: 1-\n5", "36:1-5"),
    ("ar", "لا يبصرون (٣٦: ٩)", "(٣٦: ٩)", "36:9"),
    ("ar", "(8:30)", "(8:30)", "8:30"),
    ("tr", "Allah bizimle beraberdir (Tevbe, 9/40).", "(Tevbe, 9/40)", "9:40"),
    ("tr", "beraberdir (et-Tevbe 9/40)", "(et-Tevbe 9/40)", "9:40"),
    ("tr", "bkz. Bakara 2/7 ve", "Bakara 2/7", "2:7"),
    ("tr", "Kur'an'da Bakara 2/7 der", "Bakara 2/7", "2:7"),
    ("tr", "Enfâl suresi 30. ayet", "Enfâl suresi 30. ayet", "8:30"),
    ("tr", "Enfal sûresi, 30. âyetinde", "Enfal sûresi, 30. âyetinde", "8:30"),
    ("tr", "Âl-i İmrân suresi 5. âyet", "Âl-i İmrân suresi 5. âyet", "3:5"),
    ("tr", "(Ali İmran, 3/5)", "(Ali İmran, 3/5)", "3:5"),
    ("tr", "(eş-Şuarâ 26/1-3)", "(eş-Şuarâ 26/1-3)", "26:1-3"),
    ("tr", "(YASİN 36/9)", "(YASİN 36/9)", "36:9"),
    ("tr", "(Yasin 36/9)", "(Yasin 36/9)", "36:9"),
    ("tr", "(ISRA 17/1)", "(ISRA 17/1)", "17:1"),
    ("tr", "(Berâe 9/40)", "(Berâe 9/40)", "9:40"),
    ("tr", "(8:30)", "(8:30)", "8:30"),
])
def test_a_reference_is_read_in_every_common_form(quran, lang, text, reference, verses):
    references, problems = find_references(text, lang, quran)
    assert problems == []
    assert [(text[r.start:r.end], str(r.verses)) for r in references] == [(reference, verses)]


@pytest.mark.parametrize("lang, text, message", [
    ("ar", "(الأعراف 300)", "impossible verse 7:300"),
    ("ar", "قال 115: 1 ثم", "impossible verse 115:1"),
    ("ar", "(البقرة ٣٠٠)", "impossible verse 2:300"),
    ("ar", "(115:1)", "impossible verse 115:1"),
    ("tr", "(Bakara, 2/300)", "impossible verse 2:300"),
    ("tr", "Bakara 3/7", "'Bakara' is sura 2, not sura 3"),
    ("ar", "(الفاتحة 5-3)", "impossible verse 1:5-3"),
])
def test_an_impossible_reference_is_a_problem_with_its_place(quran, lang, text, message):
    references, problems = find_references(text, lang, quran)
    assert references == []
    assert [p.message for p in problems] == [message]
    assert text[problems[0].start:problems[0].end].strip()


def test_an_impossible_reference_is_never_a_citation(quran):
    scan = detect_citations("انظر (البقرة 300) و 115: 1", "ar", quran)
    assert scan.citations == []
    assert [p.message for p in scan.problems] == ["impossible verse 2:300",
                                                 "impossible verse 115:1"]


@pytest.mark.parametrize("lang, text", [
    ("ar", "(سنة 9)"), ("ar", "(رواه البخاري 3905)"), ("tr", "saat 10/30"),
    ("tr", "(Buhârî, 3/45)"), ("tr", "1/2 oranında"), ("tr", "saat 10:30 idi"),
])
def test_what_names_no_sura_is_no_reference(quran, lang, text):
    assert find_references(text, lang, quran) == ([], [])


def test_references_are_given_in_text_order(quran):
    text = "(8:30) ثم (يس 9) ثم 2: 7"
    references, _ = find_references(text, "ar", quran)
    assert [str(r.verses) for r in references] == ["8:30", "36:9", "2:7"]


@pytest.mark.parametrize("spellings, number", [
    (["التوبة", "توبة", "التوبه", "سورة التوبة", "Tevbe", "et-Tevbe", "TEVBE", "At-Tawbah"], 9),
    (["الأنفال", "الانفال", "أنفال", "Enfâl", "Enfal", "el-Enfâl", "Al-Anfal"], 8),
    (["آل عمران", "ال عمران", "Âl-i İmrân", "Al-i Imran", "Ali İmran"], 3),
    (["يس", "Yâsîn", "Yasin", "YÂSÎN"], 36),
    (["الإسراء", "الاسراء", "İsrâ", "isra", "ISRA", "el-İsrâ"], 17),
    (["الشعراء", "Şuarâ", "eş-Şuarâ", "Suara"], 26),
])
def test_every_spelling_of_a_sura_name_has_one_key(quran, spellings, number):
    names = sura_names(quran)
    assert {names.get(name_key(s)) for s in spellings} == {number}


def test_no_two_suras_share_a_name(quran):
    owners = defaultdict(set)
    for sura in quran.suras:
        owners[name_key(sura.name_ar)].add(sura.number)
        owners[name_key(sura.name_tr)].add(sura.number)
    aliases = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))
    for language in ("arabic", "turkish"):
        for number, forms in aliases[language].items():
            for form in forms:
                owners[name_key(form)].add(number)
    assert {key: suras for key, suras in owners.items() if len(suras) > 1} == {}


def test_the_alias_table_only_adds_names_the_data_lacks(quran):
    data_keys = {name_key(s.name_ar) for s in quran.suras} | \
        {name_key(s.name_tr) for s in quran.suras}
    aliases = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))
    redundant = [form for language in ("arabic", "turkish")
                 for forms in aliases[language].values() for form in forms
                 if name_key(form) in data_keys]
    assert redundant == []
