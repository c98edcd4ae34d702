"""The About page: sources, editorial principles and licences (from the TEI header and the
register), the font and scripts the site ships, how to cite, and the TEI and schemas to
download with the commands that validate them."""

from __future__ import annotations

from .downloads import DOWNLOADS
from .edition_view import DataSetView, EditionView
from .escaping import escape
from .facts import TextFacts
from .i18n import language_name, translate
from .reader_controls import citation_of
from .templates import TEMPLATES
from ..teixml import NS

SCHEMA_FOLDER = "schema"
VENDOR = "../assets/vendor"          # from docs/edition/about.md


def about_page(view: EditionView, texts: dict[str, TextFacts], ui: str) -> str:
    """The About page in the interface language ``ui``, listing ``texts``."""
    header = view.header
    edition, version, date = citation_of(view, ui)
    licence = header.find(".//tei:availability/tei:licence", NS)
    notes = header.iterfind(".//tei:availability/tei:p", NS)
    schemas = sorted(p.name for p in (view.folder / SCHEMA_FOLDER).glob("*")
                     if p.suffix in (".rng", ".sch"))
    return TEMPLATES.get_template("about.md.j2").render(
        heading=_(ui, "About this edition"),
        cite_heading=_(ui, "How to cite"),
        citation=escape(f"{edition}. ") +
        _(ui, "Version {version}, built {date}.", version=version, date=date),
        texts_heading=_(ui, "Texts"), texts=[_text(text, ui) for text in texts.values()],
        principles_heading=_(ui, "Editorial principles"),
        principles=[escape("".join(p.itertext()))
                    for p in header.iterfind(".//tei:editorialDecl/*/tei:p", NS)],
        licence_heading=_(ui, "Licence"),
        licence=f"[{escape(licence.text)}]({licence.get('target')}). " +
        " ".join(escape("".join(p.itertext())) for p in notes),
        data_heading=_(ui, "Data"),
        data_sets=[data_set_line(data_set) for data_set in view.data_sets],
        font_heading=_(ui, "Font and software"),
        font=_(ui, "Arabic is set in Amiri, under the SIL Open Font License 1.1."),
        font_licence=f"{VENDOR}/amiri/LICENSE",
        shim=_(ui, "Search works offline with the iframe-worker shim, under the MIT licence."),
        shim_licence=f"{VENDOR}/iframe-worker/LICENSE",
        licence_word=_(ui, "Licence"),
        built_with=_(ui, "Built with MkDocs and Material for MkDocs."),
        files_heading=_(ui, "TEI files"),
        files=[{"name": escape(name), "link": f"{DOWNLOADS}/{name}"}
               for name in sorted(p.name for p in view.folder.glob("*.xml"))],
        schemas_heading=_(ui, "Schemas and validation"),
        schemas_intro=_(ui, "Each TEI file names its schemas; they are here, to validate "
                            "the files offline with standard tools:"),
        schemas=[{"name": escape(name), "link": f"{DOWNLOADS}/{SCHEMA_FOLDER}/{name}"}
                 for name in schemas])


def data_set_line(data_set: DataSetView) -> str:
    """One data set: title, address, licence and notes (from the register's listBibl)."""
    return (f"{escape(data_set.title)}, [{escape(data_set.url)}]({data_set.url}), "
            f"[{escape(data_set.licence)}]({data_set.licence_url}). "
            + " ".join(escape(note) for note in data_set.notes))


def _text(text: TextFacts, ui: str) -> dict:
    notes = text.notes
    return {"title": escape(text.title(ui)), "language": escape(language_name(text.lang, ui)),
            "bibl": escape(notes.get(ui) or next(iter(notes.values()), "")),
            "download": f"{DOWNLOADS}/{text.id}.xml"}


def _(ui: str, message: str, **values) -> str:
    return escape(translate(ui, message, **values))
