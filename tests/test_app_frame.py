"""The app's frame: Home and About render with branding and the safety notice, and pages switch."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from ui.frame import SAFETY_NOTICE


def texts(app: AppTest) -> str:
    parts = [
        element.value
        for kind in ("markdown", "caption", "warning", "info", "title", "subheader")
        for element in getattr(app, kind)
    ]
    return "\n".join(str(part) for part in parts)


def test_home_renders_the_frame_the_safety_notice_and_three_ways_in(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("home")
    assert not app.exception
    assert app.title[0].value == "Back in Action"
    assert SAFETY_NOTICE in texts(app)
    assert "Three ways in" in texts(app)
    assert "Back in Action" in texts(app.sidebar)  # type: ignore[arg-type]


def test_about_lists_sources_and_the_safety_notice(open_page: Callable[..., AppTest]) -> None:
    app = open_page("about")
    assert not app.exception
    assert app.title[0].value == "About"
    body = texts(app)
    assert "NICE guideline NG59" in body
    assert SAFETY_NOTICE in body


def test_switching_from_home_to_about_keeps_the_frame(open_page: Callable[..., AppTest]) -> None:
    app = open_page("home")
    app.switch_page("pages/about.py").run()
    assert not app.exception
    assert app.title[0].value == "About"
    assert SAFETY_NOTICE in texts(app)
