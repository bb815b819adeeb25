"""Imports and saves in the browser: the import box stays open, a backup can be downloaded."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from rehab_core.diary import new_check_in
from rehab_core.diary_files import to_csv
from tests.browser.harness import NewBrowserPage, fill_check_in, open_app_page, wait_for_app
from tests.fixtures.server import AppServerFactory

pytestmark = pytest.mark.browser


def test_the_import_box_stays_open_when_the_message_above_it_goes_away(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    start = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    data = to_csv([new_check_in("x", start + timedelta(days=day), 3) for day in range(3)])
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "progress")
    page.get_by_text("Import a diary file").click()
    page.locator("input[type=file]").set_input_files(
        {"name": "d.csv", "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name="Import 3 new check-ins").click()
    expect(page.get_by_text("Imported. 3 in the file")).to_be_visible()
    chooser = page.locator('[data-testid="stFileUploaderDropzone"]')
    expect(chooser).to_be_visible()
    # Any other tap reruns the page, and the message of the import is gone from it.
    page.get_by_text("Delete all my data").first.click()
    page.get_by_text("I understand, delete everything").click()
    wait_for_app(page)
    expect(page.get_by_text("Imported. 3 in the file")).to_have_count(0)
    expect(chooser).to_be_visible()


def test_local_mode_offers_a_backup_that_holds_every_save(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    page = open_app_page(new_browser_page(), server, "checkin")
    for pain in (2, 5):
        fill_check_in(page, pain)
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_text(f"Saved: pain {pain}")).to_be_visible()
    page = open_app_page(new_browser_page(), server, "progress")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a backup").click()
    saved = tmp_path / "backup.sqlite3"
    download.value.save_as(saved)
    with closing(sqlite3.connect(saved)) as connection:
        pains = [row[0] for row in connection.execute("SELECT pain FROM check_ins ORDER BY at_utc")]
    assert sorted(pains) == [2, 5]


def test_a_session_diary_offers_no_backup_of_the_server_file(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "progress")
    expect(page.get_by_text("Import a diary file")).to_be_visible()
    expect(page.get_by_role("button", name="Download a backup")).to_have_count(0)


def test_a_rating_typed_then_folded_away_is_saved_with_what_was_picked_before_the_ratings_opened(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    # "Re-rate movements" sends its boxes only once opened, so opening it reruns the page: what was
    # picked and typed in the form before stays, and a box folded away again still saves.
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "checkin")
    expect(page.get_by_role("spinbutton", name="Hip mobility")).to_have_count(0)
    fill_check_in(page, 3)
    page.get_by_label("Note (optional)").fill("after the walk")
    rerate = page.get_by_text("Re-rate movements (optional)")
    rerate.click()
    page.get_by_role("spinbutton", name="Hip mobility").fill("5")
    rerate.click()
    wait_for_app(page)
    expect(page.get_by_role("spinbutton", name="Hip mobility")).to_be_hidden()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved: pain 3, 0 of 3 sessions, 1 movement rated")).to_be_visible()
    # The note typed before the ratings opened went into the diary with them.
    page.get_by_role("link", name="See your progress").click()
    wait_for_app(page)
    page.get_by_text("Change or delete a check-in").first.click()
    expect(page.get_by_text("after the walk").first).to_be_attached()
