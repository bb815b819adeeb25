"""Broken or missing set-up ends in words, never a traceback: content files, the database setting.

Each case is a freshly started server with one thing wrong (a copy of content/ with one file
broken, or a database URL that cannot work), opened in Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rehab_core.catalogue import CONTENT_DIR
from tests.browser.harness import NewBrowserPage, wait_for_app
from tests.fixtures.server import AppServerFactory, free_port

pytestmark = pytest.mark.browser


def open_page(new_browser_page: NewBrowserPage, url: str, heading: bool = True) -> Page:
    page = new_browser_page().page
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, heading=heading)  # fails at once if the page shows an exception
    return page


def broken_content(tmp_path: Path, breakage: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    if breakage == "learn front matter":
        page = content / "learn" / "spine.md"
        page.write_text(page.read_text().replace("last_reviewed:", "last_reviewed: 2025-02-30\nold:", 1))
    else:
        (content / breakage).unlink()
        (content / breakage).mkdir()
    return content


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ("learn front matter", "spine.md: the front matter is not valid YAML: day is out of range for month"),
        ("movements.toml", "movements.toml: is a folder, not a file"),
        ("site.toml", "site.toml: is a folder, not a file"),
    ],
)
def test_a_broken_content_file_stops_the_app_at_start_up_naming_it(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path, breakage: str, named: str
) -> None:
    server = app_server(env={"BACK_IN_ACTION_CONTENT_DIR": str(broken_content(tmp_path, breakage))})
    for url_path in ("", "spine"):
        page = open_page(new_browser_page, server.page_url(url_path), heading=False)
        alert = page.locator('[data-testid="stAlertContentError"]')
        expect(alert).to_contain_text("cannot start because its set-up needs fixing")
        expect(alert).to_contain_text(named)
        assert page.locator('[data-testid="stException"]').count() == 0


def _alerts(page: Page) -> list[str]:
    return page.locator('[data-testid="stMain"] [data-testid="stAlert"]').all_inner_texts()


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("not a database address", "database setting (BACK_IN_ACTION_DATABASE_URL"),
        ("mysql://user@127.0.0.1/diary", "'mysql' is not supported"),
        ("postgresql+nosuchdriver://user@127.0.0.1/diary", "names a database driver this app does not have"),
        ("sqlite:///{file}/inside/diary.sqlite3", "the folder for its SQLite file cannot be created"),
    ],
    ids=["garbage", "mysql", "unknown-driver", "uncreatable-folder"],
)
def test_a_database_setting_that_cannot_work_is_said_once_in_words_naming_the_setting(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path, url: str, named: str
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("a file where a folder should be")
    server = app_server(env={"BACK_IN_ACTION_DATABASE_URL": url.format(file=a_file)})
    page = open_page(new_browser_page, server.page_url("progress"))
    alerts = _alerts(page)
    assert len(alerts) == 1, alerts  # the frame and the page do not both say it
    error = page.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]')
    expect(error).to_contain_text(named)
    assert "try again shortly" not in alerts[0]
    # The Learn pages still work meanwhile, with the one message.
    page = open_page(new_browser_page, server.page_url("spine"))
    assert len(_alerts(page)) <= 2  # the page's own callouts aside, the database message once at most


def test_a_database_that_is_away_for_now_is_said_once_as_a_wait(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage
) -> None:
    closed_port = free_port()  # nothing listens there: connection refused, which waiting can fix
    server = app_server(
        env={"BACK_IN_ACTION_DATABASE_URL": f"postgresql+psycopg://u@127.0.0.1:{closed_port}/d"}
    )
    page = open_page(new_browser_page, server.page_url("progress"))
    alerts = _alerts(page)
    assert len(alerts) == 1, alerts
    expect(page.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"]')).to_have_count(1)
