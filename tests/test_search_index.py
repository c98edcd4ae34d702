"""What the site's search index holds (issue 20): every word of the texts, once, where a
reader finds it; not the registers' excerpts of those words again, nor the interface's own
labels; and all of it in UTF-8, which is what a reader's browser loads before a first result.
"""

from __future__ import annotations

import importlib.util
import json
import re

import yaml
from lxml import html

from build_tools.render.i18n import translate
from build_tools.site.search import fold

from .conftest import ROOT

SEPARATOR = re.compile(r"[\s\-]+")     # Material's search separator (mkdocs.yml)


def index(built) -> dict:
    return json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))


def indexed_text(built, page: str) -> str:
    """The folded text of every index entry of ``page``, titles included."""
    return " ".join(fold(doc["title"] + " " + doc["text"]) for doc in index(built)["docs"]
                    if doc["location"].split("#")[0] == page)


def test_every_word_of_a_reading_page_is_indexed_on_it(built):
    for page in ("edition/hijra/hijra-ar.html", "edition/hijra/hijra-tr.html"):
        tree = html.parse(str(built.site_dir / page)).getroot()
        reading = tree.find_class("reading")[0]
        for link in reading.find_class("scene-link"):          # navigation, not the text
            link.drop_tree()
        # Material's index reads a tag as a break between words (a footnote's number).
        words = {fold(word) for word in SEPARATOR.split(" ".join(reading.itertext())) if word}
        indexed = indexed_text(built, page)
        missing = sorted(word for word in words if word not in indexed)
        assert len(words) > 300 and not missing, (page, missing[:10])


def test_the_register_indexes_its_own_words_not_the_texts_again(built):
    person = indexed_text(built, "edition/register/person/abu-bakr.html")
    # Its names, the forms the texts write and its description are found on it…
    assert all(fold(words) in person for words in ("Abu Bakr al-Siddiq", "Ebu Bekr", "أبي بكر",
                                                   "shares the cave of Thawr"))
    # …but not the mentions' and speeches' context: those are the reading pages' words.
    assert fold("ففهم") not in person and fold("Ayağımı yılan soktu") not in person
    speeches = indexed_text(built, "edition/register/speeches.html")
    assert fold("Who says what to whom") in speeches and fold("Ayağımı") not in speeches
    quran = indexed_text(built, "edition/register/quran.html")
    assert fold("يَمۡكُرُ") in quran and fold("düzen kuruyorlardı") in quran     # 8:30
    assert fold(translate("en", "Cited in")) not in quran


def test_the_interface_labels_of_a_reading_page_are_not_indexed(built):
    reading = indexed_text(built, "edition/hijra/hijra-ar.html")
    for label in ("Larger text", "Smaller text"):
        assert fold(translate("en", label)) not in reading
    # The link of each scene to its row of the synopsis.
    row = html.parse(str(built.site_dir / "edition/hijra/hijra-ar.html")).getroot() \
        .find_class("scene-link")[0].text_content()
    assert row and fold(row.split("·")[0].strip()) not in reading


def test_the_index_is_written_in_utf8_for_the_offline_site(built):
    folder = built.site_dir / "search"
    written = (folder / "search_index.json").read_text("utf-8")
    assert "أبو بكر" in written and "\\u0" not in written          # no escaped letters
    assert (folder / "search_index.js").read_text("utf-8") == f"var __index = {written}"


def test_the_bench_sites_search_the_languages_of_their_texts(tmp_path):
    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    scale.generate(tmp_path, 1, tmp_path / "no-corpus")
    site = yaml.load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    search = next(p["search"] for p in site["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == ["en", "ar", "tr"]
