"""How long a reader waits for search: a built site opened from disk in headless Chromium.

    .venv/bin/python bench/search_speed.py SITE_DIR [--query Q ...] [--page PAGE] [--rounds N]

For each query, a fresh browser context (nothing cached) opens ``PAGE`` of the site from
``file://``, waits for its load event, and types the query into the search box key by key, as
the browser tests do (for a non-Latin character Playwright fires no keyup, on which Material
searches, so one is dispatched after each key). It reports:

- ``seconds``: from the last key to the moment the first result of the whole query is shown,
  on the page's own clock (a MutationObserver notes when result items appear);
- ``since_load``: from the load event to that moment (the typing included);
- ``since_first_key``: from the first key to the first result of any query shown, whole or
  not: what loading and building the index costs, whatever the speed of the typing (with a
  slow index, the first result shown is the whole query's, as the keys wait for it);
- ``bytes``: what the page and its frames read from disk before that moment (the page, its
  styles, fonts and scripts, the search index, the worker and its language files), each file
  counted at its size on disk;
- ``results``: how many documents Material says it found.

From ``file://`` Material loads the index (``search/search_index.js``) and builds it in the
iframe that stands in for a worker only once the search box is used, so all of that falls
between the last key and the first result.

``bench/scale.py`` calls :func:`first_result_seconds` for each size it builds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY_BOX = "input[data-md-component=search-query]"
# Names in every chapter of the default edition and of bench/scale.py's generated ones, each
# typed plain: Abu Bakr without hamza, Ebû Bekir without circumflex.
QUERIES = ("ابو بكر", "ebu bekir")
TIMEOUT_MS = 120_000

# Notes, on the page's clock, each key that changes the query (its input event: a key that
# changes nothing starts no search) and each time Material shows a result (it writes the
# count, "No matching documents" included, and the list); read back once the typing is done.
_INSTRUMENT = """() => {
    const watch = window.__searchSpeed = {keys: [], shown: [], origin: performance.timeOrigin};
    document.addEventListener("input", () => watch.keys.push(performance.now()), true);
    const result = document.querySelector(".md-search-result");
    new MutationObserver(() => watch.shown.push(performance.now()))
        .observe(result, {childList: true, subtree: true, characterData: true});
}"""
# The first time a result was shown after the last key: ms on the page's clock, or null.
_FIRST_SHOWN = """() => {
    const watch = window.__searchSpeed, last = watch.keys[watch.keys.length - 1];
    const shown = watch.shown.find(at => at >= last);
    const first = watch.shown.find(at => at >= watch.keys[0]);
    return shown === undefined ? null : {first: watch.keys[0], ready: first, last, shown,
                                         origin: watch.origin};
}"""
_RESULT_COUNT = "() => document.querySelector('.md-search-result__meta').innerText"


def first_result_seconds(site_dir: Path, queries=QUERIES, *, page: str = "index.html",
                         rounds: int = 1) -> dict:
    """For each query typed on ``page`` of the site built in ``site_dir``: the seconds from
    the last key to the first result shown, the seconds since the page's load event and
    since the first key (to a first result of any query), the bytes the page read from disk
    before the whole query's first result, and Material's count of results.

    Returns ``{query: {"seconds", "since_load", "since_first_key", "bytes", "results"}}``;
    with ``rounds`` > 1
    each figure is the median of that many fresh visits.
    """
    from playwright.sync_api import sync_playwright

    url = (Path(site_dir).resolve() / page).as_uri()
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for query in queries:
                visits = [_visit(browser, url, query) for _ in range(rounds)]
                figures[query] = {key: statistics.median(v[key] for v in visits)
                                  for key in ("seconds", "since_load", "since_first_key", "bytes")}
                figures[query]["results"] = visits[-1]["results"]
        finally:
            browser.close()
    return figures


def _visit(browser, url: str, query: str) -> dict:
    """One reader: a fresh context opens the page, types ``query``, waits for results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        requests = []
        tab.on("requestfinished", lambda request: requests.append(request))
        tab.goto(url, wait_until="load")
        loaded = tab.evaluate("() => performance.timeOrigin + "
                              "performance.getEntriesByType('navigation')[0].loadEventEnd")
        tab.evaluate(_INSTRUMENT)
        _type(tab, query)
        tab.wait_for_function(f"({_FIRST_SHOWN})() !== null", timeout=TIMEOUT_MS,
                              polling=50)
        moment = tab.evaluate(_FIRST_SHOWN)
        shown_at = moment["origin"] + moment["shown"]          # ms since 1970
        return {"seconds": (moment["shown"] - moment["last"]) / 1000,
                "since_load": (shown_at - loaded) / 1000,
                "since_first_key": (moment["ready"] - moment["first"]) / 1000,
                "bytes": _bytes_read_before(requests, shown_at),
                "results": tab.evaluate(_RESULT_COUNT)}
    finally:
        context.close()


def _type(tab, query: str) -> None:
    box = tab.locator(QUERY_BOX)
    box.click()
    for character in query:
        box.press_sequentially(character)
        box.dispatch_event("keyup")


def _bytes_read_before(requests, moment_ms: float) -> int:
    """The size on disk of each file the page requested before ``moment_ms`` (ms since
    1970): a file read twice (the shim loads the worker with a query string) counts twice."""
    total = 0
    for request in requests:
        parts = urlsplit(request.url)
        if parts.scheme != "file" or request.timing["startTime"] > moment_ms:
            continue
        path = Path(unquote(parts.path))
        if path.is_file():
            total += path.stat().st_size
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (its index.html, search/)")
    parser.add_argument("--query", action="append", help=f"(default: {' and '.join(QUERIES)})")
    parser.add_argument("--page", default="index.html", help="the page typed on")
    parser.add_argument("--rounds", type=int, default=1, help="visits per query (median)")
    options = parser.parse_args()
    index = options.site / "search" / "search_index.js"
    if index.is_file():
        print(f"search/search_index.js: {index.stat().st_size / 1e6:.2f} MB", flush=True)
    figures = first_result_seconds(options.site, options.query or QUERIES, page=options.page,
                                   rounds=options.rounds)
    print(f"{'query':<16} {'s after key':>11} {'s after load':>12} {'s after 1st key':>15}"
          f" {'MB read':>8} results")
    for query, row in figures.items():
        print(f"{query:<16} {row['seconds']:>11.2f} {row['since_load']:>12.2f}"
              f" {row['since_first_key']:>15.2f}"
              f" {row['bytes'] / 1e6:>8.2f} {row['results']}")


if __name__ == "__main__":
    sys.exit(main())
