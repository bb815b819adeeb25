"""Hostile or careless input in the browser: huge or poisoned uploads, a rating out of range."""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import NewBrowserPage, WatchedPage, fill_check_in, open_app_page, wait_for_app
from tests.fixtures.server import AppServer, AppServerFactory
from tests.hostile_imports import WORST_FILES

pytestmark = pytest.mark.browser

# Markdown a file's maker might hope the app renders: an image fetched from their server (it
# would learn who opened the file, and when), a link dressed as the app's own advice, formatting.
POISON_IMAGE = "![x](https://evil.example/p.gif)"
POISON_LINK = "[Fix it here](https://evil.example/fix)"
POISONED_CSV = (
    f"id,at,pain,{POISON_IMAGE}\n"
    f"{POISON_IMAGE},{POISON_LINK},**bold** :red[alarm] $x^2$,<img src=https://evil.example/i.gif>\n"
).encode()
# The worst files an upload may carry (tests/hostile_imports.py makes them), refused in bounded time.
WORST_UPLOADS = (
    "4 MiB header of a,a,a",
    "5 MB JSON list of small integers",
    "100,000-row CSV",
    "deeply nested JSON",
    # Each cost hundreds of megabytes before the pre-check counted the parsed header record, refused
    # over-long lines before the CSV reader split them, and split JSON a slice at a time.
    "quoted header cell with a line break, then millions of cells",
    "one row of 1.7 million two-letter cells",
    '5 MB JSON of ""[] repeated',
)
REFUSAL_TIMEOUT_MS = 90_000  # a ceiling for a loaded CI machine; the refusal itself takes seconds
SERVER_GROWTH_LIMIT_MIB = 400  # the issue saw 2.2-2.9 GB per upload before imports were bounded


def upload(page: Page, path: Path | None = None, *, name: str = "", data: bytes = b"") -> None:
    """Open the import box and choose a file (from disk, or bytes under any file name)."""
    page.get_by_text("Import a diary file").click()
    chooser = page.locator("input[type=file]")
    if path is not None:
        chooser.set_input_files(str(path))
    else:
        chooser.set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def _process_memory_mib(server: AppServer, field: str) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"{field} not in /proc/{server.process.pid}/status")


def server_answers_health(server: AppServer) -> bool:
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as response:
        return bool(response.status == 200)


def test_an_upload_over_the_limit_is_refused_with_a_clear_message(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "progress")
    big = tmp_path / "diary.csv"
    big.write_bytes(b"id,at,pain\n" + b"x" * (6 * 1024 * 1024))
    page.get_by_text("Import a diary file").click()
    page.locator("input[type=file]").set_input_files(str(big))
    page.get_by_text("must be 6.0MB or smaller").wait_for()
    assert page.get_by_role("button", name="Import").count() == 0


def test_a_rating_out_of_range_is_named_at_the_save_button_and_the_form_keeps_what_was_typed(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    page = open_app_page(new_browser_page(), server, "checkin")
    fill_check_in(page, 0)
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
    wait_for_app(page)  # the run after a save is done: the fresh, empty form has replaced the old one
    expect(page.get_by_label("Note (optional)")).to_have_value("")


def test_local_mode_never_shows_the_diary_to_a_visitor_from_another_machine(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local"})
    owner = open_app_page(new_browser_page(), server, "checkin")
    fill_check_in(owner, 0)
    owner.get_by_label("Note (optional)").fill("private note of the owner")
    owner.get_by_role("button", name="Save check-in").click()
    owner.get_by_text("Saved: pain 0").wait_for()

    # A visitor whose browser sends a proxy header itself (test_client_address_browser.py puts a
    # real proxy in between).
    visitor = new_browser_page(extra_http_headers={"X-Forwarded-For": "203.0.113.7"})
    page = open_app_page(visitor, server, "progress")
    page.get_by_text("keeps its diary for the person who started it").wait_for()
    page.get_by_text("No check-ins yet").wait_for()
    wait_for_app(page)
    assert page.get_by_text("private note of the owner").count() == 0


def test_markdown_in_an_imported_files_cells_columns_and_name_is_shown_as_plain_text(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    watched: WatchedPage = new_browser_page()
    page = open_app_page(watched, server, "progress")
    upload(page, name=f"{POISON_LINK}.csv", data=POISONED_CSV)
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    wait_for_app(page)
    problems = page.locator('[data-testid="stMain"] [data-testid="stCode"]')
    expect(problems).to_contain_text(POISON_IMAGE)  # shown exactly as the file has it
    expect(problems).to_contain_text(f"File: {POISON_LINK}.csv")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('a[href*="evil"], img[src*="evil"], [src*="evil"]').count() == 0
    assert main.locator("strong", has_text="bold").count() == 0
    assert not watched.off_machine_requests(), watched.off_machine_requests()
    assert all(url.startswith(server.url) for url in watched.requests), watched.requests


def test_the_worst_uploads_are_refused_in_bounded_time_and_memory_and_the_server_keeps_answering(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    server = app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "session"})
    resident_before = None
    for name in WORST_UPLOADS:
        file_name, make = WORST_FILES[name]
        path = tmp_path / file_name
        path.write_bytes(make())
        page = open_app_page(new_browser_page(), server, "progress")
        if resident_before is None:
            resident_before = _process_memory_mib(server, "VmRSS")
        started = time.monotonic()
        upload(page, path)
        expect(page.get_by_text("Nothing was imported")).to_be_visible(timeout=REFUSAL_TIMEOUT_MS)
        wait_for_app(page)
        seconds = time.monotonic() - started
        assert page.get_by_text("must be 5.0MB or smaller").count() == 0, (
            f"{name}: the upload limit refused it"
        )
        shown = page.locator('[data-testid="stMain"] [data-testid="stCode"]').inner_text()
        assert len(shown) < 20_000, f"{name}: {len(shown):,} characters of problems"
        assert page.get_by_role("button", name=re.compile(r"^Import \d")).count() == 0
        assert server_answers_health(server), f"{name}: no health check answer after {seconds:.1f} s"
        page.close()
    assert resident_before is not None
    growth = _process_memory_mib(server, "VmHWM") - resident_before
    assert growth < SERVER_GROWTH_LIMIT_MIB, f"the server's peak memory grew {growth:.0f} MiB"
