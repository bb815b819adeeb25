"""Time until each page is fully rendered in a real headless Chromium, against the minimal app.

For every page of Back in Action, for the minimal app (a title and one slider) and for the frame
floor (the app's frame around the minimal app's content, no target), all served side by side in
one run: cold (a fresh browser context, so nothing cached) and warm (a reload in
the same context). A page is fully rendered when Streamlit is connected, its script has stopped
running, no element is stale, the running indicator is gone, the page's h1 is visible, every chart
has drawn (its Vega canvas has a size, or its Vega SVG holds marks) **and** the page has stopped
changing (nothing in its document changed for QUIET_MS), every image of the page loaded included.
The time is the page's own clock (`performance.now()`, from the start of navigation) at its last
change or image load. Until 2026-12-07 the
measure stopped before charts drew and did not wait for the page to settle.
The result is the median over a few loads, as a ratio to the minimal app's median.

Run alone: `python -m tests.bench.bench_render`; `BENCH_QUICK=1` for fewer loads.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.bench.agent_client import (
    BACK_IN_ACTION,
    FRAME_APP,
    FRAME_FLOOR,
    MINIMAL_APP,
    RATIO,
    quick_mode,
    sample_rows,
    serve,
)
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
from tests.fixtures.server import owner_cookies
from ui.navigation import existing_pages

VIEWPORT = {"width": 1280, "height": 900}
RENDER_TIMEOUT_MS = 60_000
TRIES = 3
LOADS = 1 if quick_mode() else 7
# Every page within 1.3x of the minimal app, cold and warm; My progress over five years, 1.5x.
COLD_TARGET = 1.3
WARM_TARGET = 1.3
FIVE_YEARS_TARGET = 1.5

# How long the page must stay unchanged to count as drawn. Its time is that of its last change.
QUIET_MS = 300
# Run in every page before its own scripts: the page's clock at each change to its document.
# An image that finishes loading changes nothing in the document, so its load counts as a change.
WATCH_CHANGES = """
window.__lastChange = performance.now();
new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
document.addEventListener('load', (event) => {
    if (event.target instanceof HTMLImageElement) window.__lastChange = performance.now();
}, true);
"""

# The page's clock (ms) at its last change, once it is fully drawn; false while anything is pending.
# Fully drawn: connected, the script not running, nothing stale, the running indicator gone, the h1
# visible, every chart drawn (a Vega canvas with a size, or a Vega SVG holding marks), every image
# of the page loaded (the Movement library's drawings are files since 2026-12-07), and nothing in
# the document changed for QUIET_MS.
RENDERED = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    if (app.dataset.testConnectionState !== 'CONNECTED') return false;
    if (app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"], '
        + '[data-testid="stStatusWidgetRunningManIcon"]')) return false;
    const heading = document.querySelector('h1');
    if (!heading || heading.getClientRects().length === 0) return false;
    for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
        const canvas = chart.querySelector('canvas');
        const svg = chart.querySelector('svg.marks');
        const drawn = (canvas && canvas.width > 0 && canvas.height > 0)
            || (svg && svg.querySelector('[class*="mark-"] path, [class*="mark-"] rect, '
                + '[class*="mark-"] line, [class*="mark-"] text, [class*="mark-"] circle'));
        if (!drawn) return false;
    }
    for (const image of document.querySelectorAll('[data-testid="stMain"] img')) {
        if (!image.complete) return false;
    }
    if (performance.now() - window.__lastChange < quietMs) return false;
    return window.__lastChange;
}"""

TARGETS: dict[str, float] = {}
FIVE_YEARS = "My progress, five years of check-ins"


def rendered_name(title: str, kind: str) -> str:
    """The name of a render result: `kind` is "cold" or "warm"."""
    return f"{title}, {kind}: rendered"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rendered_ms(page: Page) -> float:
    handle = page.wait_for_function(RENDERED, arg=QUIET_MS, timeout=RENDER_TIMEOUT_MS, polling=5)
    return float(handle.json_value())


@contextmanager
def _context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_cookies(owner_cookies())  # type: ignore[arg-type]  # as the owner's browser, for local mode
    # Nothing may leave the machine; a request that tries is refused, as in the browser tests.
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    context.add_init_script(WATCH_CHANGES)
    try:
        yield context
    finally:
        context.close()


def cold_ms(browser: Browser, url: str) -> float:
    """One load of `url` in a fresh context: ms from navigation to fully rendered."""
    with _context(browser) as context:
        page = context.new_page()
        page.goto(url)
        return _rendered_ms(page)


def warm_ms(browser: Browser, url: str) -> float:
    """Load `url`, let it render, then reload it: ms from the reload to fully rendered."""
    with _context(browser) as context:
        page = context.new_page()
        page.goto(url)
        _rendered_ms(page)
        page.reload()
        return _rendered_ms(page)


def one_load_ms(measure: Callable[[Browser, str], float], browser: Browser, url: str) -> float:
    """One measured load; a load that never finished (a busy machine) is tried again, up to TRIES."""
    for attempt in range(TRIES):
        try:
            return measure(browser, url)
        except PlaywrightTimeout:
            _log(f"    {url} was not rendered within {RENDER_TIMEOUT_MS / 1000:.0f} s (try {attempt + 1})")
    raise RuntimeError(f"{url} was never rendered in {TRIES} tries")


def interleaved_ms(
    measure: Callable[[Browser, str], float], browser: Browser, urls: Sequence[str], rounds: int
) -> list[float]:
    """The median of `rounds` loads of each url, loaded in turn round after round.

    Taking the minimal app and the pages in turn, instead of all loads of one page and then the next,
    spreads any slow spell of the machine over every page alike, so a ratio is not skewed by when
    its page happened to be measured.
    """
    loads: list[list[float]] = [[] for _ in urls]
    for _ in range(rounds):
        for times, url in zip(loads, urls, strict=True):
            times.append(one_load_ms(measure, browser, url))
    return [statistics.median(times) for times in loads]


def render_rows(
    browser: Browser, minimal_url: str, frame_url: str, app_url: str, loads: int
) -> list[tuple[str, float, str]]:
    """Every page cold and warm as a ratio to the minimal app; the frame floor beside them, no target."""
    rows: list[tuple[str, float, str]] = []
    pages = existing_pages()
    for kind, measure, target in (("cold", cold_ms, COLD_TARGET), ("warm", warm_ms, WARM_TARGET)):
        _log(f"  minimal app, frame floor and {len(pages)} pages, {kind}, {loads} rounds ...")
        urls = [minimal_url, frame_url, *(f"{app_url}/{spec.url_path}" for spec in pages)]
        baseline, frame, *medians = interleaved_ms(measure, browser, urls, loads)
        rows.append((rendered_name("Minimal app", kind), baseline, "ms"))
        rows.append((rendered_name(FRAME_FLOOR, kind), frame / baseline, RATIO))
        rows += sample_rows(rendered_name(FRAME_FLOOR, kind), loads, loads)
        for spec, value in zip(pages, medians, strict=True):
            name = rendered_name(spec.title, kind)
            TARGETS[name] = target
            rows.append((name, value / baseline, RATIO))
            rows += sample_rows(name, loads, loads)
    return rows


def five_year_rows(
    browser: Browser, minimal_url: str, folder: Path, loads: int
) -> list[tuple[str, float, str]]:
    """My progress over five years of check-ins, in local mode: a real browser on loopback owns the
    local diary (agent-API sessions never do, so the agent benchmark cannot measure this page)."""
    from tests.bench.bench_pages import five_year_diary

    url = five_year_diary(folder / "five-years.sqlite3")
    env = {"BACK_IN_ACTION_STORAGE_MODE": "local", "BACK_IN_ACTION_DATABASE_URL": url}
    rows: list[tuple[str, float, str]] = []
    with serve(BACK_IN_ACTION, env=env, log_dir=folder) as app:
        cold_ms(browser, f"{app.url}/progress")
        for kind, measure in (("cold", cold_ms), ("warm", warm_ms)):
            _log(f"  My progress with five years of check-ins, {kind} ...")
            baseline, value = interleaved_ms(measure, browser, [minimal_url, f"{app.url}/progress"], loads)
            name = rendered_name(FIVE_YEARS, kind)
            TARGETS[name] = FIVE_YEARS_TARGET
            rows += [(name, value / baseline, RATIO), (f"{name} (time)", value, "ms")]
            rows += sample_rows(name, loads, loads)
    return rows


def run() -> list[tuple[str, float, str]]:
    if not Path(CHROMIUM).is_file():
        raise RuntimeError(f"{CHROMIUM} is missing: run tools/install-system-packages.sh")
    with (
        tempfile.TemporaryDirectory(prefix="bench-render-") as folder,
        serve(MINIMAL_APP, log_dir=Path(folder)) as minimal,
        serve(FRAME_APP, env={"BACK_IN_ACTION_STORAGE_MODE": "session"}, log_dir=Path(folder)) as frame,
        serve(BACK_IN_ACTION, env={"BACK_IN_ACTION_STORAGE_MODE": "session"}, log_dir=Path(folder)) as app,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            # One visit to each page first, so server-side imports and caches are warm for both apps.
            warm_ms(browser, minimal.url)
            warm_ms(browser, frame.url)
            for spec in existing_pages():
                cold_ms(browser, f"{app.url}/{spec.url_path}")
            rows = render_rows(browser, minimal.url, frame.url, app.url, LOADS)
            return rows + five_year_rows(browser, minimal.url, Path(folder), LOADS)
        finally:
            browser.close()


if __name__ == "__main__":
    from tests.bench.__main__ import main

    sys.exit(main(["--only", "render"]))
