"""Hostile or careless input in the browser: oversized uploads, a rating out of range, remote visitors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.harness import NewBrowserPage, open_app_page, wait_for_app
from tests.fixtures.server import AppServerFactory

pytestmark = pytest.mark.browser


def test_an_upload_over_the_limit_is_refused_with_a_clear_message(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "progress")
    big = tmp_path / "diary.csv"
    big.write_bytes(b"id,at,pain\n" + b"x" * (6 * 1024 * 1024))
    page.get_by_text("Import a diary file").click()
    page.locator("input[type=file]").set_input_files(str(big))
    page.get_by_text("must be 5.0MB or smaller").wait_for()
    assert page.get_by_role("button", name="Import").count() == 0


def test_a_rating_out_of_range_is_named_at_the_save_button_and_the_form_keeps_what_was_typed(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "checkin")
    note = page.get_by_label("Note (optional)")
    note.fill("stiff in the morning")
    page.get_by_text("Re-rate movements (optional)").click()
    rating = page.get_by_role("spinbutton", name="Hip mobility")
    rating.fill("15")
    page.get_by_role("button", name="Save check-in").click()

    error = page.get_by_text(re.compile(r"Not saved: .*Hip mobility .*from 0 to 10, got 15"))
    expect(error).to_be_visible()
    expect(note).to_have_value("stiff in the morning")
    expect(rating).to_have_value("15")

    rating.fill("8")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved: pain 0, 0 of 3 sessions, 1 movement rated")).to_be_visible()
    expect(page.get_by_label("Note (optional)")).to_have_value("")


def test_local_mode_never_shows_the_diary_to_a_visitor_from_another_machine(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    owner = open_app_page(new_browser_page(), server, "checkin")
    owner.get_by_label("Note (optional)").fill("private note of the owner")
    owner.get_by_role("button", name="Save check-in").click()
    owner.get_by_text("Saved: pain 0").wait_for()

    # A visitor coming through a reverse proxy on this machine: the proxy says who they really are.
    visitor = new_browser_page(extra_http_headers={"X-Forwarded-For": "203.0.113.7"})
    page = open_app_page(visitor, server, "progress")
    page.get_by_text("keeps diaries only for people on the computer it runs on").wait_for()
    page.get_by_text("No check-ins yet").wait_for()
    wait_for_app(page)
    assert page.get_by_text("private note of the owner").count() == 0
