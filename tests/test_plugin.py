"""The MkDocs plugin: `mkdocs build` alone builds the edition, `mkdocs serve` rebuilds on an
edit and keeps serving the last good pages after a bad one."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project

MKDOCS = [sys.executable, "-m", "mkdocs"]


def test_mkdocs_build_alone_builds_the_edition(tmp_path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run([*MKDOCS, "build"], cwd=project.root, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert (project.site_dir / "edition/hijra/synopsis.html").is_file()
    assert (project.tei_dir / "hijra-ar.xml").is_file()


def test_mkdocs_build_stops_on_a_bad_edit_with_its_location(tmp_path):
    project = copy_project(tmp_path / "p")
    annotations = project.root / "edition/annotations/hijra/hijra-tr.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "Allah bizimle beraberdir\"", "Allah bizimle XX\"", 1), encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build"], cwd=project.root, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "hijra-tr.yml:" in result.stderr and "Allah bizimle XX" in result.stderr
    assert "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def serving(tmp_path, *options):
    """``mkdocs serve`` of a copy of the project: yield the project, the URL of a page and
    the server's log."""
    project = copy_project(tmp_path / "p")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", *options],
                              cwd=project.root, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/edition/hijra/hijra-tr.html", tmp_path / "serve.log"
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture
def served(tmp_path):
    yield from serving(tmp_path)


@pytest.fixture
def served_dirty(tmp_path):
    yield from serving(tmp_path, "--dirty")


def test_serve_rebuilds_on_an_edit_and_survives_a_bad_one(served):
    project, url, log = served
    assert wait_for(lambda: "Medine" in fetch(url)), log.read_text()
    source = project.root / "edition/sources/hijra-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Bitti.\n", encoding="utf-8")
    assert wait_for(lambda: "Bitti" in fetch(url)), log.read_text()

    annotations = project.root / "edition/annotations/hijra/hijra-tr.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "Allah bizimle beraberdir\"", "Allah bizimle XX\"", 1), encoding="utf-8")
    assert wait_for(lambda: "Allah bizimle XX" in log.read_text()), log.read_text()
    assert re.search(r"hijra-tr\.yml:\d+:\d+: anchor", log.read_text())
    # The server holds a request while it rebuilds (every interface language's site).
    assert wait_for(lambda: "Bitti" in fetch(url)), "the last good page is still served"


def test_serve_dirty_renders_what_an_edit_changed_and_keeps_the_site_whole(served_dirty):
    project, url, log = served_dirty
    assert wait_for(lambda: "Medine" in fetch(url)), log.read_text()
    index_url = url.replace("edition/hijra/hijra-tr.html", "tr/search/search_index.json")
    entries = len(json.loads(fetch(index_url))["docs"])
    source = project.root / "edition/sources/hijra-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Bitti.\n", encoding="utf-8")
    assert wait_for(lambda: "Bitti" in fetch(url)), log.read_text()
    assert wait_for(lambda: "Bitti" in fetch(index_url)), log.read_text()
    index = json.loads(fetch(index_url))["docs"]
    assert len(index) == entries            # the page's entries replaced, none added twice
    assert "Aborted" not in log.read_text() and "dirty" not in log.read_text()

    config = project.root / "edition/edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "The Hijra", "The Emigration", 1), encoding="utf-8")
    persons = url.replace("hijra/hijra-tr.html", "register/persons.html")
    assert wait_for(lambda: "The Emigration" in fetch(persons)), log.read_text()


def _title(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    return match.group(1) if match else ""


def test_serve_keeps_the_last_good_site_through_any_failed_edit(served):
    project, url, log = served
    assert wait_for(lambda: "Medine" in fetch(url)), log.read_text()
    good_title = _title(fetch(url))
    assert "Hicret" in good_title or "Hijra" in good_title, good_title
    config = project.root / "edition/edition.yml"
    annotations = project.root / "edition/annotations/hijra/hijra-tr.yml"
    good_config = config.read_text(encoding="utf-8")
    good_annotations = annotations.read_text(encoding="utf-8")

    bad_edits = [
        (config, good_config + "\nbogus_key: 1\n",
         r"edition\.yml:\d+:\d+: unknown key 'bogus_key'"),
        (config, "", r"edition\.yml"),                      # emptied
        (annotations, good_annotations.replace(
            "scenes:\n  - episode: departure\n",
            "scenes:\n  - <<: {episode: departure}\n    episode: departure\n", 1),
         r"ERROR"),     # a merge key repeating a key: whatever it raises, pages stay served
    ]
    for number, (path, text, message) in enumerate(bad_edits):
        errors_before = log.read_text().count("ERROR")
        path.write_text(text, encoding="utf-8")
        assert wait_for(lambda: log.read_text().count("ERROR") > errors_before), log.read_text()
        assert re.search(message, log.read_text()), log.read_text()
        time.sleep(2)
        page = fetch(url)
        assert "Medine" in page, f"edit {number}: the last good page is still served"
        assert _title(page) == good_title, f"edit {number}: with the edition's own title"
        assert 'href="../register/persons.html"' in page or "persons" in page
        path.write_text(good_config if path == config else good_annotations,
                        encoding="utf-8")

    source = project.root / "edition/sources/hijra-tr.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip() + " Yeniden.\n",
                      encoding="utf-8")
    assert wait_for(lambda: "Yeniden" in fetch(url)), log.read_text()
    assert _title(fetch(url)) == good_title


def test_an_edition_of_several_chapters_gets_a_section_each_and_a_small_nav(tmp_path):
    import importlib.util
    import shutil
    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    root = tmp_path / "p"
    scale.generate(root, 3, tmp_path / "no-corpus")
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")     # with the plugin, no nav
    result = subprocess.run([*MKDOCS, "build"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    synopsis = (root / "site/edition/c002/synopsis.html").read_text(encoding="utf-8")
    assert 'href="c002-ar.html"' in synopsis
    # navigation.prune: the other chapters' pages are not listed on this one
    assert "c001-ar.html" not in synopsis and "c003-tr.html" not in synopsis
    assert (root / "site/edition/register/persons.html").is_file()


# A build of the edition in a process of its own, where forking is safe, with this run first.
BUILD_WITH = """
import sys
{patch}
from build_tools.cli import main
raise SystemExit(main(["--quiet", "--project", sys.argv[1], "build"]))
"""
ONE_AFTER_ANOTHER = "import build_tools.plugin; build_tools.plugin.can_fork = lambda: False"
# The Turkish site alone gets a page with a link to nowhere.
BROKEN_TURKISH_SITE = """
import build_tools.plugin as plugin
from mkdocs.structure.files import File
serve_language = plugin.EditionPlugin._serve_language
def with_broken_page(self, files, config):
    serve_language(self, files, config)
    if self.language == "tr":
        files.append(File.generated(config, "broken.md", content="[x](nowhere.md)"))
plugin.EditionPlugin._serve_language = with_broken_page
"""


def build_in_process(project, patch: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BUILD_WITH.format(patch=patch),
                           str(project.root)], capture_output=True, text=True)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_language_sites_built_beside_the_default_are_those_built_after_it(tmp_path):
    beside = copy_project(tmp_path / "beside")
    after = copy_project(tmp_path / "after")
    for project, patch in ((beside, ""), (after, ONE_AFTER_ANOTHER)):
        result = build_in_process(project, patch)
        assert result.returncode == 0, result.stderr
    built_beside = site_files(beside.site_dir)
    assert "ar/index.html" in built_beside and "tr/edition/hijra/synopsis.html" in built_beside
    assert built_beside == site_files(after.site_dir)


def test_a_language_site_that_fails_stops_the_build_says_why_and_keeps_the_last_site(tmp_path):
    project = copy_project(tmp_path / "p")
    assert build_in_process(project).returncode == 0
    good = site_files(project.site_dir)
    result = build_in_process(project, BROKEN_TURKISH_SITE)
    assert result.returncode != 0
    assert "the site in Turkish (tr)" in result.stderr
    assert "nowhere.md" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert site_files(project.site_dir) == good
