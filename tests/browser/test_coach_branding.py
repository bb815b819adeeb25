"""A coach's site file, seen in a real browser: the coach's logo in the sidebar and the browser tab."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.harness import WatchedPage, open_app_page
from tests.fixtures.server import AppServerFactory
from tests.test_branding import COACH_LOGO, coach_site

pytestmark = pytest.mark.browser

SVG_DATA_URL = "data:image/svg+xml;base64,"


def inline_svg(url: str) -> str:
    """The SVG text of an image Streamlit inlined as a data: URL (st.logo and the page icon do)."""
    assert url.startswith(SVG_DATA_URL), url[:80]
    return base64.b64decode(url.removeprefix(SVG_DATA_URL)).decode()


def test_the_coachs_logo_and_name_replace_the_projects_in_the_sidebar_and_the_tab(
    app_server: AppServerFactory, browser_page: WatchedPage, tmp_path: Path
) -> None:
    server = app_server(env={"BACK_IN_ACTION_SITE_FILE": str(coach_site(tmp_path))})
    page = open_app_page(browser_page, server)

    expect(page).to_have_title("Spine Studio")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Spine Studio", exact=True)).to_be_visible()
    logo = sidebar.locator('[data-testid="stSidebarLogo"]')
    expect(logo).to_be_visible()
    assert inline_svg(logo.get_attribute("src") or "") == COACH_LOGO
    icons = page.locator('link[rel*="icon"]').evaluate_all("links => links.map(link => link.href)")
    assert icons and all(inline_svg(icon) == COACH_LOGO for icon in icons)
    browser_page.assert_clean()
