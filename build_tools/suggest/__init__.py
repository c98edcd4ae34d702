"""``edition suggest``: a draft annotation file for a new text, for the editor to review.

The draft holds what the detectors propose and nothing else: the scenes (with an episode
each, for the chapter's episodes file), every proposed speech with its speaker and
addressees resolved against the register (build_tools/suggest/speakers.py), the Hijri dates,
and the names the register lacks (as comments). Every entry but the first scene is marked
``proposed: true``: the build leaves it out and ``edition check`` lists it until the editor
confirms it by deleting that line, so a draft builds as it is. ``--keep high`` writes only
the confident proposals; ``--merge`` adds to an existing file the proposals that touch
nothing the editor wrote, leaving every line of it as it was. Every anchor is chosen with
the project's own anchor rules so that it finds exactly the proposed span. The same text
and register always give the same draft.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..annotate.anchors import find_anchor
from ..annotate.date_detector import DateProposal, detect_dates
from ..annotate.model import Register
from ..annotate.register import load_register
from ..annotate.speech_detector import SpeechProposal, detect_speech
from ..check.names import by_name, unregistered_names
from ..config import TextConfig
from ..errors import EditionError, Location
from ..ingest import Source, read_source
from ..languages import is_known, language
from ..quran import load_quran
from ..yamlfile import YamlMap, load_yaml
from .alignment import Match, OtherText, best_match, features, other_scenes
from .merge import insert_lines, merge_draft
from .scenes import SceneProposal, propose_scenes
from .speakers import Attribution, attribute

TODO = "TODO"
KEEP = ("all", "high")
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
    others: tuple[OtherText, ...] = ()              # the chapter's other texts
    project_root: Path | None = None


@dataclass
class DraftSpeech:
    """A proposal, whom the draft gives it to, and the proposals nested in it."""

    proposal: SpeechProposal
    attribution: Attribution
    nested: list["DraftSpeech"] = field(default_factory=list)
    crosses: bool = False

    @property
    def who(self) -> str | None:
        return self.attribution.who

    @property
    def who_confidence(self) -> str:
        return self.attribution.confidence

    @property
    def confident(self) -> bool:
        """A span and a speaker the draft is sure of: what ``--keep high`` writes."""
        return self.proposal.confidence == "high" and self.who is not None \
            and self.who_confidence == "high"


def suggest(source_path: Path, project_root: Path, lang: str | None = None,
            keep: str = "all") -> str:
    """The draft annotation YAML for the text in ``source_path``."""
    return make_draft(source_path, project_root, lang, keep).render()


def make_draft(source_path: Path, project_root: Path, lang: str | None = None,
               keep: str = "all") -> "Draft":
    """The draft of the text in ``source_path``, with what the project says about it."""
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
    return Draft(source, context, origin, keep)


def merge_draft_into(draft: "Draft", path: Path, project_root: Path) -> str:
    """The annotation file ``path`` with the draft's new proposals added to it."""
    return merge_draft(path, _display(path, project_root), draft.source, draft)


def write_episodes(draft: "Draft", path: Path, project_root: Path, annotations: str) -> None:
    """Add to ``path`` (an episodes.yml, made if needed) the draft's episodes that the
    annotation file's scenes (``annotations``, its text) name and ``path`` lacks."""
    display = _display(path, project_root)
    episodes = [e for e in draft.episodes()
                if re.search(rf"(?m)^\s*- episode: {re.escape(e[0])}\s*$", annotations)]
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        data = load_yaml(path, display)
        known = {str(item.get("id")) for item in (data or {}).get("episodes") or ()
                 if isinstance(item, dict)} if isinstance(data, dict) else set()
        new = [e for e in episodes if e[0] not in known]
        lines = insert_lines(text.splitlines(), "episodes",
                             episode_lines(new, draft.source.lang)) if new else \
            text.splitlines()
    else:
        lines = ["# The chapter's episodes, in the order of its synopsis; drafted by",
                 "# `edition suggest` (delete `proposed: true` to confirm an episode).",
                 "episodes:", *episode_lines(episodes, draft.source.lang)]
    write_draft("\n".join(lines) + "\n", path, force=True)


def draft_for(source: Source, context: Context, keep: str = "all") -> "Draft":
    """The draft of a text already read (the benchmark's way in)."""
    return Draft(source, context, "given", keep)


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
                   abbreviations, has_register, _other_texts(data, edition_dir, source_path),
                   project_root)


def _other_texts(data: YamlMap, edition_dir: Path, source_path: Path) -> tuple[OtherText, ...]:
    """The other texts of the chapter that lists the source, with an annotation file."""
    for chapter in data.get("chapters") or ():
        texts = [t for t in (chapter.get("texts") or ()) if isinstance(chapter, dict)
                 and isinstance(t, dict) and t.get("source") and t.get("annotations")]
        if not any((edition_dir / str(t["source"])).resolve() == source_path.resolve()
                   for t in texts):
            continue
        return tuple(OtherText(str(t.get("id")), str(t.get("lang")),
                               edition_dir / str(t["source"]), edition_dir / str(t["annotations"]))
                     for t in texts
                     if (edition_dir / str(t["source"])).resolve() != source_path.resolve()
                     and (edition_dir / str(t["annotations"])).is_file())
    return ()


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


class Draft:
    """The draft of one text: its proposals, and their rendering as commented YAML."""

    def __init__(self, source: Source, context: Context, language_origin: str,
                 keep: str = "all"):
        if keep not in KEEP:
            raise EditionError(f"--keep {keep}: give one of {', '.join(KEEP)}")
        self.source = source
        self.text = source.text
        self.context = context
        self.language_origin = language_origin
        self.keep = keep
        self.scan = detect_speech(self.text, source.lang)
        self.problems = {p.offset: p.message for p in self.scan.problems}
        attributions = attribute(self.text, source.lang, context.register, self.scan.proposals)
        self.tree = _nest(self.scan.proposals, attributions)
        self.speeches = list(_walk(self.tree))
        self.dates: list[DateProposal] = detect_dates(self.text, source.lang)
        self.scenes: list[SceneProposal] = propose_scenes(source, context.register)
        self.matches: dict[int, Match] = self._align()
        self.lines: list[str] = []

    def _align(self) -> dict[int, Match]:
        """For each scene, the other text's scene it shares most with (cross-text rows)."""
        if not self.context.others:
            return {}
        try:
            quran = load_quran(self.context.project_root) if self.context.project_root \
                else None
        except (EditionError, OSError):
            quran = None                # without the Quran data, rows are scored without it
        register = self.context.register
        others = {o.id: other_scenes(o, register, quran) for o in self.context.others}
        scenes = self._kept_scenes()
        ends = [s.start for s in scenes[1:]] + [len(self.text)]
        matches = {}
        for index, (scene, end) in enumerate(zip(scenes, ends)):
            match = best_match(features(self.source, scene.start, end, register, quran), others)
            if match is not None:
                matches[index] = match
        return matches

    # --- the whole file ------------------------------------------------------------------

    def render(self) -> str:
        self.lines = []
        self._header()
        self._emit(*self.scene_section(), "")
        self._emit(*self.speech_section(), "")
        self._emit(*self.date_section(), "")
        self._names()
        self._episodes()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def render_speech(self) -> str:
        """The speech section alone (the benchmark compares it with the gold)."""
        return "\n".join(self.speech_section()) + "\n"

    def episode_id(self, index: int) -> str:
        """The episode of the ``index``-th scene: the row of the other text's scene it
        shares most with, else one of its own."""
        match = self.matches.get(index)
        return match.episode if match else f"{self.source.id}-{index + 1}"

    def episodes(self) -> list[tuple[str, str, bool]]:
        """The drafted episodes (the scenes no other text's row takes): id, title, and
        whether it is only proposed."""
        return [(self.episode_id(i), scene.title, i > 0)
                for i, scene in enumerate(self._kept_scenes()) if i not in self.matches]

    def _row(self, index: int) -> str:
        match = self.matches.get(index)
        if match is None:
            return ""
        return (f"; the row of {match.text}'s scene that shares {', '.join(match.shared)} "
                f"(score {match.score:.2f})")

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

    def _header(self) -> None:
        speeches = [s for s in self.speeches if s.proposal.kind == "speech"]
        frames = len(self.speeches) - len(speeches)
        high = sum(s.proposal.confidence == "high" for s in speeches)
        confident = sum(s.confident for s in speeches)
        self._emit(
            f"# DRAFT annotations for {self.source.display_path}, written by `edition suggest`"
            + (" (--keep high: only the confident proposals)." if self.keep == "high" else "."),
            f"# Language: {self.source.lang} ({self.language_origin}).",
            *self._generic_features(),
            "#",
            "# Every entry marked `proposed: true` is a proposal: the build leaves it out and",
            "# `edition check` lists it. Check it against the text, correct its span or its",
            "# TODO, and delete the `proposed: true` line to confirm it; delete the entry to",
            "# reject it. The file builds as it is (see edition/annotations/README.md).",
            "#",
            f"# The detector proposed {len(speeches)} speech{'es' if len(speeches) != 1 else ''}"
            f" ({high} with a high-confidence span,",
            f"# {confident} of them with a speaker the draft is sure of), {frames} narration "
            f"frame{'s' if frames != 1 else ''},",
            f"# {len(self.scenes)} scene{'s' if len(self.scenes) != 1 else ''} and "
            f"{len(self.dates)} date{'s' if len(self.dates) != 1 else ''}.")
        if frames:
            self._emit("# A narration frame is a narrator telling the story; the speeches he "
                       "reports are", "# nested in it. Keep it as a speech or delete it.")
        if not self.context.has_register:
            self._emit("# No register was found, so every speaker is TODO.")
        if self.scan.problems:
            self._emit("# Problems the detector met in the text:")
            self._emit(*(f"#   {self._where(p.offset)} {p.message}" for p in self.scan.problems))
        self._emit("")

    # --- scenes --------------------------------------------------------------------------

    def _kept_scenes(self) -> list[SceneProposal]:
        if self.keep == "high":
            return [s for i, s in enumerate(self.scenes) if i == 0 or s.heading]
        return self.scenes

    def scene_section(self) -> list[str]:
        return ["scenes:",
                "  # The first scene starts where the text starts; its episode is confirmed,",
                "  # so that the text builds (write the episodes below into the chapter's",
                "  # episodes.yml, or give --episodes FILE). The others are proposals.",
                *(line for entry in self.scene_entries() for line in entry.lines)]

    def scene_entries(self) -> list["Entry"]:
        entries = []
        for index, scene in enumerate(self._kept_scenes()):
            comment = f"  # {self._where(scene.start)} {scene.why}{self._row(index)}"
            if index == 0:
                entries.append(Entry(scene.start, scene.start,
                                     [comment, f"  - episode: {self.episode_id(0)}"]))
                continue
            fields = self._start_anchor(scene.start, len(self.text))
            if fields is None:
                entries.append(Entry(scene.start, scene.start,
                                     [comment + ": left out, no quotation of its start is "
                                                "unique"]))
                continue
            entries.append(Entry(scene.start, scene.start, [
                comment, f"  - episode: {self.episode_id(index)}", "    proposed: true",
                *self._fields(fields, "    ")]))
        return entries

    # --- speech --------------------------------------------------------------------------

    def _kept_tree(self) -> list[DraftSpeech]:
        if self.keep == "all":
            return self.tree
        return list(_confident(self.tree))

    def speech_section(self) -> list[str]:
        tree = self._kept_tree()
        if not tree:
            return ["speech: []"]
        lines = ["speech:"]
        for speech in tree:
            lines.extend(self._speech_entry(speech, "  "))
        return lines

    def speech_entries(self) -> list["Entry"]:
        """Each top-level speech entry, for merging."""
        return [Entry(s.proposal.start, s.proposal.end, self._speech_entry(s, "  "))
                for s in self._kept_tree()]

    def _speech_entry(self, speech: DraftSpeech, indent: str) -> list[str]:
        proposal = speech.proposal
        anchor = self.speech_anchor(proposal.start, proposal.end)
        what = "narration frame" if proposal.kind == "narration" else "speech"
        cue = f'cue "{proposal.cue}"' if any(c.isalnum() for c in proposal.cue) else "quoted"
        problem = self.problems.get(proposal.cue_start)
        lines = [f"{indent}# {self._where(proposal.start)} {what}, {proposal.confidence} "
                 f"confidence, {cue}"
                 + (f"; {self._where(proposal.cue_start)}: {problem}" if problem else "")]
        if speech.crosses or anchor is None:
            why = ("it crosses the speech before it" if speech.crosses else
                   "no quotation of it is unique")
            excerpt = " ".join(self.text[proposal.start:proposal.end].split())[:60]
            lines.append(f"{indent}# left out, {why}: {_quote(excerpt)}")
            return lines
        attribution = speech.attribution
        note = f"{attribution.note}" + (f" ({attribution.confidence})" if speech.who else "")
        lines.append(f"{indent}- who: {speech.who or TODO}    # {note}")
        inner = indent + "  "
        lines.append(f"{inner}proposed: true")
        if attribution.to:
            lines.append(f"{inner}to: [{', '.join(attribution.to)}]")
        elif proposal.addressee_text:
            lines.append(f"{inner}# to: {_quote(proposal.addressee_text)} (no register name)")
        lines.extend(self._fields(anchor, inner))
        if speech.nested:
            lines.append(f"{inner}speech:")
            for child in speech.nested:
                lines.extend(self._speech_entry(child, inner + "  "))
        return lines

    # --- dates ---------------------------------------------------------------------------

    def date_section(self) -> list[str]:
        entries = self.date_entries()
        if not entries:
            return ["dates: []"]
        return ["dates:", *(line for entry in entries for line in entry.lines)]

    def date_entries(self) -> list["Entry"]:
        entries = []
        for date in self.dates:
            anchor = self.speech_anchor(date.start, date.end)
            if anchor is None:
                continue
            first, *rest = self._fields(anchor, "    ")
            entries.append(Entry(date.start, date.end, [
                f"  # {self._where(date.start)} a Hijri date",
                "  - " + first.lstrip(), *rest, "    proposed: true",
                f"    when-custom: {_quote(date.when)}"]))
        return entries

    # --- names and episodes --------------------------------------------------------------

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
        self._emit("")

    def _episodes(self) -> None:
        self._emit("# The episodes these scenes narrate, for the chapter's episodes.yml",
                   "# (`edition suggest --episodes FILE` adds them to it):")
        for line in episode_lines(self.episodes(), self.source.lang):
            self._emit(f"# {line}")

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

    def speech_anchor(self, start: int, end: int) -> dict | None:
        """``anchor:`` for a short span, else ``start:`` and ``end:``, resolving to exactly
        ``start``–``end``."""
        words = self._words(start, end)
        if len(words) <= _WHOLE_ANCHOR_WORDS:
            fields = {"anchor": self._quotation(start, end)}
            if self._resolve(fields) == (start, end):
                return fields
            for occurrence in range(1, len(self.text) // max(1, end - start) + 1):
                fields = {"anchor": self._quotation(start, end), "occurrence": occurrence}
                found = self._resolve(fields)
                if found is None:
                    break
                if found == (start, end):
                    return fields
        head = self._start_anchor(start, end)
        if head is None:
            return None
        for count in range(min(_END_WORDS, len(words)), len(words) + 1):
            fields = {**head, "end": self._quotation(words[-count][0], end)}
            if self._resolve(fields) == (start, end):
                return fields
        return None


def episode_lines(episodes: list[tuple[str, str, bool]], lang: str) -> list[str]:
    """The drafted episodes as entries of an episodes.yml list (without the key)."""
    lines = []
    for identifier, title, proposed in episodes:
        lines.append(f"  - id: {identifier}")
        if proposed:
            lines.append("    proposed: true")
        lines.append(f"    title: {{{lang}: {_quote(title)}}}")
    return lines


@dataclass(frozen=True)
class Entry:
    """One entry of a section, as the draft writes it: the span it is about, its lines."""

    start: int
    end: int
    lines: list[str]


def _walk(tree: list[DraftSpeech]):
    for speech in tree:
        yield speech
        yield from _walk(speech.nested)


def _confident(tree: list[DraftSpeech]):
    """The confident speeches of a tree; those nested in one left out take its place."""
    for speech in tree:
        nested = list(_confident(speech.nested))
        if speech.confident and not speech.crosses:
            yield DraftSpeech(speech.proposal, speech.attribution, nested, False)
        else:
            yield from nested


def _nest(proposals: list[SpeechProposal],
          attributions: dict[SpeechProposal, Attribution]) -> list[DraftSpeech]:
    """The proposals as a tree: each inside the innermost earlier one that contains it."""
    roots: list[DraftSpeech] = []
    stack: list[DraftSpeech] = []
    for proposal in sorted(proposals, key=lambda p: (p.start, -p.end, p.cue_start or 0)):
        speech = DraftSpeech(proposal, attributions[proposal])
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
