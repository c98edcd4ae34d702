"""Speech in the default edition: attributed, nested, indirect, and shown with its speaker."""

from __future__ import annotations

import pytest
from lxml import html

from build_tools.teixml import NS, XML_ID, parse


@pytest.fixture(scope="module")
def speeches(built):
    found = {}
    for text in ("hijra-ar", "hijra-tr"):
        found[text] = list(parse(built.tei_dir / f"{text}.xml").iterfind(".//tei:said", NS))
    return found


def words(element) -> str:
    return "".join(element.itertext())


def test_every_speech_has_a_speaker_in_the_register(built, speeches):
    register = parse(built.tei_dir / "register.xml")
    ids = {e.get(XML_ID) for e in register.iter() if e.get(XML_ID)}
    for said in speeches["hijra-ar"] + speeches["hijra-tr"]:
        for pointer in (said.get("who") + " " + (said.get("toWhom") or "")).split():
            assert pointer.split(":")[1] in ids, pointer


def test_aisha_narrates_the_dialogue_of_the_midday_visit(speeches):
    aisha = next(s for s in speeches["hijra-ar"] if s.get("who") == "per:aisha")
    inner = aisha.findall(".//tei:said", NS)
    assert {s.get("who") for s in inner} >= {"per:speaker", "per:abu-bakr", "per:muhammad"}
    assert any(words(s) == "أخرج مَنْ عندك" and s.get("toWhom") == "per:abu-bakr" for s in inner)


def test_unnamed_speakers_groups_and_iblis_speak(speeches):
    speakers = {s.get("who") for s in speeches["hijra-ar"] + speeches["hijra-tr"]}
    assert {"per:passer-by", "per:speaker", "per:pursuer", "org:quraysh-youths",
            "per:iblis"} <= speakers


def test_indirect_speech_is_marked(speeches):
    indirect = [s for s in speeches["hijra-tr"] if s.get("direct") == "false"]
    assert [words(s) for s in indirect] == ["niçin ağladığını sordular"]


def test_the_unclosed_quotation_does_not_swallow_the_text(speeches):
    pursuer = next(s for s in speeches["hijra-tr"] if s.get("who") == "per:pursuer")
    assert words(pursuer) == '"Ee! Belki içerdedir...'


def test_a_speech_shows_its_speaker_on_hover_and_to_screen_readers(built):
    page = html.parse(str(built.site_dir / "edition/hijra/hijra-tr.html")).getroot()
    said = next(s for s in page.find_class("said") if "Niçin ağlıyorsun" in s.text_content())
    assert "Hz. Muhammed" in said.get("title")
    # Read aloud from CSS generated content, so it is not in the text (nor copied).
    assert "Hz. Muhammed" in said.get("data-speaker")
    assert "Konuşan" not in said.text_content()


def test_person_page_lists_mentions_and_speeches_in_both_texts(built):
    page = html.parse(str(built.site_dir / "edition/register/person/abu-bakr.html")).getroot()
    links = [a.get("href") for a in page.iter("a")]
    assert any("hijra-ar.html#hijra-ar-s" in h for h in links)
    assert any("hijra-tr.html#hijra-tr-s" in h for h in links)
    assert "أبو بكر" in page.text_content() and "Ebû Bekir" in page.text_content()


def test_the_speech_index_says_who_speaks_to_whom(built):
    page = html.parse(str(built.site_dir / "edition/register/speeches.html")).getroot()
    rows = [row.text_content() for row in page.iter("tr")]
    assert any("Umayya ibn Khalaf" in row and "One of the pursuers" in row for row in rows)
    assert len(rows) >= 20
