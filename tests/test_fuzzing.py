"""Fuzzing the editor's inputs (SPEC §7): random sources (any Unicode, any line ends, long
lines) and mutations of the real annotation, register, episode and edition files (keys
dropped, repeated or misspelt, values replaced by every kind of YAML scalar, tags, aliases,
merge keys) never raise anything but an :class:`EditionError` whose every line is
``file:line:col: message`` naming a file of the edition.

The readers and the annotator run in process (a site build per example would take seconds).
Each test is bounded by its examples and by a time budget: once spent, the remaining
examples return at once, so the whole module stays within about a minute.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from build_tools.annotate import annotate_text
from build_tools.annotate.episodes import load_episodes
from build_tools.annotate.register import load_register
from build_tools.config import load_edition
from build_tools.errors import EditionError
from build_tools.ingest import read_source
from build_tools.quran import load_quran

from .conftest import ROOT

BUDGET = 9.0                        # seconds per test (six tests: under a minute)
LOCATED = re.compile(r"(?P<file>edition/\S+?):(?P<line>\d+):(?P<column>\d+): \S.*")
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SCALARS = ["~", "null", "true", "no", "On", "0", "-1", "0x1F", "0o17", "1_000", "1:30",
           "3.5", "1e3", "1.5e300", ".inf", "-.Inf", ".nan", "2001-02-30", "0001-02-27",
           "2024-01-01 10:00:00", "'x'", '"\\a"', '"\\x00"', "!foo x", "!!str 5",
           "!!python/name:os.system", "!!binary aGVsbG8=", "!!set {a}", "*nope", "&a x",
           "[]", "{}", "[x, [y]]", "{a: b}", "9" * 5000, "'" + "x" * 10_000 + "'",
           "quran:2:١", "quran:999:1", "<script>alert(1)</script>", "", "|", "-", "? x",
           "@x", "`x`", "%x", "\"unterminated"]


class Budget:
    def __init__(self):
        self.ends = time.monotonic() + BUDGET

    def spent(self) -> bool:
        return time.monotonic() > self.ends


@pytest.fixture(scope="module")
def edition_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "edition", root / "edition")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


def assert_located(error: EditionError) -> None:
    lines = str(error).splitlines()
    assert lines, error
    for line in lines:
        assert LOCATED.fullmatch(line), str(error)


@st.composite
def mutations(draw, text: str) -> str:
    """A real YAML file with a few editor's slips (and an attacker's tricks) in it."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        kind = draw(st.sampled_from(["drop", "repeat", "value", "key", "alias", "merge",
                                     "indent"]))
        key = re.match(r"(\s*(?:- )?)([^:#\s][^:#]*):( .*)?$", line)
        if kind == "drop":
            del lines[at]
        elif kind == "repeat":
            span = draw(st.integers(1, 6))
            lines[at:at] = lines[at:at + span]
        elif kind == "value" and key:
            lines[at] = f"{key.group(1)}{key.group(2)}: {draw(st.sampled_from(SCALARS))}"
        elif kind == "key" and key:
            name = key.group(2)
            cut = draw(st.integers(0, len(name)))
            lines[at] = f"{key.group(1)}{name[:cut]}{name[cut + 1:]}:{key.group(3) or ''}"
        elif kind == "alias" and key:
            lines[at] = f"{key.group(1)}{key.group(2)}: &x {key.group(3) or ''}"
            lines.insert(min(at + 1, len(lines)), f"{key.group(1)}again: *x")
        elif kind == "merge" and key:
            lines.insert(at, f"{' ' * len(key.group(1))}<<: {{{key.group(2)}: 1}}")
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(0, 5)) + line.lstrip()
    return "\n".join(lines)


def fuzz_file(edition_copy, relative: str, read):
    path = edition_copy / "edition" / relative
    original = path.read_text(encoding="utf-8")
    budget = Budget()

    @FUZZ
    @given(data=st.data())
    def run(data):
        mutated = data.draw(mutations(original))   # drawn first: a replay draws the same
        if budget.spent():
            return
        path.write_text(mutated, encoding="utf-8")
        try:
            read()
        except EditionError as error:
            assert_located(error)
        finally:
            path.write_text(original, encoding="utf-8")
    run()


def annotate(edition_copy, text_id: str = "hijra-tr"):
    edition = load_edition(edition_copy / "edition")
    text = next(t for t in edition.texts if t.id == text_id)
    chapter = edition.chapters[0]
    register = load_register(edition.register, edition.display(edition.register))
    episodes = load_episodes(chapter.episodes, edition.display(chapter.episodes))
    source = read_source(text, edition.display(text.source))
    annotate_text(source, edition, register, episodes,
                  load_quran(edition_copy, edition.languages))


@pytest.mark.parametrize("relative", ["annotations/hijra/hijra-tr.yml",
                                      "annotations/hijra/hijra-ar.yml",
                                      "annotations/register.yml",
                                      "annotations/hijra/episodes.yml", "edition.yml"])
def test_mutated_yaml_is_read_or_told_at_its_line(edition_copy, relative):
    text_id = "hijra-ar" if relative.endswith("hijra-ar.yml") else "hijra-tr"
    fuzz_file(edition_copy, relative, lambda: annotate(edition_copy, text_id))


LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028", "\x85"])
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)
LONG_LINE = st.builds(lambda word, n: (word + " ") * n, st.sampled_from(
    ["Dedi ki: \"Gel.\"", "قال: «تعال».", "Allah bizimle beraberdir.", "x"]),
    st.integers(1, 3000))


def test_a_random_source_is_annotated_or_told_at_its_line(edition_copy):
    edition = edition_copy / "edition"
    source = edition / "sources" / "hijra-tr.txt"
    annotations = edition / "annotations" / "hijra" / "hijra-tr.yml"
    originals = {path: path.read_bytes() for path in (source, annotations)}
    # One scene from the text's start, so the random text itself is what is tried.
    annotations.write_text("scenes:\n  - episode: permission\n", encoding="utf-8")
    budget = Budget()

    @FUZZ
    @given(parts=st.lists(st.one_of(WORDS, LINE_ENDS, LONG_LINE), max_size=30),
           encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    def run(parts, encoding):
        if budget.spent():
            return
        source.write_bytes("".join(parts).encode(encoding, errors="replace"))
        try:
            annotate(edition_copy)
        except EditionError as error:
            assert_located(error)
    try:
        run()
    finally:
        for path, data in originals.items():
            path.write_bytes(data)

