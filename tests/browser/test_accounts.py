"""Account mode with a real OpenID Connect provider: each signed-in person sees only their own diary.

The provider is oidc-provider-mock on loopback; the app signs in through it with `st.login`, and
the diary is a SQLite file. One host name (127.0.0.1) is used for the app and the provider, since
localhost and 127.0.0.1 are different sites for the sign-in cookies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from rehab_core.database import open_engine
from rehab_core.store import SqlDiary
from tests.browser.account_steps import (
    delete_all_my_data,
    metric,
    open_progress,
    save_check_in,
    shows_no_check_ins,
    shows_sign_in_offer,
    sign_in,
    sign_out,
)
from tests.browser.harness import NewBrowserPage, WatchedPage
from tests.fixtures.host_page import IFRAME_ID, serve_host_page
from tests.fixtures.oidc import OidcProvider, running_account_app
from tests.fixtures.server import AppServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def account_app(
    oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppServer, SqlDiary]]:
    """One app in account mode for this module (each test signs in its own people), and its database."""
    folder = tmp_path_factory.mktemp("accounts")
    database_url = f"sqlite:///{folder / 'accounts.sqlite3'}"
    with running_account_app(
        oidc_provider, folder, env={"BACK_IN_ACTION_DATABASE_URL": database_url}
    ) as server:
        rows = SqlDiary(open_engine(database_url))
        try:
            yield server, rows
        finally:
            rows.engine.dispose()


def test_two_signed_in_people_each_see_only_their_own_check_ins_and_a_visitor_sees_none(
    account_app: tuple[AppServer, SqlDiary], oidc_provider: OidcProvider, new_browser_page: NewBrowserPage
) -> None:
    server, rows = account_app
    oidc_provider.set_user("alice", "Alice Example", "alice@example.org")
    oidc_provider.set_user("bob", "Bob Example", "bob@example.org")
    alice, bob, visitor = new_browser_page(), new_browser_page(), new_browser_page()

    sign_in(alice, server, oidc_provider, "alice")
    expect(alice.page.get_by_text("Signed in as Alice Example")).to_be_visible()
    save_check_in(alice, server, 6, "Alice slept badly")
    sign_in(bob, server, oidc_provider, "bob")
    expect(bob.page.get_by_text("Signed in as Bob Example")).to_be_visible()
    save_check_in(bob, server, 3, "Bob walked the dog")
    save_check_in(bob, server, 2, "Bob swam")

    # Had either seen the other's check-ins, the count and the mean would be of all three.
    for person, check_ins, mean in ((alice, "1", "6.0"), (bob, "2", "2.5")):
        page = open_progress(person, server)
        assert metric(page, "Check-ins") == check_ins
        assert metric(page, "Pain, 7-day mean") == mean
    shows_sign_in_offer(open_progress(visitor, server))

    # The rows themselves: each under the account's subject, nothing else stored.
    assert [item.note for item in rows.list("account:alice")] == ["Alice slept badly"]
    assert sorted(item.note for item in rows.list("account:bob")) == ["Bob swam", "Bob walked the dog"]


def test_delete_all_my_data_removes_every_row_of_that_person_and_nothing_of_anyone_else(
    account_app: tuple[AppServer, SqlDiary], oidc_provider: OidcProvider, new_browser_page: NewBrowserPage
) -> None:
    server, rows = account_app
    carol, dave = new_browser_page(), new_browser_page()
    sign_in(dave, server, oidc_provider, "dave")
    save_check_in(dave, server, 4, "Dave's diary stays")
    sign_in(carol, server, oidc_provider, "carol")
    save_check_in(carol, server, 5, "First")
    save_check_in(carol, server, 4, "Second")
    assert len(rows.list("account:carol")) == 2

    delete_all_my_data(carol, server)
    shows_no_check_ins(open_progress(carol, server))
    assert rows.list("account:carol") == []
    assert [item.note for item in rows.list("account:dave")] == ["Dave's diary stays"]


def test_after_signing_out_the_diary_is_no_longer_shown(
    account_app: tuple[AppServer, SqlDiary], oidc_provider: OidcProvider, browser_page: WatchedPage
) -> None:
    server, rows = account_app
    sign_in(browser_page, server, oidc_provider, "erin")
    save_check_in(browser_page, server, 5, "Erin's private note")
    assert metric(open_progress(browser_page, server), "Check-ins") == "1"

    sign_out(browser_page, server, oidc_provider)
    shows_sign_in_offer(open_progress(browser_page, server))
    assert len(rows.list("account:erin")) == 1  # signing out keeps the diary for next time


def test_an_embedded_page_on_another_site_offers_to_open_a_new_tab_to_sign_in(
    account_app: tuple[AppServer, SqlDiary], browser_page: WatchedPage, tmp_path: Path
) -> None:
    server, _ = account_app
    # localhost is another site than 127.0.0.1: a cross-site iframe that never gets identity cookies.
    with serve_host_page(tmp_path, server.page_url("checkin", "embed=true"), host_name="localhost") as host:
        browser_page.page.goto(host.url)
        frame = browser_page.page.frame_locator(f"iframe#{IFRAME_ID}")
        main = frame.locator('[data-testid="stMain"]')
        link = main.get_by_role("link", name=re.compile("Open in a new tab to sign in"))
        expect(link).to_be_visible(timeout=30_000)
        # The app's own address, without the embed options, in a new tab (top level, first-party).
        assert link.get_attribute("href") == server.page_url("checkin")
        assert link.get_attribute("target") == "_blank"
        expect(frame.get_by_role("button", name="Sign in")).to_have_count(0)
