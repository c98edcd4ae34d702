"""The About page: sources, editorial principles and licences (from the TEI header and the
register), the font and scripts the site ships, how to cite, and the TEI and schemas to
download with the commands that validate them."""

from __future__ import annotations

from .downloads import DOWNLOADS
from .edition_view import DataSetView, EditionView
from .escaping import escape
from .facts import TextFacts
from .i18n import direction, language_name, translate
from .templates import TEMPLATES
from ..teixml import NS, XML_LANG

SCHEMA_FOLDER = "schema"
VENDOR = "../assets/vendor"          # from docs/edition/about.md


def about_page(view: EditionView, texts: dict[str, TextFacts], ui: str) -> str:
    """The About page in the interface language ``ui``, listing ``texts``."""
    header = view.header
    edition = header.find(".//tei:editionStmt/tei:edition", NS)
    version, date = edition.get("n"), edition.find("tei:date", NS).get("when")
    titles = {t.get(XML_LANG): t.text for t in
              header.iterfind(".//tei:titleStmt/tei:title[@type='sub']", NS)}
    publisher = header.findtext(".//tei:publicationStmt/tei:publisher", namespaces=NS)
    licence = header.find(".//tei:availability/tei:licence", NS)
    notes = header.iterfind(".//tei:availability/tei:p", NS)
    schemas = sorted(p.name for p in (view.folder / SCHEMA_FOLDER).glob("*")
                     if p.suffix in (".rng", ".sch"))
    return TEMPLATES.get_template("about.md.j2").render(
        heading=ui_text(ui, "About this edition"),
        cite_heading=ui_text(ui, "How to cite"),
        citation=escape(f"{publisher}, ") + in_language(titles, ui) + escape(". ") +
        ui_text(ui, "Version {version}, built {date}.", version=version, date=date),
        texts_heading=ui_text(ui, "Texts"), texts=[_text(text, ui) for text in texts.values()],
        principles_heading=ui_text(ui, "Editorial principles"),
        principles=[in_language(_by_language(principle.iterfind("tei:p", NS)), ui)
                    for principle in header.iterfind(".//tei:editorialDecl/*", NS)
                    if principle.find("tei:p", NS) is not None],
        licence_heading=ui_text(ui, "Licence"),
        licence=f"[{escape(licence.text)}]({licence.get('target')}). " +
        in_language(_by_language(notes), ui),
        data_heading=ui_text(ui, "Data"),
        data_sets=[data_set_line(data_set) for data_set in view.data_sets],
        font_heading=ui_text(ui, "Font and software"),
        font=ui_text(ui, "Arabic is set in Amiri, under the SIL Open Font License 1.1."),
        font_licence=f"{VENDOR}/amiri/LICENSE",
        shim=ui_text(ui, "Search works offline with the iframe-worker shim, under the MIT "
                         "licence."),
        shim_licence=f"{VENDOR}/iframe-worker/LICENSE",
        licence_word=ui_text(ui, "Licence"),
        built_with=ui_text(ui, "Built with MkDocs and Material for MkDocs."),
        files_heading=ui_text(ui, "TEI files"),
        files=[{"name": escape(name), "link": f"{DOWNLOADS}/{name}"}
               for name in sorted(p.name for p in view.folder.glob("*.xml"))],
        schemas_heading=ui_text(ui, "Schemas and validation"),
        schemas_intro=ui_text(ui, "Each TEI file names its schemas; they are here, to "
                                  "validate the files offline with standard tools:"),
        schemas=[{"name": escape(name), "link": f"{DOWNLOADS}/{SCHEMA_FOLDER}/{name}"}
                 for name in schemas],
        # The validation commands name the edition's first text. They are a code block,
        # which shows entities as typed, so the file name is not escaped: a text's id is
        # lower-case ASCII, digits and hyphens (edition.yml is checked for it).
        example=f"{next(iter(texts), 'text')}.xml")


def data_set_line(data_set: DataSetView) -> str:
    """One data set: title, address, licence and notes (from the register's listBibl)."""
    return (f"{escape(data_set.title)}, [{escape(data_set.url)}]({data_set.url}), "
            f"[{escape(data_set.licence)}]({data_set.licence_url}). "
            + " ".join(escape(note) for note in data_set.notes))


def _text(text: TextFacts, ui: str) -> dict:
    notes = text.notes
    return {"title": escape(text.title(ui)), "language": escape(language_name(text.lang, ui)),
            "bibl": in_language(notes, ui),
            "download": f"{DOWNLOADS}/{text.id}.xml"}


def in_language(texts: dict[str | None, str], ui: str) -> str:
    """The text in ``ui``, or else in English or in the first language given, escaped; in
    another language than ``ui`` it is marked as such, so that a page in any interface
    language says which language each of its sentences is in."""
    lang = ui if ui in texts else "en" if "en" in texts else next(iter(texts), None)
    if lang not in texts:
        return ""
    text = escape(texts[lang])
    if lang is None or lang == ui:
        return text
    return f'<span lang="{lang}" dir="{direction(lang)}">{text}</span>'


def _by_language(paragraphs) -> dict[str | None, str]:
    return {p.get(XML_LANG): "".join(p.itertext()) for p in paragraphs}


def ui_text(ui: str, message: str, **values) -> str:
    """``message`` in the interface language, escaped for the page."""
    return escape(translate(ui, message, **values))
