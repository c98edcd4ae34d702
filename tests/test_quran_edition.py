"""Quran citations in the default edition: detected and editorial citations in the TEI, the
cited verses in the register, footnotes per column and the Quran index on the site."""

from __future__ import annotations


import pytest
from lxml import html

from build_tools import pipeline
from build_tools.errors import EditionError
from build_tools.teixml import NS, XML_ID, XML_LANG, parse

from .conftest import copy_project

QUOTATION_8_30 = "إذ يمكر بك الذين كفروا ليثبتوك أو يقتلوك أو يخرجوك ويمكرون ويمكر الله والله خير الماكرين"


@pytest.fixture(scope="module")
def arabic(built):
    return parse(built.tei_dir / "hijra-ar.xml")


@pytest.fixture(scope="module")
def turkish(built):
    return parse(built.tei_dir / "hijra-tr.xml")


@pytest.fixture(scope="module")
def register(built):
    return parse(built.tei_dir / "register.xml")


def quotes(tree) -> dict[str, str]:
    return {q.get("source"): "".join(q.itertext()) for q in tree.iterfind(".//tei:quote", NS)}


def test_an_unreferenced_quotation_is_found_exact_to_the_word(arabic):
    found = quotes(arabic)
    assert found["quran:8:30"] == QUOTATION_8_30
    # "والله خير الماكرين" is also 3:54; inside 8:30 it is not a second citation.
    assert "quran:3:54" not in found


@pytest.mark.parametrize("verse, reference", [("36:9", "(يس 9)"), ("2:7", "(البقرة 7)")])
def test_a_quotation_keeps_its_printed_reference_in_a_cit(arabic, verse, reference):
    cit = next(c for c in arabic.iterfind(".//tei:cit", NS)
               if c.find("tei:quote", NS).get("source") == f"quran:{verse}")
    ref = cit.find("tei:ref", NS)
    assert (ref.get("target"), ref.text) == (f"quran:{verse}", reference)


def test_the_editor_adds_the_paraphrase_and_the_hadith(turkish):
    segs = {s.get("source"): ("".join(s.itertext()), s.get("type"))
            for s in turkish.iterfind(".//tei:seg", NS)}
    assert segs["quran:9:40"] == ("Allah bizimle beraberdir", "paraphrase")
    hadith = next(key for key in segs if "bibl:bukhari" in key.split())
    assert "bibl:muslim" in hadith.split()
    assert segs[hadith][0].startswith("Üçüncüsü Allah olan iki dost")


@pytest.mark.parametrize("verse", ["quran-8-30", "quran-36-9", "quran-2-7", "quran-9-40"])
def test_every_cited_verse_is_in_the_register_in_both_languages(register, verse):
    bibl = next(b for b in register.iterfind(".//tei:bibl", NS) if b.get(XML_ID) == verse)
    notes = {n.get(XML_LANG): "".join(n.itertext()).strip()
             for n in bibl.iterfind("tei:note", NS)}
    assert notes["ar"] and notes["tr"]


def test_the_register_names_the_data_and_its_terms(register):
    data_set = next(b for b in register.iterfind(".//tei:bibl", NS) if b.get("type") == "dataset")
    text = " ".join(data_set.itertext())
    assert "quran-json 3.1.2" in text and "CC BY-SA 4.0" in text
    translations = [b for b in register.iterfind(".//tei:bibl", NS)
                    if b.get("type") == "translation"]
    assert [b.get(XML_ID) for b in translations] == ["quran-json-tr"]   # Arabic needs none
    text = " ".join(translations[0].itertext())
    assert "Diyanet" in text and "tr.diyanet" in text and "non-commercial" in text


def page(built, name):
    return html.parse(str(built.site_dir / name)).getroot()


def test_arabic_quotations_are_marked_and_footnoted_per_column(built):
    synopsis = page(built, "edition/hijra/synopsis.html")
    quotations = [q.text_content() for q in synopsis.find_class("quran")]
    assert f"﴿{QUOTATION_8_30}﴾" in quotations
    for text in ("hijra-ar", "hijra-tr"):     # each column counts its notes from one
        assert synopsis.get_element_by_id(f"fn:{text}-1") is not None
    arabic_note = synopsis.get_element_by_id("fn:hijra-ar-1").text_content()
    assert "سورة الأنفال، الآية ٣٠" in arabic_note
    turkish = [li.text_content() for li in synopsis.iter("li")
               if li.get("id", "").startswith("fn:hijra-tr-")]
    assert any("Tevbe 9/40" in note and "Allah bizimledir" in note and "ثَانِيَ" in note
               for note in turkish), turkish


@pytest.mark.parametrize("name", ["edition/hijra/synopsis.html", "edition/hijra/hijra-ar.html",
                                  "edition/hijra/hijra-tr.html"])
def test_each_columns_notes_count_from_one_in_page_order(built, name):
    """A scene is rendered once for the synopsis and its reading page; on each page its
    markers are numbered in the order they are read, and each leads to its own note."""
    document = page(built, name)
    markers = [a.get("href").removeprefix("#fn:") for a in document.find_class("footnote-ref")]
    assert markers
    for text in ("hijra-ar", "hijra-tr"):
        own = [m for m in markers if m.startswith(f"{text}-")]
        assert own == [f"{text}-{n}" for n in range(1, len(own) + 1)] or not own
        for marker in own:
            note = document.get_element_by_id(f"fn:{marker}")
            back = [a.get("href") for a in note.iter("a") if "footnote-backref" in a.get("class", "")]
            assert back == [f"#fnref:{marker}"]


def test_the_quran_index_lists_each_verse_with_its_citations(built):
    index = page(built, "edition/register/quran.html")
    section = index.get_element_by_id("quran-8-30")
    assert section is not None
    links = [a.get("href") for a in index.iter("a") if "hijra-ar.html#hijra-ar-s" in a.get("href", "")]
    assert links
    assert "ٱلۡمَٰكِرِينَ" in index.text_content()           # the verse, in Uthmani script
    assert "Allah düzen yapanların" in index.text_content()  # and its Diyanet translation


def test_the_editor_can_reject_a_detection(tmp_path):
    project = copy_project(tmp_path)
    annotations = project.root / "edition/annotations/hijra/hijra-ar.yml"
    text = annotations.read_text(encoding="utf-8")
    rejection = "  - reject: quran:8:30\n    anchor: \"إذ يمكر بك الذين كفروا\"\n"
    if "citations:" in text:
        text = text.replace("citations:\n", "citations:\n" + rejection, 1)
    else:
        text += "\ncitations:\n" + rejection
    annotations.write_text(text, encoding="utf-8")
    pipeline.make_tei(project)
    assert "quran:8:30" not in quotes(parse(project.tei_dir / "hijra-ar.xml"))


def test_an_impossible_verse_in_an_annotation_is_an_error(tmp_path):
    project = copy_project(tmp_path)
    annotations = project.root / "edition/annotations/hijra/hijra-tr.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "quran:9:40", "quran:2:300", 1), encoding="utf-8")
    with pytest.raises(EditionError, match=r"no verse 2:300.*286 verses") as error:
        pipeline.make_tei(project)
    assert error.value.path.endswith("hijra-tr.yml") and error.value.line


def test_a_missing_quran_package_says_how_to_fix_it(tmp_path, monkeypatch, capsys):
    from build_tools import cli
    project = copy_project(tmp_path)
    (project.root / "node_modules").unlink()
    monkeypatch.setattr("build_tools.npm.GENERATOR_ROOT", tmp_path / "generator")
    assert cli.main(["--project", str(project.root), "tei"]) == 1
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert "quran-json" in error and "npm ci" in error


def test_punctuation_between_a_quotation_and_its_reference_keeps_the_tei_valid(tmp_path):
    """A cit holds no text: with a comma before the reference, quote and ref stand apart."""
    from lxml import etree
    from build_tools.tei.schemas import tei_all_schema
    project = copy_project(tmp_path)
    source = project.root / "edition/sources/hijra-ar.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "لا يبصرون (يس 9)", "لا يبصرون، (يس 9)"), encoding="utf-8")
    pipeline.make_tei(project)
    tree = parse(project.tei_dir / "hijra-ar.xml")
    assert etree.RelaxNG(etree.parse(str(tei_all_schema()))).validate(tree)
    ref = next(r for r in tree.iterfind(".//tei:ref", NS) if r.get("target") == "quran:36:9")
    assert ref.getparent().tag != "{http://www.tei-c.org/ns/1.0}cit"
    assert ref.getprevious().get("source") == "quran:36:9"
