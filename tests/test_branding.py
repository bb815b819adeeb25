"""Rebranding by editing one file: another coach's name, tagline, links and numbers reach the pages.

tests/test_config.py checks the site file's fields one by one; here the whole app is run (AppTest)
with a coach's own site file, as a coach would deploy it, and with container-style overrides.
The logo and the browser tab are checked in a real browser (tests/browser/test_coach_branding.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.apptest import APP_FILE

COACH_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Spine Studio</title>'
    '<rect width="10" height="10" fill="#8a2be2"/></svg>'
)


def coach_site(folder: Path, **changes: str) -> Path:
    """A coach's complete site file (with its own logo file); `changes` replace whole TOML values."""
    logo = folder / "spine-studio.svg"
    logo.write_text(COACH_LOGO, encoding="utf-8")
    fields = {
        "name": '"Spine Studio"',
        "tagline": '"Moving well after a bad back."',
        "logo": f'"{logo}"',
        "contact_url": '"mailto:hello@spine-studio.example"',
        "booking_url": '"https://spine-studio.example/book"',
        "storage_mode": '"session"',
        **changes,
    }
    care = {
        "emergency": {"number": '"000"', "label": '"000 (Australia)"', "words": '"call {number} now"'},
        "urgent": {
            "number": '"1800022222"',
            "label": '"the nurse line"',
            "words": '"contact your GP or {number} today"',
        },
    }
    path = folder / "spine-studio.toml"
    text = "[site]\n" + "".join(f"{name} = {value}\n" for name, value in fields.items())
    text += '[care]\ncountry = "Australia"\n'
    for level, values in care.items():
        text += f"[care.{level}]\n" + "".join(f"{name} = {value}\n" for name, value in values.items())
    path.write_text(text)
    return path


def start(stem: str = "home") -> AppTest:
    app = AppTest.from_file(APP_FILE, default_timeout=30)
    app.run()
    if stem != "home":
        app.switch_page(f"pages/{stem}.py").run()
    assert not app.exception, [element.message for element in app.exception]
    return app


# The coach's links are Markdown links in the sidebar's one block of branding (drawn as buttons).
SIDEBAR_LINK = re.compile(r"\[:material/\w+: ([^\]]+)\]\(<([^>]+)>\)")


def sidebar_links(app: AppTest) -> dict[str, str]:
    return {
        label: url for element in app.sidebar.markdown for label, url in SIDEBAR_LINK.findall(element.value)
    }


def sidebar_text(app: AppTest) -> list[str]:
    return [element.value for element in app.sidebar.markdown]


def test_a_coach_site_file_puts_the_coach_name_tagline_and_links_in_the_sidebar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path)))
    app = start()
    sidebar = sidebar_text(app)
    # The name, the tagline under it (the links follow in the same block).
    assert any(text.startswith("**Spine Studio**  \nMoving well after a bad back.") for text in sidebar)
    assert not any("Back in Action" in text for text in sidebar)
    assert sidebar_links(app) == {
        "Contact": "mailto:hello@spine-studio.example",
        "Book a session": "https://spine-studio.example/book",
    }


def test_a_coach_without_links_gets_no_link_buttons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path, contact_url='""', booking_url='""'))
    )
    assert sidebar_links(start()) == {}


def test_the_about_page_names_the_coach_and_the_coachs_emergency_and_urgent_care_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path)))
    text = "\n".join(element.value for element in start("about").markdown)
    assert "contact your GP or [the nurse line](tel:1800022222) today" in text
    assert "This copy is offered by **Spine Studio**" in text
    assert "Spine Studio is for people aged" in text


def test_a_red_flag_in_the_assessment_shows_the_coachs_emergency_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path)))
    app = start("assess")
    emergency = next(box for box in app.checkbox if box.key and box.key.startswith("flag_"))
    emergency.check()
    app.button(key="assess_safety_next").click().run()
    assert not app.exception
    assert any("(tel:000)" in element.value and "Australia" in element.value for element in app.error)


def test_environment_variables_beat_the_site_file_for_a_container_deploy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path)))
    monkeypatch.setenv("BACK_IN_ACTION_NAME", "Spine Studio North")
    monkeypatch.setenv("BACK_IN_ACTION_BOOKING_URL", "https://north.spine-studio.example/book")
    monkeypatch.setenv("BACK_IN_ACTION_CONTACT_URL", "")
    app = start()
    sidebar = sidebar_text(app)
    # The fields not overridden (the tagline) still come from the file.
    assert any(text.startswith("**Spine Studio North**  \nMoving well after a bad back.") for text in sidebar)
    assert sidebar_links(app) == {"Book a session": "https://north.spine-studio.example/book"}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"logo": '"logos/missing.svg"'}, "field 'logo': no file at 'logos/missing.svg'"),
        ({"booking_url": '"spine-studio.example/book"'}, "field 'booking_url'"),
        ({"emergency_number": '"000"'}, "field 'emergency_number': has moved to [care.emergency]"),
    ],
    ids=["logo", "booking_url", "an old emergency_number field"],
)
def test_a_coach_site_file_with_a_mistake_stops_start_up_naming_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str], named: str
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(coach_site(tmp_path, **change)))
    app = AppTest.from_file(APP_FILE, default_timeout=30)
    app.run()
    assert not app.exception
    shown = [element.value for element in app.error]
    assert len(shown) == 1
    assert f"spine-studio.toml, [site], {named}" in shown[0]
    assert not app.title  # no page ran
    assert not sidebar_links(app)
