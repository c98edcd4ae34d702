"""The register's Quran: every cited verse with its Arabic text and its translation into each
of the edition's languages the data has one for, and the data set and translations they come
from with their licences (SPEC §5, ``listBibl``)."""

from __future__ import annotations

from babel import Locale
from lxml import etree

from ..quran import PROVENANCE, Quran, Translation, VerseRange
from ..teixml import TEI, XML_ID, XML_LANG

DATA_SET_ID = "quran-json"


def verse_id(sura: int, verse: int) -> str:
    """The xml:id of a cited verse in the register (``quran:8:30`` resolves to it)."""
    return f"quran-{sura}-{verse}"


def range_id(cited: VerseRange) -> str:
    """The xml:id a ``quran:`` pointer resolves to: a verse, or a passage of several."""
    if cited.first == cited.last:
        return verse_id(cited.sura, cited.first)
    return f"quran-{cited.sura}-{cited.first}-{cited.last}"


def quran_list(quran: Quran, cited: tuple[VerseRange, ...]) -> etree._Element:
    """The ``listBibl type="quran"``: the data set and its translations, then each cited
    verse and passage.

    Always written, if only with the data set: it keeps the register a valid ``standOff``
    (which must hold a list) even in an edition that names no one and cites nothing.
    """
    verses = sorted({(r.sura, n) for r in cited for n in range(r.first, r.last + 1)})
    passages = [r for r in cited if r.first != r.last]
    return TEI.listBibl(
        {"type": "quran"},
        _data_set(),
        *(_translation(translation) for translation in quran.translations),
        *(_verse(quran, sura, number) for sura, number in verses),
        *(_passage(quran, passage) for passage in passages))


def translation_id(lang: str) -> str:
    """The xml:id of the data set's translation into ``lang``."""
    return f"{DATA_SET_ID}-{lang}"


def _data_set() -> etree._Element:
    p = PROVENANCE
    return TEI.bibl(
        {XML_ID: DATA_SET_ID, "type": "dataset"},
        TEI.title(f"{p.name} {p.version}"),
        TEI.ref({"target": p.url}, p.url),
        TEI.availability(TEI.licence({"target": p.licence_url}, p.licence)),
        TEI.note({"type": "source", XML_LANG: "en"}, f"Arabic text: {p.arabic_source}."))


def _translation(translation: Translation) -> etree._Element:
    """A translation of the data set: who made it, where from, and its source's terms."""
    return TEI.bibl(
        {XML_ID: translation_id(translation.lang), "type": "translation",
         "source": f"#{DATA_SET_ID}"},
        TEI.title(translation.name),
        TEI.ref({"target": translation.url}, translation.url),
        TEI.availability(TEI.licence({"target": translation.terms_url}, translation.terms)),
        TEI.note({"type": "translation", XML_LANG: "en"},
                 f"{Locale.parse('en').languages.get(translation.lang, translation.lang)} "
                 f"translation in {PROVENANCE.name} {PROVENANCE.version}, from "
                 f"{translation.source}."))


def _titles(quran: Quran, sura: int) -> list[etree._Element]:
    names = quran.sura(sura)
    return [TEI.title({XML_LANG: "ar"}, names.name_ar), TEI.title({XML_LANG: "tr"}, names.name_tr),
            TEI.title({XML_LANG: "ar-Latn"}, names.transliteration)]


def _verse(quran: Quran, sura: int, number: int) -> etree._Element:
    verse = quran.verse(sura, number)
    return TEI.bibl(
        {XML_ID: verse_id(sura, number), "type": "verse", "source": f"#{DATA_SET_ID}"},
        *_titles(quran, sura),
        TEI.citedRange({"unit": "sura", "n": str(sura)}, str(sura)),
        TEI.citedRange({"unit": "verse", "n": str(number)}, str(number)),
        # bibl holds no quote of its own; a note may.
        TEI.note({"type": "verse", XML_LANG: "ar"}, TEI.quote(verse.text_ar)),
        *(TEI.note({"type": "translation", XML_LANG: lang}, TEI.quote(text))
          for lang, text in verse.translations.items()))


def _passage(quran: Quran, passage: VerseRange) -> etree._Element:
    members = " ".join(f"#{verse_id(passage.sura, n)}"
                       for n in range(passage.first, passage.last + 1))
    return TEI.bibl(
        {XML_ID: range_id(passage), "type": "passage", "source": f"#{DATA_SET_ID}"},
        *_titles(quran, passage.sura),
        TEI.citedRange({"unit": "sura", "n": str(passage.sura)}, str(passage.sura)),
        TEI.citedRange({"unit": "verse", "from": str(passage.first), "to": str(passage.last)},
                       f"{passage.first}-{passage.last}"),
        TEI.ptr({"type": "verses", "target": members}))
