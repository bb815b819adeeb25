"""Embedded in a coach's site: a host page on another origin shows the app in an iframe, and it works.

The host page is served by a small HTTP server on its own port. `localhost` against an app at
127.0.0.1 is another site (cross-site iframe); 127.0.0.1 on another port is another origin of the
same site, where Streamlit's SameSite=Lax XSRF cookie still reaches the iframe and uploads work
with XSRF protection on.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Frame, FrameLocator, expect

from rehab_core.catalogue import gentlest_first
from rehab_core.diary import new_check_in
from rehab_core.diary_files import to_csv
from rehab_core.pain_scale import PAIN_WHILE_DOING_IT
from tests.browser.harness import WatchedPage, pick, wait_for_app
from tests.fixtures.host_page import IFRAME_ID, serve_host_page
from tests.fixtures.server import AppServerFactory

pytestmark = pytest.mark.browser

SESSION_MODE = {"BACK_IN_ACTION_STORAGE_MODE": "session"}
# Streamlit's own controls, none of which a coach's visitors should see inside the iframe.
STREAMLIT_CHROME = (
    '[data-testid="stToolbar"]',
    '[data-testid="stMainMenu"]',
    '[data-testid="stAppDeployButton"]',
    '[data-testid="stDecoration"]',
)


def app_frame(watched: WatchedPage) -> tuple[Frame, FrameLocator]:
    """The iframe holding the app, once Streamlit inside it has drawn its page."""
    element = watched.page.locator(f"iframe#{IFRAME_ID}")
    element.wait_for(state="attached")
    frame = element.element_handle().content_frame()
    assert frame is not None
    wait_for_app(frame)  # type: ignore[arg-type]  # a Frame waits the same way a Page does
    return frame, watched.page.frame_locator(f"iframe#{IFRAME_ID}")


def click_and_wait(frame: Frame, locator: FrameLocator, name: str) -> None:
    locator.locator('[data-testid="stMain"]').get_by_role("button", name=name, exact=True).click()
    wait_for_app(frame)  # type: ignore[arg-type]


def assert_embedded_chrome_hidden(locator: FrameLocator) -> None:
    """Streamlit runs in embed mode, and its toolbar, menu and decoration are not drawn."""
    expect(locator.locator('[data-testid="stApp"]')).to_have_class(re.compile(r"\bstreamlit-embedded\b"))
    for selector in STREAMLIT_CHROME:
        expect(locator.locator(selector)).to_have_count(0)
    header = locator.locator('[data-testid="stHeader"]')
    expect(header.locator("button, a")).to_have_count(0)
    expect(header).to_have_text("")


def test_the_assessment_works_inside_an_iframe_on_another_site_without_streamlit_chrome(
    app_server: AppServerFactory, browser_page: WatchedPage, tmp_path: Path
) -> None:
    server = app_server(env=SESSION_MODE)
    with serve_host_page(tmp_path, server.page_url("assess", "embed=true"), host_name="localhost") as host:
        browser_page.page.goto(host.url)
        expect(browser_page.page.get_by_role("heading", name="Spine Studio")).to_be_visible()
        frame, inside = app_frame(browser_page)
        expect(inside.locator("h1")).to_have_text("Assess today")
        assert_embedded_chrome_hidden(inside)

        click_and_wait(frame, inside, "Continue")  # safety check: no warning sign ticked
        pick(inside, "Pain now", 3)
        click_and_wait(frame, inside, "Continue")

        for number, movement in enumerate(gentlest_first(), start=1):
            expect(inside.get_by_role("heading", name=f"Movement {number} of")).to_contain_text(movement.name)
            if number % 2:
                pick(inside, PAIN_WHILE_DOING_IT, 4)
                click_and_wait(frame, inside, "Save and continue")
            else:
                click_and_wait(frame, inside, "Skip this one")

        expect(inside.get_by_text("Today: gentle rehab movements")).to_be_visible()
        expect(inside.get_by_role("heading", name="Today's plan")).to_be_visible()
        expect(inside.get_by_role("heading", name="Why this plan")).to_be_visible()
        click_and_wait(frame, inside, "Save to my diary")
        expect(inside.get_by_text("Saved to your diary: pain 3, 5 movements rated")).to_be_visible()
        assert_embedded_chrome_hidden(inside)
        # The host page stayed where it was: the flow ran inside the iframe.
        assert browser_page.page.url == host.url
    browser_page.assert_clean()


def test_a_diary_file_uploads_inside_a_same_site_iframe_with_xsrf_protection_on(
    app_server: AppServerFactory, browser_page: WatchedPage, tmp_path: Path
) -> None:
    server = app_server(env=SESSION_MODE)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    exported = [
        new_check_in("someone", start + timedelta(days=day), pain, sessions_done=day % 4, note=f"day {day}")
        for day, pain in enumerate([7, 6, 6, 5, 4])
    ]
    diary_file = tmp_path / "my-diary.csv"
    diary_file.write_bytes(to_csv(exported))

    # Another port of the same host name: another origin, the same site.
    with serve_host_page(tmp_path, server.page_url("progress", "embed=true")) as host:
        browser_page.page.goto(host.url)
        frame, inside = app_frame(browser_page)
        expect(inside.locator("h1")).to_have_text("My progress")
        inside.get_by_text("Import a diary file").click()
        inside.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(diary_file)
        wait_for_app(frame)  # type: ignore[arg-type]
        click_and_wait(frame, inside, "Import 5 new check-ins")
        expect(inside.get_by_text("Imported. 5 in the file: 5 new, 0 already in your diary.")).to_be_visible()

        # What was imported is this tab's diary now: away and back through the app's own navigation.
        nav = inside.locator('[data-testid="stSidebarNav"]')
        more = nav.get_by_role("button", name=re.compile(r"^View \d+ more$"))
        if more.count():
            more.click()
        nav.get_by_role("link", name="Check-in").click()
        expect(inside.locator("h1")).to_have_text("Check-in")
        nav.get_by_role("link", name="My progress").click()
        expect(inside.locator("h1")).to_have_text("My progress")
        wait_for_app(frame)  # type: ignore[arg-type]
        check_ins = inside.locator('[data-testid="stMetric"]', has_text="Check-ins")
        expect(check_ins.locator('[data-testid="stMetricValue"]')).to_have_text("5")
    browser_page.assert_clean()


def test_inside_a_cross_site_iframe_the_import_says_to_open_the_app_in_its_own_tab_where_it_works(
    app_server: AppServerFactory, browser_page: WatchedPage, tmp_path: Path
) -> None:
    # With the default SameSite=Lax cookie a cross-site iframe never gets Streamlit's XSRF cookie,
    # so Streamlit would refuse any upload with "AxiosError: Request failed with status code 403"
    # (docs/deploy.md asks cross-site hosts for xsrfCookieSameSite = "none" over HTTPS). The person
    # gets words to act on and a link instead of an uploader that cannot work; protection stays on.
    server = app_server(env=SESSION_MODE)
    diary_file = tmp_path / "my-diary.csv"
    diary_file.write_bytes(to_csv([new_check_in("someone", datetime(2026, 3, 2, 8, 0, tzinfo=UTC), 5)]))
    with serve_host_page(tmp_path, server.page_url("progress", "embed=true"), host_name="localhost") as host:
        browser_page.page.goto(host.url)
        frame, inside = app_frame(browser_page)
        inside.get_by_text("Import a diary file").click()
        wait_for_app(frame)  # type: ignore[arg-type]
        expect(inside.get_by_text("Importing a file: open the app in its own tab")).to_be_visible()
        expect(inside.get_by_text("does not work inside another website's page")).to_be_visible()
        expect(inside.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(0)
        expect(inside.get_by_text("status code 403")).to_have_count(0)
        link = inside.get_by_role("link", name="Open the app in its own tab")
        assert link.get_attribute("href") == server.page_url("progress")
        assert link.get_attribute("target") == "_blank"
        with browser_page.page.context.expect_page() as opened:
            link.click()
    own_tab = opened.value
    own_tab.wait_for_load_state("domcontentloaded")
    wait_for_app(own_tab)
    own_tab.get_by_text("Import a diary file").click()
    wait_for_app(own_tab)
    own_tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(diary_file)
    wait_for_app(own_tab)
    own_tab.get_by_role("button", name="Import 1 new check-in").click()
    wait_for_app(own_tab)
    expect(own_tab.get_by_text("Imported. 1 in the file: 1 new, 0 already in your diary.")).to_be_visible()


def test_streamlits_xsrf_cookie_has_the_name_the_app_looks_for() -> None:
    from streamlit.web.server.starlette.starlette_server_config import XSRF_COOKIE_NAME

    from ui.own_tab import XSRF_COOKIE

    assert XSRF_COOKIE == XSRF_COOKIE_NAME
