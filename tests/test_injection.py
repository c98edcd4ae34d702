"""Markup in the editor's YAML (SPEC §7): a title, label or description such as
``</title><script>…`` reaches every page as text — in the tab's title, the navigation, the
header, the headings, the registers and the search index — and no script of it runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

from build_tools import pipeline

from .conftest import copy_project
from .test_browser import CHROMIUM

TITLE = 'The Hijra</title><script>alert("edition")</script><title>'
SUBTITLE = 'Two<img src=x onerror=alert("subtitle")>'
CHAPTER = 'Migration</title><script>alert("chapter")</script><title>'
TEXT = 'Story<img src=x onerror=alert("text")>'
LABEL = 'Muhammad</title><script>alert("label")</script><img src=x onerror=alert("label")>'
EPISODE = 'Bed<img src=x onerror=alert("episode")>'
PAYLOADS = (TITLE, SUBTITLE, CHAPTER, TEXT, LABEL, EPISODE)
PAGES = ("index.html", "edition/about.html", "edition/hijra/synopsis.html",
         "edition/hijra/hijra-tr.html", "edition/register/persons.html",
         "edition/register/person/muhammad.html", "edition/register/speeches.html")


def quoted(text: str) -> str:
    return json.dumps(text)        # a JSON string is a double-quoted YAML string


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    project = copy_project(tmp_path_factory.mktemp("injection"))
    edition = project.root / "edition"
    config = edition / "edition.yml"
    replace_once(config, "  en: The Hijra\n", f"  en: {quoted(TITLE)}\n")
    replace_once(config, "  en: Two retellings, Arabic and Turkish, in a parallel digital "
                         "edition\n", f"  en: {quoted(SUBTITLE)}\n")
    replace_once(config, "en: The Prophet's migration from Mecca", f"en: {quoted(CHAPTER)}")
    replace_once(config, "en: The story of the Hijra (Arabic text)", f"en: {quoted(TEXT)}")
    replace_once(edition / "annotations" / "register.yml", "en: Muhammad}",
                 f"en: {quoted(LABEL)}}}")
    replace_once(edition / "annotations" / "hijra" / "episodes.yml",
                 "en: The Muslims are permitted to emigrate", f"en: {quoted(EPISODE)}")
    pipeline.build(project)
    return project


def test_no_markup_of_the_editor_reaches_a_page(hostile):
    for page in sorted(hostile.site_dir.rglob("*.html")):
        tree = html.parse(str(page))
        scripts = [s.text or "" for s in tree.iter("script")]
        assert not [s for s in scripts if "alert(" in s], page
        assert not tree.xpath("//*[@onerror]"), page
        assert len(tree.findall(".//title")) <= 1, page


def test_the_editor_s_text_is_shown_literally(hostile):
    page = html.parse(str(hostile.site_dir / "edition/register/person/muhammad.html"))
    assert page.findtext(".//title").startswith(LABEL)
    assert LABEL in page.findtext(".//h1")
    navigation = " ".join(" ".join(html.parse(str(hostile.site_dir / "index.html"))
                                   .xpath("//nav//text()")).split())
    assert CHAPTER in navigation and TITLE in navigation


def test_the_search_index_holds_the_text_escaped(hostile):
    index = json.loads((hostile.site_dir / "search" / "search_index.json").read_text())
    for document in index["docs"]:
        for field in ("title", "text"):
            fragment = html.fragment_fromstring(document[field] or "x", create_parent="div")
            assert not fragment.xpath(".//script | .//img | .//*[@onerror]"), document


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian chromium is not installed")
def test_no_script_runs_in_chromium(hostile):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            dialogs: list[str] = []
            for name in PAGES:
                page = browser.new_page()
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message),
                                                  dialog.dismiss()))
                page.goto((hostile.site_dir / name).as_uri())
                page.wait_for_load_state("load")
                if name == "edition/register/person/muhammad.html":
                    assert page.title().startswith(LABEL)
                    assert LABEL in page.inner_text("h1")
                if name == "index.html":
                    assert CHAPTER in page.inner_text("nav.md-nav--primary")
                    # Typed key by key: Material searches on keyup, or when its worker
                    # is ready, so a fill() before that is never seen.
                    page.locator("input.md-search__input").press_sequentially("Muhammad")
                    page.wait_for_selector(".md-search-result__item", timeout=20_000)
                    page.locator("input.md-search__input").fill("")
                    page.locator("input.md-search__input").press_sequentially("onerror")
                    page.wait_for_timeout(500)
                page.close()
            assert dialogs == []
        finally:
            browser.close()
