"""The home page: the edition's title, subtitle and introduction in each language (from the
corpus header), and the way into its chapters, registers and About page.

It is rendered below the pages folder like every page, and served as the site's
``index.md`` by the MkDocs plugin (its links are written from the site's root).
"""

from __future__ import annotations

from .edition_view import EditionView
from .escaping import escape
from .facts import TextFacts
from .i18n import direction, translate
from .markup import Pages
from .registers import REGISTER_KINDS
from .templates import TEMPLATES
from ..teixml import NS, XML_LANG

PAGE = "home.md"
FROM_ROOT = "edition/"          # the generated pages' folder, seen from the site's root


def home_page(view: EditionView, pages: Pages, texts: dict[str, TextFacts], ui: str) -> str:
    """The home page in the interface language ``ui``."""
    header = view.header
    titles = _by_language(header.iterfind(".//tei:titleStmt/tei:title[@type='sub']", NS))
    subtitles = _by_language(header.iterfind(".//tei:titleStmt/tei:title[@type='desc']", NS))
    introduction = [_paragraph(p) for p in header.iterfind(".//tei:projectDesc/tei:p", NS)]
    synopsis = escape(translate(ui, "Synopsis"))
    chapters = [{"title": escape(_in(chapter.titles, ui) or chapter.id),
                 "links": [f"[{synopsis}]({FROM_ROOT}{pages.synopsis(chapter.id)})",
                           *(f"[{escape(texts[t].title(ui))}]({FROM_ROOT}{pages.text(t)})"
                             for t in chapter.text_ids if t in texts)]}
                for chapter in view.chapters]
    registers = [{"title": escape(translate(ui, label)),
                  "link": FROM_ROOT + pages.register(kind)}
                 for kind, label in REGISTER_KINDS.items()]
    registers += [{"title": escape(translate(ui, "Quran index")),
                   "link": FROM_ROOT + pages.quran_index()},
                  {"title": escape(translate(ui, "Speeches")),
                   "link": FROM_ROOT + pages.speech_index()}]
    return TEMPLATES.get_template("home.md.j2").render(
        title=escape(_in(titles, ui)),
        leads=[{"lang": lang, "dir": direction(lang),
                "text": escape(f"{titles[lang]}: {subtitle}" if lang in titles else subtitle)}
               for lang, subtitle in subtitles.items()],
        introduction=introduction,
        chapters_heading=escape(translate(ui, "Chapters")),
        chapters=chapters,
        registers_heading=escape(translate(ui, "Registers")),
        registers=registers,
        about={"title": escape(translate(ui, "About this edition")),
               "link": FROM_ROOT + "about.md"},
        offline=escape(translate(ui, "The whole site works offline: save the folder and open "
                                     "index.html from disk.")))


def _by_language(elements) -> dict[str, str]:
    return {element.get(XML_LANG): element.text or "" for element in elements}


def _in(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def _paragraph(p) -> dict:
    lang = p.get(XML_LANG)
    return {"lang": lang, "dir": direction(lang), "text": escape("".join(p.itertext()))}
