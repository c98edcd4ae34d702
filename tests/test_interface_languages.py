"""The interface in each of the edition's languages (SPEC §6), in Chromium from file://:
Material's language selector switches the whole site, Arabic turns the whole page right to
left, each site's strings come from its catalog, and the choice is kept from page to page."""

from __future__ import annotations

import json

import pytest

from build_tools.config import load_edition
from build_tools.render.i18n import translate

from .test_browser import assert_reads_from_disk_cleanly, browser, visit  # noqa: F401

pytestmark = pytest.mark.browser


def switch_to(page, lang: str) -> None:
    """Choose a language as a reader does: point at the selector, click the language."""
    page.hover(".md-header .md-select button")
    with page.expect_navigation():
        page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state("load")


DIRECTIONS = """() => Object.fromEntries([
    ["body", document.body], ["header", document.querySelector(".md-header")],
    ["navigation", document.querySelector(".md-sidebar--primary .md-nav")],
    ["contents", document.querySelector(".md-sidebar--secondary .md-nav")],
    ["search", document.querySelector(".md-search__input")]]
    .map(([name, el]) => [name, el && getComputedStyle(el).direction]))"""


def test_the_default_edition_speaks_english_arabic_and_turkish(built):
    assert load_edition(built.edition_dir).interface_languages == ("en", "ar", "tr")


def test_switching_to_arabic_turns_the_whole_page_right_to_left(visit):
    one = visit("edition/hijra/synopsis.html")
    page = one.page
    assert page.evaluate("document.documentElement.lang") == "en"
    assert set(page.evaluate(DIRECTIONS).values()) == {"ltr"}
    switch_to(page, "ar")
    assert page.url.endswith("/site/ar/edition/hijra/synopsis.html")      # the same page
    assert page.evaluate("[document.documentElement.lang, document.body.dir]") == ["ar", "rtl"]
    assert page.evaluate(DIRECTIONS) == dict.fromkeys(
        ("body", "header", "navigation", "contents", "search"), "rtl")
    # Laid out right to left: the navigation on the right, the contents on the left.
    primary = page.eval_on_selector(".md-sidebar--primary", "e => e.getBoundingClientRect().left")
    secondary = page.eval_on_selector(".md-sidebar--secondary",
                                      "e => e.getBoundingClientRect().left")
    assert secondary < 640 < primary
    assert page.inner_text("h1").strip() == translate("ar", "Synopsis")
    # The synopsis keeps its columns where they were: the Arabic text on the right.
    cells = page.eval_on_selector_all(".synopsis-row .synopsis-cell", """cells => cells.map(
        c => [c.lang, getComputedStyle(c).direction, c.getBoundingClientRect().left])""")
    arabic, turkish = ([c for c in cells[:2] if c[0] == lang][0] for lang in ("ar", "tr"))
    assert arabic[1] == "rtl" and turkish[1] == "ltr" and turkish[2] < arabic[2]
    assert page.get_attribute(".md-search__input", "placeholder") == "بحث"    # Material's own
    assert one.errors == []


@pytest.mark.parametrize("lang, search", [("tr", "Ara"), ("en", "Search")])
def test_turkish_and_english_speak_their_own_strings(visit, lang, search):
    start = "index.html" if lang == "tr" else "ar/edition/register/speeches.html"
    page = visit(start).page
    if lang == "en":
        switch_to(page, "tr")
    switch_to(page, lang)
    assert page.evaluate("[document.documentElement.lang, document.body.dir]") == [lang, "ltr"]
    assert page.get_attribute(".md-search__input", "placeholder") == search
    navigation = page.inner_text(".md-sidebar--primary")
    assert translate(lang, "Chapters") in navigation and translate(lang, "Registers") in navigation
    if lang == "en":
        assert page.inner_text("h1").strip() == "Speech index"
        assert page.url.endswith("/site/edition/register/speeches.html")
    # The site's scripts speak it too (their strings come from the same catalog).
    assert page.evaluate('gettext("Search")') == translate(lang, "Search")


def test_the_choice_is_kept_when_following_links(visit):
    page = visit("index.html").page
    switch_to(page, "tr")
    # Through the navigation, a link in the text, and the register.
    for selector in ['.md-sidebar--primary a[href$="synopsis.html"]', ".scene-link a",
                     '.md-sidebar--primary a[href$="persons.html"]',
                     '.md-content a[href*="person/"]']:
        if "persons" in selector:
            page.click(".md-sidebar--primary label:has-text('%s')"
                       % translate("tr", "Registers")) if not page.is_visible(selector) else None
        with page.expect_navigation():
            page.click(selector)
        page.wait_for_load_state("load")
        assert "/site/tr/" in page.url, selector
        assert page.evaluate("document.documentElement.lang") == "tr", selector


def test_what_the_edition_says_in_one_language_only_is_marked_so_in_the_others(visit):
    page = visit("ar/edition/about.html").page
    languages = page.evaluate("""() => {
        const of = text => [...document.querySelectorAll(".md-content p, .md-content li")]
            .find(e => e.textContent.includes(text));
        return ["The sources are kept exactly", "The encoding, annotations and alignment",
                "An anonymous modern Arabic retelling"]
            .map(text => { const e = of(text); return e && [...e.querySelectorAll("[lang]")]
                .filter(s => s.textContent.includes(text)).map(s => s.lang)[0]
                || e.closest("[lang]").lang; });
    }""")
    assert languages == ["en", "en", "en"]
    assert page.evaluate("document.documentElement.lang") == "ar"


def test_every_language_links_every_page_to_itself_in_the_others(built):
    for lang in ("", "ar/", "tr/"):
        pages = sorted((built.site_dir / lang / "edition").rglob("*.html"))
        assert len(pages) > 10
        for other in ("", "ar/", "tr/"):
            for page in pages:
                relative = page.relative_to(built.site_dir / lang)
                assert (built.site_dir / other / relative).is_file(), (lang, other, relative)


def test_arabic_search_works_in_the_arabic_site(visit):
    page = visit("ar/index.html").page
    field = page.locator("input[data-md-component=search-query]")
    for letter in "غار ثور":     # Material searches on keyup, which typing Arabic lacks here
        field.press_sequentially(letter)
        field.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
    assert links and all("/site/ar/" in link for link in links), links


@pytest.mark.parametrize("name", ["ar/index.html", "ar/edition/hijra/synopsis.html",
                                  "ar/edition/hijra/hijra-tr.html", "ar/edition/about.html",
                                  "tr/edition/register/quran.html",
                                  "tr/edition/register/person/abu-bakr.html"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_network_no_console_errors_no_serious_violations_in_each_language(visit, name,
                                                                            width):
    assert_reads_from_disk_cleanly(visit(name, width))


def test_each_site_searches_its_own_language(built):
    # The other languages' sites are built after the default's; its search index must
    # still be its own (it was once the last language's).
    for folder, lang in (("", "en"), ("ar/", "ar"), ("tr/", "tr")):
        index = json.loads((built.site_dir / f"{folder}search/search_index.json")
                           .read_text(encoding="utf-8"))
        about = next(doc["title"] for doc in index["docs"]
                     if doc["location"] == "edition/about.html")
        assert about == translate(lang, "About this edition"), folder
