"""Browser fixtures: Debian's Chromium through Playwright, one fresh context per test, app servers.

Every browser test gets, through `browser_page` or `new_browser_page`, a fresh context whose
console errors, page errors and requests are recorded. When the test ends the page must have made
no request off this machine (no CDN, web font or analytics) and logged no error, unless the test
declared the error it expects with `watched.allow_console_error(pattern)`. When a test fails, its
report also shows each open page's address and Streamlit state and the end of the log of each app
server the test started, and a screenshot of each page is saved in test-artifacts/.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.browser.harness import (
    ARTIFACTS_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    NewBrowserPage,
    WatchedPage,
    describe_page,
    is_local,
    watch,
)
from tests.fixtures.server import AppServer, owner_cookies, running_app, started_servers

# What a failed test's report shows besides the traceback: its pages' state and its servers' logs.
OPENED_PAGES = pytest.StashKey[list[WatchedPage]]()
FIRST_SERVER = pytest.StashKey[int]()
LOG_TAIL_LINES = 40


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, once per test process (never a browser Playwright downloads)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run tools/install-system-packages.sh")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
    try:
        yield browser
    finally:
        browser.close()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[FIRST_SERVER] = len(started_servers)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    setattr(item, f"report_{report.when}", report)
    if report.when == "call" and report.failed:
        _add_failure_sections(item, report)
    return report


def _add_failure_sections(item: pytest.Item, report: pytest.TestReport) -> None:
    """Each open page's address and Streamlit state, and the tail of each server the test started.

    The pages are still open here (their contexts close in the fixture's teardown, after this).
    Whether the script was still running or had finished tells a hung rerun from a lost click.
    """
    pages = item.stash.get(OPENED_PAGES, [])
    if pages:
        report.sections.append(("browser pages", "\n".join(describe_page(watched) for watched in pages)))
    for server in started_servers[item.stash.get(FIRST_SERVER, len(started_servers)) :]:
        try:
            tail = server.log().splitlines()[-LOG_TAIL_LINES:]
        except OSError as error:
            tail = [f"log not readable: {error}"]
        report.sections.append((f"app server {server.url} log", "\n".join(tail)))


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "report_call", None)
    return report is None or report.failed


def _save_failure_screenshot(request: pytest.FixtureRequest, page: Page, number: int) -> None:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    # The page may already be gone; a screenshot is only a debugging aid.
    with contextlib.suppress(Exception):
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}-{number}.png"), full_page=True)


@pytest.fixture
def new_browser_page(
    chromium: Browser, app_server: Callable[..., AppServer], request: pytest.FixtureRequest
) -> Iterator[NewBrowserPage]:
    """Open pages in fresh contexts: `new_browser_page(viewport=PHONE, color_scheme="dark")`.

    Each context holds the owner's cookie for 127.0.0.1 and localhost, as the owner's browser
    does after opening the address `make run` prints (tests/fixtures/server.py); a visitor's
    context is `new_browser_page(owner=False)`. Other keyword arguments go to
    Browser.new_context. Requests off this machine are aborted and recorded; when the test ends
    every page must be clean (see the module docstring). It depends on `app_server` so that
    servers a test starts stop only after its pages are checked and closed.
    """
    opened: list[WatchedPage] = []
    request.node.stash[OPENED_PAGES] = opened
    contexts = []

    def open_(owner: bool = True, **context_options: Any) -> WatchedPage:
        context_options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**context_options)
        contexts.append(context)
        if owner:
            context.add_cookies(owner_cookies())  # type: ignore[arg-type]
        context.route(lambda url: not is_local(url), lambda route: route.abort("blockedbyclient"))
        watched = watch(context.new_page())
        watched.allow_console_error(r"net::ERR_BLOCKED_BY_CLIENT")  # recorded as a request instead
        opened.append(watched)
        return watched

    try:
        yield open_
        if _failed(request):
            for number, watched in enumerate(opened):
                _save_failure_screenshot(request, watched.page, number)
        else:
            for watched in opened:
                watched.assert_clean()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def browser_page(new_browser_page: NewBrowserPage) -> WatchedPage:
    """One watched page at desktop size in a fresh context."""
    return new_browser_page()


@pytest.fixture(scope="session")
def shared_app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One app server for tests that do not depend on a fresh process (e.g. accessibility).

    For the dark theme open a page with `new_browser_page(color_scheme="dark")`: config.toml
    defines [theme.light] and [theme.dark], so Streamlit follows the browser's preference (a
    `--theme.base=dark` flag does not override those sections).
    """
    with running_app(work_dir=tmp_path_factory.mktemp("shared-app")) as server:
        yield server
