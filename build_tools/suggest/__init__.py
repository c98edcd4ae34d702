"""``edition suggest``: a draft annotation file for a new text, for the editor to review.

The draft holds what the detectors propose and nothing else: a first scene, every paragraph
as a possible further scene (commented out), every proposed speech with its speaker guessed
from the register (or ``who: TODO``), and the names the register lacks (as comments). Every
anchor is chosen with the project's own anchor rules so that it finds exactly the proposed
span; once the TODOs are filled in, the file loads like any annotation file. The same text
and register always give the same draft.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .annotate.anchors import find_anchor
from .annotate.model import Register
from .annotate.names import find_names
from .annotate.register import load_register
from .annotate.speech_detector import SpeechProposal, detect_speech
from .check.names import by_name, unregistered_names
from .config import TextConfig
from .errors import EditionError, Location
from .ingest import Source, read_source
from .languages import is_known, language
from .yamlfile import YamlMap, load_yaml

TODO = "TODO"
SPEAKER_KINDS = ("person", "group")
# A quotation of at most this many words is the whole anchor; a longer one gets start/end.
_WHOLE_ANCHOR_WORDS = 8
_START_WORDS = 3       # a start: quotes at least this many words, more where needed to be unique
_END_WORDS = 2
_MAX_START_WORDS = 12
_DRAFT = Location("<draft>", None, None)


@dataclass(frozen=True)
class Context:
    """What the project says about a source: its register, language and abbreviations."""

    register: Register
    lang: str | None = None                         # when edition.yml lists the source
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per language
    has_register: bool = False


@dataclass
class _Speech:
    """A proposal with the proposals nested in it."""

    proposal: SpeechProposal
    nested: list["_Speech"] = field(default_factory=list)
    crosses: bool = False


def suggest(source_path: Path, project_root: Path, lang: str | None = None) -> str:
    """The draft annotation YAML for the text in ``source_path``."""
    context = project_context(project_root, source_path)
    display = _display(source_path, project_root)
    if lang and not is_known(lang):
        raise EditionError(f"--lang {lang}: not a language code that CLDR knows; use a BCP 47 "
                           f"code such as ar, tr, en, fa")
    if not lang and not context.lang:
        # A text's language is never guessed from its script (Persian is not Arabic).
        raise EditionError("the text's language is not known: list the source in "
                           "edition.yml (lang:) or give --lang", display)
    origin = "--lang" if lang else "edition.yml"
    lang = lang or context.lang
    config = TextConfig(_text_id(source_path), lang, source_path, Path(), {}, {})
    abbreviations = (*language(lang).abbreviations, *context.abbreviations.get(lang, ()))
    source = read_source(config, display, tuple(dict.fromkeys(abbreviations)))
    return _Draft(source, context, origin).render()


def write_draft(draft: str, output: Path, force: bool = False) -> None:
    """Write the draft to ``output``, never over an existing file unless ``force``."""
    if output.exists() and not force:
        raise EditionError("the file exists; give --force to overwrite it", str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so an interrupted run leaves no half file.
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(draft)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def project_context(project_root: Path, source_path: Path) -> Context:
    """The register, language and abbreviations that the project's ``edition.yml`` gives.

    Read leniently: the new text is usually listed in ``edition.yml`` before its annotation
    file exists, which the full configuration check would refuse.
    """
    edition_dir = project_root / "edition"
    config_path = edition_dir / "edition.yml"
    if not config_path.is_file():
        return Context(Register({}))
    data = load_yaml(config_path, f"{edition_dir.name}/edition.yml")
    if not isinstance(data, YamlMap):
        return Context(Register({}))
    register, has_register = Register({}), False
    register_path = edition_dir / str(data.get("register", ""))
    if data.get("register") and register_path.is_file():
        register = load_register(register_path, _display(register_path, project_root))
        has_register = True
    languages = data.get("languages") if isinstance(data.get("languages"), dict) else {}
    abbreviations = {lang: tuple((values or {}).get("abbreviations", ()))
                     for lang, values in languages.items()}
    return Context(register, _configured_language(data, edition_dir, source_path),
                   abbreviations, has_register)


def _configured_language(data: YamlMap, edition_dir: Path, source_path: Path) -> str | None:
    """The language edition.yml gives the source, if it lists it as a text."""
    for chapter in data.get("chapters") or ():
        for text in (chapter.get("texts") or ()) if isinstance(chapter, dict) else ():
            if isinstance(text, dict) and text.get("source") and \
                    (edition_dir / str(text["source"])).resolve() == source_path.resolve():
                return text.get("lang")
    return None


def _display(path: Path, project_root: Path) -> str:
    try:
        return str(path.resolve().relative_to(project_root.resolve()))
    except ValueError:
        return path.name


def _text_id(path: Path) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-") or "text"


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class _Draft:
    """The draft of one text, rendered as commented YAML."""

    def __init__(self, source: Source, context: Context, language_origin: str):
        self.source = source
        self.text = source.text
        self.context = context
        self.language_origin = language_origin
        self.scan = detect_speech(self.text, source.lang)
        self.problems = {p.offset: p.message for p in self.scan.problems}
        self.lines: list[str] = []

    def render(self) -> str:
        self._header()
        self._scenes()
        self._speech()
        self._names()
        return "\n".join(self.lines) + "\n"

    def _generic_features(self) -> list[str]:
        generic = language(self.source.lang).generic
        if not generic:
            return []
        return [f"# '{self.source.lang}' has no plug-in of its own for: {', '.join(generic)};",
                "# those proposals come from the generic plug-in (CLDR quotation marks and",
                "# punctuation) and are fewer. See build_tools/languages/README.md."]

    def _emit(self, *lines: str) -> None:
        self.lines.extend(lines)

    def _where(self, offset: int) -> str:
        return "%d:%d" % self.source.line_column(offset)

    # --- header and scenes ---------------------------------------------------------------

    def _header(self) -> None:
        proposals = self.scan.proposals
        speeches = [p for p in proposals if p.kind == "speech"]
        frames = len(proposals) - len(speeches)
        high = sum(p.confidence == "high" for p in speeches)
        self._emit(
            f"# DRAFT annotations for {self.source.display_path}, written by `edition suggest`.",
            f"# Language: {self.source.lang} ({self.language_origin}).",
            *self._generic_features(),
            "#",
            "# Nothing here is confirmed. Check every entry against the text: correct the",
            "# spans, replace each TODO with an episode id or a register id, delete what is not",
            "# speech, then save the file as the text's annotation file (see",
            "# edition/annotations/README.md). `edition check` lists what is still unconfirmed.",
            "#",
            f"# The detector proposed {len(speeches)} speech{'es' if len(speeches) != 1 else ''}"
            f" ({high} with high confidence) and {frames} narration "
            f"frame{'s' if frames != 1 else ''}.")
        if frames:
            self._emit("# A narration frame is a narrator telling the story; the speeches he "
                       "reports are", "# nested in it. Keep it as a speech or delete it.")
        if not self.context.has_register:
            self._emit("# No register was found, so every speaker is TODO.")
        if self.scan.problems:
            self._emit("# Problems the detector met in the text:")
            self._emit(*(f"#   {self._where(p.offset)} {p.message}" for p in self.scan.problems))
        self._emit("")

    def _scenes(self) -> None:
        paragraphs = self.source.paragraphs
        self._emit("scenes:",
                   "  # The first scene starts where the text starts; give its episode id.")
        first = self._start_anchor(*paragraphs[0])
        self._emit("  - episode: TODO", *self._fields(first, "    "))
        if len(paragraphs) > 1:
            self._emit("  # Each further paragraph may start a scene: uncomment those that "
                       "begin an episode.")
        for start, end in paragraphs[1:]:
            fields = self._start_anchor(start, end)
            if fields is None:
                continue
            self._emit(f"  # - episode: TODO    # {self._where(start)}",
                       *("  # " + line[2:] for line in self._fields(fields, "    ")))
        self._emit("")

    # --- speech --------------------------------------------------------------------------

    def _speech(self) -> None:
        tree = _nest(self.scan.proposals)
        if not tree:
            self._emit("speech: []", "")
            return
        self._emit("speech:")
        for speech in tree:
            self._speech_entry(speech, "  ")
        self._emit("")

    def _speech_entry(self, speech: _Speech, indent: str) -> None:
        proposal = speech.proposal
        anchor = self._speech_anchor(proposal.start, proposal.end)
        what = "narration frame" if proposal.kind == "narration" else "speech"
        cue = f'cue "{proposal.cue}"' if any(c.isalnum() for c in proposal.cue) else "quoted"
        problem = self.problems.get(proposal.cue_start)
        self._emit(f"{indent}# {self._where(proposal.start)} {what}, {proposal.confidence} "
                   f"confidence, {cue}"
                   + (f"; {self._where(proposal.cue_start)}: {problem}" if problem else ""))
        if speech.crosses or anchor is None:
            why = ("it crosses the speech before it" if speech.crosses else
                   "no quotation of it is unique")
            excerpt = " ".join(self.text[proposal.start:proposal.end].split())[:60]
            self._emit(f"{indent}# left out, {why}: {_quote(excerpt)}")
            return
        who, note = self._who(proposal)
        self._emit(f"{indent}- who: {who}" + (f"    # {note}" if note else ""))
        inner = indent + "  "
        to, to_note = self._to(proposal)
        if to:
            self._emit(f"{inner}to: [{', '.join(to)}]")
        elif to_note:
            self._emit(f"{inner}# {to_note}")
        self._emit(*self._fields(anchor, inner))
        if speech.nested:
            self._emit(f"{inner}speech:")
            for child in speech.nested:
                self._speech_entry(child, inner + "  ")

    def _who(self, proposal: SpeechProposal) -> tuple[str, str]:
        """The register id the speaker text names, or TODO, and a comment saying why."""
        if proposal.speaker_text is None:
            return TODO, "the text names no speaker here"
        ids = self._ids(proposal.speaker_text)
        said = _quote(proposal.speaker_text)
        if len(ids) == 1:
            return ids[0], f"from {said}"
        if ids:
            return TODO, f"{said} names {', '.join(ids)}"
        return TODO, f"{said} matches no register name"

    def _to(self, proposal: SpeechProposal) -> tuple[list[str], str]:
        if proposal.addressee_text is None:
            return [], ""
        ids = self._ids(proposal.addressee_text)
        if ids:
            return ids, ""
        return [], f"to: {_quote(proposal.addressee_text)} (no register name)"

    def _ids(self, words: str) -> list[str]:
        """The distinct person and group ids named in ``words``, in the order they stand."""
        register = self.context.register
        ids: list[str] = []
        for span in find_names(words, self.source.lang, register):
            identifier = span.attribute("ref").partition(":")[2]
            if register[identifier].kind in SPEAKER_KINDS and identifier not in ids:
                ids.append(identifier)
        return ids

    # --- names ---------------------------------------------------------------------------

    def _names(self) -> None:
        found = by_name(unregistered_names(self.source, self.context.register,
                                           self.scan.proposals), self.source.lang)
        if not found:
            return
        self._emit("# Names in the text that no register entry has: add them to an entry's",
                   "# names in register.yml, or annotate them under names: (ref: or reject:).")
        for name, places in found:
            times = f" ({len(places)} times)" if len(places) > 1 else ""
            self._emit(f"#   {_quote(name)} {self._where(places[0].start)}{times}")

    # --- anchors -------------------------------------------------------------------------

    def _fields(self, fields: dict, indent: str) -> list[str]:
        return [f"{indent}{key}: {value if isinstance(value, int) else _quote(value)}"
                for key, value in fields.items()]

    def _resolve(self, fields: dict) -> tuple[int, int] | None:
        """Where the project's anchor rules put these fields, or None if they fail."""
        item = YamlMap(fields)
        item.location = _DRAFT
        try:
            return find_anchor(item, self.source)
        except EditionError:
            return None

    def _words(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(start + m.start(), start + m.end())
                for m in re.finditer(r"\S+", self.text[start:end])]

    def _quotation(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())

    def _start_anchor(self, start: int, end: int) -> dict | None:
        """``start:`` quoting the fewest words from ``start`` that find it alone, or a short
        quotation with ``occurrence:`` when no prefix up to the limit is unique."""
        words = self._words(start, end)[:_MAX_START_WORDS]
        if not words:
            return None
        for count in range(min(_START_WORDS, len(words)), len(words) + 1):
            fields = {"start": self._quotation(start, words[count - 1][1])}
            found = self._resolve(fields)
            if found is not None and found[0] == start:
                return fields
        quotation = self._quotation(start, words[min(_START_WORDS, len(words)) - 1][1])
        for occurrence in range(1, self.text.count(quotation.split()[0]) + 1):
            fields = {"start": quotation, "occurrence": occurrence}
            found = self._resolve(fields)
            if found is None:
                break
            if found[0] == start:
                return fields
        return None

    def _speech_anchor(self, start: int, end: int) -> dict | None:
        """``anchor:`` for a short speech, else ``start:`` and ``end:``, resolving to exactly
        ``start``–``end``."""
        words = self._words(start, end)
        if len(words) <= _WHOLE_ANCHOR_WORDS:
            fields = {"anchor": self._quotation(start, end)}
            if self._resolve(fields) == (start, end):
                return fields
        head = self._start_anchor(start, end)
        if head is None:
            return None
        for count in range(min(_END_WORDS, len(words)), len(words) + 1):
            fields = {**head, "end": self._quotation(words[-count][0], end)}
            if self._resolve(fields) == (start, end):
                return fields
        return None


def _nest(proposals: list[SpeechProposal]) -> list[_Speech]:
    """The proposals as a tree: each inside the innermost earlier one that contains it."""
    roots: list[_Speech] = []
    stack: list[_Speech] = []
    for proposal in sorted(proposals, key=lambda p: (p.start, -p.end, p.cue_start or 0)):
        speech = _Speech(proposal)
        while stack and not _contains(stack[-1].proposal, proposal):
            if proposal.start < stack[-1].proposal.end:
                speech.crosses = True           # TEI cannot hold it: the editor decides
            stack.pop()
        (stack[-1].nested if stack else roots).append(speech)
        if not speech.crosses:
            stack.append(speech)
    return roots


def _contains(outer: SpeechProposal, inner: SpeechProposal) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
