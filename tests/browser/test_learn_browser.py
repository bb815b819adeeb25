"""In a real Chromium: the spine explorer, drawings that move (or stand still), questions that answer."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from rehab_core.learn import learn_page
from tests.browser.harness import PHONE, NewBrowserPage, WatchedPage, open_app_page
from tests.fixtures.server import AppServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-shared-server")]

# Each card's drawing: a <picture> whose <img> moves and whose reduced-motion source stands still.
DRAWING = "[data-testid='stMarkdownContainer'] picture img"


def test_clicking_a_lower_back_bone_shows_the_lower_back_facts(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    page = open_app_page(
        new_browser_page(viewport={"width": 1280, "height": 1800}), shared_app_server, "spine"
    )
    # The explorer is the page's first chart; the range-of-motion chart below it has bars of its own.
    bones = page.locator("[data-testid='stVegaLiteChart']").first.locator("svg .mark-rect path")
    bones.first.wait_for(timeout=20_000)
    assert bones.count() == 25
    bones.nth(7 + 12 + 2).click()  # C1-C7, T1-T12, then L1, L2, L3
    facts = page.locator(".st-key-spine_facts")
    # Waited for, not read once: on a busy machine the box can be read while it is still filling in.
    for words in ("Lower back (lumbar spine)", "You picked the bone L3.", "5 bones"):
        expect(facts).to_contain_text(words, timeout=15_000)


def test_the_library_drawings_are_inline_and_fetch_nothing(
    shared_app_server: AppServer, browser_page: WatchedPage
) -> None:
    page = open_app_page(browser_page, shared_app_server, "library")
    images = page.locator(DRAWING)
    images.first.wait_for(timeout=20_000)
    sources = [images.nth(i).get_attribute("src") or "" for i in range(images.count())]
    assert len(sources) == 10
    assert all(src.startswith("data:image/svg+xml") for src in sources)
    stills = page.locator("picture source[media='(prefers-reduced-motion: reduce)']")
    assert stills.count() == 10
    assert all(
        (stills.nth(i).get_attribute("srcset") or "").startswith("data:image/svg+xml") for i in range(10)
    )
    alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
    assert all(alt.startswith("Line drawing of the ") for alt in alts)


def drawing_frames(page: Page, gap_ms: int = 1_000) -> tuple[bytes, bytes]:
    """Two screenshots of the library's first drawing, gap_ms apart."""
    drawing = page.locator(DRAWING).first
    drawing.wait_for(timeout=20_000)
    drawing.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # past the first paint
    first = drawing.screenshot()
    page.wait_for_timeout(gap_ms)
    return first, drawing.screenshot()


def test_the_library_drawings_move(shared_app_server: AppServer, new_browser_page: NewBrowserPage) -> None:
    page = open_app_page(new_browser_page(viewport=PHONE), shared_app_server, "library")
    first, second = drawing_frames(page)
    assert first != second, "the drawing looked the same a second later: it does not move"


def test_the_library_drawings_stand_still_when_reduced_motion_is_asked_for(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    page = open_app_page(
        new_browser_page(viewport=PHONE, reduced_motion="reduce"), shared_app_server, "library"
    )
    first, second = drawing_frames(page)
    assert first == second, "the drawing moved although the browser asked for reduced motion"


def test_a_question_answers_at_once_and_links_back_to_its_paragraph(
    shared_app_server: AppServer, new_browser_page: NewBrowserPage
) -> None:
    check = learn_page("living").checks[0]
    page = open_app_page(new_browser_page(viewport=PHONE), shared_app_server, "living")
    question = page.get_by_role("radiogroup", name=re.compile(re.escape(check.prompt)))
    question.scroll_into_view_if_needed()
    expect(question.get_by_role("radio", checked=True)).to_have_count(0)  # nothing picked in advance
    question.get_by_text(check.answer, exact=True).click()
    feedback = page.locator("[data-testid='stAlertContentSuccess']").first
    expect(feedback).to_contain_text(check.explanation, timeout=15_000)
    link = feedback.get_by_role("link")
    assert link.get_attribute("href") == f"#{check.anchor}"
    heading = page.locator(f"[id='{check.anchor}']")
    expect(heading).to_have_count(1)  # Streamlit gave the heading the anchor the question names
    link.click()
    expect(heading).to_be_in_viewport(timeout=10_000)
    assert urlsplit(page.url).path == "/living"
