"""Round three's journeys in Chromium at phone size: what AppTest cannot see (scroll, focus, downloads)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from rehab_core.catalogue import gentlest_first
from rehab_core.pain_scale import PAIN_WHILE_DOING_IT
from tests.browser.harness import PHONE, NewBrowserPage, fill_check_in, open_app_page, pick, wait_for_app
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
    first, second, third = gentlest_first()[:3]  # the assessment offers the gentlest first
    for movement, following in ((first, second), (second, third)):
        heading = page.get_by_role("heading", name=movement.name)
        heading.first.wait_for()
        page.wait_for_function(f"() => ({FOCUSED_HEADING})()?.includes({movement.name!r})")
        assert page.evaluate(SCROLLED) == 0
        box = heading.first.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"] / 2
        pick(page, PAIN_WHILE_DOING_IT, 4)
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
    # Home, the four pages of today (Assess, the session, Check-in, My progress), then what to expect
    # and when to get help: all among the first seven, well before the menu's "View more".
    for title_text in ("Assess today", "Check-in", "My progress", "When to get help"):
        assert any(title_text in text for text in shown[:7]), shown


DOWNLOADS = ("Diary as CSV", "Diary as JSON", "Plan and trend (PDF)")


def test_my_progress_downloads_work_every_time_after_a_check_in(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    page = new_browser_page(viewport=PHONE, accept_downloads=True).page
    failed: list[str] = []
    for attempt in range(20):
        page.goto(server.page_url("checkin"), wait_until="domcontentloaded")
        wait_for_app(page)
        fill_check_in(page, 3)
        click(page, "Save check-in")
        page.get_by_role("link", name="See your progress").click()
        wait_for_app(page)
        for label in DOWNLOADS:  # one after the other, as a person keeps a copy of each
            try:
                with page.expect_download(timeout=10_000) as download:
                    page.get_by_role("button", name=label).click()
                assert download.value.path().stat().st_size > 0
            except PlaywrightTimeoutError:
                failed.append(f"attempt {attempt + 1}: {label}")
    assert not failed, f"downloads that did nothing: {failed}"
    assert "not found" not in server.log()


def test_another_open_progress_tab_never_exports_check_ins_deleted_in_this_one(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    watched = new_browser_page(viewport=PHONE, accept_downloads=True)
    page = open_app_page(watched, server, "checkin")
    fill_check_in(page, 4)
    page.get_by_label("Note (optional)").fill("a day to forget")
    click(page, "Save check-in")
    stale = watched.page.context.new_page()
    stale.goto(server.page_url("progress"), wait_until="domcontentloaded")
    wait_for_app(stale)
    page.goto(server.page_url("progress"), wait_until="domcontentloaded")
    wait_for_app(page)
    page.get_by_text("Delete all my data").first.click()
    page.get_by_text("I understand, delete everything").click()
    wait_for_app(page)
    page.get_by_role("button", name="Delete all my data").click()
    wait_for_app(page)
    page.get_by_text("Your diary is empty").wait_for()
    exported: dict[str, bytes] = {}
    for label in DOWNLOADS:
        with stale.expect_download(timeout=10_000) as download:
            stale.get_by_role("button", name=label).click()
        data = exported[label] = download.value.path().read_bytes()
        assert b"a day to forget" not in data, label
    assert len(exported["Diary as CSV"].decode("utf-8-sig").splitlines()) == 1, "the header only"
    assert json.loads(exported["Diary as JSON"])["check_ins"] == []


def test_a_reload_of_a_saved_result_never_offers_to_save_it_again(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    page = open_app_page(new_browser_page(viewport=PHONE), server, "assess")
    click(page, "Continue")
    pick(page, "Pain now", 9)  # straight to the result: no movements at 9
    click(page, "Continue")
    click(page, "Save to my diary")
    page.get_by_text("This assessment is in your diary.").wait_for()
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page)
    click(page, "Continue")  # a restored flow asks the safety check again
    page.get_by_text("This assessment is in your diary.").wait_for()
    assert page.get_by_role("button", name="Save to my diary").count() == 0
    page.goto(server.page_url("progress"), wait_until="domcontentloaded")
    wait_for_app(page)
    checks = page.get_by_test_id("stMetric").filter(has_text="Check-ins").get_by_test_id("stMetricValue")
    assert checks.inner_text() == "1"


# Each text of the pain chart (title, key lines, zone names) and whether Vega cut it with an ellipsis;
# the chart's toolbar and the element before the chart, after a tap on the chart.
CHART_TEXTS = """() => {
    const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
    const box = chart.getBoundingClientRect();
    // A label Vega hides (it would stand past the axis's end: labelBound) stays in the SVG, unseen.
    const shown = text => getComputedStyle(text).opacity !== '0' && text.getAttribute('opacity') !== '0';
    const texts = [...chart.querySelectorAll('svg text')].filter(shown).map(text => {
        const r = text.getBoundingClientRect();
        return {text: text.textContent, left: r.left - box.left, right: r.right - box.left};
    });
    const container = chart.closest('[data-testid="stElementContainer"]');
    const toolbar = container.querySelector('[data-testid="stElementToolbar"]');
    const previous = container.previousElementSibling;
    const rect = element => element && element.getBoundingClientRect().toJSON();
    return {width: box.width, texts, toolbar: rect(toolbar), previous: rect(previous), chart: rect(chart)};
}"""


@pytest.mark.parametrize("width", [390, 320])
def test_the_pain_chart_key_is_whole_on_a_phone_and_its_toolbar_covers_no_text(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, width: int
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(
        new_browser_page(viewport={"width": width, "height": 844}), server, "progress", "demo=1"
    )
    chart = page.locator(".vega-embed").first
    chart.scroll_into_view_if_needed()
    chart.click(position={"x": 150, "y": 40})
    page.get_by_test_id("stElementToolbar").first.wait_for()
    page.wait_for_timeout(800)  # the toolbar fades and slides in
    seen = page.evaluate(CHART_TEXTS)
    texts = [item["text"] for item in seen["texts"]]
    for expected in ("Dots: daily mean.", "Dark line: 7-day mean.", "Red ticks: worst of the day."):
        assert expected in "".join(texts), texts
    assert any(text.startswith("0 to 5:") for text in texts), texts
    assert not [text for text in texts if text.endswith("…")], "no text cut short"
    past = [item for item in seen["texts"] if item["right"] > seen["width"] + 1]
    assert not past, f"no text past the edge of {seen['width']} px: {past}"
    toolbar, previous = seen["toolbar"], seen["previous"]
    assert toolbar["bottom"] <= seen["chart"]["top"] + 1, "the toolbar sits above the chart's title"
    assert toolbar["top"] >= previous["bottom"] - 1, "and below what comes before it"


@pytest.mark.parametrize("width", [390, 320])
def test_the_spine_page_fits_a_phone_without_clipping_or_a_sideways_drag(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, width: int
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(viewport={"width": width, "height": 844}), server, "spine")
    page.get_by_text("All parts of the spine at a glance").wait_for()
    overflow = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const block = document.querySelector('[data-testid="stMainBlockContainer"]');
            const padding = parseFloat(getComputedStyle(block).paddingRight);
            const right = block.getBoundingClientRect().right - padding;
            const wider = [...main.querySelectorAll('table, [data-testid="stVegaLiteChart"]')]
                .filter(element => element.getBoundingClientRect().right > right + 1)
                .map(element => element.tagName + ' ' + element.innerText.slice(0, 40));
            return {drag: document.documentElement.scrollWidth - innerWidth,
                    main: main.scrollWidth - main.clientWidth, wider};
        }"""
    )
    assert overflow == {"drag": 0, "main": 0, "wider": []}
