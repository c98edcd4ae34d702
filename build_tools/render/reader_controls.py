"""The reader's controls on the synopsis and reading pages: which texts and how they are
laid out, the text size, and what a sentence's permalink and "copy citation" say.

Every word of them comes from the catalogs here, so the site's script (reader.js) holds no
interface string of its own: it reads them from the controls' attributes.
"""

from __future__ import annotations

from ..teixml import NS, XML_LANG
from .edition_view import EditionView, TextView
from .escaping import attribute, escape
from .i18n import direction, translate


def citation_of(view: EditionView, ui: str) -> tuple[str, str, str]:
    """How the edition is cited: its publisher and title, its version and its build date."""
    header = view.header
    edition = header.find(".//tei:editionStmt/tei:edition", NS)
    titles = {t.get(XML_LANG): t.text for t in
              header.iterfind(".//tei:titleStmt/tei:title[@type='sub']", NS)}
    title = titles.get(ui) or titles.get("en") or next(iter(titles.values()), "")
    publisher = header.findtext(".//tei:publicationStmt/tei:publisher", namespaces=NS)
    return f"{publisher}, {title}", edition.get("n"), edition.find("tei:date", NS).get("when")


def reader_controls(view: EditionView, ui: str, texts: list[TextView] | None = None,
                    synopsis_link: str = "") -> dict:
    """The controls of a synopsis (``texts``: its columns) or of a reading page (a link to
    its synopsis, where both texts are read side by side)."""
    def _(message: str, **values) -> str:
        return attribute(translate(ui, message, **values))
    edition, version, date = citation_of(view, ui)
    return {
        "label": _("Reading options"),
        "cite": _("{edition}. Version {version}, built {date}. Sentence {sentence}: {url}",
                  edition=edition, version=version, date=date, sentence="{sentence}",
                  url="{url}"),
        "copy_label": _("Copy citation"), "copied_label": _("Citation copied"),
        "permalink": _("Link to this sentence"),
        "texts_label": _("Texts"), "both": escape(translate(ui, "Both texts")),
        "layout_label": _("Layout"), "side": escape(translate(ui, "Side by side")),
        "stacked": escape(translate(ui, "Stacked")),
        "size_label": _("Text size"), "smaller": _("Smaller text"), "larger": _("Larger text"),
        "columns": [{"id": text.id, "lang": text.lang, "dir": direction(text.lang),
                     "title": escape(text.title(text.lang))} for text in texts or []],
        "synopsis": synopsis_link,
    }
