"""Search as a reader meets it, in Chromium from file://, once the index holds each word once
(issue 20): the registers' excerpts of the texts are found on the reading pages they come
from, and the registers by their own words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser import CHROMIUM, browser, visit  # noqa: F401 (fixtures)
from .test_reader import search

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian chromium is not installed"),
]


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
