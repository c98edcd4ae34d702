"""The site's pages as Markdown: the synopsis, one reading page per text, the registers and
the About page, each filled into its template from the TEI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..teixml import NS, XML_ID, XML_LANG, tei
from .downloads import DOWNLOADS
from .edition_view import ChapterView, EditionView, EpisodeView, TextView
from .i18n import direction, language_name, translate
from .markup import InlineRenderer, Pages, escape, relative

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                        keep_trailing_newline=True, autoescape=False)
NAME_ELEMENTS = tuple(tei(n) for n in ("persName", "orgName", "placeName"))
REGISTER_KINDS = {"person": "Persons", "group": "Groups", "place": "Places"}


@dataclass
class PageWriter:
    """Renders every page of an edition; ``ui`` is the language of the interface."""

    view: EditionView
    ui: str

    def __post_init__(self):
        self.pages = Pages(self.view)

    def all_pages(self) -> dict[str, str]:
        """Every generated page: its path below docs/edition/ and its Markdown."""
        result = {}
        for chapter in self.view.chapters:
            result[self.pages.synopsis(chapter.id)] = self.synopsis(chapter)
            for text in chapter.texts:
                result[self.pages.text(text.id)] = self.reading(chapter, text)
        for kind in REGISTER_KINDS:
            result[self.pages.register(kind)] = self.register(kind)
        result["about.md"] = self.about()
        return result

    # The synopsis ------------------------------------------------------------------------

    def synopsis(self, chapter: ChapterView) -> str:
        page = self.pages.synopsis(chapter.id)
        columns = _columns(chapter.texts)
        rows = [{"anchor": episode.key, "title": escape(episode.title(self.ui)),
                 "cells": [self._cell(page, episode, text) for text in columns]}
                for episode in chapter.episodes]
        return TEMPLATES.get_template("synopsis.md.j2").render(
            heading=escape(translate(self.ui, "Synopsis")), rows=rows)

    def _cell(self, page: str, episode: EpisodeView, text: TextView) -> dict:
        scenes = [s for s in text.scenes if s.episode == episode.id]
        renderer = InlineRenderer(self.view, self.pages, page, text.lang)
        return {
            "lang": text.lang, "dir": direction(text.lang),
            "silent": escape(translate(text.lang, "This text does not narrate this episode.")),
            "scenes": [{"label": escape(f"{text.title(text.lang)} — "
                                        f"{episode.title(text.lang)}"),
                        "link": relative(page, self.pages.text(text.id), scene.id),
                        "paragraphs": _paragraphs(renderer, scene.element)}
                       for scene in scenes],
        }

    # Reading pages -----------------------------------------------------------------------

    def reading(self, chapter: ChapterView, text: TextView) -> str:
        page = self.pages.text(text.id)
        renderer = InlineRenderer(self.view, self.pages, page, text.lang)
        episodes = {e.id: e for e in chapter.episodes}
        scenes = []
        for scene in text.scenes:
            episode = episodes[scene.episode]
            parallels = [target for target in episode.scenes
                         if not target.startswith(f"{text.id}.xml#")]
            scenes.append({
                "id": scene.id,
                "title": escape(episode.title(text.lang)),
                "row_label": escape(translate(text.lang, "Row in the synopsis")),
                "row_link": relative(page, self.pages.synopsis(chapter.id), episode.key),
                "parallels": [self._parallel(page, target, text.lang) for target in parallels],
                "paragraphs": _paragraphs(renderer, scene.element),
            })
        return TEMPLATES.get_template("reading.md.j2").render(
            heading=escape(text.title(text.lang)), lang=text.lang, dir=direction(text.lang),
            scenes=scenes)

    def _parallel(self, page: str, target: str, lang: str) -> dict:
        file, fragment = target.split("#")
        other = self.view.texts[file.removesuffix(".xml")]
        return {"label": escape(translate(lang, "Parallel in {text}",
                                          text=other.title(lang))),
                "link": relative(page, self.pages.text(other.id), fragment)}

    # Registers ---------------------------------------------------------------------------

    def register(self, kind: str) -> str:
        page = self.pages.register(kind)
        mentions = self._mentions(page)
        entries = [self._entry(entry, mentions.get(entry.id, {}))
                   for entry in self.view.register.values() if entry.kind == kind]
        return TEMPLATES.get_template("register.md.j2").render(
            heading=escape(translate(self.ui, REGISTER_KINDS[kind])), entries=entries,
            language_heading=escape(translate(self.ui, "Language")),
            names_heading=escape(translate(self.ui, "Names")),
            mentions_heading=escape(translate(self.ui, "Mentions")),
            authority_heading=escape(translate(self.ui, "Authority")),
            no_mentions=escape(translate(self.ui, "No mentions in the texts.")))

    def _entry(self, entry, mentions: dict[str, list[dict]]) -> dict:
        languages = sorted(set(entry.forms) | set(entry.labels) - {"en"})
        return {
            "id": entry.id, "label": escape(entry.label(self.ui)),
            "names": [{"language": escape(language_name(lang, self.ui)), "lang": lang,
                       "dir": direction(lang),
                       "forms": " · ".join(escape(f) for f in
                                           _unique([entry.labels.get(lang), *entry.forms.get(lang, [])]))}
                      for lang in languages],
            "descriptions": [{"lang": lang, "dir": direction(lang), "text": escape(text)}
                             for lang, text in entry.descriptions.items()],
            "wikidata": escape(entry.wikidata or ""),
            "mentions": [{"title": escape(self.view.texts[text_id].title(self.ui)),
                          "lang": self.view.texts[text_id].lang,
                          "dir": direction(self.view.texts[text_id].lang), "occurrences": items}
                         for text_id, items in mentions.items()],
        }

    def _mentions(self, page: str) -> dict[str, dict[str, list[dict]]]:
        """For each register id, per text, every mention: its form and a link to its sentence."""
        found: dict[str, dict[str, list[dict]]] = {}
        for text in self.view.texts.values():
            for sentence in text.tree.iter(tei("s")):
                for name in sentence.iter(*NAME_ELEMENTS):
                    identifier = name.get("ref", "").split(":", 1)[-1]
                    found.setdefault(identifier, {}).setdefault(text.id, []).append({
                        "form": escape("".join(name.itertext())),
                        "link": relative(page, self.pages.text(text.id),
                                         sentence.get(XML_ID))})
        return found


    # About ------------------------------------------------------------------------------

    def about(self) -> str:
        header = self.view.header
        ui = self.ui
        edition = header.find(".//tei:editionStmt/tei:edition", NS)
        version, date = edition.get("n"), edition.find("tei:date", NS).get("when")
        titles = {t.get(XML_LANG): t.text for t in
                  header.iterfind(".//tei:titleStmt/tei:title[@type='sub']", NS)}
        title = titles.get(ui) or titles.get("en") or next(iter(titles.values()), "")
        publisher = header.findtext(".//tei:publicationStmt/tei:publisher", namespaces=NS)
        licence = header.find(".//tei:availability/tei:licence", NS)
        notes = [p for p in header.iterfind(".//tei:availability/tei:p", NS)]
        texts = []
        for text in self.view.texts.values():
            bibl = text.tree.getroot().find(".//tei:sourceDesc/tei:bibl", NS)
            notes_of_bibl = {n.get(XML_LANG): "".join(n.itertext())
                             for n in bibl.iterfind("tei:note", NS)}
            texts.append({
                "title": escape(text.title(ui)),
                "language": escape(language_name(text.lang, ui)),
                "bibl": escape(notes_of_bibl.get(ui) or next(iter(notes_of_bibl.values()), "")),
                "download": f"{DOWNLOADS}/{text.id}.xml"})
        principles = ["".join(p.itertext()) for p in
                      header.iterfind(".//tei:editorialDecl/*/tei:p", NS)]
        files = sorted(p.name for p in self.view.folder.glob("*.xml"))
        return TEMPLATES.get_template("about.md.j2").render(
            heading=escape(translate(ui, "About this edition")),
            citation=escape(f"{publisher}, {title}. ") +
            escape(translate(ui, "Version {version}, built {date}.", version=version,
                             date=date)),
            texts_heading=escape(translate(ui, "Texts")), texts=texts,
            principles_heading=escape(translate(ui, "Editorial principles")),
            principles=[escape(p) for p in principles],
            licence_heading=escape(translate(ui, "Licence")),
            licence=f"[{escape(licence.text)}]({licence.get('target')}). " +
            " ".join(escape("".join(p.itertext())) for p in notes),
            files_heading=escape(translate(ui, "TEI files")),
            files=[{"name": escape(name), "link": f"{DOWNLOADS}/{name}"} for name in files])


def _paragraphs(renderer: InlineRenderer, div) -> list[str]:
    return [renderer.paragraph(p) for p in div.iterfind("tei:p", NS)]


def _columns(texts: list[TextView]) -> list[TextView]:
    """Left-to-right texts first: in a left-to-right page the right-to-left column is on the
    right, where an Arabic reader starts."""
    return sorted(texts, key=lambda t: direction(t.lang) == "rtl")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))

