"""In a real Chromium: clicking a bone of the spine explorer picks its region and shows its facts."""

from __future__ import annotations

import pytest

from tests.browser.harness import NewBrowserPage, WatchedPage, open_app_page
from tests.fixtures.server import AppServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-shared-server")]


def test_clicking_a_lower_back_bone_shows_the_lower_back_facts(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    page = open_app_page(
        new_browser_page(viewport={"width": 1280, "height": 1800}), shared_app_server, "spine"
    )
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


def test_the_library_drawings_are_inline_and_fetch_nothing(
    shared_app_server: AppServer, browser_page: WatchedPage
) -> None:
    page = open_app_page(browser_page, shared_app_server, "library")
    images = page.locator("[data-testid='stImage'] img")
    images.first.wait_for(timeout=20_000)
    sources = [images.nth(i).get_attribute("src") or "" for i in range(images.count())]
    assert len(sources) == 10
    assert all(src.startswith("data:image/svg+xml") for src in sources)
    alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
    assert all(alt.startswith("Line drawing of the ") for alt in alts)
