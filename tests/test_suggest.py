"""``edition suggest``: a draft annotation file that parses, whose anchors find exactly the
detector's speeches, that loads once its TODOs are filled in, and that is never written over."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.annotate.anchors import find_anchor
from build_tools.annotate.editorial import read_annotations
from build_tools.annotate.model import Episode, Register, RegisterEntry
from build_tools.annotate.speech_detector import detect_speech
from build_tools.annotate.structure import assemble
from build_tools.config import TextConfig
from build_tools.ingest import read_source
from build_tools.quran import load_quran
from build_tools.suggest import suggest
from build_tools.yamlfile import load_yaml

from .conftest import ROOT, copy_project, openiti

CORPUS = ROOT.parent / "shared" / "corpora" / "ibnhisham-hijra.mARkdown"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def new_text(project, seed: str) -> Path:
    """A seed copied as a new text that edition.yml does not list yet."""
    path = project.root / "edition" / "sources" / f"new-{seed}"
    shutil.copyfile(ROOT / "edition" / "sources" / seed, path)
    return path


def run_suggest(project, *arguments: str) -> int:
    return cli.main(["--project", str(project.root), "suggest", *arguments])


def source_of(path: Path, lang: str, annotations: Path = Path()):
    return read_source(TextConfig("new", lang, path, annotations, {}, {}), path.name)


def speech_items(data) -> list:
    """Every speech mapping of an annotation file, nested ones too, depth first."""
    found = []
    for item in data.get("speech") or []:
        found.append(item)
        found.extend(speech_items(item))
    return found


def resolved_speech(draft: Path, source) -> list[tuple[int, int]]:
    data = load_yaml(draft, draft.name)
    return [find_anchor(item, source) for item in speech_items(data)]


@pytest.mark.parametrize("seed, lang", [("hijra-tr.txt", "tr"), ("hijra-ar.txt", "ar")])
def test_draft_anchors_find_exactly_the_detected_speeches(project, tmp_path, seed, lang):
    text = new_text(project, seed)
    draft = tmp_path / "draft.yml"
    assert run_suggest(project, str(text), "--lang", lang, "--output", str(draft)) == 0
    source = source_of(text, lang)
    spans = resolved_speech(draft, source)          # find_anchor raises on any bad anchor
    detected = [(p.start, p.end) for p in detect_speech(source.text, lang).proposals]
    assert sorted(spans) == sorted(detected) and len(spans) > 5
    header = draft.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# DRAFT")


def test_language_is_never_guessed_from_the_script(project, tmp_path, capsys):
    draft = tmp_path / "draft.yml"
    assert run_suggest(project, str(new_text(project, "hijra-ar.txt")), "-o", str(draft)) == 1
    error = capsys.readouterr().err
    assert "new-hijra-ar.txt" in error and "--lang" in error and "Traceback" not in error
    assert not draft.exists()


def test_language_comes_from_edition_yml(project, tmp_path):
    draft = tmp_path / "draft.yml"
    source = project.root / "edition" / "sources" / "hijra-ar.txt"
    assert run_suggest(project, str(source), "-o", str(draft)) == 0
    assert "# Language: ar (edition.yml)" in draft.read_text(encoding="utf-8")


def test_a_language_without_a_plug_in_is_drafted_and_says_what_is_generic(project, tmp_path):
    text = project.root / "edition" / "sources" / "new-fa.txt"
    text.write_text("او گفت: «فردا می‌رویم.» سپس رفت.\n", encoding="utf-8")
    draft = tmp_path / "draft.yml"
    assert run_suggest(project, str(text), "--lang", "fa", "-o", str(draft)) == 0
    content = draft.read_text(encoding="utf-8")
    assert "'fa' has no plug-in of its own for: sentence ends, quotation marks, speech cues" \
        in content
    assert "فردا می‌رویم." in content           # the « » speech, from CLDR's marks


def _load(path: Path, source, draft: str, project):
    """The draft read by the project's own loader, with its episodes and speakers known."""
    register = Register({id: RegisterEntry(id, "person", {}, {}, {})
                         for id in ("someone", *re.findall(r"who: ([a-z][a-z0-9-]*)", draft))})
    episodes = {id: Episode(id, {"en": id}, {})
                for id in re.findall(r"(?m)^\s*- episode: (\S+)", draft)}
    decisions = read_annotations(path, path.name, source, register, episodes,
                                 load_quran(project.root))
    assemble(source, decisions.scenes, decisions.spans)
    return decisions


def test_draft_loads_as_it_is_and_once_every_proposal_is_confirmed(project, tmp_path):
    """Unconfirmed, the proposals are left out and the draft loads as it stands; with every
    `proposed: true` deleted and each TODO filled in, it loads and nests as TEI must."""
    text = new_text(project, "hijra-tr.txt")
    draft = suggest(text, project.root, "tr")
    path = tmp_path / "draft.yml"
    path.write_text(draft, encoding="utf-8")
    source = source_of(text, "tr", path)
    as_it_is = _load(path, source, draft, project)
    assert len(as_it_is.scenes) == 1 and not as_it_is.spans
    assert len(as_it_is.proposals) == len(re.findall(r"(?m)^\s*proposed: true$", draft)) > 5
    confirmed = re.sub(r"(?m)^\s*proposed: true\n", "", draft).replace("who: TODO",
                                                                         "who: someone")
    path.write_text(confirmed, encoding="utf-8")
    decisions = _load(path, source, confirmed, project)
    assert len(decisions.scenes) == confirmed.count("- episode:")
    assert len([s for s in decisions.spans if s.element == "said"]) == \
        len(speech_items(load_yaml(path, path.name)))


def test_draft_is_deterministic(project):
    text = new_text(project, "hijra-ar.txt")
    assert suggest(text, project.root, "ar") == suggest(text, project.root, "ar")


def test_existing_file_is_kept_without_force(project, tmp_path, capsys):
    text = new_text(project, "hijra-tr.txt")
    draft = tmp_path / "draft.yml"
    draft.write_text("# the editor's work\n", encoding="utf-8")
    assert run_suggest(project, str(text), "--lang", "tr", "--output", str(draft)) == 1
    assert draft.read_text(encoding="utf-8") == "# the editor's work\n"
    error = capsys.readouterr().err
    assert "--force" in error and "Traceback" not in error
    assert run_suggest(project, str(text), "--lang", "tr", "--output", str(draft),
                       "--force") == 0
    assert draft.read_text(encoding="utf-8").startswith("# DRAFT")


def test_missing_source_is_a_clear_error(project, capsys):
    assert run_suggest(project, str(project.root / "no-such-text.txt")) == 1
    error = capsys.readouterr().err
    assert "no-such-text.txt" in error and "Traceback" not in error


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_file(), reason=f"corpus absent: {CORPUS} (../shared/corpora)")
def test_draft_of_ibn_hisham(project, tmp_path):
    text = tmp_path / "ibnhisham-hijra.txt"
    text.write_text(openiti().read_markdown(CORPUS), encoding="utf-8")
    draft = tmp_path / "ibnhisham-hijra.yml"
    assert run_suggest(project, str(text), "--lang", "ar", "--output", str(draft)) == 0
    source = source_of(text, "ar")
    spans = set(resolved_speech(draft, source))
    speeches = [p for p in detect_speech(source.text, "ar").proposals if p.kind == "speech"]
    assert len(speeches) >= 50
    assert {(p.start, p.end) for p in speeches} <= spans


def test_without_a_project_every_speaker_is_todo(tmp_path):
    text = tmp_path / "yeni.txt"
    shutil.copyfile(ROOT / "edition" / "sources" / "hijra-tr.txt", text)
    draft = suggest(text, tmp_path / "nowhere", "tr")
    assert "# No register was found" in draft and "# Language: tr (--lang)" in draft
    whos = re.findall(r"(?m)^\s*- who: (\S+)", draft)
    assert whos and set(whos) == {"TODO"}
