"""Round three's journeys in Chromium at phone size: what AppTest cannot see (scroll, focus, downloads)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rehab_core import movements
from tests.browser.harness import PHONE, NewBrowserPage, open_app_page, pick, wait_for_app
from tests.fixtures.server import AppServerFactory
from ui.frame import NOTICE_LABEL, SAFETY_NOTICE

pytestmark = pytest.mark.browser

FOCUSED_HEADING = """() => {
    const focused = document.activeElement;
    return focused && /^H[1-6]$/.test(focused.tagName) ? focused.innerText.trim() : null;
}"""

# How far the page is scrolled: the window's and any scrolled box's offset, whichever is larger.
SCROLLED = """() => Math.max(window.scrollY,
    ...[...document.querySelectorAll('*')].map(element => element.scrollTop))"""


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def scroll_to_bottom(page: Page) -> None:
    page.mouse.move(PHONE["width"] / 2, PHONE["height"] / 2)
    page.mouse.wheel(0, 3000)
    page.wait_for_function(f"() => ({SCROLLED})() > 200")
    assert page.evaluate(SCROLLED) > 200, "the step should be long enough to scroll on a phone"


def test_each_assess_step_on_a_phone_starts_at_its_heading_with_the_focus_on_it(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(viewport=PHONE), server, "assess")
    click(page, "Continue")
    page.get_by_role("heading", name="How much does your back hurt right now?").wait_for()
    assert page.evaluate(FOCUSED_HEADING) == "How much does your back hurt right now?"
    pick(page, "Pain now", 3)
    click(page, "Continue")
    first, second, third = movements()[:3]
    for movement, following in ((first, second), (second, third)):
        heading = page.get_by_role("heading", name=movement.name)
        heading.first.wait_for()
        page.wait_for_function(f"() => ({FOCUSED_HEADING})()?.includes({movement.name!r})")
        assert page.evaluate(SCROLLED) == 0
        box = heading.first.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"] / 2
        pick(page, "Pain it caused", 1)
        wait_for_app(page)
        scroll_to_bottom(page)
        assert page.evaluate(FOCUSED_HEADING) is None  # a pick moves nothing
        click(page, "Save and continue")
        page.get_by_role("heading", name=following.name).first.wait_for()
        page.wait_for_function(f"() => ({FOCUSED_HEADING})()?.includes({following.name!r})")
        assert page.evaluate(SCROLLED) == 0
    # Back is a step change too.
    scroll_to_bottom(page)
    click(page, "Back")
    page.wait_for_function(f"() => ({FOCUSED_HEADING})()?.includes({second.name!r})")
    assert page.evaluate(SCROLLED) == 0


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_the_notice_is_one_line_and_the_daily_pages_are_on_the_first_screen_of_the_menu(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, width: int
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(viewport={"width": width, "height": 844}), server, "checkin")
    line = page.get_by_test_id("stMain").get_by_test_id("stMarkdownContainer").first
    assert "Emergency" in line.inner_text()
    box = line.bounding_box()
    assert box is not None and box["height"] < 48, "one line"
    button = page.get_by_role("button", name=NOTICE_LABEL)
    button_box = button.bounding_box()
    assert button_box is not None and abs(button_box["y"] - box["y"]) < 20, "on the same line"
    title = page.get_by_role("heading", name="Check-in", level=1).bounding_box()
    assert title is not None and title["y"] < 250
    button.click()
    expect(page.get_by_text(SAFETY_NOTICE)).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_test_id("stExpandSidebarButton").click()
    nav = page.get_by_test_id("stSidebarNav")
    shown = [text.strip() for text in nav.get_by_test_id("stSidebarNavLink").all_inner_texts()]
    for title_text in ("Assess today", "Check-in", "My progress", "When to get help"):
        assert any(title_text in text for text in shown[:6]), shown
