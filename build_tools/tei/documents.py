"""The TEI documents of an edition: one per text, the register, the alignment, the corpus."""

from __future__ import annotations

from lxml import etree

from ..annotate.model import AnnotatedChapter, AnnotatedEdition, AnnotatedText, RegisterEntry
from ..config import Edition
from ..ingest import read_introduction
from ..teixml import TEI, XI_NS, XML_ID, XML_LANG, TEI_NS, tei
from .body import text_body
from .header import standoff_header, text_header
from .quran_register import quran_list

# The list element and entry element of each register kind, and the element of its names.
REGISTER_LISTS = {
    "person": ("listPerson", "person", "persName"),
    "group": ("listOrg", "org", "orgName"),
    "place": ("listPlace", "place", "placeName"),
    "work": ("listBibl", "bibl", "title"),
}


def text_document(edition: Edition, build_date: str, chapter_id: str,
                  text: AnnotatedText) -> etree._Element:
    """The TEI document of one text of chapter ``chapter_id``."""
    body, notes = text_body(text, chapter_id)
    content = TEI.text({XML_LANG: text.lang}, body)
    if notes:
        content.append(TEI.back(TEI.div({"type": "notes"}, *notes)))
    return _document(text_header(edition, build_date, text.source.config), content,
                     lang=text.lang)


def register_document(annotated: AnnotatedEdition) -> etree._Element:
    """The register: every person, group, place and work, with names in every language."""
    lists = []
    for kind, (list_name, _, _) in REGISTER_LISTS.items():
        entries = annotated.register.of_kind(kind)
        if entries:
            lists.append(TEI(list_name, *(_register_entry(e) for e in entries)))
    lists.append(quran_list(annotated.quran, annotated.cited))
    header = _header(annotated, "Register of persons, groups, places and works",
                     "register", "Compiled by the editors from the texts of the "
                     "edition; one register shared by all texts.")
    return _document(header, TEI.standOff(*lists))


def _register_entry(entry: RegisterEntry) -> etree._Element:
    _, element, name_element = REGISTER_LISTS[entry.kind]
    children = [TEI(name_element, {XML_LANG: lang, "type": "label"}, label)
                for lang, label in entry.label.items()]
    for lang, forms in entry.names.items():
        children += [TEI(name_element, {XML_LANG: lang, "type": "form"}, form)
                     for form in forms]
    if entry.wikidata:
        children.append(TEI.idno({"type": "wikidata"}, str(entry.wikidata)))
    children += [TEI.note({"type": "description", XML_LANG: lang}, text)
                 for lang, text in entry.description.items()]
    attributes = {XML_ID: entry.id}
    if entry.role:
        attributes["role"] = entry.role
    return TEI(element, attributes, *children)


def alignment_document(annotated: AnnotatedEdition) -> etree._Element:
    """The synopsis as standoff: each episode an event, linked to the scenes narrating it."""
    header = _header(annotated, "Alignment of the texts by episode", "alignment",
                     "The synopsis of the editors: which scene of which text "
                     "narrates which episode.")
    standoff = TEI.standOff()
    root = TEI.TEI(header, standoff)
    # Built in place: an element made apart and appended is walked again to be moved in,
    # which for the events and links of a large edition costs more than making them.
    for chapter in annotated.chapters:
        chapter_id = chapter.chapter.id
        events = etree.SubElement(standoff, tei("listEvent"), {"n": chapter_id})
        for lang, title in chapter.chapter.title.items():
            etree.SubElement(events, tei("head"), {XML_LANG: lang}).text = title
        for episode in chapter.episodes:
            event = etree.SubElement(events, tei("event"),
                                     {XML_ID: f"ep-{chapter_id}-{episode.id}", "n": episode.id})
            for lang, title in episode.title.items():
                etree.SubElement(event, tei("label"), {XML_LANG: lang}).text = title
        links = etree.SubElement(standoff, tei("linkGrp"), {
            "type": "episode", XML_ID: f"synopsis-{chapter_id}", "n": chapter_id})
        for kind, target in _episode_links(chapter):
            etree.SubElement(links, tei("link"), {"type": kind, "target": target})
    return _indent(root)


def _episode_links(chapter: AnnotatedChapter) -> list[tuple[str, str]]:
    """(type, target) of each episode's link to the scenes narrating it."""
    scenes: dict[str, list[tuple[str, str]]] = {}      # episode → (text, scene) narrating it
    for text in chapter.texts:
        for scene in text.scenes:
            scenes.setdefault(scene.episode, []).append((text.id, scene.id))
    links = []
    for episode in chapter.episodes:
        narrating = scenes.get(episode.id)
        if not narrating:
            continue
        kind = "parallel" if len({text for text, _ in narrating}) > 1 else "single"
        links.append((kind, " ".join([f"#ep-{chapter.chapter.id}-{episode.id}",
                                      *(f"{text}.xml#{scene}" for text, scene in narrating)])))
    return links


def corpus_document(annotated: AnnotatedEdition, members: list[str]) -> etree._Element:
    """The teiCorpus that includes the other files by XInclude."""
    edition = annotated.edition
    header = standoff_header(edition, annotated.build_date, edition.title_in("en"), "corpus",
                             "The edition as one corpus: the register, the alignment and "
                             "every text, included by XInclude.",
                             introduction=read_introduction(edition))
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "xi": XI_NS})
    root.append(header)
    for member in members:
        root.append(etree.Element(f"{{{XI_NS}}}include", href=member))
    return _indent(root)


def _header(annotated: AnnotatedEdition, title: str, idno: str, about: str) -> etree._Element:
    return standoff_header(annotated.edition, annotated.build_date, title, idno, about)


def _document(header: etree._Element, content: etree._Element,
              lang: str | None = None) -> etree._Element:
    root = TEI.TEI({XML_LANG: lang} if lang else {}, header, content)
    _indent(root)
    return root


def _indent(root: etree._Element) -> etree._Element:
    """Indent the header and standoff for people reading the file; never the text body,
    whose white space is the source's own."""
    root.text = "\n  "
    for child in root:
        child.tail = "\n  "
        if child.tag != f"{{{TEI_NS}}}text":
            etree.indent(child, space="  ", level=1)
        else:
            child.text = "\n"
            for part in child:
                part.tail = "\n"
    root[-1].tail = "\n"
    return root
