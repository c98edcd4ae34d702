"""The default edition's TEI: valid against TEI P5 tei_all, complete, and faithful to its sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from build_tools.ingest import normalise
from build_tools.tei.schemas import tei_all_schema
from build_tools.teixml import TEI_NS, parse
from build_tools.validate import body_text

from .conftest import ROOT

NS = {"tei": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEXTS = ("hijra-ar", "hijra-tr")


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(tei_all_schema())))


@pytest.fixture(scope="module")
def tei(built) -> dict[str, etree._ElementTree]:
    return {path.stem: parse(path) for path in sorted(built.tei_dir.glob("*.xml"))}


def test_every_file_is_there(tei):
    assert set(tei) == {*TEXTS, "register", "alignment", "corpus", "corpus-resolved"}


@pytest.mark.parametrize("name", [*TEXTS, "register", "alignment", "corpus-resolved"])
def test_valid_against_tei_all_with_a_relax_ng_validator(tei, tei_all, name):
    valid = tei_all.validate(tei[name])
    assert valid, "\n".join(f"{e.line}:{e.column}: {e.message}" for e in tei_all.error_log)


def test_the_resolved_corpus_is_what_an_xinclude_processor_makes(built, tei):
    included = parse(built.tei_dir / "corpus.xml")
    included.xinclude()
    assert etree.tostring(tei["corpus-resolved"], method="c14n") == \
        etree.tostring(included, method="c14n")


@pytest.mark.parametrize("name", TEXTS)
def test_body_text_is_the_normalised_source(tei, name):
    raw = (ROOT / "edition" / "sources" / f"{name}.txt").read_bytes().decode("utf-8-sig")
    assert body_text(tei[name]) == normalise(raw)


@pytest.mark.parametrize("name", [*TEXTS, "register", "alignment", "corpus"])
def test_each_file_names_its_schema(tei, name):
    models = [node for node in tei[name].getroot().itersiblings(preceding=True)
              if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"]
    assert any("tei_all.rng" in model.text for model in models)


@pytest.mark.parametrize("name, lang", [("hijra-ar", "ar"), ("hijra-tr", "tr")])
def test_texts_carry_their_language(tei, name, lang):
    text = tei[name].find("tei:text", NS)
    assert text.get(XML_LANG) == lang
    assert tei[name].getroot().find("tei:teiHeader", NS).get(XML_LANG) is not None


@pytest.mark.parametrize("name", TEXTS)
def test_every_sentence_in_exactly_one_episode_scene(tei, name):
    body = tei[name].find(".//tei:body", NS)
    scenes = body.findall("tei:div", NS)
    assert scenes and all(scene.get("type") == "episode" for scene in scenes)
    sentences = body.findall(".//tei:s", NS)
    assert sentences
    for sentence in sentences:
        enclosing = [a for a in sentence.iterancestors(f"{{{TEI_NS}}}div")]
        assert len(enclosing) == 1, sentence.get(XML_ID)
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9._-]*", s.get(XML_ID)) for s in sentences)


def test_names_point_into_the_register(tei):
    register_ids = {element.get(XML_ID) for element in tei["register"].iter()
                    if element.get(XML_ID)}
    for name in TEXTS:
        names = tei[name].findall(".//tei:persName", NS) + tei[name].findall(".//tei:placeName", NS)
        assert names, f"no names tagged in {name}"
        for element in names:
            prefix, _, target = element.get("ref").partition(":")
            assert prefix in {"per", "org", "pl"} and target in register_ids, element.get("ref")


def test_register_has_persons_and_places_named_in_both_languages(tei):
    register = tei["register"]
    persons = register.findall(".//tei:person", NS)
    places = register.findall(".//tei:place", NS)
    assert len(persons) >= 5 and len(places) >= 3
    for entry in persons + places:
        langs = {name.get(XML_LANG) for name in entry.iter() if name.tag.endswith("Name")}
        assert {"ar", "tr"} <= langs or "en" in langs, entry.get(XML_ID)


def test_the_bed_episode_is_one_row_with_both_texts(tei):
    """The Quraysh find Ali in the Prophet's bed: told by both texts, aligned as one episode."""
    episode_of = {}
    for name, needle in (("hijra-ar", "فنظروا من الباب"), ("hijra-tr", "Hazreti Ali'yi bulunca")):
        scene = next(div for div in tei[name].iterfind(".//tei:div", NS)
                     if needle in "".join(div.itertext()))
        episode_of[name] = scene.get("corresp").split("#")[-1]
    assert episode_of["hijra-ar"] == episode_of["hijra-tr"]
    episode = episode_of["hijra-ar"]
    link = next(link for link in tei["alignment"].iterfind(".//tei:link", NS)
                if f"#{episode}" in link.get("target").split())
    assert link.get("type") == "parallel"
    assert "hijra-ar" in link.get("target") and "hijra-tr" in link.get("target")


def test_some_episodes_are_told_by_one_text_only(tei):
    """The texts overlap only partly (SPEC §1): the alignment says so instead of forcing pairs."""
    types = [link.get("type") for link in tei["alignment"].iterfind(".//tei:link", NS)]
    assert "parallel" in types and "single" in types


def test_tei_is_byte_identical_when_built_again(built, tmp_path):
    from build_tools import pipeline
    from .conftest import copy_project
    again = copy_project(tmp_path / "again")
    pipeline.make_tei(again)
    pipeline.make_pages(again, ("en",))
    for first in sorted(built.tei_dir.rglob("*")):
        if first.is_file():
            second = again.tei_dir / first.relative_to(built.tei_dir)
            assert first.read_bytes() == second.read_bytes(), first.name
    for first in sorted(built.pages_dir.rglob("*.md")):
        second = again.pages_dir / first.relative_to(built.pages_dir)
        assert first.read_bytes() == second.read_bytes(), first.name
