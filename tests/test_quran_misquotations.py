"""Quran citations beyond the verbatim (issue 21): misquotations tied to their verses or to
none, paraphrases of a verse's translation, their TEI, pages and check findings."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html

from build_tools import pipeline
from build_tools.annotate.citations import MISQUOTATION, PARAPHRASE, detect_citations
from build_tools.annotate.meal_paraphrases import find_paraphrases
from build_tools.annotate.quran_misquotations import find_misquotations
from build_tools.annotate.quran_quotations import find_quotations
from build_tools.check import check_edition
from build_tools.quran import DATA_FILE, load_quran
from build_tools.tei.schemas import tei_all_schema
from build_tools.teixml import NS, XML_ID, parse
from build_tools.validate import relaxng

from .conftest import ROOT, copy_project
from .test_browser import CHROMIUM, Visit, browser  # noqa: F401 (browser: a fixture)
from .test_quran_translations import small_edition

needs_quran = pytest.mark.skipif(not (ROOT / DATA_FILE).is_file(),
                                 reason="node_modules/quran-json is not installed (run `npm ci`)")
SEED_TR = ROOT / "edition" / "sources" / "hijra-tr.txt"
MISQUOTED = "قال الله تعالى: ومن يتق الله يجعل له فرجا ويرزقه من حيث لا يحتسب. ثم سكت.\n"


@pytest.fixture(scope="module")
def quran():
    return load_quran(ROOT, ["tr", "en"])


def misquotations(text, quran):
    return find_misquotations(text, quran, find_quotations(text, quran))


# --- the misquotation detector --------------------------------------------------------------

@needs_quran
@pytest.mark.parametrize("text, words, verses, omitted, added", [
    (MISQUOTED, "ومن يتق الله يجعل له فرجا ويرزقه من حيث لا يحتسب", "65:2-3", "مَخۡرَجٗا",
     "فرجا"),                                                        # a word replaced
    ("وقرأ ﴿قل هو الله الواحد الله الصمد﴾ ثم سكت", "قل هو الله الواحد الله الصمد", "112:1-2",
     "أَحَدٌ", "الواحد"),                                              # in ornate parentheses
    ("يقول الله تعالى: إن الله مع الصادقين. وهذا", "إن الله مع الصادقين", None, None,
     "الصادقين"),                            # the famous slip: which verse, the editor says
    ("قال تعالى: {لا تقربوا الصلاة سكارى حتى تعلموا ما تقولون} ثم", "لا تقربوا الصلاة سكارى "
     "حتى تعلموا ما تقولون", "4:43", "وَأَنتُمۡ", None),                  # a word dropped
])
def test_a_passage_presented_as_quran_is_tied_to_its_closest_verse(quran, text, words, verses,
                                                                   omitted, added):
    [found] = misquotations(text, quran)
    assert text[found.start:found.end] == words
    assert found.verses is not None and (verses is None or str(found.verses) == verses)
    marked = {kind: " ".join(d.words for d in found.comparison if d.kind == kind)
              for kind in ("omitted", "added")}
    assert omitted is None or omitted in marked["omitted"]
    assert added is None or marked["added"] == added


@needs_quran
def test_a_passage_close_to_no_verse_is_tied_to_none(quran):
    text = "قال تعالى: العلم نور والجهل ظلام والصبر مفتاح الفرج. ثم قال"
    [found] = misquotations(text, quran)
    assert found.verses is None and found.comparison == ()
    assert text[found.start:found.end] == "العلم نور والجهل ظلام والصبر مفتاح الفرج"
    assert all(c.kind != MISQUOTATION for c in detect_citations(text, "ar", quran).citations)
    assert [text[m.start:m.end] for m in detect_citations(text, "ar", quran).unplaced] == \
        ["العلم نور والجهل ظلام والصبر مفتاح الفرج"]


@needs_quran
@pytest.mark.parametrize("text", [
    "قال تعالى: ومن يتق الله يجعل له مخرجا. ثم سكت",              # verbatim
    "وقال تعالى فيهم إذ يمكر بك الذين كفروا ليثبتوك أو يقتلوك أو يخرجوك ثم قال لهم",  # فيهم
    "ثم قال تعالى: نحن نقص عليك نبأهم بالحق: أي بصدق الخبر عنهم إنهم فتية",  # commentary after
    "ثم قال تعالى في رمي رسول الله صلى الله عليه وسلم إياهم بالحصباء من يده",  # prose, no colon
    "وقال الرسول: إن الله مع الصادقين",                            # not presented as Quran
])
def test_verbatim_quotations_and_prose_are_no_misquotations(quran, text):
    assert misquotations(text, quran) == []


@needs_quran
def test_a_misquotation_replaces_its_verbatim_pieces(quran):
    scan = detect_citations(MISQUOTED, "ar", quran)
    assert [(c.kind, str(c.verses)) for c in scan.citations] == [(MISQUOTATION, "65:2-3")]


def made_misquotations(quran, count: int, seed: int) -> list[tuple[str, tuple[int, int]]]:
    """Misquotations made from the Quran data: a verse of 6 to 20 words, plain-lettered,
    with a word dropped, two words swapped or a word replaced by another verse's."""
    rng = random.Random(seed)
    verses = [v for s in quran.suras for v in s.verses if 6 <= len(v.text_ar.split()) <= 20]
    made = []
    for verse in rng.sample(verses, count):
        words = plain(verse.text_ar).split()
        at = rng.randrange(1, len(words) - 1)
        change = rng.choice(("drop", "swap", "replace"))
        if change == "drop":
            del words[at]
        elif change == "swap":
            words[at], words[at + 1] = words[at + 1], words[at]
        else:
            words[at] = rng.choice(plain(rng.choice(verses).text_ar).split())
        made.append((" ".join(words), (verse.sura, verse.number)))
    return made


def plain(uthmani: str) -> str:
    """A verse written without vowels and Quranic signs, as plain texts quote it."""
    return re.sub("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]", "",
                  uthmani.replace("ٱ", "ا"))


@needs_quran
def test_misquotations_made_from_the_quran_are_found(quran):
    """Bounded (60 verses, a fixed seed); bench/quran_categories.py measures on more."""
    made = made_misquotations(quran, 60, seed=21)
    tied = 0
    for words, (sura, verse) in made:
        text = f"قال الله تعالى: {words}. ثم سكت"
        scan = detect_citations(text, "ar", quran)
        tied += any((sura, verse) in c.verses for c in scan.citations)
    assert tied / len(made) >= 0.9, tied


# --- the meal paraphrase detector ---------------------------------------------------------

@needs_quran
def test_the_seed_paraphrase_of_9_40_is_found_and_nothing_else(quran):
    text = SEED_TR.read_text(encoding="utf-8")
    found = [(text[p.start:p.end], str(p.verses)) for p in find_paraphrases(text, "tr", quran)]
    assert found == [("Allah bizimle beraberdir", "9:40")]


@needs_quran
def test_a_paraphrase_needs_the_translation_of_its_language(quran):
    arabic_only = load_quran(ROOT)
    text = SEED_TR.read_text(encoding="utf-8")
    assert find_paraphrases(text, "tr", arabic_only) == []
    assert find_paraphrases(text, "de", quran) == []          # no plug-in, no translation


@needs_quran
def test_an_english_paraphrase_is_found_from_the_english_translation(quran):
    text = ("He turned away. Then it was said: the blind man came to him, and he frowned and "
            "turned away.")
    found = [str(p.verses) for p in find_paraphrases(text, "en", quran)]
    assert found == ["80:2"]


# --- TEI, pages and check ------------------------------------------------------------------

@pytest.fixture(scope="module")
def misquoting(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    """The small Arabic and English edition, its Arabic text misquoting 65:2-3."""
    project = small_edition(tmp_path_factory.mktemp("misquoting"), "en")
    (project.root / "edition" / "sources" / "cave-ar.txt").write_text(
        "قال الرسول لصاحبه في الغار: لا تحزن إن الله معنا. وفي كتابه يقول الله تعالى: ومن يتق "
        "الله يجعل له فرجا ويرزقه من حيث لا يحتسب. ثم سكت.\n", encoding="utf-8")
    pipeline.build(project)
    return project


@needs_quran
def test_the_tei_keeps_the_words_and_notes_the_verses_with_the_differences(misquoting):
    tree = parse(misquoting.tei_dir / "cave-ar.xml")
    [quote] = tree.iterfind(".//tei:body//tei:quote[@type='misquotation']", NS)
    assert quote.get("source") == "quran:65:2-3"
    assert "".join(quote.itertext()) == "ومن يتق الله يجعل له فرجا ويرزقه من حيث لا يحتسب"
    [note] = tree.iterfind(".//tei:back//tei:note[@type='misquotation']", NS)
    assert note.get("target") == f"#{quote.get(XML_ID)}"
    marked = {seg.get("type"): seg.text for seg in note.iterfind(".//tei:seg", NS)}
    assert marked == {"omitted": "مَخۡرَجٗا", "added": "فرجا"}
    assert "وَيَرۡزُقۡهُ مِنۡ حَيۡثُ لَا يَحۡتَسِبُ" in "".join(note.itertext())
    register = parse(misquoting.tei_dir / "register.xml")
    assert "quran-65-2-3" in {b.get(XML_ID) for b in register.iterfind(".//tei:bibl", NS)}


@needs_quran
def test_the_misquoting_edition_is_valid(misquoting):
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "--project",
                             str(misquoting.root), "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    tei_all = relaxng(tei_all_schema())
    for name in ("cave-ar.xml", "corpus-resolved.xml"):
        assert tei_all.validate(parse(misquoting.tei_dir / name)), str(tei_all.error_log)[:500]


@needs_quran
def test_the_page_marks_the_misquotation_and_its_note_shows_the_differences(misquoting):
    page = html.parse(str(misquoting.site_dir / "edition/cave/cave-ar.html")).getroot()
    [marked] = page.find_class("misquotation")
    assert "فرجا" in marked.text_content()
    assert marked.find_class("sr-only")                  # said to screen readers too
    note = next(li for li in page.iter("li") if li.get("id", "").startswith("fn:cave-ar-")
                and li.find(".//ins") is not None)
    assert [i.text_content().split(") ")[-1] for i in note.iter("ins")] == ["مَخۡرَجٗا"]
    assert [d.text_content().split(") ")[-1] for d in note.iter("del")] == ["فرجا"]
    assert "سورة الطلاق" in note.text_content()


@needs_quran
def test_check_lists_the_misquotation_until_the_editor_confirms_it(misquoting):
    def kinds():
        return [(f.kind, f.message) for f in check_edition(misquoting.edition_dir).findings
                if f.kind == "misquotation"]
    [(_, message)] = kinds()
    assert "65:2-3" in message and "فرجا" in message
    annotations = misquoting.root / "edition" / "annotations" / "cave" / "cave-ar.yml"
    original = annotations.read_text(encoding="utf-8")
    try:
        annotations.write_text(original + "citations:\n  - source: quran:65:2-3\n"
                               "    type: misquotation\n    anchor: \"يجعل له فرجا\"\n",
                               encoding="utf-8")
        assert kinds() == []
        annotations.write_text(original + "citations:\n  - reject: quran:65:2-3\n"
                               "    anchor: \"يجعل له فرجا\"\n", encoding="utf-8")
        assert kinds() == []
    finally:
        annotations.write_text(original, encoding="utf-8")


def test_without_the_editors_annotation_check_proposes_the_seed_paraphrase(tmp_path):
    project = copy_project(tmp_path)
    annotations = project.root / "edition" / "annotations" / "hijra" / "hijra-tr.yml"
    data = yaml.safe_load(annotations.read_text(encoding="utf-8"))
    text = annotations.read_text(encoding="utf-8")
    assert any(c.get("source") == "quran:9:40" for c in data["citations"])
    annotations.write_text(text.replace('  - source: quran:9:40\n    type: paraphrase\n'
                                        '    anchor: "Allah bizimle beraberdir"\n', ""),
                           encoding="utf-8")
    found = [(f.kind, f.message) for f in check_edition(project.edition_dir).findings
             if f.kind in ("paraphrase", "misquotation")]
    assert found == [("paraphrase", '"Allah bizimle beraberdir" follows the translation of '
                                    '9:40 closely; confirm it (type: paraphrase) or reject it')]
    pipeline.make_tei(project)
    tree = parse(project.tei_dir / "hijra-tr.xml")
    [seg] = tree.iterfind(".//tei:seg[@source='quran:9:40']", NS)
    assert (seg.get("type"), "".join(seg.itertext())) == ("paraphrase", "Allah bizimle beraberdir")


def test_the_default_edition_has_no_misquotation_or_paraphrase_to_confirm():
    findings = check_edition(ROOT / "edition").findings
    assert not [f for f in findings if f.kind in ("misquotation", "paraphrase")]


def test_a_paraphrase_kind_is_a_citation_kind():
    assert PARAPHRASE == "paraphrase" and MISQUOTATION == "misquotation"


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian chromium is not installed")
def test_the_misquotation_tooltip_shows_the_differences(browser, misquoting):
    visit = Visit(browser, misquoting, "edition/cave/cave-ar.html")
    try:
        ref = visit.page.locator(".misquotation + sup a.footnote-ref")
        ref.hover()
        tooltip = visit.page.wait_for_function("""() => [...document.querySelectorAll(
            '.md-tooltip2--active')].find(t => t.querySelector('ins') && t.querySelector('del'))""",
                                               timeout=5000).as_element()
        assert "مَخۡرَجٗا" in tooltip.query_selector("ins").inner_text()
        assert "فرجا" in tooltip.query_selector("del").inner_text()
        assert not visit.errors
    finally:
        visit.close()
