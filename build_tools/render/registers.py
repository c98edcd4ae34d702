"""The register pages: an index per kind, a page per person and group (names in every
language, description, every mention and every speech with links), and the speech index."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Callable, NamedTuple

from .edition_view import EditionView, EntryView
from .escaping import escape
from .facts import Mention, Speech, TextFacts
from .i18n import N_, direction, language_name, translate
from .markup import OWN_PAGES, Pages, relative
from .templates import TEMPLATES

REGISTER_KINDS = {"person": N_("Persons"), "group": N_("Groups"), "place": N_("Places")}


@dataclass
class RegisterWriter:
    """Writes the register pages of one edition, in the interface language ``ui``."""

    view: EditionView
    pages: Pages
    ui: str
    texts: dict[str, TextFacts]            # every text, in the order of the corpus
    mentions: dict[str, dict[str, list[Mention]]] = field(init=False)
    speeches: list[Speech] = field(init=False)
    said_by: dict[str, list[Speech]] = field(init=False)     # speeches by speaker id
    said_to: dict[str, list[Speech]] = field(init=False)     # ... and by addressee id

    def __post_init__(self):
        self.mentions = _mentions(self.texts.values())
        self.speeches = [speech for text in self.texts.values() for speech in text.speeches]
        self.said_by, self.said_to = {}, {}
        for speech in self.speeches:
            for speaker in dict.fromkeys(speech.speakers):
                self.said_by.setdefault(speaker, []).append(speech)
            for addressee in dict.fromkeys(speech.addressees):
                self.said_to.setdefault(addressee, []).append(speech)

    def page_makers(self) -> dict[str, Callable[[], str]]:
        """How to make each register page (its path → a function that renders it): the
        index of each kind, a page per person and group, and the speech index."""
        makers = {self.pages.register(kind): partial(self.index, kind)
                  for kind in REGISTER_KINDS}
        for entry in self.view.register.values():
            if entry.kind in OWN_PAGES:
                makers[self.pages.entry(entry.kind, entry.id)] = partial(self.entry_page, entry)
        makers[self.pages.speech_index()] = self.speech_index
        return makers

    # Pages ------------------------------------------------------------------------------

    def index(self, kind: str) -> str:
        page = self.pages.register(kind)
        # The index of persons or groups names them; their own pages list the mentions.
        entries = [self._entry(page, entry, mentions=kind not in OWN_PAGES)
                   for entry in self.view.register.values() if entry.kind == kind]
        return TEMPLATES.get_template("register.md.j2").render(
            heading=self._(REGISTER_KINDS[kind]), entries=entries,
            own_pages=kind in OWN_PAGES, **self._headings())

    def entry_page(self, entry: EntryView) -> str:
        page = self.pages.entry(entry.kind, entry.id)
        said_by = self.said_by.get(entry.id, [])
        said_to = self.said_to.get(entry.id, [])
        return TEMPLATES.get_template("entry.md.j2").render(
            entry=self._entry(page, entry),
            back=self._(REGISTER_KINDS[entry.kind]),
            back_link=relative(page, self.pages.register(entry.kind)),
            speeches_heading=self._("Speeches"), addressed_heading=self._("Spoken to"),
            said_by=self._speech_groups(page, said_by),
            said_to=self._speech_groups(page, said_to),
            no_speeches=self._("No speeches in the texts."), **self._headings())

    def speech_index(self) -> str:
        page = self.pages.speech_index()
        return TEMPLATES.get_template("speeches.md.j2").render(
            heading=self._("Speech index"),
            introduction=self._("Who says what to whom, in each text."),
            groups=self._speech_groups(page, self.speeches),
            speaker_heading=self._("Speaker"), addressee_heading=self._("Addressee"),
            words_heading=self._("Words"))

    # Parts ------------------------------------------------------------------------------

    def _headings(self) -> dict[str, str]:
        return {"language_heading": self._("Language"), "names_heading": self._("Name"),
                "forms_heading": self._("Forms in the texts"),
                "mentions_heading": self._("Mentions"), "authority_heading": self._("Authority"),
                "no_mentions": self._("No mentions in the texts.")}

    def _entry(self, page: str, entry: EntryView, mentions: bool = True) -> dict:
        languages = sorted(set(entry.forms) | set(entry.labels) - {"en"})
        everywhere = self.mentions.get(entry.id, {})
        found = everywhere if mentions else {}
        # The register's name in each language, and apart from it the forms by which the
        # texts refer to the entry, as written there (epithets, inflected forms): these
        # are not names, and an index lists only names.
        return {
            "id": entry.id, "label": escape(entry.label(self.ui)),
            "link": self.pages.entry_link(page, entry.kind, entry.id),
            "names": [{"language": escape(language_name(lang, self.ui)), "lang": lang,
                       "dir": direction(lang), "name": escape(entry.label(lang)),
                       "forms": " · ".join(escape(f) for f in _unique(
                           m.form for text_id, items in everywhere.items()
                           if self.texts[text_id].lang == lang for m in items))}
                      for lang in languages],
            "descriptions": [{"lang": lang, "dir": direction(lang), "text": escape(text)}
                             for lang, text in entry.descriptions.items()],
            "wikidata": escape(entry.wikidata or ""),
            "mentions": [self._group(text_id, [MentionRow(
                             _form(m.form), self._sentence_link(page, text_id, m.sentence),
                             escape(m.before), escape(m.after)) for m in items])
                         for text_id, items in found.items()],
        }

    def _speech_groups(self, page: str, speeches: list[Speech]) -> list[TextGroup]:
        groups: dict[str, list[SpeechRow]] = {}
        for speech in speeches:
            groups.setdefault(speech.text_id, []).append(SpeechRow(
                speakers=self._names(page, speech.speakers),
                addressees=self._names(page, speech.addressees),
                words=escape(speech.words),
                indirect="" if speech.direct else self._("(indirect)"),
                depth=speech.depth,
                link=self._sentence_link(page, speech.text_id, speech.sentence)))
        return [self._group(text_id, items) for text_id, items in groups.items()]

    def _group(self, text_id: str, rows: list) -> TextGroup:
        text = self.texts[text_id]
        return TextGroup(escape(text.title(self.ui)), text.lang, direction(text.lang), rows)

    def _names(self, page: str, identifiers: tuple[str, ...]) -> str:
        links = []
        for identifier in identifiers:
            entry = self.view.register.get(identifier)
            if entry is not None:
                links.append(f"[{escape(entry.label(self.ui))}]"
                             f"({self.pages.entry_link(page, entry.kind, entry.id)})")
        return ", ".join(links)

    def _sentence_link(self, page: str, text_id: str, sentence: str) -> str:
        return relative(page, self.pages.text(text_id), sentence)

    def _(self, message: str) -> str:
        return escape(translate(self.ui, message))


def _mentions(texts) -> dict[str, dict[str, list[Mention]]]:
    """For each register id, per text, every mention."""
    found: dict[str, dict[str, list[Mention]]] = {}
    for text in texts:
        for mention in text.mentions:
            found.setdefault(mention.entry, {}).setdefault(text.id, []).append(mention)
    return found


# The rows of the lists that grow with the edition, as tuples with named fields: a template
# reads an attribute of one at once, where a dict's key is looked up only after its
# attribute is not found.
class TextGroup(NamedTuple):
    """The rows of one text, under its title."""

    title: str
    lang: str
    dir: str
    rows: list


class MentionRow(NamedTuple):
    form: str
    link: str
    before: str
    after: str


class SpeechRow(NamedTuple):
    speakers: str
    addressees: str
    words: str
    indirect: str
    depth: int
    link: str


# A name's few forms are mentioned thousands of times: each is escaped once.
_form = lru_cache(maxsize=4096)(escape)


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
