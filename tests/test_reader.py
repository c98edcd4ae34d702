"""What a careful reader meets on the built site, in a real Chromium from file:// (issue 19):
search shows the text as written and highlights what it found, copying gives the source's
text, and the pages read in the direction, type and language of their texts.

Each test was written against the site as it was before issue 19, and failed there.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from build_tools.site.search import fold

from .test_browser import CHROMIUM, browser, visit  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason="Debian chromium is not installed"),
]

QUERY = "input[data-md-component=search-query]"
LABELS = ("المتكلم:", "Konuşan:", "Speaker:")


def search(page, query: str) -> list[dict]:
    """Type ``query`` into the search box key by key, as a reader does, and return the
    results as shown: each link's address, title and text, and the text's direction."""
    box = page.locator(QUERY)
    box.click()
    for character in query:
        # For non-Latin characters Playwright fires no keyup, on which Material searches.
        box.press_sequentially(character)
        box.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__link", """links => links.map(a => {
        const text = [...a.querySelectorAll('article > :not(h1, h2, nav, .md-search-result__terms)')];
        return {href: a.href, title: a.querySelector('h1, h2').innerText,
                text: text.map(t => t.innerText).join('\\n'),
                directions: text.map(t => getComputedStyle(t).direction),
                marks: [...a.querySelectorAll('mark')].map(m => m.innerText)};
    })""")


def test_search_results_show_the_arabic_as_written_right_to_left(visit):
    page = visit("index.html").page
    results = search(page, "مكه")
    texts = "\n".join(r["text"] for r in results)
    assert "مكة" in texts and "مكه" not in texts            # ta marbuta as written
    assert "ﷺ" in texts or "صلى" in texts
    arabic = [r for r in results if "hijra-ar" in r["href"] and r["text"]]
    assert arabic and all(set(r["directions"]) == {"rtl"} for r in arabic), arabic
    assert all(fold(mark) == "مكه" or fold(mark).startswith("مكه") for r in arabic
               for mark in r["marks"]) and any(r["marks"] for r in arabic)


def test_search_results_show_the_turkish_as_written(visit):
    page = visit("index.html").page
    results = search(page, "sevr magarasina")
    texts = "\n".join(r["text"] for r in results)
    assert "Sevr mağarasına" in texts and "magarasina" not in texts
    marks = {mark for r in results for mark in r["marks"]}
    assert "mağarasına" in marks and "Sevr" in marks, marks


def test_search_results_do_not_show_the_hidden_speaker_labels(visit, built):
    page = visit("index.html").page
    results = search(page, "تعجل")
    assert results
    for result in results:
        assert not any(label in result["text"] for label in LABELS), result["text"]
    index = (built.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not any(label in index for label in LABELS)


def test_a_search_result_leads_to_its_words_highlighted_on_the_page(visit):
    page = visit("index.html").page
    results = search(page, "ابو بكر")
    link = next(r for r in results if "hijra-ar.html?" in r["href"] and "#" in r["href"])
    highlight = parse_qs(urlparse(link["href"]).query).get("h", [""])[0]
    assert highlight and all(fold(word) in ("ابو", "بكر") for word in highlight.split()), link
    page.goto(link["href"])
    page.wait_for_selector("mark[data-md-highlight]", timeout=10000)
    # Material joins neighbouring marks: «أبو بكر» is one.
    marked = [word for text in page.eval_on_selector_all("mark[data-md-highlight]",
                                                         "ms => ms.map(m => m.innerText)")
              for word in text.split()]
    assert {fold(word) for word in marked} <= {"ابو", "بكر"} and len(marked) >= 2, marked
    assert "أبو" in marked                                     # the hamza, as written


def test_copying_a_speech_gives_the_text_of_the_source(visit):
    page = visit("edition/hijra/hijra-ar.html").page
    copied = page.evaluate("""() => {
        const said = [...document.querySelectorAll('.said')]
            .find(s => s.textContent.includes('لا تعجل'));
        const sentence = said.closest('.s');
        const range = document.createRange();
        range.selectNodeContents(sentence);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return getSelection().toString();
    }""")
    source = unicodedata.normalize("NFC", _source("hijra-ar"))
    assert not any(label in copied for label in LABELS), copied
    assert re.sub(r"\s+", " ", copied).strip() in re.sub(r"\s+", " ", source)


def test_a_screen_reader_still_hears_who_speaks(visit):
    page = visit("edition/hijra/hijra-tr.html").page
    said = page.locator(".said", has_text="Niçin ağlıyorsun").first
    spoken = said.evaluate("""e => {
        const before = getComputedStyle(e, '::before').content;
        return before;
    }""")
    assert "Hz. Muhammed" in spoken
    tree = page.locator("article").aria_snapshot()
    assert "Hz. Muhammed" in tree and "Konuşan" in tree


def _source(text_id: str) -> str:
    from .conftest import ROOT
    return (ROOT / "edition" / "sources" / f"{text_id}.txt").read_text(encoding="utf-8")
