"""A coach's theme colour, seen in Chromium in light and dark: charts, projector, focus ring, the PDF.

The server gets the coach's theme file (tests/test_coach_colours.py) as `streamlit run` flags and
the coach's site file; My progress with the demo diary is drawn, its charts photographed, and the
PDF it serves is drawn as an image by poppler.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from rehab_core.palette import rgb
from tests.browser.harness import PHONE, NewBrowserPage, open_app_page, wait_for_app
from tests.browser.test_workshop_room import (
    LIVE_UPDATE_TIMEOUT_MS,
    PROJECTOR,
    join_by_link,
    open_room,
    take_assessment,
)
from tests.fixtures.server import AppServerFactory
from tests.test_branding import coach_site
from tests.test_coach_colours import COACH, COACH_THEME, PROJECT, coach_theme_file, near, pdf_pixels

pytestmark = pytest.mark.browser


def theme_flags(path: Path) -> list[str]:
    """The theme file's options as command-line flags (`streamlit run` reads the file from its own folder)."""
    theme = tomllib.loads(path.read_text())["theme"]
    flags = []
    for key, value in theme.items():
        tables = value.items() if isinstance(value, dict) else [("", value)]
        for option, setting in tables:
            name = f"theme.{key}.{option}" if option else f"theme.{key}"
            flags.append(f"--{name}={setting}")
    return flags


def photo_colours(path: Path) -> set[tuple[int, int, int]]:
    with Image.open(path) as image:
        return {tuple(colour) for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_coachs_colour_shows_on_the_charts_and_the_focus_ring_and_the_projects_never(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path, theme: str
) -> None:
    assert "primaryColor" in COACH_THEME
    server = app_server(
        env={"BACK_IN_ACTION_SITE_FILE": str(coach_site(tmp_path)), "BACK_IN_ACTION_STORAGE_MODE": "session"},
        flags=theme_flags(coach_theme_file(tmp_path)),
    )
    watched = new_browser_page(color_scheme=theme, accept_downloads=True)
    page = open_app_page(watched, server, "progress", "demo=1")
    charts = page.locator(".vega-embed")
    charts.nth(2).wait_for()
    colours = COACH.scheme(theme)
    project = {rgb(PROJECT.light.primary), rgb(PROJECT.dark.primary)}
    for number, name in ((0, "pain chart"), (2, "sessions chart")):
        photo = tmp_path / f"{theme}-{number}.png"
        charts.nth(number).scroll_into_view_if_needed()
        charts.nth(number).screenshot(path=str(photo))
        pixels = photo_colours(photo)
        assert near(colours.primary_rgb, pixels, tolerance=3), f"{name} in {theme}: no coach colour"
        assert not any(near(colour, pixels, tolerance=3) for colour in project), f"{name} in {theme}"

    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb({}, {}, {})".format(*colours.primary_rgb)

    if theme == "light":  # the sheet is printed on white: one look is enough
        with page.expect_download() as download:
            page.get_by_role("button", name="Plan and trend (PDF)").click()
        assert download.value.suggested_filename.startswith("spine-studio-report-")
        sheet = download.value.path().read_bytes()
        pdf_colours = pdf_pixels(sheet, tmp_path / "sheet")
        assert near(COACH.light.primary_rgb, pdf_colours)
        assert not near(rgb(PROJECT.light.primary), pdf_colours)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_projectors_charts_are_drawn_in_the_coachs_colour(
    app_server: AppServerFactory, new_browser_page: NewBrowserPage, tmp_path: Path, theme: str
) -> None:
    server = app_server(
        env={"BACK_IN_ACTION_SITE_FILE": str(coach_site(tmp_path)), "BACK_IN_ACTION_STORAGE_MODE": "session"},
        flags=theme_flags(coach_theme_file(tmp_path)),
    )
    projector = new_browser_page(viewport=PROJECTOR, color_scheme=theme)
    join_link, _ = open_room(projector, server)
    for _ in range(3):  # the room's minimum: fewer show no chart
        take_assessment(join_by_link(new_browser_page(viewport=PHONE, color_scheme=theme), join_link), 4)
    screen = projector.page
    charts = screen.get_by_test_id("stVegaLiteChart")
    expect(charts.nth(1)).to_be_visible(timeout=LIVE_UPDATE_TIMEOUT_MS)  # phases, then movements
    wait_for_app(screen)
    colours = COACH.scheme(theme)
    project = {rgb(PROJECT.light.primary), rgb(PROJECT.dark.primary)}
    for number in (0, 1):
        photo = tmp_path / f"projector-{theme}-{number}.png"
        charts.nth(number).screenshot(path=str(photo))
        pixels = photo_colours(photo)
        assert near(colours.primary_rgb, pixels, tolerance=3), f"projector chart {number} in {theme}"
        assert not any(near(colour, pixels, tolerance=3) for colour in project)
