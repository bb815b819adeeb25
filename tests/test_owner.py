"""Local mode's diary is the owner's browser's: a loopback Host and Origin, and the owner's secret cookie."""

from __future__ import annotations

import ipaddress
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab_core.errors import InvalidInput
from rehab_core.owner import (
    OWNER_TOKEN_VARIABLE,
    allowed_hosts_warning,
    is_loopback_host,
    is_on_this_machine,
    is_owner_visit,
    origin_matches_host,
    owner_address,
    owner_cookie_name,
    owner_redirect,
    owner_token,
    token_matches,
    token_path,
)

TOKEN = "k" * 43
OWNER_COOKIE = owner_cookie_name(TOKEN)
OWNER = {OWNER_COOKIE: TOKEN}
LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


def handshake(host: str, origin: str | None = None, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    headers = [("Host", host), *extra]
    return [*headers, ("Origin", origin)] if origin is not None else headers


# Host


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:8501",
        "LOCALHOST:8501",
        "127.0.0.1",
        "127.0.0.1:8501",
        "127.8.9.10:1",
        "[::1]",
        "[::1]:8501",
    ],
)
def test_loopback_names_with_any_port_are_this_machine(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "",
        "evil.example",  # a rebinding name that resolves to 127.0.0.1
        "evil.example:8501",
        "diary.example.org",  # a tunnel's or proxy's public name
        "app.localhost",
        "localhost.",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "0.0.0.0:8501",
        "127.1",
        "0x7f.0.0.1",
        "[::ffff:127.0.0.1]",
        "::1",
        "[::1",
        "localhost:",
        "localhost:99999",
        "localhost:80:80",
        " localhost",
        "user@localhost",
        "10.0.0.1",
    ],
)
def test_any_other_host_is_not_this_machine(host: str) -> None:
    assert not is_loopback_host(host)


def test_no_host_at_all_is_not_this_machine() -> None:
    assert not is_loopback_host(None)


# Origin


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        (None, "localhost:8501"),
        ("http://localhost:8501", "localhost:8501"),
        ("http://LOCALHOST:8501", "localhost:8501"),
        ("https://127.0.0.1:8501", "127.0.0.1:8501"),
        ("http://[::1]:8501", "[::1]:8501"),
        ("http://localhost", "localhost:80"),
        ("https://localhost:443", "localhost"),
    ],
)
def test_an_origin_naming_the_same_host_and_port_matches(origin: str | None, host: str) -> None:
    assert origin_matches_host(origin, host)


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://localhost:3000", "localhost:8501"),  # a page on another local port
        ("http://127.0.0.1:8501", "localhost:8501"),  # another site for the browser
        ("http://evil.example:8501", "localhost:8501"),
        ("null", "localhost:8501"),  # a sandboxed frame, a file:// page
        ("file://", "localhost:8501"),
        ("ws://localhost:8501", "localhost:8501"),
        ("http://localhost:8501/path", "localhost:8501"),
        ("https://localhost", "localhost:80"),
        ("http://localhost:8501", None),
    ],
)
def test_an_origin_of_another_host_port_or_kind_does_not_match(origin: str, host: str | None) -> None:
    assert not origin_matches_host(origin, host)


# The whole visit


def test_the_owners_browser_on_this_machine_is_the_owner() -> None:
    assert is_owner_visit("127.0.0.1", handshake("localhost:8501", "http://localhost:8501"), OWNER, TOKEN)
    assert is_owner_visit(
        "::ffff:127.0.0.1", handshake("127.0.0.1:8501", "http://127.0.0.1:8501"), OWNER, TOKEN
    )


@pytest.mark.parametrize(
    ("peer", "headers"),
    [
        # DNS rebinding: a page on a name that resolves to 127.0.0.1.
        ("127.0.0.1", handshake("evil.example:8501", "http://evil.example:8501")),
        # A tunnel or plain proxy_pass on this machine passing the public name, no forwarding header.
        ("127.0.0.1", handshake("diary.example.org", "https://diary.example.org")),
        # nginx's default proxy_pass rewrites Host to the upstream, the browser's Origin stays.
        ("127.0.0.1", handshake("127.0.0.1:8501", "https://diary.example.org")),
        # A page on another port of this machine opening the app's WebSocket.
        ("127.0.0.1", handshake("localhost:8501", "http://localhost:3000")),
        # Two Host or Origin lines: not a request a browser makes.
        ("127.0.0.1", [*handshake("localhost:8501"), ("Host", "evil.example")]),
        (
            "127.0.0.1",
            [*handshake("localhost:8501", "http://localhost:8501"), ("Origin", "http://localhost:3000")],
        ),
        # No Host at all.
        ("127.0.0.1", []),
        # Another machine, even naming localhost.
        ("203.0.113.7", handshake("localhost:8501", "http://localhost:8501")),
    ],
)
def test_a_visit_that_is_not_from_this_machines_own_pages_is_never_the_owners(
    peer: str, headers: list[tuple[str, str]]
) -> None:
    assert not is_on_this_machine(peer, headers)
    assert not is_owner_visit(peer, headers, OWNER, TOKEN)


@pytest.mark.parametrize(
    "cookies", [{}, {OWNER_COOKIE: ""}, {OWNER_COOKIE: "k" * 42}, {OWNER_COOKIE: TOKEN + "x"}]
)
def test_without_the_owners_cookie_this_machine_is_not_enough(cookies: dict[str, str]) -> None:
    headers = handshake("localhost:8501", "http://localhost:8501")
    assert is_on_this_machine("127.0.0.1", headers)
    assert not is_owner_visit("127.0.0.1", headers, cookies, TOKEN)


def test_a_trusted_proxy_on_this_machine_keeps_the_owner_when_it_passes_a_loopback_host() -> None:
    headers = handshake("localhost:8080", "http://localhost:8080", ("X-Real-IP", "127.0.0.1"))
    assert is_owner_visit("127.0.0.1", headers, OWNER, TOKEN, LOOPBACK)
    forged = handshake("localhost:8080", "http://localhost:8080", ("X-Real-IP", "203.0.113.7"))
    assert not is_owner_visit("127.0.0.1", forged, OWNER, TOKEN, LOOPBACK)


@given(host=st.text(max_size=40), origin=st.none() | st.text(max_size=40), cookie=st.text(max_size=50))
def test_any_host_origin_or_cookie_gives_an_answer_and_only_the_token_opens_the_diary(
    host: str, origin: str | None, cookie: str
) -> None:
    result = is_owner_visit("127.0.0.1", handshake(host, origin), {OWNER_COOKIE: cookie}, TOKEN)
    assert result is False or (cookie == TOKEN and is_loopback_host(host))


def test_each_install_keeps_its_own_cookie_and_another_installs_cookie_is_not_this_ones() -> None:
    other = "q" * 43
    assert owner_cookie_name(TOKEN) != owner_cookie_name(other)
    assert owner_cookie_name(TOKEN).startswith("back_in_action_owner_")
    headers = handshake("localhost:8501", "http://localhost:8501")
    assert not is_owner_visit("127.0.0.1", headers, {owner_cookie_name(other): TOKEN}, TOKEN)
    assert is_owner_visit("127.0.0.1", headers, {owner_cookie_name(other): other, **OWNER}, TOKEN)


def test_the_token_is_compared_whole() -> None:
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(TOKEN[:-1], TOKEN)
    assert not token_matches(None, TOKEN)
    assert not token_matches("", "")
    assert not token_matches("é" * 43, TOKEN)


# The secret and its file


def test_the_token_is_made_once_beside_the_sqlite_diary_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = token_path(f"sqlite:///{tmp_path / 'data' / 'diary.sqlite3'}")
    assert path == tmp_path / "data" / "owner-token"
    first = owner_token(path, {})
    assert len(first) >= 43
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert owner_token(path, {}) == first  # kept, not made again
    assert owner_token(tmp_path / "elsewhere" / "owner-token", {}) != first  # each install its own


def test_without_a_sqlite_file_the_token_is_kept_in_the_apps_data_folder() -> None:
    assert token_path("postgresql+psycopg://user@db.example/diary").parent.name == "data"
    assert token_path("not a url").name == "owner-token"


def test_the_setting_gives_the_token_without_a_file(tmp_path: Path) -> None:
    assert owner_token(tmp_path / "owner-token", {OWNER_TOKEN_VARIABLE: TOKEN}) == TOKEN
    assert not (tmp_path / "owner-token").exists()


@pytest.mark.parametrize("text", ["short", "k" * 31, "k" * 40 + " space", "k" * 40 + "/+="])
def test_a_short_or_strange_token_is_refused_naming_where_it_came_from(tmp_path: Path, text: str) -> None:
    with pytest.raises(InvalidInput, match=OWNER_TOKEN_VARIABLE):
        owner_token(tmp_path / "owner-token", {OWNER_TOKEN_VARIABLE: text})
    (tmp_path / "owner-token").write_text(text)
    with pytest.raises(InvalidInput, match="owner-token: the owner's token must be"):
        owner_token(tmp_path / "owner-token", {})


# The address `make run` prints, and what the server does with it


def test_the_printed_address_carries_the_token_once() -> None:
    assert owner_address("http://127.0.0.1:8501/", TOKEN) == f"http://127.0.0.1:8501/?owner={TOKEN}"


def test_the_right_token_sets_the_cookie_and_leaves_the_address() -> None:
    location, cookie = owner_redirect("/progress", f"a=1&owner={TOKEN}&b=2", TOKEN) or ("", None)
    assert location == "/progress?a=1&b=2"
    assert cookie is not None
    assert cookie.startswith(f"{OWNER_COOKIE}={TOKEN};")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= {part.strip() for part in cookie.split(";")}


@pytest.mark.parametrize(
    "query", ["owner=wrong", "owner=", f"owner={TOKEN}&owner={TOKEN}", f"owner={TOKEN}x"]
)
def test_a_wrong_token_leaves_the_address_too_but_sets_no_cookie(query: str) -> None:
    assert owner_redirect("/", query, TOKEN) == ("/", None)


def test_an_address_without_a_token_is_left_alone() -> None:
    assert owner_redirect("/", "embed=true", TOKEN) is None
    assert owner_redirect("/", "", TOKEN) is None


def test_the_redirect_never_leaves_this_site() -> None:
    found = owner_redirect("//evil.example/x", f"owner={TOKEN}", TOKEN)
    assert found is not None
    assert found[0] == "/"


# What a deployer is told at start-up


@pytest.mark.parametrize("address", ["", "0.0.0.0", "::", "203.0.113.7", None])
def test_a_server_listening_beyond_this_machine_without_allowed_hosts_is_warned_about(
    address: str | None,
) -> None:
    warning = allowed_hosts_warning(address, [])
    assert warning is not None and "server.allowedHosts" in warning


@pytest.mark.parametrize(
    ("address", "hosts"), [("127.0.0.1", []), ("::1", []), ("localhost", []), ("", ["a.example"])]
)
def test_a_loopback_server_or_one_with_allowed_hosts_is_not_warned_about(
    address: str, hosts: list[str]
) -> None:
    assert allowed_hosts_warning(address, hosts) is None
