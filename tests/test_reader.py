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


def test_the_arabic_reading_page_reads_right_to_left_in_arabic_type(visit):
    page = visit("edition/hijra/hijra-ar.html").page
    facts = page.evaluate("""() => {
        const style = e => getComputedStyle(e);
        const size = e => parseFloat(style(e).fontSize);
        const h1 = document.querySelector('article h1');
        const arabic = document.querySelector('.reading p');
        const note = document.querySelector('.footnote[lang=ar] li p');
        const nav = [...document.querySelectorAll('.md-nav__link')]
            .filter(a => /[\\u0600-\\u06FF]/.test(a.innerText) && a.offsetParent);
        return {lang: h1.lang, direction: style(h1).direction, font: style(h1).fontFamily,
                h2: size(document.querySelector('.reading h2')), text: size(arabic),
                note: size(note), uiFont: style(document.body).fontFamily,
                nav: nav.map(a => style(a).direction)};
    }""")
    assert facts["lang"] == "ar" and facts["direction"] == "rtl" and "Amiri" in facts["font"]
    assert facts["h2"] > facts["text"] * 1.2                   # a heading, not body text
    assert facts["note"] < facts["text"]                       # a footnote is small print
    assert facts["uiFont"].startswith('"Edition Arabic"')      # Arabic in the interface
    assert facts["nav"] and set(facts["nav"]) == {"rtl"}


def test_the_quran_index_shows_links_not_markdown(visit):
    page = visit("edition/register/quran.html").page
    text = page.inner_text("article")
    assert "](" not in text and "[CC BY" not in text
    assert page.locator("article .data-set a[href^='https://creativecommons.org']").count()


@pytest.mark.parametrize("name", ["edition/register/speeches.html",
                                  "edition/register/person/iblis.html"])
def test_a_corrected_word_is_shown_once_as_corrected(visit, name):
    text = visit(name).page.inner_text("article")
    assert "لا رأي" in text and "رأىرأي" not in text and "رأى" not in text


def test_tooltips_speak_their_language_grammatically_and_readably(visit):
    page = visit("edition/hijra/hijra-tr.html").page
    labels = page.eval_on_selector_all(".said", "es => es.map(e => e.dataset.speaker)")
    assert not any(" için" in label for label in labels), labels
    page.hover(".measure >> nth=2")
    tooltip = page.wait_for_selector(".md-tooltip2--active [lang]", timeout=5000)
    text, size = tooltip.evaluate("t => [t.innerText, parseFloat(getComputedStyle(t).fontSize)]")
    assert "gün" in text and "day" not in text and size >= 13, (text, size)
    arabic = visit("edition/hijra/hijra-ar.html").page
    arabic.hover(".measure >> nth=0")
    tooltip = arabic.wait_for_selector(".md-tooltip2--active [lang=ar]", timeout=5000)
    assert tooltip.inner_text().strip() == "مقدار: ناقتان"
    labels = arabic.eval_on_selector_all(".said", "es => es.map(e => e.dataset.speaker)")
    assert not any("إلى أبو بكر" in label for label in labels), labels


def test_a_footnote_inside_a_speech_opens_one_tooltip(visit):
    page = visit("edition/hijra/hijra-ar.html").page
    page.hover(".said .footnote-ref >> nth=0")
    page.wait_for_selector(".md-tooltip2--active[role=dialog]", timeout=5000)
    page.wait_for_timeout(600)                       # Material's tooltips fade in
    shown = page.eval_on_selector_all(".md-tooltip2--active", """ts => ts.filter(t =>
        getComputedStyle(t).visibility == 'visible' && getComputedStyle(t).opacity > 0).length""")
    assert shown == 1


def test_arabic_footnotes_are_numbered_in_arabic_and_never_begin_a_line(visit):
    page = visit("edition/hijra/hijra-ar.html").page
    assert page.eval_on_selector(".footnote[lang=ar] ol",
                                 "o => getComputedStyle(o).listStyleType") == "arabic-indic"
    alone = []
    for width in range(360, 1281, 20):
        page.set_viewport_size({"width": width, "height": 900})
        alone += page.evaluate("""width => [...document.querySelectorAll('.footnote-mark')]
            .filter(mark => {
                const before = document.createRange();
                let node = mark.previousSibling;
                while (node && !node.textContent.trim()) node = node.previousSibling;
                if (!node) return false;
                before.selectNodeContents(node);
                const boxes = [...before.getClientRects()];
                const last = boxes[boxes.length - 1];
                return last && mark.getBoundingClientRect().top > last.bottom - 2;
            }).map(mark => width + ':' + mark.id)""", width)
    assert alone == []


def test_the_404_page_has_its_styles_and_scripts_from_disk(visit):
    one = visit("404.html")
    assert one.page.eval_on_selector(".md-header", "h => getComputedStyle(h).position") in \
        ("sticky", "fixed")
    assert one.page.evaluate("() => typeof window.editionSearchFold") == "function"
    assert one.errors == []


def test_print_keeps_headings_with_their_text_and_names_the_edition_and_columns(visit):
    page = visit("edition/hijra/synopsis.html", width=800).page
    page.emulate_media(media="print")
    facts = page.evaluate("""() => {
        const style = s => getComputedStyle(document.querySelector(s));
        const title = document.querySelector('.md-header__topic');
        const cell = document.querySelector('.synopsis-cell[lang=ar]');
        return {title: title.offsetHeight > 0 ? title.innerText.trim() : '',
                headings: [...document.querySelectorAll('article h2')]
                    .every(h => getComputedStyle(h).breakAfter == 'avoid-page'),
                episode: style('.synopsis-episode').breakInside,
                label: getComputedStyle(cell, '::before').content,
                display: getComputedStyle(cell, '::before').display};
    }""")
    assert facts["title"] == "The Hijra"
    assert facts["headings"] and facts["episode"] == "avoid-page"
    assert facts["label"] == '"قصة الهجرة"' and facts["display"] == "block"


def test_registers_name_and_show_mentions_in_context(visit):
    persons = visit("edition/register/persons.html").page.inner_text("article")
    for form in ("Peygamberimizin", "mağara arkadaşına"):
        assert form not in persons                    # forms of the texts are not names
    person = visit("edition/register/person/abu-bakr.html").page
    mentions = person.eval_on_selector_all(".mention", "ms => ms.map(m => m.innerText)")
    assert len(mentions) >= 10 and len(set(mentions)) == len(mentions)   # each in context
    assert any("ففهم أبو بكر أنه" in mention for mention in mentions), mentions[:3]
    reading = visit("edition/hijra/hijra-ar.html").page
    toc = reading.eval_on_selector_all(".md-sidebar--secondary .md-nav__link",
                                       "as => as.map(a => a.innerText.trim())")
    assert toc and len(set(toc)) == len(toc), toc


def test_the_synopsis_labels_its_columns_and_sets_arabic_well(visit):
    page = visit("edition/hijra/synopsis.html").page
    labels = page.eval_on_selector_all(".synopsis-column", "ps => ps.map(p => [p.lang, "
                                       "p.innerText.trim(), getComputedStyle(p).direction])")
    assert labels == [["tr", "Hicret ve Sevr mağarası", "ltr"], ["ar", "قصة الهجرة", "rtl"]]
    silent = page.eval_on_selector(".synopsis-cell[lang=ar] .silent",
                                   "s => getComputedStyle(s).fontStyle")
    assert silent == "normal"                         # no synthesised slant of Amiri
    turkish = visit("edition/hijra/hijra-tr.html").page
    pitch = turkish.evaluate("""() => {
        const verse = document.querySelector('.footnote[lang=tr] span[lang=ar]');
        const tops = [...new Set([...verse.getClientRects()].map(r => Math.round(r.top)))];
        return (tops[1] - tops[0]) / parseFloat(getComputedStyle(verse).fontSize);
    }""")
    assert pitch >= 2.2, pitch                        # room for the marks above the line


def test_the_reader_switches_texts_and_layout_and_the_choice_is_kept(visit):
    page = visit("edition/hijra/synopsis.html").page

    def shown():
        return page.eval_on_selector_all(".synopsis-row .synopsis-cell", """cells => cells
            .filter(c => c.offsetParent).map(c => [c.lang, Math.round(c.getBoundingClientRect().left)])""")
    assert {lang for lang, _ in shown()} == {"ar", "tr"}
    page.get_by_role("button", name="قصة الهجرة").click()
    assert {lang for lang, _ in shown()} == {"ar"}
    page.get_by_role("button", name="Both texts").click()
    page.get_by_role("button", name="Stacked").click()
    cells = shown()
    assert len({left for _, left in cells}) == 1                  # one above the other
    page.goto(page.url)                                           # the next visit
    assert page.get_by_role("button", name="Stacked").get_attribute("aria-pressed") == "true"
    assert len({left for _, left in shown()}) == 1
    reading = visit("edition/hijra/hijra-tr.html").page
    reading.get_by_role("link", name="Both texts").click()
    assert reading.url.endswith("synopsis.html")


def test_the_text_can_be_made_larger_on_every_page(visit):
    page = visit("edition/hijra/hijra-tr.html").page
    before = page.eval_on_selector(".reading p", "p => parseFloat(getComputedStyle(p).fontSize)")
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    after = page.eval_on_selector(".reading p", "p => parseFloat(getComputedStyle(p).fontSize)")
    assert after > before * 1.25
    page.goto(page.url.replace("hijra/hijra-tr.html", "register/persons.html"))
    size = page.eval_on_selector("article li", "p => parseFloat(getComputedStyle(p).fontSize)")
    assert size > 16 * 1.25, size                                  # kept, on another page


def test_every_sentence_has_a_permalink_and_copies_its_citation(browser, built):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto((built.site_dir / "edition/hijra/hijra-ar.html").as_uri() + "#hijra-ar-s9")
        tools = page.wait_for_selector(".sentence-tools:not([hidden])", timeout=5000)
        assert tools.query_selector("a").get_attribute("href") == "#hijra-ar-s9"
        page.get_by_role("button", name="Copy citation").click()
        page.wait_for_selector(".sentence-tools[data-copied]", timeout=5000)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("The Hijra Edition project, The Hijra. Version 0.1.0, built ")
        assert "Sentence hijra-ar-s9: file://" in copied and copied.endswith(
            "edition/hijra/hijra-ar.html#hijra-ar-s9")
        page.hover("#hijra-ar-s2")
        assert page.eval_on_selector(".sentence-permalink", "a => a.getAttribute('href')") \
            == "#hijra-ar-s2"
    finally:
        context.close()


def test_a_quran_footnote_links_to_the_verse_in_the_quran_index(visit):
    page = visit("edition/hijra/hijra-tr.html").page
    link = page.locator(".footnote a.verse-link").first
    href = link.get_attribute("href")
    assert href.startswith("../register/quran.html#quran-")
    link.click()
    page.wait_for_load_state("load")
    anchor = href.split("#")[1]
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_the_reader_can_choose_a_dark_palette(visit):
    page = visit("index.html").page
    before = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.locator("label[title='Switch to dark mode']").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != before


@pytest.mark.parametrize("name", ["edition/hijra/synopsis.html", "edition/hijra/hijra-ar.html",
                                  "edition/register/quran.html"])
def test_the_dark_palette_keeps_its_contrast(browser, built, name):
    from .test_browser import AXE
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page.goto((built.site_dir / name).as_uri())
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations'], preload: false});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                               .map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }""")
        assert result == []
    finally:
        page.close()
