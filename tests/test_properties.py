"""Property-based tests over arbitrary Unicode sources: the build either keeps every
character (the TEI body is the normalised source) or stops with a located error; the HTML
holds no markup the project did not write."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from lxml import html

from build_tools import pipeline
from build_tools.errors import EditionError
from build_tools.ingest import normalise
from build_tools.teixml import parse
from build_tools.validate import body_text

from .conftest import ROOT

# What the renderer writes: nothing else may appear in a page, whatever the source says.
ALLOWED_TAGS = {"div", "section", "p", "span", "a", "sup", "ol", "li", "h1", "h2", "br",
                "button"}
# The reader's controls (and a speech's speaker) are the generator's own attributes.
ALLOWED_ATTRIBUTES = {"class", "id", "lang", "dir", "href", "title", "start", "type", "role",
                      "aria-label", "aria-pressed", "aria-hidden", "data-cite", "data-copy",
                      "data-copied", "data-permalink", "data-texts", "data-layout",
                      "data-size", "data-speaker",
                      # What search leaves out (Material's search plugin removes it from the
                      # page it writes).
                      "data-search-exclude"}
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "abbr", "toc"]

TRICKS = ["<script>alert(1)</script>", "](javascript:alert(1))", '{: onclick="x" }', "*", "_",
          "#", "|", "[^1]", "<!--", "-->", "&amp;", "\\", "`", "\n\n", "\n- ", "\n1. ",
          "> ", "===", "<b>", "&#x3C;", "\u200f", "\u202e", "ﷺ", "İ", "\r\n"]
# Mostly printable text; control characters are refused by design (tests/test_bad_input.py).
characters = st.characters(blacklist_categories=("Cs", "Cc"))
sources = st.lists(st.one_of(st.text(characters, min_size=1, max_size=40),
                             st.text(min_size=1, max_size=5), st.sampled_from(TRICKS)),
                   min_size=1, max_size=12).map("".join)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A one-text edition: the source varies, its single scene starts at its first word."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(ROOT / "edition" / "schema", root / "edition" / "schema")
    (root / "edition" / "sources").mkdir()
    (root / "edition" / "annotations").mkdir()
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "edition" / "edition.yml").write_text(
        "title: {en: Property}\nversion: '1'\nidno: p\npublisher: p\neditors: []\n"
        "licence: {name: CC0, url: 'https://creativecommons.org/publicdomain/zero/1.0/'}\n"
        "ui_language: en\nlanguages: {tr: {}}\nprinciples: {}\n"
        "register: annotations/register.yml\nchapters:\n  - id: c\n    title: {en: C}\n"
        "    episodes: annotations/episodes.yml\n    texts:\n      - id: t\n        lang: tr\n"
        "        source: sources/t.txt\n        annotations: annotations/t.yml\n"
        "        title: {en: T}\n        bibl: {en: B}\n", encoding="utf-8")
    (root / "edition" / "annotations" / "register.yml").write_text("persons: []\n",
                                                                     encoding="utf-8")
    (root / "edition" / "annotations" / "episodes.yml").write_text(
        "episodes:\n  - id: only\n    title: {en: Only}\n", encoding="utf-8")
    return root


def first_word(text: str) -> str:
    return normalise(text).split()[0]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=sources)
def test_kept_or_refused_and_never_injected(template, source):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        shutil.copytree(template, root, symlinks=True)
        (root / "edition" / "sources" / "t.txt").write_bytes(source.encode("utf-8", "surrogatepass"))
        start = first_word(source) if normalise(source).split() else "x"
        (root / "edition" / "annotations" / "t.yml").write_text(
            "scenes:\n  - episode: only\n    start: " + _yaml_string(start) + "\n",
            encoding="utf-8")
        project = pipeline.Project(root)
        try:
            pipeline.make_tei(project)
            pipeline.make_pages(project, ("en",))
        except EditionError as error:
            assert error.path and str(error).startswith(error.path), str(error)
            event(f"refused: {error.message[:40]}")
            return
        event("built")
        assert body_text(parse(project.tei_dir / "t.xml")) == normalise(source)
        page = (project.pages_dir / "c" / "t.md").read_text(encoding="utf-8")
        rendered = html.fromstring("<main>" + markdown.markdown(
            page, extensions=MARKDOWN_EXTENSIONS) + "</main>")
        for element in rendered.iter():
            if not isinstance(element.tag, str):      # a comment or processing instruction
                pytest.fail(f"the page holds a {element!r} the project did not write")
            assert element.tag in ALLOWED_TAGS | {"main"}, element.tag
            assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
            assert not element.get("href", "").lower().startswith("javascript")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for any text, every non-ASCII character escaped."""
    def escaped(c: str) -> str:
        if c in '"\\':
            return "\\" + c
        if 32 <= ord(c) < 127:
            return c
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
    return '"' + "".join(escaped(c) for c in text) + '"'

