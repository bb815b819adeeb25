"""The site file: the real one loads, broken ones are named by file and field, environment variables win."""

from __future__ import annotations

import re
import textwrap
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from rehab_core import InvalidInput
from rehab_core.catalogue import CONTENT_DIR
from rehab_core.config import (
    DEFAULT_CARE,
    DIALLABLE,
    Care,
    CareContact,
    emergency_markdown,
    emergency_plain,
    escape_markdown,
    load_site,
    site,
    urgent_markdown,
    urgent_plain,
    wide_trusted_proxies,
)
from rehab_core.diary_files import MAX_IMPORT_BYTES
from tests.fixtures.apptest import APP_FILE

APP_ROOT = Path(APP_FILE).parent

MINIMAL_SITE = """
[site]
name = "Spine Studio"
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
    assert config.name == "Spine Studio"
    assert config.care == DEFAULT_CARE  # a file without [care] gets the UK's numbers
    assert config.trusted_proxies == ()
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


@pytest.mark.parametrize("field", ["name", "storage_mode"])
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
    "url",
    [
        "www.coach.example",
        "javascript:alert(1)",
        "ftp://coach.example",
        "https://",
        "http:x",
        "https:coach.example",
        "https://:443/book",
        "https://coach example/book",
        "mailto:",
        "mailto:coach",
        "https://[::1/book",
    ],
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
    assert config.tagline == ""


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


# Who to call: the [care] table, tap-to-call links and the PDF's plain words

CARE = """
[care]
country = "Australia"

[care.emergency]
number = "000"
label = "Triple Zero (000)"
words = "call {number} now"
elsewhere = "Outside Australia, call your local emergency number."

[care.urgent]
number = "1800022222"
label = "healthdirect"
words = "contact your GP today, or call {number}"
"""


def care_file(tmp_path: Path, care: str = CARE, **changes: str) -> Path:
    """The minimal site file plus a [care] table; `changes` replace 'level.field' values (TOML)."""
    lines = textwrap.dedent(care).strip().splitlines()
    for dotted, value in changes.items():
        level, name = dotted.split(".")
        start = lines.index(f"[care.{level}]")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        section = [line for line in lines[start + 1 : end] if not line.startswith(f"{name} =")]
        lines[start + 1 : end] = [*section, f"{name} = {value}"]
    path = tmp_path / "site.toml"
    path.write_text(
        textwrap.dedent(MINIMAL_SITE).strip() + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    return path


def test_the_real_site_file_gives_the_uk_numbers_as_tap_to_call_links() -> None:
    config = load_site(CONTENT_DIR / "site.toml", {})
    assert config.care.country == "UK"
    assert emergency_markdown(config).startswith("call [999](tel:999) now, or go to the nearest emergency")
    assert "Outside the UK, call your local emergency number \\(112 in the EU, 911 in the US\\)" in (
        emergency_markdown(config)
    )
    assert "[NHS 111](tel:111)" in urgent_markdown(config)
    assert urgent_markdown(config).startswith("contact your GP today, or call [NHS 111](tel:111)")


def test_the_plain_words_for_the_pdf_have_the_numbers_and_no_markdown() -> None:
    config = load_site(CONTENT_DIR / "site.toml", {})
    assert emergency_plain(config) == (
        "call 999 now, or go to the nearest emergency department (A&E). "
        "Outside the UK, call your local emergency number (112 in the EU, 911 in the US)."
    )
    assert urgent_plain(config) == (
        "contact your GP today, or call NHS 111 (open day and night). "
        "Outside the UK, contact your doctor or your local urgent-care service today."
    )


def test_a_coachs_care_table_gives_their_numbers_and_a_label_without_the_number_gets_it_in_plain(
    tmp_path: Path,
) -> None:
    config = load_site(care_file(tmp_path), {})
    assert emergency_markdown(config) == (
        "call [Triple Zero \\(000\\)](tel:000) now. Outside Australia, call your local emergency number\\."
    )
    assert (
        emergency_plain(config)
        == "call Triple Zero (000) now. Outside Australia, call your local emergency number."
    )
    assert urgent_markdown(config) == "contact your GP today, or call [healthdirect](tel:1800022222)."
    assert urgent_plain(config) == "contact your GP today, or call healthdirect (1800022222)."


def test_the_old_number_fields_still_read_for_pages_that_have_not_moved_on(tmp_path: Path) -> None:
    config = load_site(care_file(tmp_path), {})
    assert config.emergency_number == "Triple Zero (000)"
    assert config.urgent_care == "healthdirect (1800022222)"


def test_a_label_defaults_to_the_number(tmp_path: Path) -> None:
    config = load_site(care_file(tmp_path, **{"emergency.label": '""'}), {})
    assert emergency_markdown(config).startswith("call [000](tel:000) now.")


@pytest.mark.parametrize(
    "number", ["99 9", "999;123", "tel:999", "9", "+", "++44999", "0800-123", "1" * 16, "٩٩٩"]
)
def test_a_number_a_phone_cannot_dial_is_rejected_naming_the_field(tmp_path: Path, number: str) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^site.toml, \[care.emergency\], field 'number': .* must be the number a phone dials",
    ):
        load_site(care_file(tmp_path, **{"emergency.number": repr(number).replace("'", '"')}), {})


def test_an_international_number_with_a_plus_is_accepted(tmp_path: Path) -> None:
    config = load_site(care_file(tmp_path, **{"urgent.number": '"+441234567890"'}), {})
    assert "(tel:+441234567890)" in urgent_markdown(config)


@pytest.mark.parametrize("words", ['"call now"', '"call {number} or {number}"'])
def test_words_must_say_once_where_the_number_goes(tmp_path: Path, words: str) -> None:
    with pytest.raises(
        InvalidInput, match=r"^site.toml, \[care.urgent\], field 'words': must hold \{number\} once"
    ):
        load_site(care_file(tmp_path, **{"urgent.words": words}), {})


def test_a_care_level_given_without_its_words_is_not_filled_in_with_the_uk_wording(tmp_path: Path) -> None:
    care = '[care]\ncountry = "Ireland"\n[care.emergency]\nnumber = "112"\n[care.urgent]\nnumber = "112"\n'
    with pytest.raises(
        InvalidInput, match=r"^site.toml, \[care.emergency\], field 'words': is missing or empty$"
    ):
        load_site(care_file(tmp_path, care), {})


def test_a_care_level_without_a_number_is_rejected(tmp_path: Path) -> None:
    care = '[care]\ncountry = "Ireland"\n[care.emergency]\nwords = "call {number}"\n'
    with pytest.raises(
        InvalidInput, match=r"^site.toml, \[care.emergency\], field 'number': is missing or empty$"
    ):
        load_site(care_file(tmp_path, care), {})


def test_an_unknown_care_field_or_table_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"site.toml, \[care.urgent\]: unknown field 'fax'"):
        load_site(care_file(tmp_path, **{"urgent.fax": '"123"'}), {})
    path = site_file(tmp_path)
    path.write_text(path.read_text() + "[colours]\nmain = 'teal'\n")
    with pytest.raises(InvalidInput, match=r"site.toml: unknown table \[colours\]"):
        load_site(path, {})


def test_a_care_table_that_is_not_a_table_is_named(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('care = "999"\n' + textwrap.dedent(MINIMAL_SITE), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"site.toml: \[care\] must be a table of fields"):
        load_site(path, {})


@pytest.mark.parametrize("field", ["emergency_number", "urgent_care"])
def test_an_old_number_field_in_site_says_where_it_has_moved(tmp_path: Path, field: str) -> None:
    with pytest.raises(
        InvalidInput,
        match=rf"^site.toml, \[site\], field '{field}': has moved to \[care\.(emergency|urgent)\]",
    ):
        load_site(site_file(tmp_path, **{field: '"999 (UK) or 112 (EU)"'}), {})


def test_environment_variables_override_the_care_numbers(tmp_path: Path) -> None:
    environ = {
        "BACK_IN_ACTION_CARE_EMERGENCY_NUMBER": "112",
        "BACK_IN_ACTION_CARE_EMERGENCY_LABEL": "112",
        "BACK_IN_ACTION_CARE_COUNTRY": "Ireland",
        "BACK_IN_ACTION_CARE_URGENT_ELSEWHERE": "",
    }
    config = load_site(care_file(tmp_path), environ)
    assert emergency_markdown(config).startswith("call [112](tel:112) now.")
    assert config.care.country == "Ireland"
    assert urgent_plain(config) == "contact your GP today, or call healthdirect (1800022222)."


def test_a_bad_care_number_from_the_environment_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput, match=r"^environment variable BACK_IN_ACTION_CARE_URGENT_NUMBER: '111 now' must be"
    ):
        load_site(site_file(tmp_path), {"BACK_IN_ACTION_CARE_URGENT_NUMBER": "111 now"})


def test_markdown_in_a_coachs_wording_is_shown_as_typed_never_as_a_link_or_image(tmp_path: Path) -> None:
    config = load_site(
        care_file(
            tmp_path,
            **{
                "emergency.label": '"![x](https://evil.example/p.gif)"',
                "emergency.words": '"call {number} or [Fix it here](https://evil.example) :red[now] $x$"',
            },
        ),
        {},
    )
    text = emergency_markdown(config)
    assert text.startswith("call [\\!\\[x\\]\\(https\\:")  # the label is the link's text, inert
    assert text.count("](") == 1 and "](tel:000)" in text
    assert "\\[Fix it here\\]\\(https\\://evil\\.example\\)" in text
    assert "\\:red\\[now\\]" in text and "\\$x\\$" in text


@given(
    number=st.from_regex(DIALLABLE, fullmatch=True),
    before=st.text(max_size=40).filter(lambda text: "{" not in text and "}" not in text),
    after=st.text(max_size=40).filter(lambda text: "{" not in text and "}" not in text),
    label=st.text(max_size=30),
)
def test_any_coach_wording_gives_exactly_one_link_and_it_dials_the_number(
    number: str, before: str, after: str, label: str
) -> None:
    contact = CareContact(number=number, label=label.strip() or number, words=f"{before}{{number}}{after}")
    config = replace(load_site(CONTENT_DIR / "site.toml", {}), care=Care("X", contact, contact))
    text = emergency_markdown(config)
    link = f"[{escape_markdown(contact.label)}]({contact.tel_href})"
    assert text.count(f"]({contact.tel_href})") == 1
    # Everything but the link is escaped: no character outside it can start a link, image or format.
    rest = text.replace(link, "", 1).replace("\\\\", "")
    assert not re.search(r"(?<!\\)[\[\]()!<>`*_$:]", rest)
    assert "tel:" + number in text and re.fullmatch(r"tel:\+?[0-9]+", contact.tel_href)


# Trusted proxies


def test_trusted_proxies_are_read_as_addresses_and_networks(tmp_path: Path) -> None:
    config = load_site(
        site_file(tmp_path, trusted_proxies='["127.0.0.1", "10.0.0.0/8", "::1", "::ffff:127.0.0.2"]'), {}
    )
    assert [str(network) for network in config.trusted_proxies] == [
        "127.0.0.1/32",
        "10.0.0.0/8",
        "::1/128",
        "127.0.0.2/32",  # an IPv4-mapped address is the IPv4 address it wraps
    ]


def test_trusted_proxies_come_from_the_environment_separated_by_commas(tmp_path: Path) -> None:
    config = load_site(site_file(tmp_path), {"BACK_IN_ACTION_TRUSTED_PROXIES": " 127.0.0.1, ::1 ,"})
    assert [str(network) for network in config.trusted_proxies] == ["127.0.0.1/32", "::1/128"]


@pytest.mark.parametrize("value", ['["localhost"]', '"127.0.0.1"', "[1]", '["127.0.0.1/33"]'])
def test_a_trusted_proxy_that_is_not_an_address_is_named(tmp_path: Path, value: str) -> None:
    with pytest.raises(InvalidInput, match=r"^site.toml, \[site\], field 'trusted_proxies': "):
        load_site(site_file(tmp_path, trusted_proxies=value), {})


@pytest.mark.parametrize("value", ["0.0.0.0/0", "::/0", "::ffff:0.0.0.0/96", "10.0.0.5, 0.0.0.0/0"])
def test_trusting_every_address_as_a_proxy_is_refused_naming_the_setting(tmp_path: Path, value: str) -> None:
    with pytest.raises(InvalidInput, match=r"^environment variable .*TRUSTED_PROXIES.*trusts every address"):
        load_site(site_file(tmp_path), {"BACK_IN_ACTION_TRUSTED_PROXIES": value})
    listed = ", ".join(f'"{item.strip()}"' for item in value.split(","))
    with pytest.raises(InvalidInput, match=r"^site.toml, \[site\], field 'trusted_proxies': .*trusts every"):
        load_site(site_file(tmp_path, trusted_proxies=f"[{listed}]"), {})


def test_a_trusted_range_wider_than_a_slash_8_is_warned_about_and_a_narrow_one_is_not(tmp_path: Path) -> None:
    config = load_site(
        site_file(tmp_path), {"BACK_IN_ACTION_TRUSTED_PROXIES": "10.0.0.0/8, 0.0.0.0/1, 2001::/16"}
    )
    warnings = wide_trusted_proxies(config)
    assert [warning.split(" trusts ")[0] for warning in warnings] == [
        "trusted_proxies: 0.0.0.0/1",
        "trusted_proxies: 2001::/16",
    ]
    assert "2,147,483,648 addresses" in warnings[0]


# Files that are not what they should be


def test_a_folder_in_place_of_the_site_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "site.toml").mkdir()
    with pytest.raises(InvalidInput, match=r"^site.toml: is a folder, not a file"):
        load_site(tmp_path / "site.toml", {})


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("logo.png", b"not an image at all", "is not a PNG image"),
        ("logo.svg", b"<html>hello</html>", "is not a SVG image"),
        ("logo.txt", b"\x89PNG\r\n\x1a\n", "must be a PNG, JPEG, GIF, WebP or SVG image"),
    ],
)
def test_a_logo_that_is_not_an_image_is_named(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InvalidInput, match=rf"site.toml, \[site\], field 'logo': .*{re.escape(problem)}"):
        load_site(site_file(tmp_path, logo=f'"{tmp_path / name}"'), {})


def test_a_folder_as_the_logo_is_named(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").mkdir()
    with pytest.raises(InvalidInput, match=r"field 'logo': .* is a folder, not an image file"):
        load_site(site_file(tmp_path, logo=f'"{tmp_path / "logo.svg"}"'), {})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n...."),
        ("logo.jpg", b"\xff\xd8\xff\xe0...."),
        ("logo.gif", b"GIF89a...."),
        ("logo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
        ("logo.svg", b'<?xml version="1.0"?>\n<SVG xmlns="http://www.w3.org/2000/svg"/>'),
    ],
)
def test_a_logo_of_each_image_kind_is_accepted(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    assert load_site(site_file(tmp_path, logo=f'"{tmp_path / name}"'), {}).logo_path == tmp_path / name


def test_the_upload_limit_lets_every_file_the_import_accepts_reach_the_app() -> None:
    # Streamlit counts maxUploadSize in decimal megabytes; the import's own limit is in bytes.
    config = tomllib.loads((APP_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    upload_limit_bytes = config["server"]["maxUploadSize"] * 1_000_000
    assert MAX_IMPORT_BYTES <= upload_limit_bytes <= 2 * MAX_IMPORT_BYTES
