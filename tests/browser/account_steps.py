"""Browser steps for diaries in account mode: sign in and out through the provider, check in, read, delete."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.harness import RENDER_TIMEOUT_MS, WatchedPage, fill_check_in, open_app_page, wait_for_app
from tests.fixtures.oidc import OidcProvider
from tests.fixtures.server import AppServer

# The mock provider's own pages ask a CDN for a stylesheet (blocked: nothing leaves the machine)
# and have no favicon; neither belongs to the app, so neither counts against it.
PROVIDER_STYLESHEET = "cdn.jsdelivr.net/npm/@picocss/"


def forget_provider_assets(watched: WatchedPage, provider: OidcProvider) -> None:
    """Drop what the provider's own pages logged or asked for; the app's own record stays whole."""
    watched.console_errors[:] = [
        error
        for error in watched.console_errors
        if provider.url not in error and PROVIDER_STYLESHEET not in error
    ]
    watched.requests[:] = [url for url in watched.requests if PROVIDER_STYLESHEET not in url]


def back_on(page: Page, server: AppServer) -> None:
    page.wait_for_url(re.compile(re.escape(server.url) + r"(/.*)?$"))
    wait_for_app(page)


def sign_in(watched: WatchedPage, server: AppServer, provider: OidcProvider, sub: str) -> Page:
    """Sign in from the Check-in page through the provider's form as `sub`; back on the app after."""
    page = open_app_page(watched, server, "checkin")
    page.locator('[data-testid="stMain"]').get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    back_on(page, server)
    forget_provider_assets(watched, provider)
    return page


def sign_out(watched: WatchedPage, server: AppServer, provider: OidcProvider) -> None:
    """Sign out from the sidebar; Streamlit passes through the provider's end-session page."""
    page = watched.page
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(re.escape(provider.url) + r"/.*"))
    page.get_by_role("button", name="End session").click()
    back_on(page, server)
    forget_provider_assets(watched, provider)


def save_check_in(watched: WatchedPage, server: AppServer, pain: int, note: str) -> None:
    """Save a check-in on the Check-in page (opened unless already there; the form clears after saving)."""
    page = watched.page
    if page.url != server.page_url("checkin"):
        open_app_page(watched, server, "checkin")
    fill_check_in(page, pain)
    page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text(f"Saved: pain {pain},")).to_be_visible()


def open_progress(watched: WatchedPage, server: AppServer) -> Page:
    return open_app_page(watched, server, "progress")


def metric(page: Page, label: str) -> str:
    """The value a metric on the page shows, by its label."""
    value = page.locator('[data-testid="stMetric"]', has_text=label).locator('[data-testid="stMetricValue"]')
    return value.inner_text().strip()


def shows_no_check_ins(page: Page) -> None:
    expect(page.get_by_text("No check-ins yet.")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)


def shows_sign_in_offer(page: Page) -> None:
    """Signed out: the page explains, offers sign-in and shows no diary at all."""
    expect(page.get_by_text("Sign in to see your progress.")).to_be_visible()
    expect(page.locator('[data-testid="stMain"]').get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
    expect(page.get_by_text("Keep or move your diary")).to_have_count(0)


def delete_all_my_data(watched: WatchedPage, server: AppServer) -> None:
    """My progress -> Delete all my data -> confirm -> delete; the page says how many went."""
    page = open_progress(watched, server)
    page.get_by_text("Delete all my data").first.click()
    # Once the page has settled, the box's label, as a person taps it; on a machine busy with the
    # whole suite the tick can take longer to show than expect's default 5 s.
    wait_for_app(page)
    page.get_by_text("I understand, delete everything", exact=True).click()
    expect(page.get_by_role("checkbox", name="I understand, delete everything")).to_be_checked(
        timeout=RENDER_TIMEOUT_MS
    )
    wait_for_app(page)
    delete = page.get_by_role("button", name="Delete all my data")
    expect(delete).to_be_enabled()
    delete.click()
    expect(page.get_by_text(re.compile(r"Deleted \d+ check-ins?\. Your diary is empty\."))).to_be_visible()
