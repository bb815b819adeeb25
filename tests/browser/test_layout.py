"""Home fits a phone: at 390x844 nothing is wider than the screen."""

from __future__ import annotations

import pytest

from tests.browser.harness import PHONE, NewBrowserPage, open_app_page
from tests.fixtures.server import AppServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-shared-server")]

# The widest scrollable area among the document and Streamlit's scrolling containers, against
# the width it has on screen.
OVERFLOW = """() => [document.scrollingElement, ...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]')]
    .filter(Boolean)
    .map(element => ({
        name: element.dataset?.testid || element.tagName,
        overflow: element.scrollWidth - element.clientWidth,
    }))
    .filter(area => area.overflow > 0)"""


def test_home_on_a_phone_has_no_horizontal_scroll(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    watched = new_browser_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = open_app_page(watched, shared_app_server)

    assert page.evaluate("window.innerWidth") == PHONE["width"]
    assert page.evaluate(OVERFLOW) == []
    assert page.locator("h1").first.bounding_box()["width"] <= PHONE["width"]


# The outline of what the keyboard is on: for a check box, the box's label carries it.
FOCUS_OUTLINE = """() => {
    const focused = document.activeElement;
    const boxed = focused.type === 'checkbox' || focused.type === 'radio';
    const style = getComputedStyle(boxed ? focused.closest('label') : focused);
    const width = parseFloat(style.outlineWidth);
    return {kind: focused.type || focused.tagName, style: style.outlineStyle, width: width};
}"""


@pytest.mark.parametrize(
    ("url_path", "kind"), [("assess", "checkbox"), ("", "A")], ids=["check box", "sidebar link"]
)
def test_keyboard_focus_is_clearly_visible(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage, url_path: str, kind: str
) -> None:
    page = open_app_page(new_browser_page(), shared_app_server, url_path)
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_OUTLINE)
        if focused["kind"] == kind:
            break
    assert focused["kind"] == kind, f"no {kind} reachable with Tab"
    assert focused["style"] == "solid" and focused["width"] >= 3, focused
