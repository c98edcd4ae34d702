"""``edition.yml``: every mistake is told in one run, each at its own line and column."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools.config import load_edition
from build_tools.errors import EditionError
from build_tools.interface import interface_languages
from build_tools.yamlfile import _remembered

from .conftest import ROOT


@pytest.fixture
def edition_dir(tmp_path) -> Path:
    shutil.copytree(ROOT / "edition", tmp_path / "edition")
    return tmp_path / "edition"


def errors_of(edition_dir: Path, edit) -> list[str]:
    """The messages of loading the edition with ``edition.yml`` edited (each line one)."""
    path = edition_dir / "edition.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _remembered.cache_clear()
    with pytest.raises(EditionError) as caught:
        load_edition(edition_dir)
    return str(caught.value).splitlines()


def line_of(edition_dir: Path, text: str) -> int:
    lines = (edition_dir / "edition.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_every_mistake_is_told_at_once_each_at_its_line(edition_dir):
    def edit(text):
        return (text.replace("ui_language: en", "ui_language: fa")
                .replace("  ar: {}", "  xx: {}")
                .replace("source: sources/hijra-tr.txt", "source: ../../etc/passwd")
                .replace("  - id: hijra\n", "  - id: Hijra\n")
                .replace("publisher: The Hijra Edition project", "publisher: [a, list]")
                .replace("idno: hijra-edition", "idno: hijra-edition\nsubtitel: {en: x}"))
    messages = errors_of(edition_dir, edit)
    located = [re.match(r"edition/edition\.yml:(\d+):(\d+): (.+)", m) for m in messages]
    assert all(located), messages
    found = {m[3].split(";")[0]: int(m[1]) for m in located}
    expect = {
        "there is no interface catalog for ui_language 'fa'": line_of(edition_dir, "ui_language"),
        "'xx' is not a language code that CLDR knows": line_of(edition_dir, "  xx: {}"),
        "source '../../etc/passwd' lies outside the edition folder":
            line_of(edition_dir, "etc/passwd"),
        "id 'Hijra' must be lower-case ASCII letters, digits and hyphens, starting with a letter":
            line_of(edition_dir, "id: Hijra"),
        "'publisher' must be a text": line_of(edition_dir, "publisher:"),
        "unknown key 'subtitel' in edition.yml": line_of(edition_dir, "subtitel"),
    }
    for message, line in expect.items():
        assert found.get(message) == line, (message, messages)


def test_a_ui_language_without_a_catalog_names_the_languages_available(edition_dir):
    messages = errors_of(edition_dir, lambda t: t.replace("ui_language: en", "ui_language: fa"))
    assert len(messages) == 1
    assert ", ".join(interface_languages()) in messages[0]
    assert {"ar", "en", "tr"} <= set(interface_languages())


def loaded(edition_dir: Path, edit):
    path = edition_dir / "edition.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _remembered.cache_clear()
    return load_edition(edition_dir)


def test_the_interface_languages_are_ui_language_the_texts_with_a_catalog_and_english(
        edition_dir):
    assert loaded(edition_dir, lambda t: t).interface_languages == ("en", "ar", "tr")
    # German has no catalog: it is not offered, and the edition still loads.
    german = loaded(edition_dir, lambda t: t.replace("lang: tr", "lang: de").replace(
        "  tr:\n    # A full stop", "  de:\n    # A full stop"))
    assert german.interface_languages == ("en", "ar")
    turkish_first = loaded(edition_dir, lambda t: t.replace("ui_language: en",
                                                            "ui_language: tr"))
    assert turkish_first.interface_languages == ("tr", "ar", "en")


def test_edition_yml_may_choose_the_interface_languages(edition_dir):
    chosen = loaded(edition_dir, lambda t: t.replace("ui_language: en",
                                                     "ui_language: en\ninterface_languages: [tr]"))
    assert chosen.interface_languages == ("en", "tr")


def test_an_interface_language_without_a_catalog_is_told_at_its_line(edition_dir):
    messages = errors_of(edition_dir, lambda t: t.replace(
        "ui_language: en", "ui_language: en\ninterface_languages: [ar, fa]"))
    line = line_of(edition_dir, "interface_languages")
    assert len(messages) == 1 and messages[0].startswith(f"edition/edition.yml:{line}:")
    assert "no interface catalog for 'fa'" in messages[0]


@pytest.mark.parametrize("content, message", [
    ("", "edition.yml must be a mapping"),
    ("- a\n- b\n", "edition.yml must be a mapping"),
])
def test_an_empty_or_odd_file(edition_dir, content, message):
    messages = errors_of(edition_dir, lambda _: content)
    assert messages == [f"edition/edition.yml:1:1: {message} of the edition's title, "
                        f"languages, chapters …; see `edition new`"]


def test_an_empty_chapter_list(edition_dir):
    def edit(text):
        head, _, _ = text.partition("chapters:")
        return head + "chapters: []\n"
    messages = errors_of(edition_dir, edit)
    assert messages == [f"edition/edition.yml:{line_of(edition_dir, 'chapters:')}:11: the "
                        f"edition needs at least one chapter"]


def test_an_overlong_id(edition_dir):
    long_id = "a" * 300
    messages = errors_of(edition_dir, lambda t: t.replace("  - id: hijra\n",
                                                          f"  - id: {long_id}\n"))
    assert any("is 300 characters long; at most 64" in m for m in messages), messages


def test_an_unknown_principle_is_told_at_its_line(edition_dir):
    messages = errors_of(edition_dir, lambda t: t.replace("  segmentation:", "  segmentaion:"))
    assert messages[0].startswith(f"edition/edition.yml:{line_of(edition_dir, 'segmentaion')}:")
    assert "unknown principle 'segmentaion'" in messages[0]


def test_a_symlink_out_of_the_edition_is_refused(edition_dir, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (edition_dir / "sources" / "linked.txt").symlink_to(outside)
    messages = errors_of(edition_dir, lambda t: t.replace("sources/hijra-tr.txt",
                                                          "sources/linked.txt"))
    assert any("lies outside the edition folder" in m for m in messages), messages


def test_an_id_given_twice_is_told_where_it_is_repeated(edition_dir):
    messages = errors_of(edition_dir, lambda t: t.replace("  - id: hijra-tr\n",
                                                          "  - id: hijra-ar\n"))
    lines = (edition_dir / "edition.yml").read_text(encoding="utf-8").splitlines()
    first, second = [i for i, line in enumerate(lines, 1) if "- id: hijra-ar" in line]
    assert messages == [f"edition/edition.yml:{second}:13: id 'hijra-ar' is used twice in "
                        f"edition.yml (first at line {first})"]
