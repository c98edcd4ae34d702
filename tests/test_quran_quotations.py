"""The quotation detector and the Arabic folding it relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.annotate.citations import detect_citations
from build_tools.annotate.quran_quotations import find_quotations, quran_index, tokenize, word_ids
from build_tools.arabic import fold, fold_with_offsets, latin_digits, skeleton
from build_tools.quran import DATA_FILE, load_quran

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "edition" / "sources" / "hijra-ar.txt"

needs_quran = pytest.mark.skipif(not (ROOT / DATA_FILE).is_file(),
                                 reason="node_modules/quran-json is not installed (run `npm ci`)")


@pytest.fixture(scope="module")
def quran():
    return load_quran(ROOT)


# --- folding -------------------------------------------------------------------------------

@pytest.mark.parametrize("uthmani, plain", [
    ("عَلَىٰٓ", "على"),                              # dagger alef on alef maqsura, maddah
    ("ٱلَّذِينَ", "الذين"),                           # alef wasla, shadda
    ("كَفَرُواْ", "كفروا"),                            # small high round zero
    ("يَمۡكُرُ", "يمكر"),                             # the Uthmani sukun U+06E1
    ("ٱلصَّلَوٰةَ", "الصلاة"),                          # waw carrying a dagger alef
    ("ءَاتَىٰهُمُ", "آتاهم"),                           # alef maqsura inside a word
    ("إِبۡرَٰهِـۧمَ", "إبراهيم"),                         # tatweel and small high yeh
    ("يُحۡيِۦ", "يحيي"),                              # small yeh after a letter
    ("بِهِۦٓ", "به"),                                # small yeh lengthening the pronoun
    ("غِشَٰوَةٞ", "غشاوة"),                            # open tanwin; ta marbuta = ha
    ("جَآءَ", "جاء"),
    ("ذَٰلِكَ ٱلۡكِتَٰبُ لَا رَيۡبَۛ فِيهِۛ", "ذلك الكتب لا ريب فيه"),
])
def test_uthmani_and_plain_spellings_fold_alike(uthmani, plain):
    assert skeleton(fold(uthmani)) == skeleton(fold(plain))


@pytest.mark.parametrize("text, folded", [
    ("أحمد إبراهيم آمن ٱلله", "احمد ابراهيم امن الله"),
    ("مصطفى مدرسة", "مصطفي مدرسه"),
    ("مـــحمد", "محمد"),
    ("مُؤْمِنٌ سُئِلَ شَيْءٌ", "مومن سيل شي"),
    ("Tevbe 9/40", "Tevbe 9/40"),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_the_dagger_alef_alone_is_dropped_and_small_high_signs_vanish():
    assert fold("هَٰذَا") == "هذا"
    assert fold("".join(chr(c) for c in range(0x06D6, 0x06EE) if c != 0x06E7)) == ""


def test_arabic_indic_digits_become_latin_in_place():
    assert latin_digits("(التوبة: ٤٠) ۱۲") == "(التوبة: 40) 12"


def test_a_folded_span_maps_back_to_the_original_words():
    folded = fold_with_offsets("قال: عَلَىٰٓ قُلُوبِهِمۡ.")
    start = folded.text.index("علي قلوبهم")
    first, last = folded.original_span(start, start + len("علي قلوبهم"))
    assert folded.original[first:last] == "عَلَىٰٓ قُلُوبِهِمۡ"


@given(st.text(alphabet="اأإآٱبتةىيوؤئءَُِّْٰۡـٓ ۖ٤a", max_size=40))
def test_folding_with_offsets_agrees_with_folding(text):
    folded = fold_with_offsets(text)
    assert folded.text == fold(text)
    assert list(folded.origins) == sorted(folded.origins)
    assert all(0 <= origin < len(text) for origin in folded.origins)


# --- the quotation detector ----------------------------------------------------------------

@needs_quran
@pytest.mark.parametrize("words, verses", [
    ("إذ يمكر بك الذين كفروا ليثبتوك أو يقتلوك أو يخرجوك ويمكرون ويمكر الله "
     "والله خير الماكرين", "8:30"),
    ("وجعلنا من بين أيديهم سدا ومن خلفهم سدا فأغشيناهم فهم لا يبصرون", "36:9"),
    ("ختم الله على قلوبهم وعلى سمعهم وعلى أبصارهم غِشاوة ولهم عذاب عظيم", "2:7"),
])
def test_the_seed_quotations_are_found_to_the_word(quran, words, verses):
    text = SEED.read_text(encoding="utf-8")
    found = {str(q.verses): text[q.start:q.end] for q in find_quotations(text, quran)}
    assert found[verses] == words


@needs_quran
def test_a_phrase_of_another_verse_inside_a_quotation_is_not_reported(quran):
    text = SEED.read_text(encoding="utf-8")
    quotations = find_quotations(text, quran)
    inside = [q for q in quotations if q.start >= text.index("إذ يمكر")
              and q.end <= text.index("وأرسل الله")]
    assert [str(q.verses) for q in inside] == ["8:30"]         # not also 3:54
    assert not any(q.verses.sura == 3 for q in quotations)


@needs_quran
def test_a_quotation_over_several_verses_is_one_range(quran):
    text = "وقرأ: قل هو الله أحد، الله الصمد، لم يلد ولم يولد، ولم يكن له كفوا أحد. ثم سكت"
    [quotation] = find_quotations(text, quran)
    assert str(quotation.verses) == "112:1-4"
    assert text[quotation.start:quotation.end] == \
        "قل هو الله أحد، الله الصمد، لم يلد ولم يولد، ولم يكن له كفوا أحد"


@needs_quran
def test_a_fully_vowelled_uthmani_quotation_is_found(quran):
    verse = quran.verse(2, 255).text_ar
    text = f"وكان يقرأ {verse} كل ليلة"
    [quotation] = find_quotations(text, quran)
    assert str(quotation.verses) == "2:255"
    assert text[quotation.start:quotation.end] == verse


@needs_quran
def test_the_vocative_written_apart_is_found(quran):
    text = "فنزلت يا أيها الذين آمنوا أطيعوا الله وأطيعوا الرسول وأولي الأمر منكم ثم"
    [quotation] = find_quotations(text, quran)
    assert str(quotation.verses) == "4:59"
    assert text[quotation.start:quotation.end].startswith("يا أيها")


@needs_quran
@pytest.mark.parametrize("text", [
    "قال الله تعالى في كتابه",
    "فقال أبو بكر رضي الله عنه لا إله إلا الله",
    "بسم الله الرحمن الرحيم من محمد رسول الله",
    "وكان في الليل إذا قام",
])
def test_everyday_formulas_are_not_quotations(quran, text):
    assert find_quotations(text, quran) == []


@needs_quran
def test_after_a_cue_two_words_are_enough(quran):
    text = "والنادي، وفي كتاب الله تعالى: وأحسن نديا. وجمعه أندية"
    [quotation] = find_quotations(text, quran)
    assert (str(quotation.verses), text[quotation.start:quotation.end]) == \
        ("19:73", "وأحسن نديا")


@needs_quran
def test_the_index_covers_every_verse_and_keeps_suras_apart(quran):
    index = quran_index(quran)
    verses = {place for place in index.verse_at if place[1]}
    assert len(verses) == 6236
    # the last words of sura 1 and the first of sura 2 are never one run
    text = "صراط الذين أنعمت عليهم غير المغضوب عليهم ولا الضالين الم ذلك الكتاب لا ريب فيه"
    assert [str(q.verses) for q in find_quotations(text, quran)] == ["1:7", "2:1-2"]


# --- quotations and references together -----------------------------------------------------

@needs_quran
def test_a_reference_after_a_quotation_belongs_to_it(quran):
    text = SEED.read_text(encoding="utf-8")
    scan = detect_citations(text, "ar", quran)
    assert scan.problems == []
    assert [(c.kind, str(c.verses), c.reference and text[slice(*c.reference)])
            for c in scan.citations] == [("quote", "8:30", None),
                                         ("quote", "36:9", "(يس 9)"),
                                         ("quote", "2:7", "(البقرة 7)")]


@needs_quran
def test_a_bare_reference_is_a_citation_of_its_own(quran):
    text = "Allah bizimle beraberdir, buyurdu (Tevbe, 9/40)."
    [citation] = detect_citations(text, "tr", quran).citations
    assert (citation.kind, str(citation.verses)) == ("reference", "9:40")
    assert text[citation.start:citation.end] == "(Tevbe, 9/40)"
    assert citation.reference == (citation.start, citation.end)


@needs_quran
def test_a_reference_chooses_among_repeated_verses(quran):
    text = "قال تعالى: فبأي آلاء ربكما تكذبان (الرحمن 16)"
    [citation] = detect_citations(text, "ar", quran).citations
    assert str(citation.verses) == "55:16"


@needs_quran
def test_a_reference_that_contradicts_its_quotation_is_a_problem(quran):
    text = "وجعلنا من بين أيديهم سدا ومن خلفهم سدا فأغشيناهم فهم لا يبصرون (يس 10)"
    scan = detect_citations(text, "ar", quran)
    assert [str(c.verses) for c in scan.citations] == ["36:9"]
    assert ["36:10" in p.message and "36:9" in p.message for p in scan.problems] == [True]


# --- spellings that key alike (issue 21; bench/quran_spellings.py finds them) ---------------

@needs_quran
@pytest.mark.parametrize("uthmani, plain", [
    ("وَٰحِدٗا", "واحدا"),          # a dagger alef after wa-: the waw is no proclitic
    ("وَٰحِدَةٗ", "واحدة"),
    ("وَٰسِعٌ", "واسع"),
    ("فَٰسِقُونَ", "فاسقون"),        # ... nor the fa of fasiq, fakiha, fa'il
    ("فَٰكِهَةٞ", "فاكهة"),
    ("فَٰعِلِينَ", "فاعلين"),
    ("شَيۡـٔٗا", "شيئا"),            # a hamza on a tatweel, on its seat in plain spelling
    ("سَيِّـَٔاتِكُمۡ", "سيئاتكم"),
    ("ٱلرُّءۡيَا", "الرؤيا"),          # a hamza alone, on a waw seat in plain spelling
    ("رَءُوفٞ", "رؤوف"),
    ("يَسۡـَٔلُونَكَ", "يسئلونك"),      # the Sira's spelling of يسألونك
    ("أَفَإِيْن", "أفإن"),            # a ya written but not read
    ("وَمَلَإِيْهِۦ", "وملإه"),
    ("بِأَيۡيْدٖ", "بأيد"),
])
def test_uthmani_and_plain_spellings_key_alike(quran, uthmani, plain):
    index = quran_index(quran)
    [expected] = word_ids(tokenize(uthmani), index)
    assert expected >= 0
    assert word_ids(tokenize(plain), index) == [expected]


@needs_quran
def test_a_verse_with_the_spellings_is_found_whole(quran):
    text = "فأنزل الله تعالى: أجعل الآلهة إلها واحدا، إن هذا لشيء عجاب. ثم قاموا"
    [quotation] = find_quotations(text, quran)
    assert str(quotation.verses) == "38:5"
    assert text[quotation.start:quotation.end] == "أجعل الآلهة إلها واحدا، إن هذا لشيء عجاب"


# --- quotation marks and cues ----------------------------------------------------------------

@needs_quran
@pytest.mark.parametrize("text", [
    'التعبير "المسلم" في القرآن الكريم',        # a closing straight mark opens nothing
    "التعبير «المسلم» في القرآن الكريم",
    "التعبير “المسلم” في القرآن الكريم",
])
def test_a_closing_mark_does_not_open_a_quotation(quran, text):
    assert find_quotations(text, quran) == []


@needs_quran
@pytest.mark.parametrize("text, words, verses", [
    ('وقرأ "في القرآن" ثم سكت', "في القرآن", None),       # in several verses
    ("وقرأ {يغفر الله} ثم سكت", "يغفر الله", "9:80"),
    ("وقرأ ﴿وأحسن نديا﴾ ثم سكت", "وأحسن نديا", "19:73"),
    ("قال تعالى: إلا ما شاء الله. وقال", "إلا ما شاء الله", "6:128"),
    ("وقوله تعالى ربي الله ثم قال", "ربي الله", "40:28"),
])
def test_two_words_announced_by_a_cue_are_a_quotation_without_the_cue(quran, text, words,
                                                                      verses):
    found = [(text[q.start:q.end], q.verses, q.alternatives) for q in find_quotations(text, quran)]
    assert [quoted for quoted, _, _ in found] == [words]
    assert verses is None or verses in {str(r) for r in (found[0][1], *found[0][2])}


@needs_quran
@pytest.mark.parametrize("text", ["ثم قال: الله", "وقرأ «الله» ثم سكت", "الذين آمنوا معه"])
def test_one_word_or_a_cueless_pair_is_never_a_quotation(quran, text):
    assert find_quotations(text, quran) == []
