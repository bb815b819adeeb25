"""Issue 12's journeys in Chromium at phone size: every way to a plan goes through the safety check."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from rehab_core import movements, red_flags, to_csv
from rehab_core.diary import ASSESSMENT, new_check_in
from tests.browser.harness import PHONE, NewBrowserPage, fill_check_in, open_app_page, pick, wait_for_app
from tests.fixtures.server import AppServer, AppServerFactory

# The journeys that leave the diary alone share one server; those that write start their own.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-shared-server")]
SESSION_MODE = {"BACK_IN_ACTION_STORAGE_MODE": "session"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The link from issue 12: a ticked warning sign, and answers that would give a green plan.
RESULT_LINK = (
    "step=result&pain=4&rated=hip-bridge:0,bird-dog:1,cat-camel:0,hip-mobility:1&flags=saddle-numbness"
)
NEW_FLAGS = (
    "erection-or-genital-feeling",
    "back-and-tummy-pain",
    "weak-immune-system-or-injecting-drugs",
    "minor-fall-with-osteoporosis",
    "first-back-pain-over-50-or-under-20",
    "recent-spine-surgery-or-injection",
    "pain-between-shoulder-blades",
)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def import_diary(page: Page, diary: Path) -> None:
    """Import a diary file on My progress, as a person does: open the box, drop the file, confirm."""
    page.get_by_text("Import a diary file").click()
    page.locator('input[type="file"]').set_input_files(str(diary))
    page.get_by_role("button", name=re.compile(r"^Import \d+")).click()
    wait_for_app(page)


def assert_care_and_no_plan(page: Page, emergency: bool) -> None:
    title = "Get emergency help now" if emergency else "See a doctor today"
    expect(page.get_by_text(title)).to_be_visible()
    call = page.get_by_role("link", name="999" if emergency else "NHS 111").first
    expect(call).to_have_attribute("href", "tel:999" if emergency else "tel:111")
    # Exact: the navigation's page descriptions speak of "today's plan" in general.
    for absent in ("Today's plan", "Why this plan", "Download my plan (PDF)"):
        expect(page.get_by_text(absent, exact=True)).to_have_count(0)


def test_the_result_link_with_a_warning_sign_shows_get_care_now_and_no_plan(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    server = shared_app_server
    page = open_app_page(new_browser_page(viewport=PHONE), server, "assess", RESULT_LINK)
    assert_care_and_no_plan(page, emergency=True)
    # Reload and back: still no plan.
    page.reload()
    wait_for_app(page)
    assert_care_and_no_plan(page, emergency=True)
    click(page, "Change my answers")
    expect(
        page.get_by_role("checkbox", name=next(f.question for f in red_flags() if f.id == "saddle-numbness"))
    ).to_be_checked()


@pytest.mark.parametrize("flag_id", NEW_FLAGS)
def test_each_new_warning_sign_leads_to_care(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage, flag_id: str
) -> None:
    flag = next(flag for flag in red_flags() if flag.id == flag_id)
    server = shared_app_server
    page = open_app_page(new_browser_page(viewport=PHONE), server, "assess")
    page.get_by_text(flag.question, exact=True).click()  # the box's label, as a person taps it
    expect(page.get_by_role("checkbox", name=flag.question)).to_be_checked()
    click(page, "Continue")
    assert_care_and_no_plan(page, emergency=flag.level == "emergency")
    expect(page.get_by_text(flag.question)).to_be_visible()


def test_tapping_straight_through_the_assessment_asks_for_numbers(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    server = shared_app_server
    page = open_app_page(new_browser_page(viewport=PHONE), server, "assess")
    click(page, "Continue")
    click(page, "Continue")
    expect(page.get_by_text("Tap a number from 0 to 10 for your pain now")).to_be_visible()
    pick(page, "Pain now", 4)
    click(page, "Continue")
    click(page, "Save and continue")
    expect(page.get_by_text("or tap Skip this one")).to_be_visible()
    expect(page.get_by_role("heading", name="Movement 1 of 10: Hip mobility")).to_be_visible()


def test_pain_of_nine_shows_what_helps_and_its_reminder_has_no_rehab_session(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = shared_app_server
    page = open_app_page(new_browser_page(viewport=PHONE, accept_downloads=True), server, "assess")
    click(page, "Continue")
    pick(page, "Pain now", 9)
    click(page, "Continue")
    expect(page.get_by_text("Today: rest and ice only")).to_be_visible()
    expect(page.get_by_text("Ask a pharmacist").first).to_be_visible()
    expect(page.get_by_text("When to get checked")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a reminder to check again tomorrow (.ics)").click()
    ics = tmp_path / "reminders.ics"
    download.value.save_as(ics)
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == 1 and "session" not in str(events[0]["summary"]).lower()


def test_a_check_in_with_a_new_warning_sign_leads_to_care_and_is_saved_with_it(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport=PHONE), server, "checkin")
    pick(page, "Any new warning sign since your last check-in?", "Yes")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertTitle").get_by_text("Get care now").first).to_be_visible()
    expect(page.get_by_role("link", name="999").last).to_have_attribute("href", "tel:999")
    pick(page, "Pain now", 5)
    click(page, "Save check-in")
    expect(page.get_by_text("a new warning sign, at")).to_be_visible()
    expect(page.get_by_test_id("stAlertTitle").get_by_text("Get care now").first).to_be_visible()


def test_a_diary_whose_pain_rises_shows_the_time_to_get_checked_message_and_the_demo_does_not(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport=PHONE), server, "progress", "demo=1")
    expect(page.get_by_text("Pain over time")).to_be_visible()
    expect(page.get_by_text("Time to get checked")).to_have_count(0)

    start = datetime.now(UTC) - timedelta(days=13)
    rising = [new_check_in("session", start + timedelta(days=day), 3 if day < 7 else 6) for day in range(14)]
    diary = tmp_path / "rising.csv"
    diary.write_bytes(to_csv(rising))
    page = open_app_page(new_browser_page(viewport=PHONE), server, "progress")
    import_diary(page, diary)
    expect(page.get_by_text("Time to get checked")).to_be_visible()
    expect(page.get_by_text("up 3 points from 3.0 a week earlier")).to_be_visible()


def test_check_in_form_answers_every_needed_question(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env=SESSION_MODE)
    page = open_app_page(new_browser_page(viewport=PHONE), server, "checkin")
    click(page, "Save check-in")
    expect(page.get_by_text("Not saved yet: tap your pain now")).to_be_visible()
    fill_check_in(page, 3)
    click(page, "Save check-in")
    expect(page.get_by_text("Saved: pain 3")).to_be_visible()


def test_assessed_six_days_ago_then_10_today_my_progress_and_its_pdf_say_rest_and_ice_at_phone_size(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    # Issue 22 point 1, walked as a new user: a diary with an assessment six days ago at pain 3,
    # every movement easy, and today's check-in at 10.
    server = app_server(env=SESSION_MODE)
    now = datetime.now(UTC)
    every_movement_at_zero = {movement.id: 0 for movement in movements()}
    entries = [
        new_check_in(
            "session", now - timedelta(days=6), 3, movement_pain=every_movement_at_zero, kind=ASSESSMENT
        ),
        new_check_in("session", now - timedelta(minutes=5), 10),
    ]
    diary = tmp_path / "ten-today.csv"
    diary.write_bytes(to_csv(entries))
    page = open_app_page(new_browser_page(viewport=PHONE, accept_downloads=True), server, "progress")
    import_diary(page, diary)
    expect(page.get_by_text("Rest and ice, not the plan")).to_be_visible()
    expect(page.get_by_text("Your pain was 10 of 10 after that assessment")).to_be_visible()
    expect(page.get_by_text("Today's plan", exact=True)).to_have_count(0)
    expect(page.get_by_role("table").filter(has_text="Each time")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "progress-ten-today-phone.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Plan and trend (PDF)").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Today: gentle rehab movements" not in text and "Each time:" not in text
    assert "Today: rest and ice only" in text
