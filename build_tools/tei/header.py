"""The teiHeader: who made the edition, from what, how it was encoded and under which licence."""

from __future__ import annotations

from babel import Locale
from lxml import etree

from ..config import Edition, TextConfig
from ..teixml import TEI, XML_ID, XML_LANG, tei

# Where the prefixed pointers of the edition resolve (encodingDesc/listPrefixDef).
PREFIXES = [
    ("per", "([a-z][a-z0-9-]*)", "register.xml#$1", "a person of the register"),
    ("org", "([a-z][a-z0-9-]*)", "register.xml#$1", "a group of the register"),
    ("pl", "([a-z][a-z0-9-]*)", "register.xml#$1", "a place of the register"),
    ("bibl", "([a-z][a-z0-9-]*)", "register.xml#$1", "a work of the register"),
    ("quran", r"(\d+):(\d+)-(\d+)", "register.xml#quran-$1-$2-$3",
     "a passage of the Quran, sura:first-last verse"),
    ("quran", r"(\d+):(\d+)", "register.xml#quran-$1-$2", "a verse of the Quran, sura:verse"),
]


def calendar_id(text_id: str) -> str:
    """The xml:id of a text's Hijri calendar declaration (unique across the edition)."""
    return f"{text_id}-hijri"


def text_header(edition: Edition, build_date: str, text: TextConfig) -> etree._Element:
    """The full header of one text of the edition, built on ``build_date``."""
    return TEI.teiHeader(
        {XML_LANG: "en"},
        TEI.fileDesc(
            _title_stmt(edition, text.title),
            _edition_stmt(edition, build_date),
            _publication_stmt(edition, build_date, f"{edition.idno}/{text.id}"),
            TEI.sourceDesc(TEI.bibl(*_multilingual(TEI.note, text.bibl),
                                    TEI.textLang({"mainLang": text.lang},
                                                 _language_name(text.lang)))),
        ),
        TEI.encodingDesc(_editorial_decl(edition), _refs_decl(), _prefixes()),
        TEI.profileDesc(
            _lang_usage([text.lang]),
            TEI.calendarDesc(TEI.calendar(
                {XML_ID: calendar_id(text.id)},
                TEI.p("The Islamic (Hijri) lunar calendar; years counted from the Hijra "
                      "(1 AH = 622 CE). Dates are given as year-month-day in when-custom.")))),
        _revision_desc(edition, build_date),
    )


def standoff_header(edition: Edition, build_date: str, title: str, idno: str,
                    about: str, introduction: dict[str, list[str]] | None = None
                    ) -> etree._Element:
    """The header of a standoff file (register, alignment) or of the corpus.

    The corpus's also carries what the home page says of the edition: its subtitle in each
    language (``title type="desc"``) and the editors' ``introduction`` (paragraphs per
    language, in ``projectDesc``).
    """
    title_stmt = _title_stmt(edition, {"en": title})
    encoding = TEI.encodingDesc(_editorial_decl(edition), _prefixes())
    if introduction is not None:
        for lang, subtitle in edition.subtitle.items():
            title_stmt.insert(len(title_stmt.findall(tei("title"))),
                              TEI.title({XML_LANG: lang, "type": "desc"}, subtitle))
        if introduction:
            encoding.insert(0, TEI.projectDesc(*(TEI.p({XML_LANG: lang}, paragraph)
                                                 for lang, paragraphs in introduction.items()
                                                 for paragraph in paragraphs)))
    return TEI.teiHeader(
        {XML_LANG: "en"},
        TEI.fileDesc(
            title_stmt,
            _edition_stmt(edition, build_date),
            _publication_stmt(edition, build_date, f"{edition.idno}/{idno}"),
            TEI.sourceDesc(TEI.p(about)),
        ),
        encoding,
        TEI.profileDesc(_lang_usage(sorted(edition.languages))),
        _revision_desc(edition, build_date),
    )


def _title_stmt(edition, titles: dict[str, str]) -> etree._Element:
    return TEI.titleStmt(
        *(TEI.title({XML_LANG: lang, "type": "main"}, title) for lang, title in titles.items()),
        *(TEI.title({XML_LANG: lang, "type": "sub"}, title)
          for lang, title in edition.title.items()),
        *(TEI.respStmt(TEI.resp(editor.get("role", {}).get("en", "edited by")),
                       TEI.name(editor["name"])) for editor in edition.editors),
    )


def _edition_stmt(edition: Edition, build_date: str) -> etree._Element:
    version = edition.version
    return TEI.editionStmt(TEI.edition({"n": version}, f"Version {version}, built ",
                                       TEI.date({"when": build_date}, build_date)))


def _publication_stmt(edition: Edition, build_date: str, idno: str) -> etree._Element:
    licence = edition.licence
    return TEI.publicationStmt(
        TEI.publisher(edition.publisher),
        TEI.pubPlace(edition.place or "Online"),
        TEI.date({"when": build_date}, build_date),
        TEI.availability(TEI.licence({"target": licence["url"]}, licence["name"]),
                         *_multilingual(TEI.p, licence.get("note", {}))),
        TEI.idno({"type": "edition"}, idno),
    )


def _editorial_decl(edition) -> etree._Element:
    # Each principle becomes the element of the same name; its languages are paragraphs.
    parts = [getattr(TEI, name)(*(TEI.p({XML_LANG: lang}, text) for lang, text in texts.items()))
             for name, texts in edition.principles.items()]
    return TEI.editorialDecl(*parts) if parts else TEI.editorialDecl(TEI.p("As received."))


def _refs_decl() -> etree._Element:
    return TEI.refsDecl(TEI.citeStructure(
        {"match": "//body/div[@type='episode']", "use": "@xml:id", "unit": "scene"},
        TEI.citeStructure({"match": ".//s", "use": "@xml:id", "unit": "sentence"})))


def _prefixes() -> etree._Element:
    return TEI.listPrefixDef(*(
        TEI.prefixDef({"ident": ident, "matchPattern": match, "replacementPattern": target},
                      TEI.p(what))
        for ident, match, target, what in PREFIXES))


def _lang_usage(languages: list[str]) -> etree._Element:
    return TEI.langUsage(*(TEI.language({"ident": lang}, _language_name(lang))
                           for lang in languages))


def _revision_desc(edition: Edition, build_date: str) -> etree._Element:
    return TEI.revisionDesc(TEI.change(
        {"when": build_date, "n": edition.version},
        f"Generated from the sources and the editorial annotations, version "
        f"{edition.version}."))


def _multilingual(element, texts: dict[str, str]) -> list[etree._Element]:
    return [element({XML_LANG: lang}, text) for lang, text in texts.items()]


def _language_name(lang: str) -> str:
    return Locale("en").languages.get(lang, lang)
