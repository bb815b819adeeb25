"""Today's session in real Chromium on a phone: a whole session, a reload mid-way, a movement that hurts,
the rest countdown run by the browser alone, and the saved check-in on My progress and in the CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, expect

from rehab_core.database import open_engine
from rehab_core.diary import ASSESSMENT, SESSION, new_check_in
from rehab_core.diary_files import parse_import
from rehab_core.store import SqlDiary
from tests.browser.harness import (
    PHONE,
    NewBrowserPage,
    describe_violations,
    open_app_page,
    pick,
    run_axe,
    serious_violations,
    wait_for_app,
)
from tests.browser.test_accessibility import STREAMLIT_MARKUP_EXCEPTIONS
from tests.fixtures.server import AppServer, AppServerFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Today's plan at pain 3: cat-camel, hip bridge, bird dog, kettlebell walk (2 sets each).
RATED = {"cat-camel": 0, "hip-bridge": 1, "bird-dog": 0, "kettlebell-walk": 0}
REST_WATCH_S = 3.0


def server_with_todays_plan(app_server: AppServerFactory, tmp_path: Path) -> AppServer:
    """A local-mode app whose diary holds an assessment made a few minutes ago."""
    url = f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    assessed = datetime.now(UTC) - timedelta(minutes=5)
    SqlDiary(open_engine(url)).add(new_check_in("local", assessed, 3, movement_pain=RATED, kind=ASSESSMENT))
    return app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local", "BACK_IN_ACTION_DATABASE_URL": url})


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def heading(page: Page, text: str) -> None:
    page.get_by_role("heading", name=text).first.wait_for()


def shot(page: Page, name: str) -> None:
    """The whole step at 390 px wide: the app scrolls inside its own frame, so the window is made tall."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": PHONE["width"], "height": 2200})
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"session-{name}.png"))
    page.set_viewport_size(PHONE)


def countdown_left(page: Page) -> int:
    """The seconds the countdown shows now: the CSS property its ::after counter draws."""
    value = page.evaluate(
        "() => getComputedStyle(document.querySelector('.bia-rest-count'))"
        ".getPropertyValue('--bia-rest-left')"
    )
    return int(str(value).strip())


def through_the_first_steps(page: Page, look: Callable[[str], None]) -> None:
    """Check first, pain now, a set, the rest, the rating: `look` is called on each, by its name."""
    look("check first")
    click(page, "Continue")
    pick(page, "Pain now", 3)
    look("pain")
    click(page, "Continue")
    look("a set")
    click(page, "Set done")
    look("the rest")
    click(page, "Stop, this hurts")
    look("the rating")


def test_a_whole_session_on_a_phone_resumes_after_a_reload_stops_what_hurts_and_lands_in_the_diary(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    watched = new_browser_page(viewport=PHONE, timezone_id="UTC", accept_downloads=True)
    page = watched.page
    sent: list[str] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: sent.append("frame"))

    page.on("websocket", on_socket)

    open_app_page(watched, server)
    page.get_by_role("link", name="Start today's session (1 of 3)").click()
    wait_for_app(page)
    heading(page, "Check first")
    click(page, "Continue")
    pick(page, "Pain now", 3)
    click(page, "Continue")

    # Movement 1, set 1, then a rest that the browser counts down on its own.
    heading(page, "Cat-camel")
    page.get_by_text("Set 1 of 2: 8 slow rounds").wait_for()
    click(page, "Set done")
    heading(page, "Rest")
    started_at = countdown_left(page)
    before = len(sent)
    page.wait_for_timeout(REST_WATCH_S * 1000)
    assert len(sent) == before, "the page sent nothing to the server while the person rested"
    assert countdown_left(page) < started_at, "the countdown counts down in the browser"
    assert page.get_by_role("status").filter(has_text="Rest for 45 seconds").count() == 1
    click(page, "Go on now")
    click(page, "Set done")
    pick(page, "Your pain while doing it", 3)
    click(page, "Continue")

    # Movement 2, reload in the middle of it: the warning signs again, then the same step.
    click(page, "Go on to Hip bridge")
    heading(page, "Hip bridge")
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page)
    heading(page, "Check first")
    page.get_by_text("Welcome back").wait_for()
    click(page, "Continue")
    heading(page, "Hip bridge")
    page.get_by_text("Set 1 of 2").wait_for()

    # It hurts: stop, rate it, see it dropped with the reason, end the session early.
    click(page, "Stop, this hurts")
    pick(page, "Your pain while doing it", 8)
    click(page, "Continue")
    page.get_by_text("Hip bridge is dropped for the rest of this session").wait_for()
    click(page, "End the session now")
    heading(page, "How is your back now?")
    pick(page, "Your pain now", 4)
    click(page, "Save my session")
    heading(page, "Session done")
    page.get_by_text("Saved to your diary: 2 movements rated").wait_for()
    page.get_by_text("Next session:").wait_for()

    # My progress counts it, and the exported CSV holds it as a session with its two ratings.
    page.get_by_role("link", name="See my progress").click()
    wait_for_app(page)
    metrics = page.get_by_test_id("stMetric")
    assert metrics.filter(has_text="Check-ins").get_by_test_id("stMetricValue").inner_text() == "2"
    with page.expect_download() as download:
        page.get_by_role("button", name="Diary as CSV").click()
    exported = Path(download.value.path()).read_bytes()
    sessions = [entry for entry in parse_import(exported, "diary.csv", "local") if entry.kind == SESSION]
    assert len(sessions) == 1
    assert dict(sessions[0].movement_pain) == {"cat-camel": 0, "hip-bridge": 5}
    assert (sessions[0].pain, sessions[0].sessions_done) == (4, 1)
    assert "Stopped because it hurt: Hip bridge" in sessions[0].note


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_step_of_the_session_at_390_pixels(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path, scheme: str
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    watched = new_browser_page(viewport=PHONE, timezone_id="UTC", color_scheme=scheme)
    page = open_app_page(watched, server, "session")
    shot(page, f"{scheme}-1-check")
    weak_leg = page.get_by_role("checkbox", name="Is one leg clearly weak")
    page.get_by_text("Is one leg clearly weak").click()
    expect(weak_leg).to_be_checked()
    wait_for_app(page)
    click(page, "Continue")
    page.get_by_text("See a doctor today").wait_for()
    shot(page, f"{scheme}-1b-get-care")
    click(page, "Change my answers")
    expect(weak_leg).to_be_checked()  # it comes back ticked, as it was answered
    page.get_by_text("Is one leg clearly weak").click()
    expect(weak_leg).not_to_be_checked()
    wait_for_app(page)
    click(page, "Continue")
    pick(page, "Pain now", 9)
    click(page, "Continue")
    page.get_by_text("Skip today's sessions").wait_for()
    shot(page, f"{scheme}-1c-rest-and-ice")
    click(page, "Change my answer")
    pick(page, "Pain now", 3)
    shot(page, f"{scheme}-2-pain")
    click(page, "Continue")
    shot(page, f"{scheme}-3-set")
    click(page, "Set done")
    shot(page, f"{scheme}-4-rest")
    click(page, "Stop, this hurts")
    pick(page, "Your pain while doing it", 4)
    shot(page, f"{scheme}-5-rate")
    click(page, "Continue")
    shot(page, f"{scheme}-6-rest-between")
    click(page, "End the session now")
    shot(page, f"{scheme}-7-pain-after")
    pick(page, "Your pain now", 3)
    click(page, "Save my session")
    heading(page, "Session done")
    shot(page, f"{scheme}-8-summary")
    page = open_app_page(watched, server, "session", "view=projector")
    click(page, "Next")
    shot(page, f"{scheme}-9-projector")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"session-{scheme}-9-projector-wide.png"))
    click(page, "Next")
    page.screenshot(path=str(ARTIFACTS / f"session-{scheme}-9-projector-rest-wide.png"))


def press_with_keys(page: Page, name: str) -> None:
    """Tab to the button named `name` and press Enter, as a keyboard user does."""
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement && document.activeElement.tagName === 'BUTTON'"
            " ? document.activeElement.innerText : ''"
        )
        if focused.strip().split("\n")[-1] == name:  # the icon's ligature name comes first
            page.keyboard.press("Enter")
            wait_for_app(page)
            return
    raise AssertionError(f"no button {name!r} reachable with Tab")


def test_the_session_works_embedded_with_the_keyboard_alone(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    watched = new_browser_page(viewport=PHONE, timezone_id="UTC")
    page = open_app_page(watched, server, "session", "embed=true")
    heading(page, "Check first")
    press_with_keys(page, "Continue")
    pain = page.get_by_role("radiogroup", name="Pain now").get_by_role("radio", name="2", exact=True)
    pain.focus()
    page.keyboard.press("Space")
    press_with_keys(page, "Continue")
    heading(page, "Cat-camel")
    press_with_keys(page, "Set done")
    heading(page, "Rest")
    assert "embed=true" in page.url, "the session's own address keeps the embedding"
    press_with_keys(page, "Stop, this hurts")
    page.get_by_role("radiogroup", name="Your pain while doing it").wait_for()


def test_the_sessions_steps_have_no_serious_accessibility_violation(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    page = open_app_page(new_browser_page(viewport=PHONE, timezone_id="UTC"), server, "session")
    found: dict[str, str] = {}

    def check(step: str) -> None:
        violations = serious_violations(run_axe(page, exclude=STREAMLIT_MARKUP_EXCEPTIONS))
        if violations:
            found[step] = describe_violations(violations)

    through_the_first_steps(page, check)
    assert not found, found


def test_with_reduced_motion_the_drawing_stands_still_and_the_rest_bar_does_not_move(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    page = open_app_page(
        new_browser_page(viewport=PHONE, timezone_id="UTC", reduced_motion="reduce"), server, "session"
    )
    click(page, "Continue")
    pick(page, "Pain now", 3)
    click(page, "Continue")
    drawing = page.locator("picture img").first
    still = page.locator("picture source").first.get_attribute("srcset")
    assert drawing.evaluate("image => image.currentSrc") == still, "the still drawing is shown"
    click(page, "Set done")
    heading(page, "Rest")
    page.locator(".bia-rest-bar > div").wait_for(state="attached")
    bar = page.evaluate("getComputedStyle(document.querySelector('.bia-rest-bar > div')).animationName")
    assert bar == "none"
    assert countdown_left(page) > 0, "the numbers still count, as a clock does"


def test_on_a_320_pixel_phone_no_step_scrolls_sideways(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = server_with_todays_plan(app_server, tmp_path)
    narrow = {"width": 320, "height": 640}
    page = open_app_page(new_browser_page(viewport=narrow, timezone_id="UTC"), server, "session")
    wide: list[str] = []

    def check(step: str) -> None:
        if page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth") > narrow["width"]:
            wide.append(step)

    through_the_first_steps(page, check)
    assert not wide, f"these steps scroll sideways at 320 px: {wide}"
