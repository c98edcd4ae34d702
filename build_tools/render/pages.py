"""The site's pages as Markdown: the synopsis, one reading page per text, the registers and
the About page, each filled into its template from the TEI."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..teixml import NS
from ..workers import ITEMS_PER_WORKER, in_parallel
from .about import about_page, data_set_line
from .citations import arabic_verses, no_translation, verse_reference, verse_translation
from .edition_view import ChapterView, EditionView, EpisodeView, TextView, VerseView
from .facts import TextFacts
from .footnotes import Footnotes
from .home import PAGE as HOME_PAGE, home_page
from .i18n import N_, direction, translate
from .escaping import attribute
from .markup import InlineRenderer, Pages, escape, relative
from .reader_controls import reader_controls
from .registers import RegisterWriter
from .templates import TEMPLATES

QURAN_INDEX_INTRODUCTION = N_("Every verse of the Quran the texts cite, with its Arabic text, "
                              "its translation into the languages of the texts and every place "
                              "it is cited.")


@dataclass
class PageWriter:
    """Renders every page of an edition; ``ui`` is the language of the interface."""

    view: EditionView
    ui: str

    def __post_init__(self):
        self.pages = Pages(self.view)

    def chapter_pages(self, chapter: ChapterView) -> dict[str, str]:
        """The pages of one chapter: its synopsis and a reading page per text."""
        scenes = {text.id: self._scenes(text) for text in chapter.texts}
        result = {self.pages.synopsis(chapter.id): self.synopsis(chapter, scenes)}
        for text in chapter.texts:
            result[self.pages.text(text.id)] = self.reading(chapter, text, scenes[text.id])
        return result

    def _scenes(self, text: TextView) -> dict[str, SceneMarkup]:
        """Each scene of a text rendered once, for its synopsis and its reading page: the
        two lie in the chapter's folder, so its links are the same on both, and its notes
        are numbered on each (see :class:`Footnotes`)."""
        renderer = InlineRenderer(self.view, self.pages, self.pages.text(text.id), text.lang,
                                  text.notes)
        return {scene.id: SceneMarkup([renderer.paragraph(p)
                                       for p in scene.element.iterfind("tei:p", NS)],
                                      renderer.notes.take())
                for scene in text.scenes}

    def edition_pages(self, texts: dict[str, TextFacts]) -> dict[str, str]:
        """The pages drawn from all chapters (registers, indexes, About), given the facts of
        every text in the order of the corpus."""
        makers = RegisterWriter(self.view, self.pages, self.ui, texts).page_makers()
        # Written even when nothing is cited, so that the navigation is the same for every
        # edition (it is made from edition.yml, before the pages).
        makers[self.pages.quran_index()] = partial(self.quran_index, texts)
        makers["about.md"] = partial(about_page, self.view, texts, self.ui)
        makers[HOME_PAGE] = partial(home_page, self.view, self.pages, texts, self.ui)
        names = list(makers)
        # They grow with the edition, each page with all of it: a large edition's pages
        # are shared out one by one; a small one's are made here.
        per_worker = 1 if len(texts) >= 2 * ITEMS_PER_WORKER else len(names)
        return dict(zip(names, in_parallel(lambda name: makers[name](), names,
                                           items_per_worker=per_worker)))

    # The synopsis ------------------------------------------------------------------------

    def synopsis(self, chapter: ChapterView, scenes: dict[str, dict[str, SceneMarkup]]
                 ) -> str:
        page = self.pages.synopsis(chapter.id)
        columns = _columns(chapter.texts)
        # The notes of a column count on down the whole page.
        notes = {text.id: Footnotes(text.id, text.lang) for text in columns}
        rows = [{"anchor": episode.key, "title": escape(episode.title(self.ui)),
                 "cells": [self._cell(page, episode, text, scenes[text.id], notes[text.id])
                           for text in columns]}
                for episode in chapter.episodes]
        labels = [{"id": text.id, "title": escape(text.title(text.lang)), "lang": text.lang,
                   "dir": direction(text.lang), "link": relative(page, self.pages.text(text.id))}
                  for text in columns]
        return TEMPLATES.get_template("synopsis.md.j2").render(
            heading=escape(translate(self.ui, "Synopsis")), rows=rows, columns=labels,
            controls=reader_controls(self.view, self.ui, columns))

    def _cell(self, page: str, episode: EpisodeView, text: TextView,
              markup: dict[str, SceneMarkup], notes: Footnotes) -> dict:
        scenes = [s for s in text.scenes if s.episode == episode.id]
        return {
            "lang": text.lang, "dir": direction(text.lang),
            "column": attribute(text.title(text.lang)), "text": text.id,
            "silent": escape(translate(text.lang, "This text does not narrate this episode.")),
            "scenes": [{"label": escape(f"{text.title(text.lang)} — "
                                        f"{episode.title(text.lang)}"),
                        "link": relative(page, self.pages.text(text.id), scene.id),
                        **_placed(markup[scene.id], notes)}
                       for scene in scenes],
        }

    # Reading pages -----------------------------------------------------------------------

    def reading(self, chapter: ChapterView, text: TextView,
                markup: dict[str, SceneMarkup]) -> str:
        page = self.pages.text(text.id)
        notes = Footnotes(text.id, text.lang)
        episodes = {e.id: e for e in chapter.episodes}
        scenes, titles = [], set()
        for scene in text.scenes:
            episode = episodes[scene.episode]
            title = escape(episode.title(text.lang))
            # A text may come back to an episode: its table of contents tells the scenes apart.
            again = title in titles
            titles.add(title)
            parallels = [target for target in episode.scenes
                         if not target.startswith(f"{text.id}.xml#")]
            scenes.append({
                "id": scene.id,
                "title": title,
                "toc_label": attribute(translate(text.lang, "{title} (continued)",
                                                 title=episode.title(text.lang))) if again else "",
                "row_label": escape(translate(text.lang, "Row in the synopsis")),
                "row_link": relative(page, self.pages.synopsis(chapter.id), episode.key),
                "parallels": [self._parallel(page, target, text.lang) for target in parallels],
                **_placed(markup[scene.id], notes),
            })
        return TEMPLATES.get_template("reading.md.j2").render(
            heading=escape(text.title(text.lang)), lang=text.lang, dir=direction(text.lang),
            scenes=scenes, controls=reader_controls(
                self.view, self.ui, synopsis_link=_html(relative(
                    page, self.pages.synopsis(chapter.id)))))

    def _parallel(self, page: str, target: str, lang: str) -> dict:
        file, fragment = target.split("#")
        other = self.view.texts[file.removesuffix(".xml")]
        return {"label": escape(translate(lang, "Parallel in {text}",
                                          text=other.title(lang))),
                "link": relative(page, self.pages.text(other.id), fragment)}

    # The Quran index --------------------------------------------------------------------

    def quran_index(self, texts: dict[str, TextFacts]) -> str:
        page = self.pages.quran_index()
        cited = self._citations(page, texts)
        languages = list(dict.fromkeys(text.lang for text in texts.values() if text.lang != "ar"))
        verses = [{"id": verse.id,
                   "reference": escape(verse_reference([verse], self.ui)),
                   "arabic": arabic_verses([verse]),
                   "translations": [self._translation(verse, lang) for lang in languages],
                   "occurrences": [self._occurrence_group(texts[text_id], items)
                                   for text_id, items in cited.get(verse.id, {}).items()]}
                  for verse in sorted(self.view.verses.values(), key=lambda v: (v.sura, v.number))]
        return TEMPLATES.get_template("quran.md.j2").render(
            heading=escape(translate(self.ui, "Quran index")),
            introduction=escape(translate(self.ui, QURAN_INDEX_INTRODUCTION)),
            cited_heading=escape(translate(self.ui, "Cited in")), verses=verses,
            data_sets=[data_set_line(data_set) for data_set in self.view.data_sets])

    def _translation(self, verse: VerseView, lang: str) -> dict:
        """A verse's translation into ``lang`` for the index, or the sentence that the
        register holds none (in the interface language)."""
        text = verse_translation([verse], lang)
        if text is None:
            return {"lang": self.ui, "dir": direction(self.ui),
                    "text": no_translation(lang, self.ui)}
        return {"lang": lang, "dir": direction(lang), "text": text}

    def _citations(self, page: str, texts: dict[str, TextFacts]
                   ) -> dict[str, dict[str, list[dict]]]:
        """For each cited verse, per text, every citation: its first words and a link."""
        found: dict[str, dict[str, list[dict]]] = {}
        for text in texts.values():
            for citation in text.citations:
                found.setdefault(citation.verse, {}).setdefault(text.id, []).append({
                    "form": escape(citation.words),
                    "link": relative(page, self.pages.text(text.id), citation.sentence)})
        return found

    def _occurrence_group(self, text: TextFacts, items: list[dict]) -> dict:
        return {"title": escape(text.title(self.ui)), "lang": text.lang,
                "dir": direction(text.lang), "occurrences": items}


@dataclass(frozen=True)
class SceneMarkup:
    """A scene's paragraphs as Markdown, with its notes still to be numbered."""

    paragraphs: list[str]
    notes: tuple[str, ...]


def _placed(scene: SceneMarkup, notes: Footnotes) -> dict:
    """A scene's paragraphs and notes for a template, numbered on from ``notes``."""
    paragraphs, listed = notes.place(scene.paragraphs, scene.notes)
    return {"paragraphs": paragraphs, "notes": listed}


def _columns(texts: list[TextView]) -> list[TextView]:
    """Left-to-right texts first: in a left-to-right page the right-to-left column is on the
    right, where an Arabic reader starts."""
    return sorted(texts, key=lambda t: direction(t.lang) == "rtl")


def _html(link: str) -> str:
    # Raw HTML, which MkDocs does not rewrite, names the page as built.
    return link.removesuffix(".md") + ".html"
