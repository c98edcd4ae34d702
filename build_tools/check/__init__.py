"""``edition check``: a report of what in the edition is unannotated, uncertain or inconsistent.

It lists, one per line as ``file:line:col: kind: message``:

- ``proposal``: an entry that ``edition suggest`` wrote with ``proposed: true`` and the editor
  has not confirmed (the build leaves it out; deleting that line confirms it);
- ``unconfirmed-speech``: speech the detector proposes that no speech annotation confirms;
- ``unattributed-speech``: an annotated speech whose ``who`` is no person or group of the
  register (all of them at once; the build stops at the first), or an unconfirmed proposal
  whose speaker matches no register name;
- ``unknown-name``: a likely proper name that no register entry covers (its first place);
- ``unused-entry``: a register entry that no text names and no annotation points at;
- ``misquotation``: a passage presented as Quran that differs from the verse it is tied to
  (confirm it with a citation of type ``misquotation``, or reject it), or that is close to
  no verse;
- ``paraphrase``: text that follows a verse's translation closely (confirm it with a
  citation of type ``paraphrase``, or reject it);
- ``speech-problem`` and ``citation-problem``: what the detectors could only read by
  guessing (a quotation mark never closed, a Quran reference that names another verse);
- ``error``: a problem that stops the build (the same message the build gives).

Only errors and unattributed annotations make the build fail; the rest are for the editor
to review. The check runs the ingest and annotate stages, not the TEI and validation stages,
and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..annotate import annotate_text
from ..annotate.citations import detect_citations
from ..annotate.editorial import TextAnnotations, read_annotations, unconfirmed
from ..annotate.episodes import load_episodes
from ..annotate.model import NAME_ELEMENT, Register
from ..annotate.names import find_names
from ..annotate.register import load_register
from ..annotate.speech_detector import detect_speech
from ..config import Edition, load_edition
from ..errors import EditionError, EditionErrors, Location
from ..ingest import Source, ingest
from ..languages import language
from ..quran import Quran, load_quran
from ..yamlfile import YamlMap, load_yaml
from .citations import proposed_citations
from .names import by_name, unregistered_names
from .speech import confirmed, describe, names_register_entry, unattributed_annotations
from .usage import entry_locations, ids_annotated, ids_named

# The kinds of finding, in the order the summary counts them.
KINDS = ("error", "proposal", "unconfirmed-speech", "unattributed-speech", "unknown-name",
         "unused-entry", "misquotation", "paraphrase", "speech-problem", "citation-problem",
         "generic-language")


@dataclass(frozen=True)
class Finding:
    """One line of the report. ``blocking`` findings stop the build."""

    path: str
    line: int | None
    column: int | None
    kind: str
    message: str
    blocking: bool = False

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, KINDS.index(self.kind),
                self.message)

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line, self.column)
                         if part is not None)
        return f"{where}: {self.kind}: {self.message}"


@dataclass
class CheckReport:
    """Every finding, sorted by file and position."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=Finding.sort_key)

    @property
    def build_fails(self) -> bool:
        return any(finding.blocking for finding in self.findings)

    def summary(self) -> str:
        counts = Counter(finding.kind for finding in self.findings)
        total = len(self.findings)
        listed = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind])
        found = f"{total} finding{'s' if total != 1 else ''}" + (f" ({listed})" if total else "")
        blocking = sum(finding.blocking for finding in self.findings)
        verdict = (f"the build would stop on {blocking} of them" if blocking else
                   "the build would succeed")
        return f"{found}; {verdict}"


def check_edition(edition_dir: Path) -> CheckReport:
    """Check the edition in ``edition_dir``; problems that stop the build are findings too."""
    try:
        edition = load_edition(edition_dir)
        sources = {source.id: source for source in ingest(edition)}
        register = load_register(edition.register, edition.display(edition.register))
        for lang in edition.languages:
            find_names("", lang, register)   # a name form given to two entries stops here
        quran = load_quran(edition.project_root, edition.languages)
    except EditionError as error:
        return CheckReport(_errors(error))   # nothing further can be read
    findings: list[Finding] = []
    used: set[str] = set()
    for chapter in edition.chapters:
        try:
            episodes = load_episodes(chapter.episodes, edition.display(chapter.episodes))
        except EditionError as error:
            findings += _errors(error)
            episodes = None
        for text in chapter.texts:
            found, named = _check_text(sources[text.id], edition, register, episodes, quran)
            findings += found
            used |= named
    findings += _unused_entries(edition, register, used)
    findings += _generic_languages(edition)
    return CheckReport(findings)


def _generic_languages(edition: Edition) -> list[Finding]:
    """A finding for each language whose plug-in is (partly) the generic one."""
    data = load_yaml(edition.config_path, edition.display(edition.config_path), remember=True)
    findings = []
    for lang in edition.languages:
        generic = language(lang).generic
        if generic:
            findings.append(_at(data["languages"].at(lang), "generic-language",
                                f"'{lang}' has no plug-in of its own for: {', '.join(generic)}; "
                                f"the generic plug-in (CLDR quotation marks and punctuation) "
                                f"proposes less (build_tools/languages/README.md)"))
    return findings


def _check_text(source: Source, edition: Edition, register: Register, episodes,
                quran: Quran) -> tuple[list[Finding], set[str]]:
    """The findings of one text, and the register ids it uses."""
    findings: list[Finding] = []
    path = source.config.annotations
    display = edition.display(path)
    try:
        data = load_yaml(path, display)
    except EditionError as error:
        findings += _errors(error)
        data = None
    findings += _proposals(data)
    unattributed = unattributed_annotations(data, register)
    findings += [_at(u.location, "unattributed-speech", u.message, blocking=True)
                 for u in unattributed]
    decisions = None
    if data is not None and episodes is not None:
        try:
            decisions = read_annotations(path, display, source, register, episodes, quran)
            annotate_text(source, edition, register, episodes, quran)
        except EditionError as error:
            said = {u.location for u in unattributed}
            findings += [f for f in _errors(error)
                         if Location(f.path, f.line, f.column) not in said]
    scan = detect_speech(source.text, source.lang)
    findings += [_in(source, p.offset, "speech-problem", p.message) for p in scan.problems]
    speakers: list[tuple[int, int]] = []
    if decisions is not None:
        findings += _unconfirmed(source, scan.proposals, decisions, register, speakers)
    findings += _unknown_names(source, register, scan.proposals, decisions, speakers)
    citations = detect_citations(source.text, source.lang, quran)
    findings += [_in(source, p.start, "citation-problem", p.message) for p in citations.problems]
    findings += [_in(source, *finding) for finding in proposed_citations(source, citations,
                                                                          decisions)]
    return findings, _used(source, register, decisions) | ids_annotated(data)


def _proposals(data) -> list[Finding]:
    """A finding for every entry still marked ``proposed: true``."""
    if not isinstance(data, YamlMap):
        return []
    try:
        proposals = unconfirmed(data)
    except EditionError:
        return []           # a malformed file: the errors are reported with the text's
    return [_at(p.location, "proposal", f"a proposed {_ENTRY[p.section]} that nobody has "
                                        f"confirmed; the build leaves it out until its "
                                        f"'proposed: true' line is deleted")
            for p in proposals]


_ENTRY = {"scenes": "scene", "speech": "speech", "names": "name", "citations": "citation",
          "corrections": "correction", "dates": "date", "measures": "measure"}


def _unconfirmed(source: Source, proposals, decisions: TextAnnotations, register: Register,
                 speakers: list[tuple[int, int]]) -> list[Finding]:
    """The proposals no annotation confirms; the spans of the unknown speakers reported are
    added to ``speakers``."""
    said = [span for span in decisions.spans if span.element == "said"]
    confirmations = confirmed(proposals, said)
    findings = []
    for proposal in proposals:
        if proposal in confirmations:
            continue
        findings.append(_in(source, proposal.start, "unconfirmed-speech",
                            f"no annotation confirms {describe(source.text, proposal)}"))
        if proposal.speaker_text and not names_register_entry(proposal.speaker_text,
                                                              source.lang, register):
            findings.append(_in(source, proposal.speaker_start, "unattributed-speech",
                                f'the speaker "{proposal.speaker_text}" matches no register '
                                f'name'))
            speakers.append((proposal.speaker_start, proposal.speaker_end))
    return findings


def _unknown_names(source: Source, register: Register, proposals,
                   decisions: TextAnnotations | None, speakers) -> list[Finding]:
    """One finding per unknown name, at its first place; the speakers already reported as
    unattributed are not reported again."""
    known = list(speakers)
    if decisions is not None:
        known += [(s.start, s.end) for s in decisions.spans
                  if s.element in NAME_ELEMENT.values()]
        known += [(r.start, r.end) for r in decisions.rejected_names]
    candidates = unregistered_names(source, register, proposals, known)
    findings = []
    for name, places in by_name(candidates, source.lang):
        times = f" ({len(places)} times; the first is here)" if len(places) > 1 else ""
        findings.append(_in(source, places[0].start, "unknown-name",
                            f'"{name}" is in no register entry{times}'))
    return findings


def _used(source: Source, register: Register, decisions: TextAnnotations | None) -> set[str]:
    """The register ids the text names: detected names not rejected, and annotated ones."""
    spans = find_names(source.text, source.lang, register)
    if decisions is not None:
        rejected = decisions.rejected_names
        spans = [s for s in spans
                 if not any(r.start <= s.start and s.end <= r.end for r in rejected)]
        spans += decisions.spans
    return ids_named(spans, register)


def _unused_entries(edition: Edition, register: Register, used: set[str]) -> list[Finding]:
    display = edition.display(edition.register)
    locations = entry_locations(edition.register, display)
    return [_at(locations.get(entry.id, Location(display, None, None)), "unused-entry",
                f"'{entry.id}' ({entry.kind}) is named in no text and no annotation points "
                f"at it")
            for entry in register.entries.values() if entry.id not in used]


def _errors(error: EditionError) -> list[Finding]:
    errors = error.errors if isinstance(error, EditionErrors) else [error]
    return [Finding(e.path or "", e.line, e.column, "error", e.message, blocking=True)
            for e in errors]


def _at(location: Location, kind: str, message: str, blocking: bool = False) -> Finding:
    return Finding(location.path, location.line, location.column, kind, message, blocking)


def _in(source: Source, offset: int, kind: str, message: str) -> Finding:
    return Finding(source.display_path, *source.line_column(offset), kind, message)
