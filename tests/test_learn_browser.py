"""In a real Chromium: clicking a bone of the spine explorer picks its region and shows its facts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.fixtures.server import AppServer, running_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server() -> Iterator[AppServer]:
    with running_app() as app:
        yield app


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def test_clicking_a_lower_back_bone_shows_the_lower_back_facts(server: AppServer, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1800})
    try:
        page.goto(server.page_url("spine"))
        bones = page.locator("[data-testid='stVegaLiteChart'] svg .mark-rect path")
        bones.first.wait_for(timeout=20_000)
        assert bones.count() == 25
        bones.nth(7 + 12 + 2).click()  # C1-C7, T1-T12, then L1, L2, L3
        facts = page.locator(".st-key-spine_facts")
        facts.wait_for(timeout=15_000)
        text = facts.inner_text()
        assert "Lower back (lumbar spine)" in text
        assert "You picked the bone L3." in text
        assert "5 bones" in text
    finally:
        page.close()


def test_the_library_drawings_are_inline_and_fetch_nothing(server: AppServer, browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.goto(server.page_url("library"))
        images = page.locator("[data-testid='stImage'] img")
        images.first.wait_for(timeout=20_000)
        sources = [images.nth(i).get_attribute("src") or "" for i in range(images.count())]
        assert len(sources) == 10
        assert all(src.startswith("data:image/svg+xml") for src in sources)
        alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
        assert all(alt.startswith("Line drawing of the ") for alt in alts)
    finally:
        page.close()
