"""MkDocs + Material beside Zensical on the same generated pages: build time and what differs.

    .venv/bin/python bench/zensical.py [--sizes 1 10 100] [--corpus PATH] [--keep DIR]

Zensical, the successor of Material for MkDocs, is priced here and nowhere else: it is installed
into a virtualenv of its own under ``build/bench/`` and is never a dependency of the project.
Each size is an edition made as ``bench/scale.py`` makes it. The pipeline writes ``docs/``
once. Then MkDocs and Zensical each build that same ``docs/`` with the same ``mkdocs.yml``:
the edition plugin's work (the navigation, the site name) is written into it beforehand, since
Zensical runs no MkDocs plugins.

For each site the script reports:
- the build's wall time;
- the pages it wrote and the size of its search index;
- references to files that are not in the site: a page opened from disk needs every one;
- what it lost against MkDocs, page by page: the text readers see, and the marks the edition
  depends on (footnotes, tooltips, right-to-left blocks, speech);
- what a reader meets from ``file://`` in Chromium: requests that leave the disk, console
  errors, and whether a typed query finds the Arabic text.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402  (the bench's edition generator)

# The newest release this machine's registries can install: 0.1.x needs zensical-ui,
# which they do not hold.
ZENSICAL = "zensical==0.0.73"
ZENSICAL_VENV = REPO / "build" / "bench" / "zensical-venv"

# What a reader of the edition relies on, by the mark that carries it in a page.
FEATURES = {
    "footnotes": "//div[contains(@class, 'footnote')]//li",
    "tooltips": "//article//*[@title]",
    "right-to-left blocks": "//*[@dir='rtl']",
    "speech": "//*[contains(concat(' ', @class, ' '), ' said ')]",
    "headings with ids": "//article//*[self::h1 or self::h2 or self::h3][@id]",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "ebu bekir"        # in every generated chapter's Turkish text, typed plain
RESULT_COUNT = re.compile(r"(\d+) (?:results?|matching documents?)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", re.IGNORECASE)


def main() -> None:
    options = _options()
    zensical = _zensical_command()
    version = subprocess.run([*zensical, "--version"], capture_output=True, text=True).stdout
    print(f"Zensical: {version.strip()} (in {ZENSICAL_VENV.relative_to(REPO)})", flush=True)
    print("Both build the same docs/ with the same mkdocs.yml (the plugin's part written into it).")
    print(f"{'chapters':>8} {'words':>9} {'mkdocs s':>9} {'zensical s':>10} {'ratio':>6}"
          f" {'pages M/Z':>11} {'index MB M/Z':>13} {'missing refs M/Z':>17}", flush=True)
    reports = []
    for size in options.sizes:
        report = measure(size, options.corpus, options.keep, zensical)
        reports.append(report)
        mkdocs, zensical_site = report["mkdocs"], report["zensical"]
        print(f"{size:>8} {report['words']:>9,} {mkdocs['seconds']:>9.1f}"
              f" {zensical_site['seconds']:>10.1f}"
              f" {zensical_site['seconds'] / mkdocs['seconds']:>6.2f}"
              f" {mkdocs['pages']:>5}/{zensical_site['pages']:<5}"
              f" {mkdocs['index_mb']:>6.1f}/{zensical_site['index_mb']:<6.1f}"
              f" {mkdocs['missing']:>8}/{zensical_site['missing']:<8}", flush=True)
    for report in reports:
        _print_differences(report)


def measure(size: int, corpus: Path, keep: Path | None, zensical: list[str]) -> dict:
    """Generate an edition of ``size`` chapters and build its pages with both generators."""
    from build_tools import pipeline

    folder = Path(tempfile.mkdtemp(prefix=f"zensical-{size}-", dir=keep))
    words = scale.generate(folder, size, corpus)
    pipeline.make_edition(pipeline.Project(folder))
    builds = {
        "mkdocs": [str(REPO / ".venv" / "bin" / "mkdocs"), "build", "--quiet"],
        "zensical": [*zensical, "build"],
    }
    report: dict = {"chapters": size, "words": words}
    for name, command in builds.items():
        shutil.rmtree(folder / "site", ignore_errors=True)
        report[name] = _build(folder, command)
        (folder / "site").rename(folder / f"site-{name}")
    report["differences"] = _differences(folder / "site-mkdocs", folder / "site-zensical")
    for name in builds:
        report[name]["reader"] = _read_from_disk(folder / f"site-{name}")
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return report


def _build(folder: Path, command: list[str]) -> dict:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    run = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    site = folder / "site"
    if run.returncode != 0 or not site.is_dir():
        raise SystemExit(f"{command[0]} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    index = [p for p in site.rglob("search*.json") if p.is_file()]
    return {
        "seconds": seconds,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "index_mb": sum(p.stat().st_size for p in index) / 1e6,
        "missing": sum(_missing_references(site).values()),
        "missing_examples": _missing_references(site).most_common(5),
        "warnings": [line for line in (run.stdout + run.stderr).splitlines()
                     if "WARNING" in line.upper()][:10],
    }


def _missing_references(site: Path) -> Counter:
    """Local ``href``/``src`` targets that are not files of the site, by target."""
    missing: Counter = Counter()
    for page in site.rglob("*.html"):
        tree = html.fromstring(page.read_bytes())
        for reference in tree.xpath("//@href | //@src"):
            if not reference or _EXTERNAL.match(reference):
                continue
            path = unquote(urlsplit(reference).path)
            target = (site / path.lstrip("/")) if path.startswith("/") else page.parent / path
            if path and not (target.is_file() or (target / "index.html").is_file()):
                missing[path if path.startswith("/") else str(target.relative_to(site)
                                                             if target.is_relative_to(site)
                                                             else path)] += 1
    return missing


def _differences(mkdocs_site: Path, zensical_site: Path) -> dict:
    """What Zensical's pages lack against MkDocs': pages, readers' text, features."""
    only_mkdocs = [p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*.html")
                   if not (zensical_site / p.relative_to(mkdocs_site)).is_file()]
    text_differs: list[Path] = []
    features: dict[str, list[int]] = {name: [0, 0] for name in FEATURES}
    html_lang: Counter = Counter()
    for page in sorted(mkdocs_site.rglob("*.html")):
        other = zensical_site / page.relative_to(mkdocs_site)
        if not other.is_file():
            continue
        ours, theirs = html.fromstring(page.read_bytes()), html.fromstring(other.read_bytes())
        if _article_text(ours) != _article_text(theirs):
            text_differs.append(page.relative_to(mkdocs_site))
        for name, path in FEATURES.items():
            features[name][0] += len(ours.xpath(path))
            features[name][1] += len(theirs.xpath(path))
        html_lang[(tuple(ours.xpath("/html/@lang")), tuple(theirs.xpath("/html/@lang")),
                   tuple(theirs.xpath("/html/@dir")))] += 1
    return {"only_mkdocs": only_mkdocs, "text_differs": text_differs, "features": features,
            "html_lang": html_lang}


def _article_text(tree) -> str:
    articles = tree.xpath("//article")
    text = articles[0].text_content() if articles else ""
    return " ".join(text.split())


def _print_differences(report: dict) -> None:
    differences = report["differences"]
    print(f"\n{report['chapters']} chapters:")
    for name in ("mkdocs", "zensical"):
        site = report[name]
        if site["missing_examples"]:
            print(f"  {name}: missing references, most frequent:"
                  f" {', '.join(f'{path} ×{n}' for path, n in site['missing_examples'])}")
        for warning in site["warnings"]:
            print(f"  {name} says: {warning[:160]}")
        reader = site["reader"]
        print(f"  {name} from file://: {len(reader['off_disk'])} requests off the disk,"
              f" {len(reader['errors'])} console errors, {reader['results']} results"
              f" for «{QUERY}» {reader['first_result']:.1f} s after the last key" + "".join(f"\n    error: {e[:150]}" for e in reader["errors"]))
    print(f"  pages MkDocs writes and Zensical does not: {len(differences['only_mkdocs'])}"
          + "".join(f"\n    {p}" for p in differences["only_mkdocs"][:5]))
    print(f"  pages whose text (the article, as read) differs: "
          f"{len(differences['text_differs'])}"
          + "".join(f"\n    {p}" for p in differences["text_differs"][:5]))
    for name, (ours, theirs) in differences["features"].items():
        print(f"  {name}: MkDocs {ours}, Zensical {theirs}")
    for (ours, theirs, direction), pages in differences["html_lang"].items():
        print(f"  <html lang>: MkDocs {list(ours)}, Zensical {list(theirs)}"
              f" dir {list(direction)}: {pages} pages")


def _read_from_disk(site: Path) -> dict:
    """Open the home page from disk in Chromium, type a query as a reader does, and tell."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / "index.html").as_uri())
        page.wait_for_load_state("load")
        results, seconds = _search(page, QUERY)
        browser.close()
    return {"off_disk": [url for url in requests if not url.startswith(("file:", "data:"))],
            "errors": errors[:3], "results": results, "first_result": seconds}


def _search(page, query: str) -> tuple[int, float]:
    """Type ``query`` into the site's search as a reader does: the number of results found,
    and the seconds from the last key to their count on the screen.

    Material has its search box in the page; Zensical opens its own on "/", in a shadow
    root that Playwright's text selectors reach. Both say how many results they found.
    """
    from playwright.sync_api import TimeoutError

    box = page.locator("input[data-md-component=search-query]")
    if box.count():
        box.first.press_sequentially(query)
    else:
        page.keyboard.press("/")
        page.keyboard.type(query)
    typed = time.perf_counter()
    count = page.get_by_text(RESULT_COUNT).first
    try:
        count.wait_for(timeout=30000)
    except TimeoutError:
        return 0, time.perf_counter() - typed
    return int(RESULT_COUNT.search(count.inner_text()).group(1)), time.perf_counter() - typed


def _zensical_command() -> list[str]:
    """The pinned Zensical, installed into the bench's own virtualenv on first use."""
    executable = ZENSICAL_VENV / "bin" / "zensical"
    stamp = ZENSICAL_VENV / f".{ZENSICAL}"
    if not stamp.exists():
        shutil.rmtree(ZENSICAL_VENV, ignore_errors=True)
        venv.create(ZENSICAL_VENV, with_pip=True)
        subprocess.run([str(ZENSICAL_VENV / "bin" / "pip"), "install", "--quiet", ZENSICAL],
                       check=True, stderr=subprocess.DEVNULL)
        stamp.touch()
    return [str(executable)]


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--corpus", type=Path, default=scale.DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="build inside this folder and keep it")
    return parser.parse_args()


if __name__ == "__main__":
    main()
