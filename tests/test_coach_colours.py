"""A coach's colours and name everywhere: a changed theme and site name leave no trace of the project's.

The coach edits `.streamlit/config.toml` (the theme, light and dark) and `content/site.toml` (the
name). Here both are a coach's own files in a temp folder; the theme is handed to Streamlit as
`streamlit run` hands it a config file, and every chart spec, the projector, the PDF (read back as
an image), the .ics, the downloaded files' names and every element of the pages are searched for
the project's colours and name. tests/browser/test_coach_colours.py looks at the same in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from streamlit import config as streamlit_config
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from rehab_core import movements
from rehab_core.analytics import daily_pain, movement_tolerance, sessions_by_day, to_frame
from rehab_core.catalogue import gentlest_first
from rehab_core.charts import pain_chart, sessions_chart, tolerance_chart
from rehab_core.config import download_name, load_site, site
from rehab_core.demo import demo_check_ins
from rehab_core.diary import new_check_in
from rehab_core.errors import InvalidInput
from rehab_core.palette import (
    THEME_FILE,
    THEME_OPTIONS,
    Palette,
    Scheme,
    palette_from_file,
    palette_from_options,
    rgb,
    themed_svg,
)
from rehab_core.plan_pdf import plan_pdf
from rehab_core.reminders import reminders_ics
from rehab_core.room_charts import phase_colours, share_chart, shares_frame
from rehab_core.rooms import Share
from rehab_core.standing import Today, today
from tests.fixtures.apptest import APP_FILE
from tests.test_branding import coach_site

PROJECT = palette_from_file(THEME_FILE)
PROJECT_NAME = site().name
COACH_THEME = """[theme]
font = "sans-serif"

[theme.light]
primaryColor = "#8A2BE2"
textColor = "#1a1033"

[theme.dark]
primaryColor = "rgb(181, 126, 220)"
textColor = "#f4eefa"
backgroundColor = "#120b1a"
"""
COACH = Palette(
    light=Scheme(primary="#8a2be2", text="#1a1033", background="#ffffff"),
    dark=Scheme(primary="#b57edc", text="#f4eefa", background="#120b1a"),
)


def project_traces() -> list[str]:
    """What would show that the project's colours or name were left in: its colours, its name's forms."""
    stem = PROJECT_NAME.lower().replace(" ", "-")
    colours = [PROJECT.light.primary, PROJECT.dark.primary]
    return [*colours, *(", ".join(map(str, rgb(colour))) for colour in colours), PROJECT_NAME.lower(), stem]


def assert_no_trace_of_the_project(text: str, where: str) -> None:
    lowered = text.lower()
    left = [trace for trace in project_traces() if trace in lowered]
    assert not left, f"{where} still shows {left}"


def coach_theme_file(folder: Path) -> Path:
    """A coach's own .streamlit/config.toml, in a folder of its own."""
    path = folder / ".streamlit" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(COACH_THEME, encoding="utf-8")
    return path


def test_the_palette_reads_light_and_dark_from_the_theme_file() -> None:
    assert PROJECT.light.primary != PROJECT.dark.primary  # the project's own file sets both


def test_a_coachs_theme_file_gives_the_coachs_colours_and_streamlits_defaults_for_the_rest(
    tmp_path: Path,
) -> None:
    assert palette_from_file(coach_theme_file(tmp_path)) == COACH


def test_a_colour_in_theme_light_wins_over_the_same_colour_in_theme() -> None:
    options = {"theme.primaryColor": "#123456", "theme.light.primaryColor": "#abcdef"}
    colours = palette_from_options(options.get)
    assert (colours.light.primary, colours.dark.primary) == ("#abcdef", "#123456")


@pytest.mark.parametrize("colour", ["teal", "#12345", "rgb(300, 0, 0)", 12])
def test_a_theme_colour_the_app_cannot_draw_with_is_refused_naming_the_option(colour: object) -> None:
    with pytest.raises(InvalidInput, match=r"theme\.dark\.primaryColor.*hex code"):
        palette_from_options({"theme.dark.primaryColor": colour}.get)


def test_the_projects_logo_takes_the_theme_colour_and_a_coachs_own_logo_is_left_as_it_is() -> None:
    project_logo = (THEME_FILE.parents[1] / "content" / "brand" / "logo.svg").read_text()
    themed = themed_svg(project_logo, COACH.light)
    assert 'fill="#8a2be2"' in themed and 'fill="#ffffff"' in themed
    assert_no_trace_of_the_project(themed, "the project's logo")
    coach_logo = '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#000000"/></svg>'
    assert themed_svg(coach_logo, COACH.light) == coach_logo


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_and_the_projector_draw_in_the_coachs_colours(theme: str) -> None:
    colours = COACH.scheme(theme)
    frame = to_frame(demo_check_ins(today=date(2026, 3, 1)))
    shares = shares_frame((Share("Get care now", 1, 4), Share("Gentle rehab", 3, 4)))
    specs = {
        "pain chart": pain_chart(daily_pain(frame), colours),
        "sessions chart": sessions_chart(sessions_by_day(frame), colours),
        "tolerance chart": tolerance_chart(movement_tolerance(frame)),
        "projector bars": share_chart(shares, "T", "S", scheme=colours),
        "projector phases": share_chart(shares, "T", "S", scheme=colours, colours=phase_colours(colours)),
    }
    for name, chart in specs.items():
        text = json.dumps(chart.to_dict())
        assert_no_trace_of_the_project(text, name)
        if name != "tolerance chart":  # green and orange there mean tolerated or not, in any theme
            assert colours.primary in text, name
    assert colours.text in json.dumps(specs["projector bars"].to_dict())  # numbers beside short bars


def pdf_pixels(data: bytes, folder: Path) -> set[tuple[int, int, int]]:
    """Every colour on the PDF's pages, drawn by poppler at 100 dpi."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed"
    folder.mkdir(exist_ok=True)
    (folder / "sheet.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(folder / "sheet.pdf"), str(folder / "page")], check=True
    )
    colours: set[tuple[int, int, int]] = set()
    for page in sorted(folder.glob("page*.png")):
        with Image.open(page) as image:
            colours |= {tuple(colour) for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)}
    return colours


def near(colour: tuple[int, int, int], pixels: set[tuple[int, int, int]], tolerance: int = 6) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(colour, pixel, strict=True)) for pixel in pixels)


def assessed_today() -> Today:
    """A diary assessed this morning, every movement within the limits: a plan to follow today."""
    at = datetime(2026, 3, 1, 8, tzinfo=UTC)
    ratings = {movement.id: 1 for movement in movements()}
    assessed = new_check_in("coach", at, 3, movement_pain=ratings, kind="assessment")
    return today([assessed], at + timedelta(hours=1))


def test_the_pdf_read_back_as_an_image_draws_in_the_coachs_colour_and_names_only_the_coach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = load_site(coach_site(tmp_path))
    daily = daily_pain(to_frame(demo_check_ins(today=date(2026, 3, 1))))
    standing = assessed_today()
    made_at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    data = plan_pdf(standing, daily, site=coach, palette=COACH, made_at=made_at)
    pixels = pdf_pixels(data, tmp_path)
    assert near(COACH.light.primary_rgb, pixels), "the pain line in the coach's colour"
    assert not near(rgb(PROJECT.light.primary), pixels), "the project's colour is still drawn"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Spine Studio: your plan" in text
    assert_no_trace_of_the_project(text, "the PDF's text")
    # The control: the project's own palette draws the project's colour, so the check above can fail.
    project_pixels = pdf_pixels(
        plan_pdf(standing, daily, site=coach, palette=PROJECT, made_at=made_at), tmp_path / "p"
    )
    assert near(rgb(PROJECT.light.primary), project_pixels)


def test_the_reminders_and_every_downloaded_files_name_come_from_the_coachs_site_name(tmp_path: Path) -> None:
    coach = load_site(coach_site(tmp_path))
    assert_no_trace_of_the_project(
        reminders_ics(assessed_today(), 2, site_name=coach.name).decode(), "the .ics"
    )
    assert download_name(coach, "plan-2026-03-01", ".pdf") == "spine-studio-plan-2026-03-01.pdf"
    nameless = load_site(coach_site(tmp_path, name='"\u5065\u5eb7"'))  # no Latin letter to keep
    assert download_name(nameless, "diary-2026-03-01", ".csv") == "diary-2026-03-01.csv"


# The whole app, run with the coach's site file and theme


@pytest.fixture
def coach_deploy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The coach's site file, and the coach's theme file's [theme] tables set in Streamlit's config."""
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path)))
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")
    theme = tomllib.loads(coach_theme_file(tmp_path).read_text())["theme"]
    before = {name: streamlit_config.get_option(name) for name in THEME_OPTIONS}
    for name in THEME_OPTIONS:
        *sections, option = name.split(".")[1:]
        table = theme[sections[0]] if sections else theme
        streamlit_config.set_option(name, table.get(option))
    try:
        yield
    finally:
        for name, value in before.items():
            streamlit_config.set_option(name, value)


def every_element(app: AppTest) -> str:
    """Every element the run sent, as Streamlit's messages (text, specs, styles, images)."""

    def walk(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(str(node.proto) for node in walk(app._tree) if getattr(node, "proto", None) is not None)


@pytest.fixture
def download_names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file name a download button handed Streamlit (made now, or when clicked), in order."""
    names: list[str] = []
    for method in ("add", "add_deferred"):
        original = getattr(MediaFileManager, method)

        def recording(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if kwargs.get("file_name"):
                names.append(str(kwargs["file_name"]))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(MediaFileManager, method, recording)
    return names


def test_no_page_shows_a_trace_of_the_projects_colours_or_name(
    coach_deploy: None, download_names: list[str]
) -> None:
    app = AppTest.from_file(APP_FILE, default_timeout=60)
    app.query_params["demo"] = "1"
    app.run()
    shown: dict[str, str] = {"home": every_element(app)}
    for stem in ("progress", "about", "checkin", "workshop"):
        app.switch_page(f"pages/{stem}.py").run()
        assert not app.exception, [element.message for element in app.exception]
        shown[stem] = every_element(app)
    for stem, text in shown.items():
        assert_no_trace_of_the_project(text, f"the {stem} page")
    assert "outline: 3px solid #8a2be2" in shown["home"]  # the focus ring
    assert "#8a2be2" in shown["progress"]  # the charts
    assert len(download_names) >= 3, download_names  # My progress: CSV, JSON and PDF
    assert all(name.startswith("spine-studio-") for name in download_names), download_names


def test_the_assessments_downloads_are_named_after_the_coach(
    coach_deploy: None, download_names: list[str]
) -> None:
    app = AppTest.from_file(APP_FILE, default_timeout=60)
    app.run()
    app.switch_page("pages/assess.py").run()
    app.button(key="assess_safety_next").click().run()
    app.button_group(key="assess_pain").set_value(3).run()
    app.button(key="assess_pain_next").click().run()
    for movement in gentlest_first():
        app.button_group(key=f"rate_{movement.id}").set_value(4).run()
        app.button(key="assess_next").click().run()
    assert not app.exception
    assert {name.rsplit(".", 1)[-1] for name in download_names} == {"pdf", "ics"}
    assert all(name.startswith("spine-studio-") for name in download_names), download_names
    assert_no_trace_of_the_project(every_element(app), "the assessment's result")
