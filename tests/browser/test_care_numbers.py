"""The emergency and urgent-care numbers are links a phone can call, on every page and on Get help."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import PHONE, NewBrowserPage, open_app_page
from tests.fixtures.server import AppServer
from ui.frame import NOTICE_ID, NOTICE_LABEL

pytestmark = pytest.mark.browser


def test_the_safety_notice_on_every_page_has_the_emergency_number_as_a_tap_to_call_link(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    for url_path in ("", "spine", "about"):
        page = open_app_page(new_browser_page(viewport=PHONE), shared_app_server, url_path)
        link = page.locator('[data-testid="stMain"] a[href="tel:999"]').first
        expect(link).to_be_visible()
        expect(link).to_have_text("999")
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, f"the emergency number is {box} tall to tap"
        # The rest of the notice is one tap away; the coach's wording shows as typed there, with
        # no escaping backslash on the screen.
        page.get_by_role("button", name=NOTICE_LABEL).click()
        notice = page.locator(f"#{NOTICE_ID}")
        expect(notice).to_contain_text(
            "In an emergency, call 999 now, or go to the nearest emergency department (A&E)."
        )
        expect(notice).to_contain_text(
            "Outside the UK, call your local emergency number (112 in the EU, 911 in the US)."
        )
        expect(notice.locator('a[href="tel:999"]')).to_have_text("999")


def test_get_help_has_both_numbers_as_tap_to_call_links(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    page = open_app_page(new_browser_page(viewport=PHONE), shared_app_server, "get_help")
    emergency = page.locator('[data-testid="stAlertContentError"] a[href="tel:999"]')
    urgent = page.locator('[data-testid="stAlertContentWarning"] a[href="tel:111"]')
    expect(emergency).to_have_text("999")
    expect(urgent).to_have_text("NHS 111")
    expect(page.locator('[data-testid="stAlertContentWarning"]')).to_contain_text(
        "See a doctor today: contact your GP today, or call NHS 111 (open day and night)."
    )
