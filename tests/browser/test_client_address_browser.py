"""Local mode in Chromium: the owner's diary reaches this machine only, behind proxies and on dual stack.

Each "remote" visitor is a real proxy process on 127.0.0.1 (tests/fixtures/header_proxy.py)
that writes the headers a reverse proxy, or a visitor forging them, would send; Chromium opens
the app through it. The owner's diary is the demo diary, written into the server's SQLite file
before the server starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rehab_core.database import open_engine
from rehab_core.demo import demo_check_ins
from rehab_core.store import SqlDiary
from tests.browser.harness import NewBrowserPage, wait_for_app
from tests.fixtures.header_proxy import HeaderProxyFactory, header_proxy
from tests.fixtures.server import DUAL_STACK_FLAGS, AppServer, AppServerFactory
from ui.storage import LOCAL_OWNER, NOT_LOCAL_NOTICE

pytestmark = pytest.mark.browser

NO_DIARY = "No check-ins yet"
REMOTE = "203.0.113.7"  # a documentation address: the visitor the proxy says it is serving


@pytest.fixture
def header_proxies(app_server: AppServerFactory) -> Iterator[HeaderProxyFactory]:
    """Proxies that stop after the test's pages are checked (list it before new_browser_page)."""
    with ExitStack() as stack:
        yield lambda port, headers: stack.enter_context(header_proxy(port, headers))


def owner_diary_server(app_server: AppServerFactory, tmp_path: Path, **kwargs: object) -> AppServer:
    """A local-mode server whose diary already holds the owner's check-ins."""
    database = tmp_path / "owner.sqlite3"
    engine = open_engine(f"sqlite:///{database}")
    try:
        SqlDiary(engine).import_check_ins(LOCAL_OWNER, demo_check_ins(LOCAL_OWNER))
    finally:
        engine.dispose()
    env = {"BACK_IN_ACTION_STORAGE_MODE": "local", "BACK_IN_ACTION_DATABASE_URL": f"sqlite:///{database}"}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return app_server(env=env, **kwargs)


def open_progress(new_browser_page: NewBrowserPage, url: str) -> Page:
    page = new_browser_page().page
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)
    return page


def assert_sees_owner_diary(page: Page) -> None:
    expect(page.get_by_role("heading", name="My progress", level=1)).to_be_visible()
    assert page.get_by_text(NO_DIARY).count() == 0
    assert page.get_by_text(NOT_LOCAL_NOTICE).count() == 0
    expect(page.get_by_text("Days logged")).to_be_visible()  # the owner's check-ins are drawn


def assert_gets_session_diary(page: Page) -> None:
    expect(page.get_by_text(NOT_LOCAL_NOTICE)).to_be_visible()
    expect(page.get_by_text(NO_DIARY)).to_be_visible()


def test_the_owner_on_this_machine_sees_their_diary_directly(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = owner_diary_server(app_server, tmp_path)
    assert_sees_owner_diary(open_progress(new_browser_page, server.page_url("progress")))


@pytest.mark.parametrize(
    "headers",
    [
        # The visitor forges X-Forwarded-For; the proxy (not named as trusted) sets X-Real-IP.
        [("X-Forwarded-For", "127.0.0.1"), ("X-Real-IP", REMOTE)],
        # A proxy speaking the standard Forwarded header only.
        [("Forwarded", "for=8.8.8.8")],
        # A proxy, not named as trusted, that says the visitor is on loopback: still not believed.
        [("X-Real-IP", "127.0.0.1")],
    ],
    ids=["forged-x-forwarded-for", "forwarded-for-remote", "untrusted-x-real-ip-loopback"],
)
def test_a_visitor_through_a_proxy_nobody_named_never_gets_the_owners_diary(
    app_server: AppServerFactory,
    header_proxies: HeaderProxyFactory,
    new_browser_page: NewBrowserPage,
    tmp_path: Path,
    headers: list[tuple[str, str]],
) -> None:
    server = owner_diary_server(app_server, tmp_path)
    proxy = header_proxies(server.port, headers)
    assert_gets_session_diary(open_progress(new_browser_page, proxy.page_url("progress")))
    assert proxy.connections > 0


def test_behind_a_trusted_proxy_its_own_header_decides_and_a_forged_one_beside_it_is_not_believed(
    app_server: AppServerFactory,
    header_proxies: HeaderProxyFactory,
    new_browser_page: NewBrowserPage,
    tmp_path: Path,
) -> None:
    server = owner_diary_server(app_server, tmp_path, env={"BACK_IN_ACTION_TRUSTED_PROXIES": "127.0.0.1"})
    owner_proxy = header_proxies(server.port, [("X-Real-IP", "127.0.0.1")])
    assert_sees_owner_diary(open_progress(new_browser_page, owner_proxy.page_url("progress")))
    forged = header_proxies(server.port, [("X-Forwarded-For", "127.0.0.1"), ("X-Real-IP", REMOTE)])
    assert_gets_session_diary(open_progress(new_browser_page, forged.page_url("progress")))
    ipv6 = header_proxies(server.port, [("Forwarded", 'for="[2001:db8::7]:4711"')])
    assert_gets_session_diary(open_progress(new_browser_page, ipv6.page_url("progress")))


def test_the_owner_gets_their_diary_at_127_0_0_1_from_a_server_listening_on_ipv6_and_ipv4(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = owner_diary_server(app_server, tmp_path, base_flags=DUAL_STACK_FLAGS)
    assert "--server.address" not in " ".join(str(part) for part in server.process.args)  # type: ignore[union-attr]
    assert_sees_owner_diary(open_progress(new_browser_page, server.page_url("progress")))
