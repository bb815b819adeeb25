"""Browser test helpers: watched pages, waiting for Streamlit to render, axe-core, the sidebar nav."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, FrameLocator, Page, Request, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.fixtures.server import APP_DIR, AppServer
from ui.frame import NOTICE_LABEL

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_SCRIPT = APP_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS_DIR = APP_DIR / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
RENDER_TIMEOUT_MS = 30_000

# Streamlit's frontend guesses its base URL by probing /<page>/_stcore/health and
# /<page>/_stcore/host-config before the real ones; those two 404s are harmless (pitfalls.md).
HARMLESS_CONSOLE_ERRORS = (
    re.compile(r"^Failed to load resource: the server responded with a status of 404 \(Not Found\)$"),
)
HARMLESS_404_PATH = re.compile(r"^/[^/]+(/[^/]+)*/_stcore/(health|host-config)$")


def is_local(url: str) -> bool:
    """True for addresses served by this machine (or never leaving the page: data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@dataclass
class WatchedPage:
    """A Playwright page plus what it logged and asked for since it was opened."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    allowed_errors: list[re.Pattern[str]] = field(default_factory=list)

    def allow_console_error(self, pattern: str) -> None:
        """Declare a console error this test expects (a regular expression on its text)."""
        self.allowed_errors.append(re.compile(pattern))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        url = message.location.get("url", "") if message.location else ""
        harmless_probe = bool(HARMLESS_404_PATH.match(urlsplit(url).path)) and any(
            pattern.match(text) for pattern in HARMLESS_CONSOLE_ERRORS
        )
        if harmless_probe or any(pattern.search(text) for pattern in self.allowed_errors):
            return
        self.console_errors.append(f"{text} ({url})" if url else text)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def off_machine_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def assert_no_errors(self) -> None:
        """No console error (other than the harmless base-URL probes) and no uncaught exception."""
        assert not self.page_errors, f"uncaught errors in the page: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def assert_only_local_requests(self) -> None:
        """Nothing the page asked for left this machine (no CDN, web font, analytics)."""
        assert not self.off_machine_requests(), f"requests off this machine: {self.off_machine_requests()}"

    def assert_clean(self) -> None:
        self.assert_no_errors()
        self.assert_only_local_requests()


# new_browser_page(**context_options) opens a fresh context and returns its watched page.
NewBrowserPage = Callable[..., WatchedPage]


def watch(page: Page) -> WatchedPage:
    watched = WatchedPage(page)
    page.on("console", watched._on_console)
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.on("request", watched._on_request)
    return watched


RENDER_STATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    return {
        connection: app?.dataset.testConnectionState ?? null,
        script: app?.dataset.testScriptState ?? null,
        stale: document.querySelectorAll('[data-stale="true"]').length,
        skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
        undrawnCharts: charts.filter(chart => !chart.querySelector('canvas, svg.marks')).length,
        mainChildren: main ? main.children.length : 0,
        headings: document.querySelectorAll('h1').length,
        exceptions: [...document.querySelectorAll('[data-testid="stException"]')].map(e => e.innerText),
    };
}"""


def describe_page(watched: WatchedPage) -> str:
    """Where a page is and what Streamlit's frontend reports, for a failed test's report."""
    try:
        state = watched.page.evaluate(RENDER_STATE)
    except PlaywrightError as error:  # closed, or navigating away
        state = f"not readable: {error.message.splitlines()[0]}"
    return f"{watched.page.url}\n  render state: {state}\n  console errors: {watched.console_errors}"


def wait_for_app(page: Page, heading: bool = True, timeout_ms: int = RENDER_TIMEOUT_MS) -> None:
    """Wait until Streamlit has connected, finished its script run and drawn the page.

    Done when the app is connected, the script state is "notRunning", no element is stale from
    a previous run, no widget is still a loading skeleton (Streamlit loads widget code lazily),
    every chart has drawn its marks, the main block has content and (unless `heading=False`) an
    h1 is drawn. A page that ends in an exception fails at once with the exception's text.
    """
    try:
        page.wait_for_function(
            f"""(needHeading) => {{
                const state = ({RENDER_STATE})();
                if (state.connection !== 'CONNECTED' || state.script !== 'notRunning') return false;
                if (state.exceptions.length) return true;
                if (state.stale || state.skeletons || state.undrawnCharts) return false;
                if (!state.mainChildren) return false;
                return !needHeading || state.headings > 0;
            }}""",
            arg=heading,
            timeout=timeout_ms,
            polling=100,
        )
    except PlaywrightTimeoutError:
        state = page.evaluate(RENDER_STATE)
        raise AssertionError(f"{page.url} did not finish rendering in {timeout_ms} ms: {state}") from None
    exceptions = page.evaluate(RENDER_STATE)["exceptions"]
    assert not exceptions, f"{page.url} shows an exception: {exceptions}"


def pick(scope: Page | FrameLocator, label: str, option: str | int) -> None:
    """Tap one option of a 0-10 pick (pills) or a segmented control, and see it taken."""
    choice = scope.get_by_role("radiogroup", name=label).get_by_role("radio", name=str(option), exact=True)
    choice.click()
    expect(choice).to_have_attribute("aria-checked", "true")


def fill_check_in(scope: Page | FrameLocator, pain: int, new_warning_sign: str = "No") -> None:
    """The two answers every check-in needs: the safety question, then pain now."""
    pick(scope, "Any new warning sign since your last check-in?", new_warning_sign)
    pick(scope, "Pain now", pain)


def open_app_page(watched: WatchedPage, server: AppServer, url_path: str = "", query: str = "") -> Page:
    """Go to a page of a running app and wait until it has rendered."""
    watched.page.goto(server.page_url(url_path, query), wait_until="domcontentloaded")
    wait_for_app(watched.page)
    return watched.page


def run_axe(page: Page, exclude: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core (served from node_modules, never a CDN) and return its violations.

    `exclude` holds exact (rule id, CSS selector) pairs: a node is left out when the rule matches
    and the element matches the selector. Each pair must carry its reason where it is defined;
    a whole rule is never switched off.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text())
    violations: list[dict[str, Any]] = page.evaluate(
        """async (exclude) => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            const excluded = (rule, target) => {
                const element = target.length === 1 ? document.querySelector(target[0]) : null;
                return element !== null && exclude.some(([id, selector]) =>
                    id === rule && element.matches(selector));
            };
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.filter(n => !excluded(v.id, n.target)).map(n => ({
                    target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 300),
                    summary: n.failureSummary,
                })),
            })).filter(v => v.nodes.length > 0);
        }""",
        [list(pair) for pair in exclude],
    )
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=2)


def serious_violations(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations a person is likely to be blocked by: impact "serious" or "critical"."""
    return [violation for violation in violations if violation["impact"] in {"serious", "critical"}]


def sidebar_nav_labels(page: Page) -> list[str]:
    """The page titles the sidebar navigation shows, in order, after expanding "View more"."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.wait_for(state="visible")
    more = nav.get_by_role("button", name=re.compile(r"^View \d+ more$"))
    if more.count():
        more.click()
        page.wait_for_function(
            "() => ![...document.querySelectorAll('[data-testid=stSidebarNav] button')]"
            ".some(b => /^View \\d+ more$/.test(b.innerText.trim()))"
        )
    return [
        label.strip()
        for label in nav.locator('[data-testid="stSidebarNavLink"] span[label]').all_inner_texts()
    ]


def page_not_found_shown(page: Page) -> bool:
    """Streamlit's "Page not found" dialog (or any text saying so) is on screen."""
    return page.get_by_text("Page not found").count() > 0


def frame_notice_shown(page: Page) -> bool:
    """The safety notice that app.py's frame draws above the page's own title is on screen.

    The frame draws it as one line (the emergency number) and a button that opens the whole
    notice (the browser's own popover); only that button above the page's h1 proves that the frame
    ran (some pages, About, repeat the notice in their own text).
    """
    return bool(
        page.evaluate(
            """(label) => {
                const title = document.querySelector('[data-testid="stMain"] h1');
                const buttons = document.querySelectorAll(
                    '[data-testid="stMain"] button[popovertarget]');
                return [...buttons].some(button => button.innerText.includes(label)
                    && button.checkVisibility()
                    && (!title || Boolean(button.compareDocumentPosition(title)
                        & Node.DOCUMENT_POSITION_FOLLOWING)));
            }""",
            NOTICE_LABEL,
        )
    )
