"""Every page, opened cold on a fresh server, renders through app.py: title, frame, nav, no errors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.harness import (
    WatchedPage,
    frame_notice_shown,
    open_app_page,
    page_not_found_shown,
    sidebar_nav_labels,
)
from tests.fixtures.server import AppServerFactory
from ui.navigation import PageSpec, existing_pages

# Every case starts its own server; keeping them on one worker means at most one cold-link server
# runs at a time while the other worker runs the rest of the suite.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-fresh-servers")]

DEEP_PAGES = [spec for spec in existing_pages() if spec.url_path != "home"]
# The sidebar lists pages by section, sections in the order they first appear.
SECTIONS = dict.fromkeys(spec.section for spec in existing_pages())
NAV_TITLES = [spec.title for section in SECTIONS for spec in existing_pages() if spec.section == section]
# The embedded case: a coach's iframe opens one page with ?embed=true as the very first visit.
EMBED_PAGE = next((spec for spec in DEEP_PAGES if spec.url_path == "assess"), DEEP_PAGES[0])


@pytest.mark.parametrize("spec", DEEP_PAGES, ids=lambda spec: spec.url_path)
def test_a_cold_deep_link_shows_the_page_inside_the_app_frame(
    spec: PageSpec, app_server: AppServerFactory, browser_page: WatchedPage
) -> None:
    server = app_server()
    page = open_app_page(browser_page, server, spec.url_path)

    assert page.locator("h1").first.inner_text().strip() == spec.title
    assert frame_notice_shown(page)
    assert sidebar_nav_labels(page) == NAV_TITLES
    assert not page_not_found_shown(page)
    assert urlsplit(page.url).path == f"/{spec.url_path}"
    browser_page.assert_clean()


def test_a_cold_embedded_deep_link_shows_the_page_with_its_safety_notice(
    app_server: AppServerFactory, browser_page: WatchedPage
) -> None:
    server = app_server()
    page = open_app_page(browser_page, server, EMBED_PAGE.url_path, "embed=true")

    assert page.locator("h1").first.inner_text().strip() == EMBED_PAGE.title
    assert frame_notice_shown(page)
    assert not page_not_found_shown(page)
    split = urlsplit(page.url)
    assert (split.path, split.query) == (f"/{EMBED_PAGE.url_path}", "embed=true")
    browser_page.assert_clean()


# Every label the sidebar's navigation shows while the page loads, recorded from the first paint.
RECORD_NAV_LABELS = """() => {
    window.navLabelsSeen = [];
    const record = () => {
        for (const link of document.querySelectorAll('[data-testid=stSidebarNavLink]')) {
            window.navLabelsSeen.push(link.innerText.trim().split('\\n').pop());
        }
    };
    new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true});
}"""


@pytest.mark.parametrize(
    "first_visit", ["", "assess", "progress?embed=true"], ids=["home", "assess", "embedded"]
)
def test_a_fresh_server_never_shows_the_raw_file_names_of_pages_in_the_sidebar(
    first_visit: str, app_server: AppServerFactory, browser_page: WatchedPage
) -> None:
    server = app_server()
    page = browser_page.page
    page.add_init_script(f"({RECORD_NAV_LABELS})()")
    path, _, query = first_visit.partition("?")
    open_app_page(browser_page, server, path, query)
    if not query:
        assert sidebar_nav_labels(page) == NAV_TITLES, "the app's own navigation is shown"
    # The legacy router names a page by its file, underscores as spaces, and the entry point "app".
    file_names = {spec.url_path.replace("_", " ") for spec in existing_pages()} | {"app"}
    raw = set(page.evaluate("window.navLabelsSeen")) & (file_names - set(NAV_TITLES))
    assert not raw, f"the sidebar showed file names {sorted(raw)}"
    assert urlsplit(page.url).path == f"/{path}"
    browser_page.assert_clean()
