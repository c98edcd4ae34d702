"""Search as a reader meets it, in Chromium from file://, once the index holds each word once
(issue 20): the registers' excerpts of the texts are found on the reading pages they come
from, the registers by their own words, and every result Material shows, however late, is
the page's text as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.site.search import fold

from .test_browser import CHROMIUM, browser, visit  # noqa: F401 (fixtures)
from .test_reader import search

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian chromium is not installed"),
]

# Letters that folding changes: a text with none of them may be folded text shown as is.
AS_WRITTEN = set("ةأإآىؤئًٌٍَُِّْ")


def pages(results) -> set[str]:
    return {result["href"].split("?")[0].rsplit("/edition/", 1)[-1] for result in results}


def test_the_words_of_a_mention_are_found_on_their_reading_page(visit):
    # «ففهم أبو بكر أنه …» is listed among Abu Bakr's mentions, and said on the reading page.
    found = pages(search(visit("index.html").page, "ففهم"))
    assert "hijra/hijra-ar.html" in found, found
    assert not any(page.startswith("register/") for page in found), found


def test_a_register_page_is_found_by_its_own_words(visit):
    found = pages(search(visit("index.html").page, "siddiq"))
    assert "register/person/abu-bakr.html" in found, found


def test_a_verse_is_found_in_the_quran_index_by_its_translation(visit):
    found = pages(search(visit("index.html").page, "düzen kuruyorlardı"))
    assert "register/quran.html" in found, found


def test_every_result_shown_is_the_text_as_written(visit):
    page = visit("index.html").page
    search(page, "الله")
    # Each article Material rendered, those folded away under "more" included.
    texts = page.eval_on_selector_all(".md-search-result__article", """articles =>
        articles.map(a => [...a.querySelectorAll(':scope > :not(h1, h2, nav)')]
                          .map(e => e.textContent).join(' '))""")
    arabic = [text for text in texts if len(text) > 100 and fold("الله") in fold(text)]
    assert len(arabic) >= 10, texts
    assert all(AS_WRITTEN & set(text) for text in arabic), [t for t in arabic
                                                            if not AS_WRITTEN & set(t)][:2]
