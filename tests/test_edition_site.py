"""The built site of the default edition: its pages, the synopsis columns, offline assets."""

from __future__ import annotations

import re

import pytest
from lxml import html

PAGES = ("index.html", "edition/hijra/synopsis.html", "edition/hijra/hijra-ar.html",
         "edition/hijra/hijra-tr.html", "edition/register/persons.html",
         "edition/register/places.html", "edition/register/quran.html",
         "edition/register/speeches.html", "edition/about.html")
SILENT = {"ar": "لا يروي هذا النص هذه الحلقة.", "tr": "Bu metin bu bölümü anlatmaz."}


def page(built, name: str):
    return html.parse(str(built.site_dir / name)).getroot()


@pytest.mark.parametrize("name", PAGES)
def test_the_page_is_built(built, name):
    assert (built.site_dir / name).is_file()


def test_synopsis_columns_have_their_direction_and_language(built):
    synopsis = page(built, "edition/hijra/synopsis.html")
    rows = synopsis.find_class("synopsis-row")
    assert len(rows) >= 5
    for row in rows:
        cells = row.find_class("synopsis-cell")
        assert [(c.get("lang"), c.get("dir")) for c in cells] == [("tr", "ltr"), ("ar", "rtl")]


def test_a_silent_text_says_so_in_its_own_language(built):
    synopsis = page(built, "edition/hijra/synopsis.html")
    silent = {"ar": 0, "tr": 0}
    for cell in synopsis.find_class("synopsis-cell"):
        for note in cell.find_class("silent"):
            assert note.text_content().strip() == SILENT[cell.get("lang")]
            silent[cell.get("lang")] += 1
    assert silent["ar"] and silent["tr"], "each text is silent somewhere (SPEC §1)"


def test_every_sentence_of_both_texts_is_in_the_synopsis(built):
    from lxml import etree
    from build_tools.teixml import TEI_NS
    synopsis = page(built, "edition/hijra/synopsis.html")
    shown = {element.get("id") for element in synopsis.find_class("s")}
    for text in ("hijra-ar", "hijra-tr"):
        tree = etree.parse(str(built.tei_dir / f"{text}.xml"))
        ids = {s.get("{http://www.w3.org/XML/1998/namespace}id")
               for s in tree.iter(f"{{{TEI_NS}}}s")}
        assert ids <= shown, sorted(ids - shown)[:5]


def test_names_link_to_the_register(built):
    reading = page(built, "edition/hijra/hijra-tr.html")
    links = [a.get("href") for span in reading.find_class("name") for a in span.iter("a")]
    assert links and all(re.match(r"\.\./register/(person/[a-z0-9-]+\.html|"
                                  r"group/[a-z0-9-]+\.html|places\.html#[a-z0-9-]+)$", h)
                         for h in links), links


def test_search_finds_each_passage_on_its_reading_page_once(built):
    import json
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    pages = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert {"edition/hijra/hijra-ar.html", "edition/hijra/hijra-tr.html"} <= pages
    # The synopsis repeats the reading pages word for word: indexed, every hit came twice.
    assert "edition/hijra/synopsis.html" not in pages


def test_no_request_leaves_the_site(built):
    for path in built.site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "unpkg.com" not in text, path.name
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', text):
            assert not src.startswith(("http:", "https:", "//")), (path.name, src)


def test_the_arabic_font_is_shipped(built):
    fonts = list((built.site_dir / "assets" / "vendor" / "amiri" / "files").glob("*.woff2"))
    assert any("arabic" in font.name for font in fonts)
    assert (built.site_dir / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()


def test_the_interface_language_comes_from_edition_yml(tmp_path):
    from build_tools import pipeline
    from .conftest import copy_project
    project = copy_project(tmp_path / "p")
    config = project.root / "edition" / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("ui_language: en",
                                                                 "ui_language: tr"),
                      encoding="utf-8")
    pipeline.build(project)
    synopsis = page(project, "edition/hijra/synopsis.html")
    assert synopsis.get("lang") == "tr"                       # Material's own strings
    assert synopsis.find(".//h1").text_content().strip() == "Sinopsis"   # the catalogs'
    about = page(project, "edition/about.html").text_content()
    assert "Nasıl atıf yapılır" in about and "Arapça" in about          # CLDR language name


def test_a_name_inside_a_name_keeps_its_title_and_the_outer_link(tmp_path):
    from build_tools import pipeline
    from .conftest import copy_project
    project = copy_project(tmp_path / "p")
    annotations = project.root / "edition/annotations/hijra/hijra-ar.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "names:\n", "names:\n  - ref: mecca\n    anchor: \"مكة\"\n    within: \"زعماء مكة\"\n", 1),
        encoding="utf-8")
    pipeline.build(project)
    reading = page(project, "edition/hijra/hijra-ar.html")
    outer = next(span for span in reading.find_class("group")
                 if span.text_content() == "زعماء مكة")
    inner = outer.find_class("place")[0]
    assert inner.text_content() == "مكة" and inner.get("title")
    assert [a.get("href") for a in outer.iter("a")] == ["../register/group/quraysh-leaders.html"]
    assert "](" not in reading.text_content()
