"""``edition check``: unconfirmed and unattributed speech, unknown names, unused register
entries and detector problems, each at its file:line:col, on private copies of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.annotate.model import Register, RegisterEntry, Span
from build_tools.annotate.speech_detector import SpeechProposal, detect_speech
from build_tools.check import check_edition
from build_tools.check.names import by_name, unregistered_names
from build_tools.check.speech import confirmed
from build_tools.config import TextConfig
from build_tools.ingest import read_source

from .conftest import ROOT, copy_project

TR_SOURCE = "edition/sources/hijra-tr.txt"
TR_ANNOTATIONS = "edition/annotations/hijra/hijra-tr.yml"
REGISTER = "edition/annotations/register.yml"
FINDING = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<column>\d+): (?P<kind>[a-z-]+): "
                     r"(?P<message>.+)$")


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def run_check(project, capsys, *options: str) -> tuple[int, list[str]]:
    status = cli.main(["--project", str(project.root), "check", *options])
    return status, capsys.readouterr().out.splitlines()


def line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let ``change`` edit the data, and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


# --- the default edition ---------------------------------------------------------------------

def test_default_edition_reports_the_unclosed_quotation(project, capsys):
    text = (ROOT / TR_SOURCE).read_text(encoding="utf-8")
    line, column = line_column(text, text.index('"Ee! Belki'))
    status, lines = run_check(project, capsys)
    assert status == 0, "\n".join(lines)      # findings, but the build would succeed
    assert (f"{TR_SOURCE}:{line}:{column}: speech-problem: quotation mark opened here is "
            f"never closed") in lines
    assert lines[-1].endswith("the build would succeed")


def test_report_lines_are_located_sorted_and_counted(project, capsys):
    _, lines = run_check(project, capsys)
    *findings, summary = lines
    parsed = [FINDING.match(line) for line in findings]
    assert all(parsed), [line for line, match in zip(findings, parsed) if not match]
    keys = [(m["file"], int(m["line"]), int(m["column"])) for m in parsed]
    assert keys == sorted(keys)
    assert summary.startswith(f"{len(findings)} finding")


def test_strict_fails_on_findings(project, capsys):
    status, lines = run_check(project, capsys, "--strict")
    assert status == (1 if len(lines) > 1 else 0)
    assert "Traceback" not in capsys.readouterr().err


def test_register_entry_never_used(project, capsys):
    path = project.root / REGISTER
    edit_yaml(path, lambda data: data.setdefault("persons", []).append(
        {"id": "nobody-here", "names": {"ar": ["زيد بن لا أحد"], "tr": ["Kimse Yok"]},
         "label": {"en": "Nobody"}}))
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "nobody-here" in text)
    report = check_edition(project.edition_dir)
    unused = [f for f in report.findings if f.kind == "unused-entry"]
    assert [(f.path, f.line, f.message.split()[0]) for f in unused
            if "nobody-here" in f.message] == [(REGISTER, line, "'nobody-here'")]
    assert not report.build_fails


def test_removed_speech_annotation_is_reported(project):
    """Remove the annotation of a speech the detector finds: check reports that speech."""
    source = project.root / TR_SOURCE
    text = source.read_text(encoding="utf-8")
    proposal = next(p for p in detect_speech(text, "tr").proposals
                    if text[p.start:p.end].startswith("Niçin ağlıyorsun"))
    where = "%s:%d:%d" % (TR_SOURCE, *line_column(text, proposal.start))

    def unconfirmed_here():
        return [f for f in check_edition(project.edition_dir).findings
                if f.kind == "unconfirmed-speech" and f"{f.path}:{f.line}:{f.column}" == where]

    assert unconfirmed_here() == [], "the default edition should annotate this speech"
    edit_yaml(project.root / TR_ANNOTATIONS,
              lambda data: _remove_speech(data, text, proposal.start, proposal.end))
    found = unconfirmed_here()
    assert len(found) == 1 and "Niçin ağlıyorsun?" in found[0].message


def _remove_speech(data: dict, text: str, start: int, end: int) -> None:
    """Drop, at any depth, the speech annotations whose quoted words lie in text[start:end]."""
    spoken = " ".join(text[start:end].split())

    def about(item: dict) -> bool:
        quoted = [item.get(key) for key in ("anchor", "start") if item.get(key)]
        return any(" ".join(q.split()).strip('"') in spoken or spoken in q for q in quoted)

    def prune(items: list) -> list:
        kept = []
        for item in items:
            if about(item):
                kept.extend(prune(item.get("speech") or []))   # keep what it reported
            else:
                if item.get("speech"):
                    item["speech"] = prune(item["speech"])
                kept.append(item)
        return kept

    before = repr(data["speech"])
    data["speech"] = prune(data["speech"])
    assert repr(data["speech"]) != before, "no annotation of this speech was found"


def test_unattributed_annotation_stops_the_build(project, capsys):
    def unattribute(data):
        data["speech"][0]["who"] = "TODO"
    edit_yaml(project.root / TR_ANNOTATIONS, unattribute)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert any(FINDING.match(line) and ": unattributed-speech: speech by 'TODO'" in line
               and line.startswith(TR_ANNOTATIONS) for line in lines), lines
    assert "the build would stop" in lines[-1]
    assert "Traceback" not in capsys.readouterr().err


def test_broken_anchor_is_an_error_finding(project, capsys):
    def break_anchor(data):
        data["scenes"][1]["start"] = "no such words in this text"
    edit_yaml(project.root / TR_ANNOTATIONS, break_anchor)
    status, lines = run_check(project, capsys)
    assert status == 1
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(TR_ANNOTATIONS)
    assert "matches nothing" in errors[0]
    # the detector's findings are still reported for the text
    assert any(": speech-problem: " in line for line in lines)


# --- parts, on texts and registers made here --------------------------------------------------

def _register(*entries: tuple[str, str, dict]) -> Register:
    return Register({id: RegisterEntry(id, kind, names, {}, {}) for id, kind, names in entries})


def _source(tmp_path: Path, text: str, lang: str, abbreviations=()):
    path = tmp_path / f"text-{lang}.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(TextConfig("text", lang, path, path, {}, {}), path.name, abbreviations)


def test_turkish_unknown_names(tmp_path):
    text = ("Hz. Ebû Bekir, Ebu Kürz'ü gördü. Kalabalık Mekke'yi doldurdu. Sonra Ümeyye bin "
            "Halef geldi ve Ali'yi sordu. Pazartesi gecesi Allah'a dua etti. Ebû Bekir bu "
            "kalabalık karşısında sustu.")
    source = _source(tmp_path, text, "tr", ("Hz.",))
    register = _register(("abu-bakr", "person", {"tr": ("Ebû Bekir",)}))
    names = [name for name, _ in by_name(unregistered_names(source, register), "tr")]
    assert names == ["Ebu Kürz", "Mekke", "Ümeyye bin Halef", "Ali"]


def test_arabic_unknown_names_and_speakers(tmp_path):
    text = ("فقال أبو جهل: نأخذ من كل قبيلة. وقال أبو بكر: بأبي أنت. "
            "وطلب من علي بن أبي طالب أن يبيت، ثم قال قائل: هذا هو.")
    source = _source(tmp_path, text, "ar")
    register = _register(("abu-bakr", "person", {"ar": ("أبو بكر",)}))
    scan = detect_speech(text, "ar")
    names = [name for name, _ in by_name(unregistered_names(source, register, scan.proposals),
                                         "ar")]
    assert names == ["أبو جهل", "علي بن أبي طالب"]


def _proposal(start, end, cue_start, kind="speech") -> SpeechProposal:
    return SpeechProposal(start, end, None, None, None, None, "قال", "high", kind, cue_start)


def _said(start, end) -> Span:
    return Span(start, end, "said")


def test_a_frame_does_not_confirm_the_speeches_inside_it():
    frame, inner = _proposal(10, 100, 0, "narration"), _proposal(40, 60, 30)
    assert confirmed([frame, inner], [_said(10, 100)]) == {frame}
    assert confirmed([frame, inner], [_said(10, 100), _said(40, 58)]) == {frame, inner}
    assert confirmed([frame, inner], [_said(40, 60)]) == {inner}


def test_an_interrupted_quotation_is_confirmed_by_one_annotation():
    first, second = _proposal(5, 10, 4), _proposal(30, 60, 4)
    assert confirmed([first, second], [_said(5, 60)]) == {first, second}
    assert confirmed([first, second], [_said(100, 120)]) == set()


def test_arabic_name_candidates_keep_no_proclitic_and_no_common_words(tmp_path):
    """«وأبو سفيان» is proposed as «أبو سفيان»; «فيما زعموا» and «الأخرى» are no names."""
    text = ("فقال أبو جهل وأبو سفيان: لا نفعل. قالت الأخرى: بل نفعل. "
            "وقال فيما زعموا: هذا رأي.")
    source = _source(tmp_path, text, "ar")
    scan = detect_speech(text, "ar")
    names = [name for name, _ in by_name(unregistered_names(source, _register(),
                                                            scan.proposals), "ar")]
    assert "الأخرى" not in names and not any(n.startswith(("و", "فيما")) for n in names)
    assert "أبو سفيان" in names and "أبو جهل" in names
