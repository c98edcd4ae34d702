"""Hard edges (SPEC §7): bad input is a clear error at its place, with the last good output
untouched, or it is kept and shown literally and harmlessly. Never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from build_tools import pipeline
from build_tools.ingest import normalise
from build_tools.teixml import parse
from build_tools.validate import body_text

from .conftest import copy_project
from .test_edition_errors import build_with

TURKISH = Path("edition/sources/hijra-tr.txt")
ARABIC_ANNOTATIONS = Path("edition/annotations/hijra/hijra-ar.yml")
LOCATED = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$", re.M)


@pytest.fixture(scope="module")
def project(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    project = copy_project(tmp_path_factory.mktemp("bad-input"))
    pipeline.build(project)
    return project


def located(result, file: str, words: str) -> re.Match:
    assert result.returncode == 1, result.stderr
    match = LOCATED.search(result.stderr)
    assert match and match["file"].endswith(file) and words in result.stderr, result.stderr
    return match


def seed(project) -> bytes:
    return (project.root / TURKISH).read_bytes()


# Errors ----------------------------------------------------------------------------------

def test_invalid_utf8_names_line_and_column(project):
    data = seed(project).replace("Vaziyet".encode(), b"Vaz\xffyet", 1)
    match = located(build_with(project, TURKISH, data), "hijra-tr.txt", "not valid UTF-8")
    assert (match["line"], match["column"]) == ("3", str(
        seed(project).decode().splitlines()[2].index("Vaziyet") + 4))


@pytest.mark.parametrize("data, words", [(b"", "empty"), (b" \n\t\n  \n", "only white space")])
def test_an_empty_source(project, data, words):
    located(build_with(project, TURKISH, data), "hijra-tr.txt", words)


def test_control_characters(project):
    data = seed(project).replace(b"Vaziyet", b"Vazi\x07yet", 1)
    located(build_with(project, TURKISH, data), "hijra-tr.txt", "U+0007")


def test_a_50_mb_source_is_refused_quickly_with_a_reason(project):
    data = seed(project) + b"\n\n" + b"Lorem ipsum dolor sit amet. " * (50 * 2**20 // 28)
    match = located(build_with(project, TURKISH, data), "hijra-tr.txt", "split into chapters")
    assert (match["line"], match["column"]) == ("1", "1")


@pytest.mark.parametrize("marks, where", [(2, ("1", "1")), (1, ("3", "1"))])
def test_a_second_byte_order_mark_is_told_where_it_is(project, marks, where):
    bom = "\ufeff".encode()
    if marks == 2:                 # two at the start: the second is told at 1:1
        data = bom * 2 + seed(project)
    else:                          # one at a line's start, where two files were joined
        lines = seed(project).split(b"\n")
        data = b"\n".join([*lines[:2], bom + lines[2], *lines[3:]])
    match = located(build_with(project, TURKISH, data), "hijra-tr.txt", "byte-order mark")
    assert (match["line"], match["column"]) == where


def test_a_duplicated_register_id(project):
    path = Path("edition/annotations/register.yml")
    text = (project.root / path).read_text(encoding="utf-8")
    twice = text.replace("  - id: aisha\n", "  - id: ali\n", 1)
    located(build_with(project, path, twice.encode()), "register.yml", "'ali' is defined twice")


def test_scenes_out_of_order(project):
    text = (project.root / ARABIC_ANNOTATIONS).read_text(encoding="utf-8")
    swapped = text.replace('start: "وجاء أبو بكر الصديق"', 'start: "وظل صلى الله عليه وسلم في مكة"X', 1)
    swapped = swapped.replace('start: "وظل صلى الله عليه وسلم في مكة"\n', 'start: "وجاء أبو بكر الصديق"\n', 1)
    swapped = swapped.replace('"وظل صلى الله عليه وسلم في مكة"X', '"وظل صلى الله عليه وسلم في مكة"')
    located(build_with(project, ARABIC_ANNOTATIONS, swapped.encode()), "hijra-ar.yml", "order")


def test_overlapping_speeches(project):
    text = (project.root / ARABIC_ANNOTATIONS).read_text(encoding="utf-8")
    crossing = text.replace("speech:\n", "speech:\n  - who: ali\n    start: \"صاحبا، ففهم\"\n"
                            "    end: \"فملكه السرور\"\n", 1)
    result = build_with(project, ARABIC_ANNOTATIONS, crossing.encode())
    located(result, "hijra-ar.yml", "crosses the said at edition/annotations/hijra/hijra-ar.yml:")


# Kept, and shown harmlessly ------------------------------------------------------------

def built_text(tmp_path, data: bytes):
    """Build a copy whose Turkish source is ``data``; return its TEI tree and reading page."""
    project = copy_project(tmp_path / "p")
    (project.root / TURKISH).write_bytes(data)
    pipeline.build(project)
    return (project, parse(project.tei_dir / "hijra-tr.xml"),
            html.parse(str(project.site_dir / "edition/hijra/hijra-tr.html")).getroot())


def test_bom_crlf_and_lone_cr_are_normalised_and_nothing_is_lost(tmp_path, monkeypatch_session):
    raw = b"\xef\xbb\xbf" + (copy_project(tmp_path / "seed").root / TURKISH).read_bytes()
    data = raw.replace(b"\n", b"\r\n", 20).replace(b"\n", b"\r")
    _, tree, _ = built_text(tmp_path, data)
    assert body_text(tree) == normalise(data.decode("utf-8"))
    assert "\r" not in body_text(tree) and "\ufeff" not in body_text(tree)


def test_bidi_marks_and_joiners_are_kept(tmp_path, monkeypatch_session):
    marks = "\u200f\u200e\u200d\u200c"
    raw = (copy_project(tmp_path / "seed").root / TURKISH).read_text(encoding="utf-8")
    text = raw.replace("Vaziyet", f"Vazi{marks}yet", 1)
    _, tree, page = built_text(tmp_path, text.encode())
    assert f"Vazi{marks}yet" in body_text(tree)
    assert f"Vazi{marks}yet" in page.text_content()


INJECTIONS = ['<script>alert("x")</script>', "[link](javascript:alert(1))",
              '{: onclick="alert(1)" }', "*bold* _it_ # heading | a | b |", "[^1]",
              "<!-- comment", "&amp; &lt;", "\\*"]


def test_markup_in_a_source_is_shown_literally(tmp_path, monkeypatch_session):
    raw = (copy_project(tmp_path / "seed").root / TURKISH).read_text(encoding="utf-8")
    text = raw + "\n\n" + " ".join(INJECTIONS) + "\n\n# " + INJECTIONS[0] + "\n"
    project, tree, page = built_text(tmp_path, text.encode())
    assert body_text(tree) == normalise(text)
    shown = page.text_content()
    for injection in INJECTIONS:
        assert injection in shown, injection
    assert not [s for s in page.iter("script") if "alert" in (s.text or "")]
    assert not [e for e in page.iter() if any(a.startswith("on") for a in e.attrib)]
    assert not [a for a in page.iter("a") if a.get("href", "").startswith("javascript:")]
    synopsis = (project.site_dir / "edition/hijra/synopsis.html").read_text(encoding="utf-8")
    assert "<script>alert" not in synopsis and "onclick=" not in synopsis
