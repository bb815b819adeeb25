"""The app as `make run` serves it (serve.py, Streamlit's st.App): pages, saves, the health check."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.harness import NewBrowserPage, fill_check_in, open_app_page, sidebar_nav_labels
from tests.fixtures.server import APP_DIR, running_app

pytestmark = pytest.mark.browser


def test_the_app_served_by_serve_py_opens_a_cold_deep_link_framed_and_saves(
    new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    with running_app(
        env={"BACK_IN_ACTION_STORAGE_MODE": "local"}, work_dir=tmp_path, script=APP_DIR / "serve.py"
    ) as server:
        page = open_app_page(new_browser_page(), server, "checkin")
        assert "My progress" in sidebar_nav_labels(page)
        fill_check_in(page, 3)
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_text("Saved: pain 3")).to_be_visible()
