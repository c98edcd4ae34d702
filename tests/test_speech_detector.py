"""Tests of the direct-speech detector on the seeds, on edge cases and on the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import openiti
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.annotate.speech_detector import SpeechProposal, detect_speech

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "edition" / "sources"
CORPUS = REPO.parent / "shared" / "corpora" / "ibnhisham-hijra.mARkdown"


def _read(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def _speech(text: str, scan, words: str) -> SpeechProposal:
    """The proposal whose spoken words begin with ``words``."""
    found = [p for p in scan.proposals if text[p.start:p.end].startswith(words)]
    assert found, f"no proposal starts with {words!r}"
    return found[0]


def _spanned(text: str, proposal: SpeechProposal) -> str:
    return text[proposal.start:proposal.end]


@pytest.fixture(scope="module")
def arabic():
    text = _read("hijra-ar.txt")
    return text, detect_speech(text, "ar")


@pytest.fixture(scope="module")
def turkish():
    text = _read("hijra-tr.txt")
    return text, detect_speech(text, "tr")


# --- Arabic seed ---------------------------------------------------------------------------

def test_arabic_speech_without_speaker_name(arabic):
    text, scan = arabic
    proposal = _speech(text, scan, "شاهت الوجوه")
    assert _spanned(text, proposal) == "شاهت الوجوه وعميت الأبصار"
    assert proposal.speaker_text is None and proposal.cue == "وقال"


def test_arabic_speech_of_a_group(arabic):
    text, scan = arabic
    proposal = _speech(text, scan, "هذا محمد في فراشه")
    assert _spanned(text, proposal) == "هذا محمد في فراشه، وعليه بردة"
    assert proposal.cue == "فقالوا" and proposal.speaker_text is None
    assert proposal.confidence == "high"


def test_arabic_named_speaker_and_dialogue_boundaries(arabic):
    text, scan = arabic
    proposal = _speech(text, scan, "إنما هم أهلك")
    assert _spanned(text, proposal) == "إنما هم أهلك بأبي أنت يا رسول الله"
    assert proposal.speaker_text == "أبو بكر"
    assert text[proposal.speaker_start:proposal.speaker_end] == "أبو بكر"
    reply = _speech(text, scan, "فإني قد أذن لي")
    assert _spanned(text, reply) == "فإني قد أذن لي في الخروج"


def test_arabic_addressee_and_eulogy(arabic):
    text, scan = arabic
    proposal = _speech(text, scan, "أخرج مَنْ عندك")
    assert proposal.speaker_text == "النبي" and proposal.addressee_text == "لأبي بكر"
    first = _speech(text, scan, "لا تعجل")
    assert _spanned(text, first) == "لا تعجل لعل الله يجعل لك صاحبا"
    assert (first.speaker_text, first.addressee_text) == ("النبي", "له")


def test_arabic_speaker_before_a_dashed_blessing(arabic):
    text, scan = arabic
    proposal = _speech(text, scan, "فداءً له أبي وأمي")
    assert proposal.speaker_text == "أبو بكر"
    assert _spanned(text, proposal).endswith("إلا أمر.")


def test_arabic_narration_frame_contains_the_dialogue(arabic):
    text, scan = arabic
    frame = _speech(text, scan, "فبينما نحن يوماً")
    assert frame.kind == "narration" and frame.speaker_text == "عائشة"
    inner = _speech(text, scan, "إنما هم أهلك")
    assert frame.start <= inner.start and inner.end <= frame.end


def test_arabic_relative_clause_is_no_cue(arabic):
    text, scan = arabic
    assert not any(_spanned(text, p).startswith("الرجل") for p in scan.proposals)


# --- Turkish seed --------------------------------------------------------------------------

def test_turkish_question_with_speaker_on_the_line_before(turkish):
    text, scan = turkish
    proposal = _speech(text, scan, "Niçin ağlıyorsun?")
    assert _spanned(text, proposal) == "Niçin ağlıyorsun?"
    assert proposal.speaker_text == "Peygamberimiz" and proposal.cue == "deyince"


def test_turkish_speech_with_verb_after(turkish):
    text, scan = turkish
    proposal = _speech(text, scan, "Hayır, üzülme.")
    assert _spanned(text, proposal) == "Hayır, üzülme. Allah bizimle beraberdir."
    assert proposal.speaker_text == "Efendimiz" and proposal.cue == "dedi"
    assert proposal.confidence == "high"


def test_turkish_speaker_inside_the_quotation(turkish):
    text, scan = turkish
    first = _speech(text, scan, "Yılan")
    assert _spanned(text, first) == "Yılan"
    second = _speech(text, scan, "Ayağımı yılan soktu")
    assert first.speaker_text == second.speaker_text == "Hazreti Ebu Bekr"
    assert "dedi" not in _spanned(text, second)


def test_turkish_unclosed_quotation_is_contained_and_reported(turkish):
    text, scan = turkish
    opened = text.index('"Ee! Belki')
    proposal = _speech(text, scan, "Ee! Belki")
    assert _spanned(text, proposal) == "Ee! Belki içerdedir..."
    assert proposal.confidence == "low" and proposal.speaker_text == "biri"
    assert [p.offset for p in scan.problems] == [opened]
    assert "never closed" in scan.problems[0].message
    narrative = text.index("Bunun üzerine Ümeyye bin Halef şöyle dedi:")
    assert not any(p.start <= narrative < p.end for p in scan.proposals)
    reply = _speech(text, scan, "Dediğin söze bak!")
    assert reply.speaker_text == "Ümeyye bin Halef"
    assert _spanned(text, reply).endswith("yere düşmüş olurdu.")


def test_turkish_purpose_clause_with_diye_is_no_speech(turkish):
    text, scan = turkish
    clause = text.index("belli olmasın diye")
    assert not any(p.start <= clause < p.end for p in scan.proposals)


# --- edge cases ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "tr"])
def test_empty_text(lang):
    scan = detect_speech("", lang)
    assert scan.proposals == [] and scan.problems == []


def test_only_quotation_marks():
    scan = detect_speech('"""" “”', "tr")
    assert scan.proposals == []
    assert all(0 <= p.offset < 7 for p in scan.problems)


def test_unbalanced_quotation_at_the_end():
    text = 'Ali "Merhaba" dedi. Sonra Veli: "Nereye'
    scan = detect_speech(text, "tr")
    spoken = [_spanned(text, p) for p in scan.proposals]
    assert spoken == ["Merhaba", "Nereye"]
    assert [p.offset for p in scan.problems] == [text.rindex('"')]


def test_unclosed_quotation_stops_at_the_paragraph():
    text = 'Biri: "Gel buraya\n\nErtesi gün yola çıktılar.'
    scan = detect_speech(text, "tr")
    assert [_spanned(text, p) for p in scan.proposals] == ["Gel buraya"]
    assert len(scan.problems) == 1


def test_arabic_without_punctuation():
    text = "فقال أبو بكر إنما هم أهلك يا رسول الله فقال النبي صلى الله عليه وسلم الصحبة"
    scan = detect_speech(text, "ar")
    spoken = {p.speaker_text: _spanned(text, p) for p in scan.proposals}
    assert spoken == {"أبو بكر": "إنما هم أهلك يا رسول الله", "النبي": "الصحبة"}


def test_arabic_isnad_names_the_last_transmitter():
    text = ("قال ابن إسحاق: فحدثني من لا أتهم، عن عبد الله بن عباس رضي الله عنهما قال: "
            "لما أجمعوا لذلك غدوا.")
    scan = detect_speech(text, "ar")
    speakers = [(p.speaker_text, p.kind) for p in scan.proposals]
    assert speakers == [("ابن إسحاق", "narration"), ("عبد الله بن عباس", "narration")]


def test_a_language_without_a_plug_in_is_read_from_its_cldr_quotation_marks():
    # French has no plug-in: CLDR's « » pair is its quotation, and nothing crashes.
    text = "Il dit : « Nous partirons demain. » Puis il sortit."
    scan = detect_speech(text, "fr")
    assert [text[p.start:p.end] for p in scan.proposals] == ["Nous partirons demain."]


def test_english_speech_is_read_from_its_marks_and_verbs():
    text = ('Abu Bakr said: “Shall I come with you?” “Yes,” replied the Prophet. '
            'Then they left.')
    scan = detect_speech(text, "en")
    spoken = [text[p.start:p.end] for p in scan.proposals]
    assert spoken == ["Shall I come with you?", "Yes"]   # the comma is the narrator's
    assert scan.proposals[0].speaker_text == "Abu Bakr"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='قال: فقالوا، ."«»“”-\n abc dedi diye Ali', max_size=80),
       st.sampled_from(["ar", "tr"]))
def test_any_text_gives_spans_inside_it(text, lang):
    scan = detect_speech(text, lang)
    for proposal in scan.proposals:
        assert 0 <= proposal.start < proposal.end <= len(text)
        assert proposal.confidence in ("high", "low")
        if proposal.speaker_start is not None:
            assert text[proposal.speaker_start:proposal.speaker_end] == proposal.speaker_text
    assert detect_speech(text, lang) == scan  # deterministic


# --- the real corpus -----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_file(), reason=f"corpus absent: {CORPUS} (../shared/corpora)")
def test_corpus_dialogue_of_dar_al_nadwa():
    text = openiti().read_markdown(CORPUS)
    scan = detect_speech(text, "ar")
    speeches = [p for p in scan.proposals if p.kind == "speech"]
    assert len(speeches) >= 60
    question = _speech(text, scan, "من الشيخ؟")
    assert _spanned(text, question) == "من الشيخ؟"
    shaykh = _speech(text, scan, "القول ما قال الرجل")
    assert shaykh.speaker_text == "الشيخ النجدي"
    ali = _speech(text, scan, "نم على فراشي")
    assert ali.addressee_text == "لعلي بن أبي طالب"
    assert _spanned(text, ali).endswith("تكرهه منهم")
    isnad = [p for p in scan.proposals if p.speaker_text == "عبد الله بن عباس"]
    assert isnad and isnad[0].kind == "narration"
    for outer in scan.proposals:  # proposals nest; they never cross
        for inner in scan.proposals:
            assert not (outer.start < inner.start < outer.end < inner.end)


# --- spans: a closing mark ends a speech, turns are siblings, more verbs (issue 18) --------

def test_arabic_quoted_speech_ends_at_its_closing_mark():
    """«…» after the colon: the speech is the quoted words, never what follows the mark."""
    text = "ثم قال: «وأطيعوا الله والرسول لعلكم ترحمون» 3: 132 معاتبة للذين عصوا يومئذ."
    scan = detect_speech(text, "ar")
    speech = _speech(text, scan, "وأطيعوا")
    assert _spanned(text, speech) == "وأطيعوا الله والرسول لعلكم ترحمون"
    assert speech.kind == "speech" and speech.confidence == "high"


def test_arabic_speech_opened_inside_a_quotation_ends_with_it():
    text = "فقال رسول الله: «يا قوم، وقالوا لإخوانهم لو كانوا عندنا» ثم سكت طويلا."
    scan = detect_speech(text, "ar")
    quoted = _speech(text, scan, "يا قوم")
    for proposal in scan.proposals:
        if quoted.start <= (proposal.cue_start or 0) < quoted.end:
            assert proposal.end <= quoted.end


def test_arabic_consecutive_turns_are_siblings():
    """A dialogue without marks: each turn ends where the next turn's verb stands, and the
    narrator's "قال:" before "قلت:" frames nothing."""
    text = ("قال: وتحدثت معه، فقال لي: أتبيعني فرسك هذا؟ قال: قلت: بل أهبه لك، قال: لا، "
            "ولكن بعنيه، قال: قلت: فسمه، قال: قد أخذته بدرهم.")
    scan = detect_speech(text, "ar")
    speeches = sorted((p for p in scan.proposals if p.kind == "speech"), key=lambda p: p.start)
    assert [_spanned(text, p) for p in speeches] == [
        "أتبيعني فرسك هذا؟", "بل أهبه لك", "لا، ولكن بعنيه", "فسمه", "قد أخذته بدرهم."]
    for outer in scan.proposals:
        for inner in speeches:
            if outer is not inner and outer.kind == "speech":
                assert not (outer.start <= inner.start and inner.end <= outer.end)


def test_arabic_narrator_frames_are_siblings():
    text = "قال: ففعلت. قال: فأخذها منه، ثم قال: اركب. قال: فركبت."
    frames = [p for p in detect_speech(text, "ar").proposals if p.kind == "narration"]
    assert len(frames) >= 2
    for first, second in zip(frames, frames[1:]):
        assert first.end <= second.start


def test_arabic_dash_after_a_speech_gives_the_word_back_to_the_narrator():
    text = "فقال: أترى سيفي هذا؟ قال: نعم- وكان محلى بفضة- ثم أخذه."
    assert _spanned(text, _speech(text, detect_speech(text, "ar"), "نعم")) == "نعم"


@pytest.mark.parametrize("verb", ["فنادى", "فصاح", "فصرخ"])
def test_arabic_calling_verbs_introduce_speech(verb):
    text = f"{verb} أبو جهل: يا معشر قريش، هذا محمد قد خرج."
    speech = _speech(text, detect_speech(text, "ar"), "يا معشر")
    assert speech.speaker_text == "أبو جهل" and speech.cue == verb


def test_arabic_asking_verbs_introduce_speech_only_with_a_colon():
    asked = "فسأل أبو بكر: أين نحن؟"
    assert _spanned(asked, _speech(asked, detect_speech(asked, "ar"), "أين")) == "أين نحن؟"
    reported = "فسأل عن أمرهم ثم انصرف إلى بيته."
    assert not detect_speech(reported, "ar").proposals
