"""The site file: the real one loads, broken ones are named by file and field, environment variables win."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import InvalidInput
from rehab_core.catalogue import CONTENT_DIR
from rehab_core.config import load_site, site, with_mode
from tests.fixtures.apptest import APP_FILE

MINIMAL_SITE = """
[site]
name = "Spine Studio"
emergency_number = "112"
urgent_care = "your doctor"
storage_mode = "local"
"""


def site_file(tmp_path: Path, text: str = MINIMAL_SITE, **changes: str) -> Path:
    """A site file: the minimal one, with fields replaced or added as TOML values (already quoted)."""
    lines = textwrap.dedent(text).strip().splitlines()
    for name, value in changes.items():
        lines = [line for line in lines if not line.startswith(f"{name} =")]
        lines.append(f"{name} = {value}")
    path = tmp_path / "site.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def without(tmp_path: Path, name: str) -> Path:
    lines = [line for line in textwrap.dedent(MINIMAL_SITE).splitlines() if not line.startswith(f"{name} =")]
    path = tmp_path / "site.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Files that load


def test_the_real_site_file_loads_with_its_logo() -> None:
    config = load_site(CONTENT_DIR / "site.toml", {})
    assert config.name == "Back in Action"
    assert config.storage_mode == "local"
    assert config.logo_path is not None and config.logo_path.is_file()


def test_a_minimal_site_file_loads_with_no_logo_and_no_links(tmp_path: Path) -> None:
    config = load_site(site_file(tmp_path), {})
    assert (config.name, config.emergency_number, config.urgent_care) == (
        "Spine Studio",
        "112",
        "your doctor",
    )
    assert config.storage_mode == "local"
    assert (config.tagline, config.contact_url, config.booking_url) == ("", "", "")
    assert config.logo_path is None


@pytest.mark.parametrize(
    "url", ["https://coach.example/contact", "http://coach.example", "mailto:coach@example.org"]
)
def test_web_and_mail_addresses_are_accepted_as_links(tmp_path: Path, url: str) -> None:
    config = load_site(site_file(tmp_path, contact_url=f'"{url}"', booking_url=f'"{url}"'), {})
    assert config.contact_url == url
    assert config.booking_url == url


def test_a_logo_may_be_an_absolute_path(tmp_path: Path) -> None:
    logo = tmp_path / "coach.svg"
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    config = load_site(site_file(tmp_path, logo=f'"{logo}"'), {})
    assert config.logo_path == logo


@pytest.mark.parametrize("mode", ["local", "session", "account"])
def test_each_storage_mode_is_accepted(tmp_path: Path, mode: str) -> None:
    assert load_site(site_file(tmp_path, storage_mode=f'"{mode}"'), {}).storage_mode == mode


# Broken site files: each error names the file and the field


@pytest.mark.parametrize("field", ["name", "emergency_number", "urgent_care", "storage_mode"])
def test_a_missing_required_field_is_named(tmp_path: Path, field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^site.toml, \[site\], field '{field}': is missing or empty$"):
        load_site(without(tmp_path, field), {})


def test_an_empty_name_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"site.toml, \[site\], field 'name': is missing or empty"):
        load_site(site_file(tmp_path, name='"  "'), {})


def test_an_unknown_storage_mode_is_rejected_and_the_modes_are_listed(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"site.toml, \[site\], field 'storage_mode': 'cloud' must be one of local, session, account",
    ):
        load_site(site_file(tmp_path, storage_mode='"cloud"'), {})


@pytest.mark.parametrize("field", ["contact_url", "booking_url"])
@pytest.mark.parametrize(
    "url", ["www.coach.example", "javascript:alert(1)", "ftp://coach.example", "https://"]
)
def test_a_link_that_is_not_a_web_address_is_rejected(tmp_path: Path, field: str, url: str) -> None:
    with pytest.raises(InvalidInput, match=rf"site.toml, \[site\], field '{field}': .* is not a web address"):
        load_site(site_file(tmp_path, **{field: f'"{url}"'}), {})


def test_a_logo_that_is_not_there_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput, match=r"site.toml, \[site\], field 'logo': no file at 'brand/missing.svg'"
    ):
        load_site(site_file(tmp_path, logo='"brand/missing.svg"'), {})


@pytest.mark.parametrize(
    ("field", "value"), [("name", "3"), ("storage_mode", "true"), ("tagline", '["a", "b"]')]
)
def test_a_value_that_is_not_text_is_rejected(tmp_path: Path, field: str, value: str) -> None:
    with pytest.raises(InvalidInput, match=rf"site.toml, \[site\], field '{field}': must be text in quotes"):
        load_site(site_file(tmp_path, **{field: value}), {})


def test_an_unknown_field_is_rejected_and_the_allowed_fields_are_listed(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput, match=r"site.toml, \[site\]: unknown field 'colour' \(allowed: .*storage_mode"
    ):
        load_site(site_file(tmp_path, colour='"teal"'), {})


def test_a_file_without_a_site_table_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('name = "Spine Studio"\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"site.toml: a \[site\] table is required"):
        load_site(path, {})


def test_a_site_file_that_is_not_toml_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('[site]\nname = "Spine Studio\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"site.toml: not valid TOML"):
        load_site(path, {})


def test_a_missing_site_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"coach.toml: the file is missing"):
        load_site(tmp_path / "coach.toml", {})


# Environment overrides


def test_an_environment_variable_wins_over_the_file(tmp_path: Path) -> None:
    environ = {"BACK_IN_ACTION_STORAGE_MODE": "session", "BACK_IN_ACTION_NAME": "  Workshop  "}
    config = load_site(site_file(tmp_path), environ)
    assert config.storage_mode == "session"
    assert config.name == "Workshop"
    assert config.emergency_number == "112"


def test_an_environment_variable_can_set_a_field_the_file_leaves_out(tmp_path: Path) -> None:
    config = load_site(without(tmp_path, "storage_mode"), {"BACK_IN_ACTION_STORAGE_MODE": "account"})
    assert config.storage_mode == "account"


def test_an_environment_variable_can_fix_a_broken_field_in_the_file(tmp_path: Path) -> None:
    path = site_file(tmp_path, storage_mode='"cloud"')
    assert load_site(path, {"BACK_IN_ACTION_STORAGE_MODE": "session"}).storage_mode == "session"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("BACK_IN_ACTION_STORAGE_MODE", "cloud", "'cloud' must be one of local, session, account"),
        ("BACK_IN_ACTION_NAME", " ", "is missing or empty"),
        ("BACK_IN_ACTION_CONTACT_URL", "coach.example", "is not a web address"),
    ],
)
def test_a_bad_environment_override_names_the_environment_variable(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^environment variable {variable}: .*{expected}"):
        load_site(site_file(tmp_path), {variable: value})


def test_variables_that_are_not_site_fields_are_ignored(tmp_path: Path) -> None:
    environ = {"BACK_IN_ACTION_SITE_FILE": "elsewhere.toml", "BACK_IN_ACTION_CONTENT_DIR": "/nowhere"}
    assert load_site(site_file(tmp_path), environ) == load_site(site_file(tmp_path), {})


def test_without_an_explicit_environment_the_process_environment_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")
    assert load_site(site_file(tmp_path)).storage_mode == "session"


def test_the_site_file_of_the_deploy_comes_from_its_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(site_file(tmp_path)))
    assert site().name == "Spine Studio"


def test_with_mode_switches_the_storage_mode_and_rejects_an_unknown_one(tmp_path: Path) -> None:
    config = load_site(site_file(tmp_path), {})
    assert with_mode(config, "session").storage_mode == "session"
    assert config.storage_mode == "local"
    with pytest.raises(InvalidInput, match=r"storage mode 'shared' must be one of local, session, account"):
        with_mode(config, "shared")


# A broken site file stops the app at start-up


def start_app() -> AppTest:
    app = AppTest.from_file(APP_FILE, default_timeout=30)
    app.run()
    return app


def test_a_broken_site_file_stops_the_app_at_start_up_naming_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(without(tmp_path, "name")))
    app = start_app()
    assert not app.exception, [element.message for element in app.exception]
    shown = [element.value for element in app.error]
    assert len(shown) == 1
    assert "site.toml, [site], field 'name': is missing or empty" in shown[0]
    assert not app.title  # no page ran


def test_a_bad_environment_override_stops_the_app_at_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "cloud")
    app = start_app()
    assert not app.exception, [element.message for element in app.exception]
    assert any("environment variable BACK_IN_ACTION_STORAGE_MODE" in element.value for element in app.error)
    assert not app.title


def test_a_good_site_file_from_the_environment_brands_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_SITE_FILE", str(site_file(tmp_path, storage_mode='"session"')))
    app = start_app()
    assert not app.exception
    assert not app.error
    assert any("Spine Studio" in element.value for element in app.sidebar.markdown)
