"""The edition's own TEI customisation: strict, TEI-conformant, and checked by real tools."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys

import pytest
from lxml import etree

from build_tools.tei.schemas import tei_all_schema
from build_tools.teixml import NS, parse
from build_tools.validate import check_rules, relaxng

TEXTS = ("hijra-ar.xml", "hijra-tr.xml", "register.xml", "alignment.xml")


@pytest.fixture(scope="module")
def schema(built):
    return built.tei_dir / "schema"


@pytest.fixture(scope="module")
def tei_all():
    return relaxng(tei_all_schema())


def test_the_built_edition_is_valid_with_the_command(built):
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "--project",
                             str(built.root), "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Strict and conformant -------------------------------------------------------------------

def _variants(tree: etree._ElementTree):
    """Documents derived from a built file by edits an editor or a tool might make."""
    def edit(function):
        variant = copy.deepcopy(tree)
        function(variant)
        return variant
    yield "as built", tree
    yield "without addressees", edit(lambda t: [s.attrib.pop("toWhom") for s in
                                                t.iterfind(".//tei:said[@toWhom]", NS)])
    yield "without notes", edit(lambda t: [b.getparent().remove(b) for b in
                                           t.iterfind(".//tei:back", NS)])
    yield "names unwrapped", edit(lambda t: etree.strip_tags(t, "{*}persName"))
    yield "speech unwrapped", edit(lambda t: etree.strip_tags(t, "{*}said"))
    yield "div of another type", edit(lambda t: t.find(".//tei:div", NS).set("type", "chapter"))
    yield "seg of another type", edit(lambda t: [s.set("type", "gloss") for s in
                                                 t.iterfind(".//tei:seg", NS)])
    yield "a foreign element", edit(lambda t: t.find(".//tei:s", NS).append(
        etree.Element("{http://www.tei-c.org/ns/1.0}hi")))
    yield "no header", edit(lambda t: t.getroot().remove(t.getroot()[0]))


@pytest.mark.parametrize("name", ["hijra-ar.xml", "hijra-tr.xml"])
def test_valid_for_the_edition_means_valid_for_tei_all(built, schema, tei_all, name):
    edition = relaxng(schema / "edition.rng")
    accepted = rejected = 0
    for label, variant in _variants(parse(built.tei_dir / name)):
        if edition.validate(variant):
            accepted += 1
            assert tei_all.validate(variant), (label, str(tei_all.error_log)[:500])
        else:
            rejected += 1
    assert accepted >= 4 and rejected >= 3    # the variants test both ways


@pytest.mark.parametrize("attribute, value", [("div", "chapter"), ("seg", "gloss"),
                                              ("link", "partial")])
def test_closed_value_lists(built, schema, attribute, value):
    name = "alignment.xml" if attribute == "link" else "hijra-tr.xml"
    tree = parse(built.tei_dir / name)
    tree.find(f".//tei:{attribute}", NS).set("type", value)
    assert not relaxng(schema / "edition.rng").validate(tree)


# The rules -------------------------------------------------------------------------------

def broken(built, tmp_path, name: str, edit) -> list[str]:
    """The rule violations of a copy of the built TEI with one file edited."""
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    tree = parse(folder / name)
    edit(tree)
    tree.write(str(folder / name), encoding="UTF-8", xml_declaration=True)
    return [str(e) for e in check_rules([folder / name], folder / "schema" / "edition.sch")]


def test_the_built_edition_keeps_the_rules(built):
    files = [built.tei_dir / name for name in (*TEXTS, "corpus-resolved.xml")]
    assert check_rules(files, built.tei_dir / "schema" / "edition.sch") == []


def test_an_unknown_speaker(built, tmp_path):
    problems = broken(built, tmp_path, "hijra-tr.xml",
                      lambda t: t.find(".//tei:said", NS).set("who", "per:nobody"))
    assert any('"per:nobody" does not resolve' in p for p in problems)


def test_an_addressee_that_is_a_place(built, tmp_path):
    problems = broken(built, tmp_path, "hijra-tr.xml",
                      lambda t: t.find(".//tei:said[@toWhom]", NS).set("toWhom", "pl:mecca"))
    assert any("toWhom" in p for p in problems)


def test_an_impossible_verse_in_the_register(built, tmp_path):
    def edit(tree):
        verse = tree.find(".//tei:bibl[@type='verse']", NS)
        verse.find("tei:citedRange[@unit='verse']", NS).set("n", "300")
    problems = broken(built, tmp_path, "register.xml", edit)
    assert any("there is no verse 2:300" in p and "286 verses" in p for p in problems)


def test_a_citation_of_an_uncited_verse(built, tmp_path):
    problems = broken(built, tmp_path, "hijra-tr.xml",
                      lambda t: t.find(".//tei:seg", NS).set("source", "quran:115:1"))
    assert any('"quran:115:1" does not resolve' in p for p in problems)


def test_a_malformed_hijri_date(built, tmp_path):
    problems = broken(built, tmp_path, "hijra-tr.xml",
                      lambda t: t.find(".//tei:date[@when-custom]", NS).set("when-custom",
                                                                           "0001-13-40"))
    assert any("not a Hijri date" in p for p in problems)


def test_an_episode_aligned_with_nothing(built, tmp_path):
    def edit(tree):
        link = tree.find(".//tei:link", NS)
        link.getparent().remove(link)
    problems = broken(built, tmp_path, "alignment.xml", edit)
    assert any("is aligned with no scene" in p for p in problems)


def test_the_build_tells_a_broken_pointer_at_its_file_and_line(built, tmp_path):
    from build_tools.validate import check_edition_rules
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    tree = parse(folder / "hijra-tr.xml")
    speech = tree.find(".//tei:said", NS)
    speech.set("who", "per:nobody")
    tree.write(str(folder / "hijra-tr.xml"), encoding="UTF-8", xml_declaration=True)
    problems = check_edition_rules(folder / "corpus.xml", folder / "schema" / "edition.sch")
    assert [(p.path, p.line) for p in problems] == [(str(folder / "hijra-tr.xml"),
                                                     speech.sourceline)]
    assert '"per:nobody" does not resolve' in problems[0].message


def test_a_build_that_changed_one_text_checks_its_pointers_and_ids_across_files(built,
                                                                              tmp_path):
    from build_tools.errors import EditionErrors
    from build_tools.validate import validate
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-tr.xml"
    tree = parse(path)
    tree.find(".//tei:said", NS).set("who", "per:nobody")
    tree.find(".//tei:s", NS).set("{http://www.w3.org/XML/1998/namespace}id", "hijra-ar-s1")
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    corpus = parse(folder / "corpus.xml")        # and its resolved copy, as the tei stage does
    corpus.xinclude()
    corpus.write(str(folder / "corpus-resolved.xml"), encoding="UTF-8", xml_declaration=True)
    with pytest.raises(EditionErrors) as raised:
        validate(folder, [], only=[path, folder / "corpus-resolved.xml"])
    messages = [str(e) for e in raised.value.errors]
    assert any('"per:nobody" does not resolve' in m and "hijra-tr.xml" in m for m in messages)
    assert any('"hijra-ar-s1" is used more than once' in m for m in messages)


def test_a_full_check_finds_an_id_given_in_two_files(built, tmp_path):
    # The check of the resolved corpus leaves the ids pattern to the parser, which refuses
    # the corpus; the members, checked one by one, then tell where.
    from build_tools.errors import EditionError, EditionErrors
    from build_tools.validate import validate
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-tr.xml"
    tree = parse(path)
    tree.find(".//tei:s", NS).set("{http://www.w3.org/XML/1998/namespace}id", "hijra-ar-s1")
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    corpus = parse(folder / "corpus.xml")
    corpus.xinclude()
    corpus.write(str(folder / "corpus-resolved.xml"), encoding="UTF-8", xml_declaration=True)
    with pytest.raises((EditionError, EditionErrors)) as raised:
        validate(folder, [])
    errors = getattr(raised.value, "errors", [raised.value])
    assert any('"hijra-ar-s1" is used more than once' in str(e) and "hijra-tr.xml" in str(e)
               for e in errors)


def _edited_edition(built, tmp_path, name: str, edit) -> Path:
    """A copy of the built TEI folder with one member edited and the resolved corpus made
    again from the members, as the tei stage makes it."""
    from build_tools.tei import resolved_corpus
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    tree = parse(folder / name)
    edit(tree)
    tree.write(str(folder / name), encoding="UTF-8", xml_declaration=True)
    members = {p.name: p.read_bytes() for p in folder.glob("*.xml")}
    (folder / "corpus-resolved.xml").write_bytes(
        resolved_corpus(members["corpus.xml"], members))
    return folder


def _sources(built):
    from build_tools.config import load_edition
    from build_tools.ingest import ingest
    return ingest(load_edition(built.edition_dir))


def test_a_whole_edition_that_passes_at_once_is_valid(built, tmp_path):
    from build_tools.validate import validate
    validate(_edited_edition(built, tmp_path, "hijra-tr.xml", lambda t: None), _sources(built))


def _remove_first_link(tree):
    link = tree.find(".//tei:link", NS)
    link.getparent().remove(link)


def _set_first(path: str, attribute: str, value: str):
    return lambda tree: tree.find(path, NS).set(attribute, value)


# One breach of each pattern of edition.sch but the ids (which the parser refuses).
BREACHES = {
    "pointers": ("hijra-tr.xml", _set_first(".//tei:said", "who", "per:nobody"),
                 '"per:nobody" does not resolve'),
    "addressees": ("hijra-tr.xml", _set_first(".//tei:said[@toWhom]", "toWhom", "pl:mecca"),
                   "toWhom"),
    "quran": ("register.xml",
              _set_first(".//tei:bibl[@type='verse']/tei:citedRange[@unit='verse']", "n",
                         "300"), "there is no verse 2:300"),
    "dates": ("hijra-tr.xml", _set_first(".//tei:date[@when-custom]", "when-custom",
                                         "0001-13-40"), "not a Hijri date"),
    "alignment": ("alignment.xml", _remove_first_link, "is aligned with no scene"),
}


@pytest.mark.parametrize("pattern", BREACHES)
def test_a_whole_edition_checked_at_once_fails_on_a_breach_of_any_pattern(built, tmp_path,
                                                                          pattern):
    # The resolved corpus is checked in one walk for all patterns, for a yes or no; a
    # breach must still be found, then told at its member file.
    from build_tools.errors import EditionError, EditionErrors
    from build_tools.validate import validate
    name, edit, message = BREACHES[pattern]
    folder = _edited_edition(built, tmp_path, name, edit)
    with pytest.raises((EditionError, EditionErrors)) as raised:
        validate(folder, _sources(built))
    errors = getattr(raised.value, "errors", [raised.value])
    assert any(message in str(e) and name in str(e) for e in errors), errors


def test_a_whole_edition_tells_a_grammar_error_at_its_member_file_and_line(built, tmp_path):
    from build_tools.errors import EditionError
    from build_tools.validate import validate
    def edit(tree):
        tree.find(".//tei:s", NS).append(etree.Element("{http://www.tei-c.org/ns/1.0}hi"))
    folder = _edited_edition(built, tmp_path, "hijra-tr.xml", edit)
    line = parse(folder / "hijra-tr.xml").find(".//tei:s/tei:hi", NS).sourceline
    with pytest.raises(EditionError) as raised:
        validate(folder, _sources(built))
    assert (raised.value.path, raised.value.line) == (str(folder / "hijra-tr.xml"), line)
    assert "edition.rng" in raised.value.message


def test_a_whole_edition_tells_a_lost_character_at_its_source(built, tmp_path):
    from build_tools.errors import EditionError
    from build_tools.validate import validate
    def edit(tree):
        sentence = next(s for s in tree.iterfind(".//tei:s", NS) if s.text and s.text.strip())
        sentence.text = sentence.text.replace(sentence.text.strip()[0], "", 1)
    folder = _edited_edition(built, tmp_path, "hijra-tr.xml", edit)
    with pytest.raises(EditionError, match="the TEI body differs from the source") as raised:
        validate(folder, _sources(built))
    assert raised.value.path.endswith("sources/hijra-tr.txt")


def test_an_id_used_in_two_files(built, tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    resolved = parse(folder / "corpus-resolved.xml")
    resolved.findall(".//tei:s", NS)[-1].set("{http://www.w3.org/XML/1998/namespace}id",
                                            "x-duplicate")
    # The same id in the Arabic text: the corpus repeats it, as two files would.
    data = etree.tostring(resolved, encoding="UTF-8").replace(
        b'xml:id="hijra-ar-s1"', b'xml:id="x-duplicate"', 1)
    (folder / "corpus-resolved.xml").write_bytes(data)
    from build_tools.errors import EditionError
    with pytest.raises(EditionError, match="x-duplicate"):
        check_rules([folder / "corpus-resolved.xml"], folder / "schema" / "edition.sch")



def test_a_rule_about_attributes_is_still_checked(built, tmp_path):
    # The build walks element to element for rules about elements only; an editor's rule
    # whose context is an attribute must still see every attribute.
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    rules = folder / "schema" / "edition.sch"
    rules.write_text(rules.read_text(encoding="utf-8").replace("</schema>", """
  <pattern id="speakers-by-prefix">
    <rule context="@who">
      <assert test="starts-with(., 'per:') or starts-with(., 'org:')">a speaker is a person
        or a group, not "<value-of select="."/>"</assert>
    </rule>
  </pattern>
</schema>"""), encoding="utf-8")
    tree = parse(folder / "hijra-tr.xml")
    tree.find(".//tei:said", NS).set("who", "pl:mecca")
    tree.write(str(folder / "hijra-tr.xml"), encoding="UTF-8", xml_declaration=True)
    problems = [str(e) for e in check_rules([folder / "hijra-tr.xml"], rules)]
    assert any('not "pl:mecca"' in p for p in problems)

# Standard XML tools ----------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("jing") is None, reason="Debian package jing is not installed")
def test_jing_validates_the_built_tei(built):
    files = [str(built.tei_dir / name) for name in (*TEXTS, "corpus-resolved.xml")]
    for grammar in ("edition.rng", "tei_all.rng"):
        result = subprocess.run(["jing", str(built.tei_dir / "schema" / grammar), *files],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_xmllint_validates_the_built_tei(built):
    files = [str(built.tei_dir / name) for name in TEXTS]
    result = subprocess.run(["xmllint", "--noout", "--relaxng",
                             str(built.tei_dir / "schema" / "edition.rng"), *files],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
