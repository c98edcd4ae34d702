"""The editor's loop with `edition suggest` (issue 18): speakers and addressees resolved
against the register, proposals that never block a build, `--keep high`, `--merge` that
leaves the editor's lines alone, and a new chapter from its first draft to a valid build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.annotate.date_detector import detect_dates
from build_tools.pipeline import Project
from build_tools.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "suggest"


def run(*arguments: str) -> int:
    return cli.main(["--quiet", *arguments])


@pytest.fixture
def chapter(tmp_path) -> Project:
    """`edition new` in Arabic and English, with the test texts and register put in."""
    folder = tmp_path / "p"
    assert run("new", str(folder), "--languages", "ar,en") == 0
    for lang in ("ar", "en"):
        shutil.copyfile(DATA / f"{lang}.txt", folder / "edition" / "sources" /
                        f"chapter-1-{lang}.txt")
    shutil.copyfile(DATA / "register.yml", folder / "edition" / "annotations" / "register.yml")
    return Project(folder)


def paths(project: Project, lang: str) -> tuple[Path, Path, Path]:
    edition = project.edition_dir
    return (edition / "sources" / f"chapter-1-{lang}.txt",
            edition / "annotations" / "chapter-1" / f"chapter-1-{lang}.yml",
            edition / "annotations" / "chapter-1" / "episodes.yml")


def draft(project: Project, lang: str, *options: str) -> str:
    source, _, _ = paths(project, lang)
    out = project.root / f"draft-{lang}-{len(options)}.yml"
    assert run("--project", str(project.root), "suggest", str(source), "-o", str(out),
               "--force", *options) == 0
    return out.read_text(encoding="utf-8")


def speakers(text: str) -> list[tuple[str, str]]:
    """(who, anchor) of every speech entry of a draft, in order."""
    data = load_yaml_text(text)
    return [(item["who"], item.get("anchor") or item.get("start"))
            for item in data.get("speech") or []]


def load_yaml_text(text: str):
    import yaml
    return yaml.safe_load(text)


# --- 1. speakers and addressees ----------------------------------------------------------

def test_named_speakers_and_addressees_come_from_the_register(chapter):
    """Eulogies and titles between verb and colon («رسول الله صلى الله عليه وسلم لأبي بكر»),
    clitics, and the addressee never taken for the speaker."""
    entries = load_yaml_text(draft(chapter, "ar"))["speech"]
    first, second = entries[0], entries[1]
    assert (first["who"], first["to"]) == ("muhammad", ["abu-bakr"])
    assert second["who"] == "abu-bakr" and second["to"] == ["muhammad"]   # "يا رسول الله"
    calls = [e for e in entries if e["anchor"].startswith("يا أهل المدينة")]
    assert calls and calls[0]["who"] == "bilal"                           # "فنادى بلال"


def test_a_pronoun_speaker_is_high_only_when_the_dialogue_makes_it_certain(chapter):
    text = draft(chapter, "ar")
    replies = re.findall(r"- who: (\S+)\s+# ([^\n]*)\n(?:.*\n){1,2}?\s+anchor: \"(قد أذن|الصحبة)",
                         text)
    assert replies and all(who in ("muhammad", "abu-bakr") and "(high)" in note
                           for who, note, _ in replies)
    english = draft(chapter, "en")            # a dialogue of two: '"…," he said'
    assert re.search(r"- who: muhammad .*alternate \(high\)\n\s+proposed: true\n\s+"
                     r"anchor: \"I have been given leave", english)



def test_an_unnamed_speaker_is_never_another_texts_register_entry(chapter):
    """«قال قائل»: the register's unnamed 'speaker' stands for someone in another text."""
    entries = load_yaml_text(draft(chapter, "ar"))["speech"]
    said = [e for e in entries if e["anchor"].startswith("هذا رسول الله مقبلا")]
    assert said and said[0]["who"] == "TODO"


def test_english_speakers_beside_the_verb_after_the_quotation(chapter):
    entries = load_yaml_text(draft(chapter, "en"))["speech"]
    assert [e["who"] for e in entries] == ["muhammad", "abu-bakr", "muhammad", "bilal"]


# --- 4. the editor's loop ----------------------------------------------------------------

def test_keep_high_writes_only_the_confident_proposals(chapter):
    every = load_yaml_text(draft(chapter, "ar"))["speech"]
    confident = load_yaml_text(draft(chapter, "ar", "--keep", "high"))["speech"]
    assert 0 < len(confident) < len(every)
    assert all(e["who"] != "TODO" for e in confident)


def test_a_new_chapter_builds_from_its_drafts_without_deleting_anything(chapter, capsys):
    """Merged into the files `edition new` wrote, with the episodes drafted: the build is
    valid at once, `check` lists every proposal, the TEI leaves them out."""
    for lang in ("ar", "en"):
        source, annotations, episodes = paths(chapter, lang)
        assert run("--project", str(chapter.root), "suggest", str(source), "-o",
                   str(annotations), "--merge", "--episodes", str(episodes)) == 0
    assert run("--project", str(chapter.root), "build") == 0
    tei = (chapter.root / "build" / "tei" / "chapter-1-ar.xml").read_text(encoding="utf-8")
    assert "<said" not in tei and "when-custom=" not in tei
    capsys.readouterr()
    assert run("--project", str(chapter.root), "check") == 0    # nothing blocks the build
    out = capsys.readouterr().out
    assert out.count(": proposal: ") == sum(
        len(re.findall(r"(?m)^\s*proposed: true$", paths(chapter, lang)[1].read_text("utf-8")))
        for lang in ("ar", "en")) >= 10


def test_confirming_a_proposal_is_deleting_one_line(chapter):
    source, annotations, episodes = paths(chapter, "ar")
    assert run("--project", str(chapter.root), "suggest", str(source), "-o",
               str(annotations), "--merge") == 0
    lines = annotations.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines.index("    proposed: true\n", lines.index("speech:\n"))
    annotations.write_text("".join(lines[:first] + lines[first + 1:]), encoding="utf-8")
    assert run("--project", str(chapter.root), "build") == 0
    tei = (chapter.root / "build" / "tei" / "chapter-1-ar.xml").read_text(encoding="utf-8")
    assert tei.count("<said") == 1 and 'who="per:muhammad"' in tei


def test_merge_leaves_every_line_the_editor_wrote(chapter):
    """The editor's lines stay, in order and unchanged; what the file already covers is not
    proposed again; what it lacks is added."""
    source, annotations, _ = paths(chapter, "ar")
    mine = annotations.read_text(encoding="utf-8") + (
        "speech:\n"
        "  - who: abu-bakr    # the editor's own note\n"
        "    anchor: \"إنما هما ابنتاي\"\n")
    annotations.write_text(mine, encoding="utf-8")
    assert run("--project", str(chapter.root), "suggest", str(source), "-o",
               str(annotations), "--merge") == 0
    merged = annotations.read_text(encoding="utf-8").splitlines()
    positions = [merged.index(line) for line in mine.splitlines()]
    assert positions == sorted(positions)
    assert "".join(merged).count("إنما هما ابنتاي") == 1
    assert any("أخرج من عندك" in line for line in merged)
    assert run("--project", str(chapter.root), "build") == 0


def test_a_proposed_flag_that_is_no_boolean_is_told_at_its_line(chapter, capsys):
    _, annotations, _ = paths(chapter, "ar")
    annotations.write_text(annotations.read_text(encoding="utf-8") +
                           "speech:\n  - who: bilal\n    proposed: maybe\n"
                           "    anchor: \"يا أهل المدينة\"\n", encoding="utf-8")
    assert run("--project", str(chapter.root), "build") == 1
    error = capsys.readouterr().err
    assert "chapter-1-ar.yml:8:15" in error and "'proposed' is true or false" in error \
        and "Traceback" not in error


# --- 3. scenes, episodes, dates ----------------------------------------------------------

def test_scenes_are_proposed_at_headings_and_moves_in_time(chapter):
    data = load_yaml_text(draft(chapter, "en"))
    assert [s.get("start") for s in data["scenes"]] == [None, "The next morning"]
    arabic = load_yaml_text(draft(chapter, "ar"))
    assert [s.get("start") for s in arabic["scenes"]] == [None, "(دخول المدينة) :"]


@pytest.mark.parametrize("lang, text, when", [
    ("ar", "ثم قدم قباء لاثنتي عشرة ليلة خلت من شهر ربيع الأول يوم الاثنين", "--03-12"),
    ("ar", "وكان فتح مكة لعشر ليال بقين من شهر رمضان سنة ثمان.", "0008-09-20"),
    ("ar", "وكانت وقعة بدر في السابع عشر من رمضان.", "--09-17"),
    ("ar", "ثم كانت غزوة الخندق في شوال سنة خمس.", "0005-10"),
    ("tr", "Safer ayının yirmi yedinci Pazartesi gecesi yola çıktılar.", "--02-27"),
    ("tr", "Ramazan'ın on yedisi sabahı", "--09-17"),
    ("en", "On the twelfth of Rabi al-Awwal they reached Quba.", "--03-12"),
])
def test_hijri_dates_with_their_when_custom(lang, text, when):
    assert [d.when for d in detect_dates(text, lang)] == [when]


def test_no_date_where_no_month_is_named():
    assert detect_dates("فرجع إلى عشرة من أصحابه بعد ثلاث ليال", "ar") == []


def test_a_scene_is_offered_the_row_of_the_other_texts_scene_it_shares_most_with(chapter):
    """Once the Arabic text's scenes are confirmed, the English draft puts each of its
    scenes in the row of the Arabic scene that names the same persons, places and dates."""
    paths(chapter, "en")[1].unlink()              # the English text is not annotated yet
    source, annotations, episodes = paths(chapter, "ar")
    assert run("--project", str(chapter.root), "suggest", str(source), "-o",
               str(annotations), "--merge", "--episodes", str(episodes)) == 0
    for path in (annotations, episodes):          # the editor confirms every scene
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^(  - (?:episode|id): \S+\n)    proposed: true\n",
                               r"\1", text), encoding="utf-8")
    english = draft(chapter, "en")
    scenes = load_yaml_text(english)["scenes"]
    assert [s["episode"] for s in scenes] == ["whole", "chapter-1-ar-2"]
    assert re.search(r"row of chapter-1-ar's scene that shares .*pl:medina.*\(score 0\.\d\d\)",
                     english)
    assert "chapter-1-en-2" not in english          # no episode of its own is drafted
