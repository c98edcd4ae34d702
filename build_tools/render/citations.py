"""What a citation's footnote says, in the language of the column it stands in (SPEC §6).

Arabic: the sura's name and the verse number in Arabic-Indic digits, then the verse. Other
languages: the sura's name, ``8/30``, the translation into the column's language, then the
verse in Arabic; where the register holds no translation into it, the verse in Arabic and a
sentence saying so. Works of the register (hadith collections) are named by their labels.
"""

from __future__ import annotations

from lxml import etree

from ..teixml import TEI_NS
from .edition_view import EditionView, VerseView
from .i18n import N_, language_name, number, translate, translations
from .escaping import escape

QURAN_OPEN, QURAN_CLOSE = "﴿", "﴾"
INTRODUCTIONS = {"paraphrase": N_("Cf. {reference}"),
                 "allusion": N_("An allusion to {reference}")}
NO_TRANSLATION = N_("No translation of the Quran into {language} is available in this edition.")


def citation_note(view: EditionView, pointers: str, lang: str, kind: str = "quote",
                  quran_index: str = "") -> str:
    """The footnote (inline HTML) for a citation of ``pointers`` of the given kind; a
    verse's reference links to its entry in the Quran index at ``quran_index`` (a URL
    relative to the page), if given."""
    parts = []
    for pointer in pointers.split():
        if pointer.startswith("quran:"):
            parts.append(_quran(view.cited_verses(pointer), lang, quran_index))
        else:
            entry = view.entry(pointer)
            parts.append(escape(entry.label(lang) if entry else pointer))
    note = "; ".join(part for part in parts if part)
    if kind in INTRODUCTIONS:
        note = translate(lang, INTRODUCTIONS[kind], reference=note)
    return note


MISQUOTED = N_("Misquoted; the verse reads: {reference}")
# How each marked stretch of a misquotation's note is shown: the verse's words the text
# lacks or changed as inserted, the text's own words as deleted, each said in words too.
_DIFFERENCES = {"omitted": ("ins", N_("missing or changed in the text")),
                "added": ("del", N_("not in the verse"))}


def misquotation_note(view: EditionView, pointer: str, lang: str,
                      note: etree._Element | None) -> str:
    """The footnote (inline HTML) of a misquotation: that it is one, the verses' reference
    and translation, and their Arabic words with the differences from the text marked, as
    the misquotation's ``note`` in the back gives them (the plain verses without it)."""
    verses = view.cited_verses(pointer) if pointer.startswith("quran:") else []
    if not verses:
        return citation_note(view, pointer, lang)
    reference = escape(verse_reference(verses, lang))
    quote = note.find(f"{{{TEI_NS}}}quote") if note is not None else None
    arabic = arabic_verses(verses) if quote is None else \
        f'<span lang="ar" dir="rtl">{QURAN_OPEN}{_marked(quote, lang)}{QURAN_CLOSE}</span>'
    translation = verse_translation(verses, lang) if lang != "ar" else None
    said = escape(translate(lang, MISQUOTED, reference="\x00")).split("\x00")
    text = f"{said[0]}{reference}{said[1] if len(said) > 1 else ''}"
    return f"{text}: {translation} {arabic}" if translation else f"{text}: {arabic}"


def _marked(quote: etree._Element, lang: str) -> str:
    """The words of a misquotation's note, its marked stretches as ``ins``/``del``."""
    parts = [escape(quote.text or "")]
    for seg in quote:
        tag, label = _DIFFERENCES.get(seg.get("type", ""), ("span", ""))
        said = escape(translate(lang, label)) if label else ""
        title = f' title="{said}"' if said else ""
        hidden = f'<span class="sr-only" lang="{lang}">({said}) </span>' if said else ""
        parts.append(f"<{tag}{title}>{hidden}{escape(seg.text or '')}</{tag}>")
        parts.append(escape(seg.tail or ""))
    return "".join(parts)


def verse_reference(verses: list[VerseView], lang: str) -> str:
    """``سورة الأنفال، الآية ٣٠`` / ``Enfâl 8/30`` / ``al-Anfal 8:30``: plain text."""
    first, last = verses[0], verses[-1]
    numbers = number(first.number, lang)
    if last.number != first.number:
        numbers += "–" + number(last.number, lang)
    # Translators: {sura} (the sura's number) may stand in this too.
    one = N_("Sura {name}, verse {verse}")
    # Translators: {sura} (the sura's number) may stand in this too.
    several = N_("Sura {name}, verses {verse}")
    message = one if len(verses) == 1 else several
    name = first.sura_names.get(lang) or first.sura_names.get("ar-Latn") or str(first.sura)
    return translate(lang, message, name=name, sura=number(first.sura, lang), verse=numbers)


def arabic_verses(verses: list[VerseView]) -> str:
    """The Arabic text of the verses, in ornate parentheses, as an Arabic run."""
    text = " ".join(f"{escape(v.text_ar)} ({number(v.number, 'ar')})" for v in verses)
    return f'<span lang="ar" dir="rtl">{QURAN_OPEN}{text}{QURAN_CLOSE}</span>'


def verse_translation(verses: list[VerseView], lang: str) -> str | None:
    """The verses in ``lang`` (escaped), or None where the register holds no translation."""
    texts = [verse.translation(lang) for verse in verses]
    if not texts or None in texts:
        return None
    return " ".join(escape(text) for text in texts)


def no_translation(lang: str, ui: str) -> str:
    """The sentence (inline HTML) that there is no translation into ``lang``, in ``ui``, or in
    English, marked as such, where ``ui`` has no catalog that says it."""
    said_in = ui if translations(ui).gettext(NO_TRANSLATION) != NO_TRANSLATION else "en"
    sentence = escape(translate(said_in, NO_TRANSLATION,
                                language=language_name(lang, said_in)))
    return sentence if said_in == ui else f'<span lang="en">{sentence}</span>'


def _quran(verses: list[VerseView], lang: str, quran_index: str = "") -> str:
    if not verses:
        return ""
    reference = escape(verse_reference(verses, lang))
    if quran_index:
        reference = f'<a class="verse-link" href="{quran_index}#{verses[0].id}">{reference}</a>'

    if lang == "ar":
        return f"{reference}: {arabic_verses(verses)}"
    translation = verse_translation(verses, lang)
    if translation is None:
        return f"{reference}: {arabic_verses(verses)} {no_translation(lang, lang)}"
    return f"{reference}: {translation} {arabic_verses(verses)}"


def is_printed_reference(ref: etree._Element) -> bool:
    """Whether a ``ref`` is the printed reference of the quotation before it (whose
    footnote serves for both): inside its ``cit``, or right after it."""
    if ref.getparent().tag == f"{{{TEI_NS}}}cit":
        return True
    quote = ref.getprevious()
    return (quote is not None and quote.tag == f"{{{TEI_NS}}}quote"
            and quote.get("source") == ref.get("target")
            and not any(c.isalnum() for c in (quote.tail or "")))
