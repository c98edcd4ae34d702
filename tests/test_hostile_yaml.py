"""Hostile or mistaken YAML in an editor's file (SPEC §7): every case is a message at the
file, line and column where it is written, told at once and in bounded time and memory —
never a traceback, never a value passed on for the TEI's validation to stumble over."""

from __future__ import annotations

import re
import resource
import time
from pathlib import Path

import pytest

from build_tools import pipeline
from build_tools.errors import EditionError
from build_tools.yamlfile import load_yaml

from .conftest import copy_project

TURKISH = Path("edition/annotations/hijra/hijra-tr.yml")
REGISTER = Path("edition/annotations/register.yml")
EPISODES = Path("edition/annotations/hijra/episodes.yml")
CONFIG = Path("edition/edition.yml")
LOCATED = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)", re.M)
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi"))


@pytest.fixture(scope="module")
def project(tmp_path_factory, monkeypatch_session) -> pipeline.Project:
    project = copy_project(tmp_path_factory.mktemp("hostile-yaml"))
    pipeline.make_tei(project)
    return project


def tei_error(project, relative: Path, edit) -> re.Match:
    """Make the TEI in process with one file edited (put back afterwards): the error, which
    must name the edited file, a line and a column."""
    path = project.root / relative
    original = path.read_text(encoding="utf-8")
    path.write_text(edit(original), encoding="utf-8")
    try:
        with pytest.raises(EditionError) as caught:
            pipeline.make_tei(project)
    finally:
        path.write_text(original, encoding="utf-8")
    match = LOCATED.search(str(caught.value))
    assert match and match["file"] == str(relative), str(caught.value)
    return match


def yaml_error(tmp_path, text: str) -> re.Match:
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_yaml(path, "file.yml")
    match = LOCATED.fullmatch(str(caught.value))
    assert match and match["file"] == "file.yml", str(caught.value)
    return match


# The reader of editorial YAML -------------------------------------------------------------

@pytest.mark.parametrize("text, where, words", [
    ("a: !foo x\n", (1, 4), "tag '!foo'"),
    ("a: !!python/name:os.system x\n", (1, 4), "tag '!!python/name:os.system'"),
    ("a: !!python/object/apply:os.system [ls]\n", (1, 4), "!!python/object/apply"),
    ("a: !!binary aGVsbG8=\n", (1, 4), "tag '!!binary'"),
    ("a: !!set {x, y}\n", (1, 4), "tag '!!set'"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n", (3, 3), "merge key"),
    ("c:\n  <<: {x: 1}\n  x: 2\n", (2, 3), "merge key"),
    ("a: &a [*a]\n", (1, 8), "alias (*a)"),
    ("a: &x 1\nb: *x\n", (2, 4), "alias (*x)"),
    (BILLION_LAUGHS, (2, 8), "alias (*a)"),
    ("occurrence: " + "9" * 5000 + "\n", (1, 13), "5000 digits"),
    ("quantity: .inf\n", (1, 11), "not a finite number"),
    ("quantity: -.Inf\n", (1, 11), "not a finite number"),
    ("quantity: .nan\n", (1, 11), "not a finite number"),
    ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", (1, 67), "nested more than 64"),
    ("a: 1\n---\nb: 2\n", (2, 1), "second YAML document"),
    ("? [a, b]\n: 1\n", (1, 3), "a key must be a name"),
    ('a: "bell \\a"\n', (1, 4), "U+0007"),
    ("a: عربي\nب: عربيعربي\x07\n", (2, 12), "U+0007 is not allowed in YAML"),
    ("a: 1\na: 2\n", (2, 1), "key 'a' is given twice"),
])
def test_what_editorial_yaml_refuses(tmp_path, text, where, words):
    match = yaml_error(tmp_path, text)
    assert (int(match["line"]), int(match["column"])) == where and words in match["message"]


def test_a_date_is_the_text_the_editor_typed(tmp_path):
    path = tmp_path / "file.yml"
    path.write_text("when: 0001-02-27\nbad: 2001-02-30\nday: 2024-01-01 10:00:00\n")
    assert load_yaml(path) == {"when": "0001-02-27", "bad": "2001-02-30",
                               "day": "2024-01-01 10:00:00"}


def test_the_billion_laughs_are_refused_at_once_in_little_memory(tmp_path):
    path = tmp_path / "file.yml"
    path.write_text(BILLION_LAUGHS)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(EditionError, match="alias"):
        load_yaml(path)
    assert time.perf_counter() - started < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000   # KiB


# Annotations, register and episodes -------------------------------------------------------

@pytest.mark.parametrize("old, new, words", [
    ('when-custom: "0001-02-27"', "when-custom: 0001-13-01", "no month 13"),
    ('when-custom: "0001-02-27"', "when-custom: 0001-02-31", "no day 31"),
    ('when-custom: "0001-02-27"', "when-custom: 2001-02-30 10:00", "YYYY-MM-DD"),
    ("quantity: 5000", "quantity: .inf", "not a finite number"),
    ("quantity: 5000", "quantity: .nan", "not a finite number"),
    ("quantity: 5000", "quantity: true", "must be a number"),
    ("quantity: 5000", "quantity: " + "9" * 5000, "5000 digits"),
    ("    direct: false", "    drect: false", "unknown key 'drect'"),
    ("    direct: false", "    direct: maybe", "'direct' must be true or false"),
    ("    direct: false", "    direct: !foo false", "tag '!foo'"),
    ("    direct: false", "    occurrence: 99999999999999999", "occurrence 99999999999999999"),
    ("    direct: false", "    occurrence: true", "'occurrence' must be a whole number"),
    ("    to: [abu-bakr]\n    anchor: \"niçin", "    to: [[abu-bakr]]\n    anchor: \"niçin",
     "'to' must be a register id"),
])
def test_an_annotation_value_is_checked_at_its_line(project, old, new, words):
    match = tei_error(project, TURKISH, lambda text: text.replace(old, new, 1))
    assert words in match["message"]
    line = next(number for number, line in enumerate(
        (project.root / TURKISH).read_text(encoding="utf-8").replace(old, new, 1)
        .splitlines(), 1) if new.splitlines()[0] in line)
    assert int(match["line"]) == line


def test_a_speech_given_twice_is_an_error_at_the_second(project):
    entry = ("  - who: muhammad\n    to: [abu-bakr]\n"
             "    anchor: \"niçin ağladığını sordular\"\n    direct: false\n")
    match = tei_error(project, TURKISH, lambda text: text.replace(entry, entry + entry, 1))
    assert "repeats the one at line 50" in match["message"] and match["line"] == "54"


@pytest.mark.parametrize("relative, old, new, words", [
    (REGISTER, "    wikidata: Q9458", "    wikidat: Q9458", "unknown key 'wikidat'"),
    (REGISTER, "    wikidata: Q9458", "    wikidata: [Q9458]", "'wikidata' must be one word"),
    (REGISTER, "en: Muhammad}", "en: Muhammad, 1: x}", "'1' is not a language code"),
    (REGISTER, "  - id: muhammad\n", "  - id: muhammad\n    <<: {sex: m}\n", "merge key"),
    (EPISODES, "      en: The Muslims are permitted to emigrate",
     "      en: [The Muslims]", "the title in 'en' must be a text"),
    (EPISODES, "    summary:\n", "    sumary:\n", "unknown key 'sumary'"),
])
def test_a_register_or_episode_value_is_checked_at_its_line(project, relative, old, new, words):
    def edit(text):
        assert old in text, old
        return text.replace(old, new, 1)
    assert words in tei_error(project, relative, edit)["message"]


def test_a_quran_source_in_arabic_digits_is_told_at_its_line(project):
    match = tei_error(project, TURKISH, lambda text: text.replace(
        "source: quran:9:40", "source: quran:9:٤٠", 1))
    assert "quran:S:V" in match["message"]


@pytest.mark.parametrize("epoch", ["12345678901234567", "1e9", "١٧٦٣٧٦٩٦٠٠"])
def test_a_malformed_source_date_epoch_is_an_error(project, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(EditionError, match="SOURCE_DATE_EPOCH must be"):
        pipeline.make_tei(project)


# edition.yml ------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, words", [
    ("        lang: ar\n", "        lang: xx\n", "'xx', which is not among"),
    ("        lang: ar\n", "        lang: 'a\"r'\n", "'a\"r', which is not among"),
    ("  ar: {}\n", "  'a\"r': {}\n", "not a language code that CLDR knows"),
    ("ui_language: en", "ui_language: xx", "no interface catalog"),
    ("  - id: hijra\n", "  - id: " + "h" * 300 + "\n", "300 characters long"),
    ("      - id: hijra-ar\n", "      - id: " + "h" * 300 + "\n", "300 characters long"),
    ("source: sources/hijra-ar.txt", "source: /etc/passwd", "outside the edition folder"),
    ("register: annotations/register.yml", "register: /etc/passwd", "outside the edition"),
    ("episodes: annotations/hijra/episodes.yml", "episodes: /etc/hostname", "outside the"),
    ("  en: The Hijra\n", "  en: &t The Hijra\nx: *t\n", "alias (*t)"),
    ("  en: The Hijra\n", "  en: !!python/name:os.system\n", "tag '!!python/name:os.system'"),
])
def test_an_edition_yml_value_is_checked_at_its_line(project, old, new, words):
    def edit(text):
        assert old in text, old
        return text.replace(old, new, 1)
    assert words in tei_error(project, CONFIG, edit)["message"]


def test_an_empty_edition_yml_or_chapter_list(project):
    assert "must be a mapping" in tei_error(project, CONFIG, lambda _: "")["message"]
    match = tei_error(project, CONFIG, lambda text: text[:text.index("\nchapters:")] +
                      "\nchapters: []\n")
    assert "at least one chapter" in match["message"]


def test_a_quantity_in_exponent_notation_is_a_decimal_in_the_tei(project):
    path = project.root / TURKISH
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("quantity: 5000", "quantity: 1.5e+20", 1), encoding="utf-8")
    try:
        pipeline.make_tei(project)
        tei = (project.tei_dir / "hijra-tr.xml").read_text(encoding="utf-8")
    finally:
        path.write_text(original, encoding="utf-8")
    assert 'quantity="150000000000000000000"' in tei
