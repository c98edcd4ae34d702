"""The register pages: an index per kind, a page per person and group (names in every
language, description, every mention and every speech with links), and the speech index."""

from __future__ import annotations

from dataclasses import dataclass, field

from .edition_view import EditionView, EntryView
from .escaping import escape
from .facts import Speech, TextFacts
from .i18n import direction, language_name, translate
from .markup import OWN_PAGES, Pages, relative
from .templates import TEMPLATES

REGISTER_KINDS = {"person": "Persons", "group": "Groups", "place": "Places"}


@dataclass
class RegisterWriter:
    """Writes the register pages of one edition, in the interface language ``ui``."""

    view: EditionView
    pages: Pages
    ui: str
    texts: dict[str, TextFacts]            # every text, in the order of the corpus
    mentions: dict[str, dict[str, list[tuple[str, str]]]] = field(init=False)
    speeches: list[Speech] = field(init=False)

    def __post_init__(self):
        self.mentions = _mentions(self.texts.values())
        self.speeches = [speech for text in self.texts.values() for speech in text.speeches]

    def all_pages(self) -> dict[str, str]:
        """The index of each kind, a page per person and group, and the speech index."""
        result = {self.pages.register(kind): self.index(kind) for kind in REGISTER_KINDS}
        for entry in self.view.register.values():
            if entry.kind in OWN_PAGES:
                result[self.pages.entry(entry.kind, entry.id)] = self.entry_page(entry)
        result[self.pages.speech_index()] = self.speech_index()
        return result

    # Pages ------------------------------------------------------------------------------

    def index(self, kind: str) -> str:
        page = self.pages.register(kind)
        entries = [self._entry(page, entry) for entry in self.view.register.values()
                   if entry.kind == kind]
        return TEMPLATES.get_template("register.md.j2").render(
            heading=self._(REGISTER_KINDS[kind]), entries=entries,
            own_pages=kind in OWN_PAGES, **self._headings())

    def entry_page(self, entry: EntryView) -> str:
        page = self.pages.entry(entry.kind, entry.id)
        said_by = [s for s in self.speeches if entry.id in s.speakers]
        said_to = [s for s in self.speeches if entry.id in s.addressees]
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
        return {"language_heading": self._("Language"), "names_heading": self._("Names"),
                "mentions_heading": self._("Mentions"), "authority_heading": self._("Authority"),
                "no_mentions": self._("No mentions in the texts.")}

    def _entry(self, page: str, entry: EntryView) -> dict:
        languages = sorted(set(entry.forms) | set(entry.labels) - {"en"})
        mentions = self.mentions.get(entry.id, {})
        return {
            "id": entry.id, "label": escape(entry.label(self.ui)),
            "link": self.pages.entry_link(page, entry.kind, entry.id),
            "names": [{"language": escape(language_name(lang, self.ui)), "lang": lang,
                       "dir": direction(lang),
                       "forms": " · ".join(escape(f) for f in _unique(
                           [entry.labels.get(lang), *entry.forms.get(lang, [])]))}
                      for lang in languages],
            "descriptions": [{"lang": lang, "dir": direction(lang), "text": escape(text)}
                             for lang, text in entry.descriptions.items()],
            "wikidata": escape(entry.wikidata or ""),
            "mentions": [self._group(text_id, [{"form": escape(form),
                                                "link": self._sentence_link(page, text_id, s)}
                                               for form, s in items])
                         for text_id, items in mentions.items()],
        }

    def _speech_groups(self, page: str, speeches: list[Speech]) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for speech in speeches:
            groups.setdefault(speech.text_id, []).append({
                "speakers": self._names(page, speech.speakers),
                "addressees": self._names(page, speech.addressees),
                "words": escape(speech.words),
                "indirect": "" if speech.direct else self._("(indirect)"),
                "depth": speech.depth,
                "link": self._sentence_link(page, speech.text_id, speech.sentence)})
        return [self._group(text_id, items) for text_id, items in groups.items()]

    def _group(self, text_id: str, items: list[dict]) -> dict:
        text = self.texts[text_id]
        return {"title": escape(text.title(self.ui)), "lang": text.lang,
                "dir": direction(text.lang), "rows": items}

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


def _mentions(texts) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """For each register id, per text, every mention: its form and its sentence's id."""
    found: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for text in texts:
        for mention in text.mentions:
            found.setdefault(mention.entry, {}).setdefault(text.id, []).append(
                (mention.form, mention.sentence))
    return found


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
