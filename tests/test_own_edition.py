"""An editor's own edition (SPEC §8): `edition new` in another pair of languages (Arabic and
English), texts nobody wrote for the Hijra, built end to end, valid, checked in Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.pipeline import Project
from build_tools.teixml import NS, parse

from .test_browser import CHROMIUM

DATA = Path(__file__).parent / "data" / "own_edition"


def run(*arguments: str) -> int:
    return cli.main(["--quiet", *arguments])


def new_edition(folder: Path, languages: str = "ar,en") -> Project:
    """``edition new`` with the two test texts put in."""
    assert run("new", str(folder), "--languages", languages) == 0
    sources = folder / "edition" / "sources"
    for lang in languages.split(","):
        shutil.copyfile(DATA / f"{lang}.txt", sources / f"chapter-1-{lang}.txt")
    return Project(folder)


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> Project:
    """The new edition built once, with a register of its own, from a fixed date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1763769600")
        project = new_edition(tmp_path_factory.mktemp("own") / "my-edition")
        shutil.copyfile(DATA / "register.yml", project.edition_dir / "annotations" / "register.yml")
        assert run("--project", str(project.root), "build") == 0
    return project


def test_a_new_project_holds_nothing_of_another_edition(tmp_path):
    assert run("new", str(tmp_path / "p"), "--languages", "ar,en") == 0
    written = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "p").rglob("*")
                        if p.is_file() and p.suffix in (".yml", ".txt", ""))
    for word in ("Hijra", "hijra", "Hicret", "الهجرة", "Sevr", "Thawr"):
        assert word not in written


def test_the_new_project_builds_on_the_first_try(tmp_path):
    project = new_edition(tmp_path / "first")
    assert run("--project", str(project.root), "build") == 0
    assert (project.site_dir / "index.html").is_file()
    assert (project.site_dir / "edition" / "chapter-1" / "chapter-1-en.html").is_file()


def test_new_refuses_a_folder_in_use_and_unknown_languages(tmp_path, capsys):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    assert run("new", str(tmp_path / "used"), "--languages", "ar,en") == 1
    assert run("new", str(tmp_path / "x"), "--languages", "ar,xx") == 1
    assert run("new", str(tmp_path / "y"), "--languages", "ar") == 1
    error = capsys.readouterr().err
    assert "not empty" in error and "xx" in error and "two or more" in error
    assert "Traceback" not in error
    assert (tmp_path / "used" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_tei_is_valid_for_the_project_schema_and_tei_all(own):
    assert run("--project", str(own.root), "validate") == 0


def test_the_site_and_home_page_come_from_edition_yml(own):
    home = (own.site_dir / "index.html").read_text(encoding="utf-8")
    assert "<title>my-edition</title>" in home
    assert "A digital edition" in home
    assert "Hijra" not in home and "الهجرة" not in home
    # A text titled in English only is called so in every column, never by its id.
    synopsis = (own.docs_dir / "edition" / "chapter-1" / "synopsis.md").read_text(encoding="utf-8")
    assert "The text in Arabic" in synopsis and "chapter-1-ar —" not in synopsis
    index = (own.site_dir / "search" / "search_index.js").read_text(encoding="utf-8")
    assert '"lang":["en","ar"]' in index.replace(" ", "")


def test_every_generated_page_speaks_of_this_edition_only(own):
    # The About page's validation commands once named the default edition's file.
    for page in (own.docs_dir / "edition").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "hijra" not in text.lower() and "الهجرة" not in text, page
    about = (own.docs_dir / "edition" / "about.md").read_text(encoding="utf-8")
    assert "jing schema/edition.rng chapter-1-ar.xml corpus-resolved.xml" in about


def test_the_new_edition_speaks_english_and_arabic(own):
    arabic = (own.site_dir / "ar" / "edition" / "chapter-1" / "synopsis.html").read_text(
        encoding="utf-8")
    assert '<html lang="ar"' in arabic and '<body dir="rtl"' in arabic
    assert 'hreflang="en"' in arabic and not (own.site_dir / "en").exists()


def test_the_register_is_the_editions_own_and_a_longer_name_is_not_its_person(own):
    arabic = parse(own.tei_dir / "chapter-1-ar.xml")
    refs = {(n.text, n.get("ref")) for n in arabic.iterfind(".//tei:persName", NS)}
    assert ("أبو بكر", "per:abu-bakr") in refs
    # «محمد» in «محمد بن كعب القرظي» is another man than the register's Muhammad.
    assert not any(ref == "per:muhammad" for _, ref in refs)
    english = parse(own.tei_dir / "chapter-1-en.xml")
    assert not any(n.get("ref") == "per:muhammad" for n in english.iterfind(".//tei:persName", NS))
    persons = (own.site_dir / "edition" / "register" / "persons.html").read_text(encoding="utf-8")
    assert "Abu Bakr" in persons and "Ebû Bekir" not in persons


def test_check_reports_the_longer_name_unused_entries_and_runs_without_traceback(own, capsys):
    assert run("--project", str(own.root), "check") == 0
    report = capsys.readouterr()
    assert "Traceback" not in report.err
    assert '"محمد بن كعب" is in no register entry' in report.out
    assert "unused-entry" in report.out and "bilal" in report.out


def test_suggest_drafts_the_english_text(own, capsys):
    source = own.edition_dir / "sources" / "chapter-1-en.txt"
    assert run("--project", str(own.root), "suggest", str(source)) == 0
    draft = capsys.readouterr().out
    assert "# Language: en (edition.yml)" in draft
    assert 'anchor: "To the mosque, for the prayer is near."' in draft
    assert "who: abu-bakr" in draft


def test_a_language_without_a_plug_in_builds_and_check_says_it_is_generic(tmp_path, capsys):
    project = new_edition(tmp_path / "fa", "ar,en")
    config = project.edition_dir / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("en:", "fa:")
                      .replace("lang: en", "lang: fa"), encoding="utf-8")
    (project.edition_dir / "sources" / "chapter-1-en.txt").write_text(
        "او گفت: «فردا می‌رویم.» سپس رفت.\n", encoding="utf-8")
    assert run("--project", str(project.root), "build") == 0
    # Persian has no catalog: it is not offered as an interface language.
    assert (project.site_dir / "ar" / "index.html").is_file()
    assert not (project.site_dir / "fa").exists()
    assert run("--project", str(project.root), "check") == 0
    out = capsys.readouterr().out
    assert "generic-language: 'fa' has no plug-in of its own" in out


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian chromium is not installed")
def test_in_chromium_each_column_has_its_direction_and_the_english_footnote_is_english(own):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto((own.site_dir / "edition" / "chapter-1" / "synopsis.html").as_uri())
        cells = page.eval_on_selector_all(".synopsis-cell", """cells => cells.map(c =>
            ({lang: c.lang, direction: getComputedStyle(c).direction}))""")
        assert {(c["lang"], c["direction"]) for c in cells} == {("ar", "rtl"), ("en", "ltr")}
        page.goto((own.site_dir / "edition" / "chapter-1" / "chapter-1-en.html").as_uri())
        page.hover("a.footnote-ref >> nth=0")
        page.wait_for_function("""() => [...document.querySelectorAll('.md-tooltip2--active')]
            .some(t => t.innerText.includes('9:40')
                       && t.innerText.includes('indeed Allah is with us'))""",
                               timeout=5000)
        browser.close()
    assert [url for url in requests if not url.startswith("file:")] == []


def test_replacing_the_default_chapter_needs_no_file_outside_edition(tmp_path, monkeypatch):
    """The default project with its chapter deleted and one of the editor's own put in: only
    files in edition/ change, and the strict site build passes (no link into the Hijra)."""
    from .conftest import copy_project
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763769600")
    project = copy_project(tmp_path / "p")
    outside = {p: p.read_bytes() for p in project.root.rglob("*")
               if p.is_file() and "edition" not in p.relative_to(project.root).parts[:1]}
    fresh = new_edition(tmp_path / "fresh")
    config = (project.edition_dir / "edition.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("chapters:")
    chapter = (fresh.edition_dir / "edition.yml").read_text(encoding="utf-8") \
        .partition("chapters:")[2]
    (project.edition_dir / "edition.yml").write_text(
        head.replace("  ar: {}", "  ar: {}\n  en: {}") + "chapters:" + chapter, encoding="utf-8")
    for folder in ("sources", "annotations/chapter-1"):
        shutil.copytree(fresh.edition_dir / folder, project.edition_dir / folder,
                        dirs_exist_ok=True)
    shutil.rmtree(project.edition_dir / "annotations" / "hijra")
    assert run("--project", str(project.root), "build") == 0
    assert {p: p.read_bytes() for p in outside} == outside
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "chapter-1/synopsis.html" in home and "hijra/" not in home
