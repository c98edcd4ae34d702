"""Long input in linear time: a paragraph of many thousand words is written in pieces that
the site joins into the one paragraph a reader sees (and search finds), and validation
locates and reports the errors of a file gone wrong throughout without walking it again
for each. (The times themselves are measured by bench/long_paragraph.py, not here.)"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

from build_tools import pipeline
from build_tools.errors import REPORTED, EditionError, EditionErrors
from build_tools.render import markup
from build_tools.teixml import parse
from build_tools.validate import Locator, _element_at, _failures, check_rules

from .conftest import ROOT

READING = ("edition/c001/c001-ar", "edition/c001/c001-tr")


def _long_paragraph_edition(root, words: int) -> pipeline.Project:
    spec = importlib.util.spec_from_file_location("long_paragraph",
                                                  ROOT / "bench" / "long_paragraph.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.generate(root, words, corpus=None)     # the default edition's words, one line
    return pipeline.Project(root)


def _site_pages(project: pipeline.Project) -> dict[str, bytes]:
    pages = {page: (project.site_dir / f"{page}.html").read_bytes() for page in READING}
    pages["index"] = (project.site_dir / "search/search_index.json").read_bytes()
    return pages


def test_a_long_paragraph_is_written_in_pieces_and_read_as_one(tmp_path, monkeypatch_session,
                                                                monkeypatch):
    pieces = _long_paragraph_edition(tmp_path / "pieces", words=6000)
    pipeline.build(pieces)
    markdown = (pieces.pages_dir / "c001/c001-tr.md").read_text(encoding="utf-8")
    marks = markdown.count(f"{{: .{markup.CONTINUED} }}")
    assert marks >= 5, "a paragraph of 6,000 words is written in pieces"
    assert all(len(line) < markup.LONG_PARAGRAPH for line in markdown.splitlines())

    monkeypatch.setattr(markup, "LONG_PARAGRAPH", 10**9)      # as it was: one line
    whole = _long_paragraph_edition(tmp_path / "whole", words=6000)
    pipeline.build(whole)
    assert markup.CONTINUED not in (whole.pages_dir / "c001/c001-tr.md").read_text("utf-8")
    assert _site_pages(pieces) == _site_pages(whole), \
        "the pages and the search index are the same as from one line"
    page = _site_pages(pieces)["edition/c001/c001-tr"].decode()
    assert markup.CONTINUED not in page
    body = page.split('<div class="reading"', 1)[1].split("</div>", 1)[0]
    assert body.count("<p><span class=\"s\"") == 1, "one paragraph in the scene, as in the source"


def test_a_piece_begins_with_a_sentence_and_no_space_is_lost_or_added(tmp_path,
                                                                       monkeypatch_session):
    project = _long_paragraph_edition(tmp_path / "p", words=4000)
    pipeline.make_edition(project)
    markdown = (project.pages_dir / "c001/c001-ar.md").read_text(encoding="utf-8")
    mark = f"\n{{: .{markup.CONTINUED} }}"
    paragraph = next(block for block in markdown.split("\n\n") if block.startswith(
        '<span class="s"') and mark not in block)
    blocks = markdown.split("\n\n")
    start = blocks.index(paragraph)
    pieces = [paragraph]
    for block in blocks[start + 1:]:
        if not block.endswith(mark):
            break
        pieces.append(block[:-len(mark)])
    assert len(pieces) > 1
    assert all(piece.startswith('<span class="s" id="') for piece in pieces)
    joined = " ".join(pieces)
    assert "  " not in joined


def test_failed_rules_are_located_as_xpath_locates_them(built, tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-tr.xml"
    path.write_bytes(path.read_bytes().replace(b'ref="per:', b'ref="per:nobody-'))
    tree = parse(path)
    failures = _failures(tree, path, folder / "schema" / "edition.sch")
    assert len(failures) > 10
    locate = Locator(tree)
    found = [locate(location) for _, location in failures]
    assert all(element is not None for element in found)
    assert found == [_element_at(tree, location) for _, location in failures]
    lines = [error.line for error in check_rules([path], folder / "schema" / "edition.sch")]
    assert lines == [element.sourceline for element in found]


def test_a_report_tells_the_first_problems_and_counts_the_rest():
    errors = EditionErrors([EditionError(f"problem {n}", "a.xml", n, 1)
                            for n in range(1, 78_001)])
    report = str(errors).splitlines()
    assert len(report) == REPORTED + 1
    assert report[0] == "a.xml:1:1: problem 1"
    assert report[-1] == (f"… and {78_000 - REPORTED:,} more problems (78,000 in all; "
                          f"the first {REPORTED} are told)")
    assert len(errors.errors) == 78_000
    assert str(EditionErrors([EditionError("one", "a.xml", 1, 1),
                              EditionError("two", "a.xml", 2, 1)])).count("\n") == 1


def test_validate_on_a_file_wrong_throughout_reports_its_first_errors_and_a_count(
        built, tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-tr.xml"
    path.write_bytes(path.read_bytes().replace(b"<s xml:id=", b'<s bogus="1" xml:id=')
                     .replace(b'ref="per:', b'ref="per:nobody-'))
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "--project",
                             str(built.root), "validate", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == REPORTED + 1, result.stderr[-2000:]
    assert lines[-1].startswith("… and ") and "more problems" in lines[-1]
    assert all(line.startswith(f"{path}:") for line in lines[:-1])
