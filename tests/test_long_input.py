"""Long input in linear time: a paragraph of many thousand words is written in pieces that
the site joins into the one paragraph a reader sees (and search finds), and validation
locates and reports the errors of a file gone wrong throughout without walking it again
for each. (The times themselves are measured by bench/long_paragraph.py, not here.)"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree, isoschematron

from build_tools import grammar, pipeline
from build_tools.errors import REPORTED, EditionError, EditionErrors
from build_tools.grammar import grammar_errors, grammar_passes
from build_tools.render import markup
from build_tools.tei.schemas import tei_all_schema
from build_tools.teixml import NS, XML_ID, parse
from build_tools.validate import Locator, _element_at, _failures, check_rules, relaxng

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


# Validation in pieces ---------------------------------------------------------------------

def _one_paragraph(built, folder, sentences: int, wrong=lambda n: True) -> Path:
    """The Turkish TEI with its body one paragraph of ``sentences`` sentences, each on its
    line, those ``wrong(n)`` with an attribute the grammar refuses and a pointer to no one;
    in ``folder``, a copy of the built TEI (schemas and register beside it)."""
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-tr.xml"
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("<body>", 1)
    footer = re.sub(r"<back>.*</back>", "", rest.split("</body>", 1)[1], flags=re.S)
    bad, good = (' bogus="1"', "per:nobody"), ("", "per:muhammad")
    lines = "\n".join(
        f'<s xml:id="hijra-tr-s{n}"{attribute}><persName ref="{ref}">Efendimiz</persName> '
        f"geldi.</s>" for n in range(1, sentences + 1)
        for attribute, ref in [bad if wrong(n) else good])
    path.write_text(f'{header}<body><div type="episode" xml:id="hijra-tr-departure" corresp='
                    f'"alignment.xml#ep-hijra-departure"><p>\n{lines}\n</p></div></body>'
                    f'{footer}', encoding="utf-8")
    return path


def _as_whole(validator, tree) -> list[tuple[int, str]]:
    return [] if validator.validate(tree) else sorted(
        (entry.line, entry.message) for entry in validator.error_log)


def _in_pieces(validator, tree) -> list[tuple[int, str]]:
    return sorted((error.line, error.message) for error in grammar_errors(validator, tree))


def test_a_paragraph_wrong_throughout_is_validated_in_pieces_each_error_at_its_line(
        built, tmp_path, monkeypatch):
    monkeypatch.setattr(grammar, "PIECE", 40)
    path = _one_paragraph(built, tmp_path / "tei", 250)
    tree = parse(path)
    before = etree.tostring(tree)
    for schema in (tmp_path / "tei/schema/edition.rng", tei_all_schema()):
        validator = relaxng(schema)
        found = _in_pieces(validator, tree)
        assert etree.tostring(tree) == before, "the tree is as it was"
        assert found == _as_whole(validator, tree), "the errors a whole validation tells"
        lines = [s.sourceline for s in tree.iterfind(".//tei:s", NS)]
        assert found == [(line, "Invalid attribute bogus for element s") for line in lines]


def test_a_long_paragraph_with_few_errors_or_none_is_told_as_whole_validation_tells_it(
        built, tmp_path, monkeypatch):
    monkeypatch.setattr(grammar, "PIECE", 40)
    validator = relaxng(built.tei_dir / "schema/edition.rng")
    path = _one_paragraph(built, tmp_path / "few", 250, wrong=lambda n: n in (3, 170))
    path.write_bytes(path.read_bytes().replace(b'<s xml:id="hijra-tr-s100"',
                                               b'<head/><s xml:id="hijra-tr-s100"'))
    few = parse(path)
    assert _as_whole(validator, few), "a few errors"
    assert _in_pieces(validator, few) == _as_whole(validator, few)
    valid = parse(_one_paragraph(built, tmp_path / "valid", 250, wrong=lambda n: False))
    assert _in_pieces(validator, valid) == [] and grammar_passes(validator, valid)
    # A long run whose parent may not be repeated (one body): the copies are no error.
    body = valid.find(".//tei:body", NS)
    division = body[0]
    for number in range(60):
        copy = etree.fromstring(etree.tostring(division))
        copy.set(XML_ID, f"d{number}")
        for s in copy.iter(f"{{{NS['tei']}}}s"):
            s.set(XML_ID, f"d{number}-{s.get(XML_ID)}")
        body.append(copy)
    assert _as_whole(validator, valid) == [] and _in_pieces(validator, valid) == []


def test_the_rules_fail_and_locate_as_the_schematron_skeleton_does(built, tmp_path):
    path = _one_paragraph(built, tmp_path / "tei", 300, wrong=lambda n: n % 3 == 0)
    rules = tmp_path / "tei/schema/edition.sch"
    tree = parse(path)
    # An id given twice, as in a corpus assembled from its members (a parser refuses it).
    tree.find(".//tei:s[7]", NS).set(XML_ID, "hijra-tr-s8")
    skeleton = isoschematron.Schematron(parse(rules), store_xslt=True).validator_xslt
    report = etree.XSLT(skeleton)(tree)
    expected = [(" ".join("".join(f.itertext()).split()) + " [edition.sch]",
                 _element_at(tree, f.get("location")))
                for f in report.xpath("//svrl:failed-assert",
                                      namespaces={"svrl": "http://purl.oclc.org/dsdl/svrl"})]
    locate = Locator(tree)
    found = [(message, locate(location)) for message, location in _failures(tree, path, rules)]
    assert len(found) == 100 + 2 and found == expected


def test_validate_on_a_long_paragraph_wrong_throughout_tells_its_first_errors_and_counts(
        built, tmp_path):
    path = _one_paragraph(built, tmp_path / "tei", 3000)
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "--project",
                             str(built.root), "validate", str(path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    # Each sentence: a bad attribute (edition.rng and tei_all) and a pointer to no one.
    assert lines[-1] == (f"… and {3 * 3000 - REPORTED:,} more problems ({3 * 3000:,} in all; "
                         f"the first {REPORTED} are told)")
    first = parse(path).find(".//tei:s", NS).sourceline
    told = [line.split(":")[1] for line in lines[:-1]]
    assert told == [str(first + n // 3) for n in range(REPORTED)], "three at each line, in order"
