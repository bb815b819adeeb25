"""Is a visitor on this machine: proxy headers count only from trusted proxies, and unclear is not local."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab_core.client_address import (
    PROXY_HEADERS,
    IPNetwork,
    client_address,
    is_local_client,
    parse_address,
)

LOOPBACK_PROXY = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128"))
OFFICE_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)


def local(
    peer: str | None, headers: dict[str, str] | list[tuple[str, str]], trusted: tuple[IPNetwork, ...] = ()
) -> bool:
    return is_local_client(peer, headers, trusted)


# Addresses as servers and proxies write them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("203.0.113.7:8080", "203.0.113.7"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("[::1]:1234", "::1"),
        ("::ffff:127.0.0.1", "127.0.0.1"),
        ("[::ffff:127.0.0.1]:80", "127.0.0.1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_an_address_is_read_with_or_without_port_and_brackets_and_mapped_ipv4_is_unwrapped(
    text: str, expected: str
) -> None:
    assert parse_address(text) == ipaddress.ip_address(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "unknown",
        "_hidden",
        "localhost",
        "127.0.0.1:",
        "127.0.0.1:http",
        "[::1",
        "[::1]x",
        "fe80::1%eth0",
        "127.0.0.1:123456",
        "1.2.3",
        "[127.0.0.1",
        "::1]",
    ],
)
def test_anything_that_is_not_an_address_is_not_one(text: str) -> None:
    assert parse_address(text) is None


# Without proxy headers the TCP peer is the visitor


@pytest.mark.parametrize("peer", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_a_loopback_peer_without_proxy_headers_is_local(peer: str) -> None:
    assert local(peer, {})
    assert local(peer, {"User-Agent": "Chromium", "Host": "127.0.0.1:8501"})


@pytest.mark.parametrize("peer", ["203.0.113.7", "10.0.0.5", "::ffff:203.0.113.7", "2001:db8::1", "", "junk"])
def test_another_peer_without_proxy_headers_is_not_local(peer: str) -> None:
    assert not local(peer, {})


def test_no_peer_at_all_is_not_local() -> None:
    assert not local(None, {})


# Proxy headers from a proxy nobody named


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Forwarded-For": "127.0.0.1"},
        {"x-forwarded-for": "127.0.0.1, 127.0.0.1"},
        {"X-Real-IP": "127.0.0.1"},
        {"Forwarded": "for=127.0.0.1"},
        {"Forwarded": 'for="[::1]:1234"'},
        {"Forwarded": "for=8.8.8.8"},
        {"X-Forwarded-For": ""},
    ],
)
def test_any_proxy_header_from_an_untrusted_peer_is_never_local_even_from_loopback(
    headers: dict[str, str],
) -> None:
    assert not local("127.0.0.1", headers)
    assert not local("::ffff:127.0.0.1", headers)


# A trusted proxy's own header


def test_a_trusted_proxy_saying_the_visitor_is_on_loopback_is_local() -> None:
    assert local("127.0.0.1", {"X-Real-IP": "127.0.0.1"}, LOOPBACK_PROXY)
    assert local("127.0.0.1", {"X-Forwarded-For": "127.0.0.1"}, LOOPBACK_PROXY)
    assert local("127.0.0.1", {"Forwarded": 'for="[::1]:1234"'}, LOOPBACK_PROXY)
    assert local("::ffff:127.0.0.1", {"Forwarded": "for=127.0.0.1;proto=http"}, LOOPBACK_PROXY)


def test_a_trusted_proxy_saying_the_visitor_is_elsewhere_is_not_local() -> None:
    assert client_address("127.0.0.1", {"X-Real-IP": "203.0.113.7"}, LOOPBACK_PROXY) == ipaddress.ip_address(
        "203.0.113.7"
    )
    assert not local("127.0.0.1", {"Forwarded": "for=8.8.8.8"}, LOOPBACK_PROXY)


def test_the_visitors_own_start_of_the_forwarded_for_list_is_ignored() -> None:
    # The visitor sent "X-Forwarded-For: 127.0.0.1"; the trusted proxy appended the real address.
    headers = {"X-Forwarded-For": "127.0.0.1, 203.0.113.7"}
    assert client_address("127.0.0.1", headers, LOOPBACK_PROXY) == ipaddress.ip_address("203.0.113.7")
    assert not local("127.0.0.1", headers, LOOPBACK_PROXY)


def test_a_header_the_proxy_passed_along_untouched_beside_its_own_makes_the_visitor_unknown() -> None:
    # The proxy sets only X-Real-IP; the visitor's own X-Forwarded-For came through untouched.
    headers = {"X-Real-IP": "203.0.113.7", "X-Forwarded-For": "127.0.0.1"}
    assert client_address("127.0.0.1", headers, LOOPBACK_PROXY) is None
    headers = {"X-Forwarded-For": "127.0.0.1, 203.0.113.7", "Forwarded": "for=127.0.0.1"}
    assert client_address("127.0.0.1", headers, LOOPBACK_PROXY) is None


def test_headers_that_agree_on_the_visitor_are_believed() -> None:
    headers = {"X-Real-IP": "127.0.0.1", "X-Forwarded-For": "127.0.0.1", "Forwarded": "for=127.0.0.1"}
    assert local("127.0.0.1", headers, LOOPBACK_PROXY)


def test_a_chain_of_trusted_proxies_is_walked_from_the_right() -> None:
    trusted = (*LOOPBACK_PROXY, *OFFICE_PROXIES)
    headers = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7, 10.1.1.1, 10.2.2.2"}
    assert client_address("127.0.0.1", headers, trusted) == ipaddress.ip_address("203.0.113.7")
    forwarded = {"Forwarded": 'for=198.51.100.1, for="203.0.113.7:5000";by=10.1.1.1, for=10.2.2.2'}
    assert client_address("127.0.0.1", forwarded, trusted) == ipaddress.ip_address("203.0.113.7")


def test_when_every_hop_is_a_trusted_proxy_the_first_one_is_the_visitor() -> None:
    headers = {"X-Forwarded-For": "127.0.0.1, 10.1.1.1"}
    assert local("127.0.0.1", headers, (*LOOPBACK_PROXY, *OFFICE_PROXIES))


def test_repeated_header_lines_count_as_one_list_in_order() -> None:
    pairs = [("X-Forwarded-For", "127.0.0.1"), ("X-Forwarded-For", "203.0.113.7")]
    assert client_address("127.0.0.1", pairs, LOOPBACK_PROXY) == ipaddress.ip_address("203.0.113.7")
    assert not local("127.0.0.1", [("X-Real-IP", "127.0.0.1"), ("X-Real-IP", "127.0.0.1")], LOOPBACK_PROXY)


def test_a_trusted_network_given_as_ipv4_mapped_ipv6_trusts_the_ipv4_peer() -> None:
    mapped = (ipaddress.ip_network("::ffff:127.0.0.0/104"),)
    assert local("127.0.0.1", {"X-Real-IP": "127.0.0.1"}, mapped)


@pytest.mark.parametrize(
    "headers",
    [
        {"Forwarded": "for=unknown"},
        {"Forwarded": "for=_hidden"},
        {"Forwarded": "for=_hidden, for=127.0.0.1"},
        {"Forwarded": "for=127.0.0.1, for=unknown"},
        {"Forwarded": "by=127.0.0.1"},
        {"Forwarded": "for=[::1]"},  # an IPv6 address must be quoted
        {"Forwarded": 'for="[::1]:1234'},  # an unterminated quote
        {"Forwarded": "for=127.0.0.1;for=127.0.0.1"},
        {"Forwarded": "for=127.0.0.1,"},
        {"Forwarded": "for"},
        {"Forwarded": ""},
        {"X-Forwarded-For": "127.0.0.1,,127.0.0.1"},
        {"X-Forwarded-For": "unknown"},
        {"X-Forwarded-For": "localhost"},
        {"X-Forwarded-For": "junk, 127.0.0.1"},
        {"X-Real-IP": "127.0.0.1, 127.0.0.1"},
        {"X-Real-IP": ""},
        {"X-Forwarded-For": "127.0.0.1, " * 2000 + "127.0.0.1"},
    ],
)
def test_anything_unclear_even_from_a_trusted_proxy_is_not_local(headers: dict[str, str]) -> None:
    assert not local("127.0.0.1", headers, LOOPBACK_PROXY)


def test_rfc_7239_quoted_pairs_and_parameters_are_read() -> None:
    headers = {"Forwarded": 'for="127.0.0.1";proto=https;host="app.example, with comma";by=_proxy'}
    assert local("127.0.0.1", headers, LOOPBACK_PROXY)
    assert local("127.0.0.1", {"FORWARDED": 'For="\\127.0.0.1"'}, LOOPBACK_PROXY)


# Properties

addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
header_names = st.sampled_from([*PROXY_HEADERS, "X-Forwarded-For", "X-Real-Ip", "FORWARDED"])
junk = st.text(alphabet=st.characters(codec="latin-1"), max_size=60)
header_values = st.one_of(
    junk, addresses, st.lists(addresses, max_size=4).map(", ".join), addresses.map("for={}".format)
)


@given(peer=st.one_of(addresses, junk), name=header_names, value=header_values)
def test_no_proxy_header_from_an_untrusted_peer_is_ever_local(peer: str, name: str, value: str) -> None:
    assert not local(peer, {name: value})


@given(peer=addresses)
def test_without_proxy_headers_the_answer_is_whether_the_peer_is_loopback(peer: str) -> None:
    expected = (parse_address(peer) or ipaddress.ip_address("0.0.0.0")).is_loopback
    assert local(peer, {}) == expected


@given(ipv4=st.ip_addresses(v=4))
def test_an_ipv4_mapped_peer_gets_the_answer_of_its_ipv4_address(ipv4: ipaddress.IPv4Address) -> None:
    assert local(f"::ffff:{ipv4}", {}) == local(str(ipv4), {}) == ipv4.is_loopback


@given(
    visitor_wrote=st.lists(st.one_of(addresses, junk), max_size=5),
    real=st.ip_addresses(v=4).filter(lambda address: not address.is_loopback),
)
def test_whatever_a_visitor_puts_in_front_a_trusted_proxy_appending_a_remote_address_is_never_local(
    visitor_wrote: list[str], real: ipaddress.IPv4Address
) -> None:
    headers = {"X-Forwarded-For": ", ".join([*visitor_wrote, str(real)])}
    assert not local("127.0.0.1", headers, LOOPBACK_PROXY)
    forwarded = {"Forwarded": ", ".join([*(f'for="{item}"' for item in visitor_wrote), f"for={real}"])}
    assert not local("127.0.0.1", forwarded, LOOPBACK_PROXY)


@given(
    headers=st.lists(st.tuples(st.one_of(header_names, junk), st.one_of(header_values, junk)), max_size=5),
    peer=st.one_of(st.none(), addresses, junk),
)
def test_any_headers_give_an_answer_and_never_raise(headers: list[tuple[str, str]], peer: str | None) -> None:
    assert local(peer, headers, LOOPBACK_PROXY) in {True, False}


def test_a_peer_or_header_that_is_not_text_is_not_local() -> None:
    assert not local(object(), {})  # type: ignore[arg-type]
    assert not local("127.0.0.1", [("X-Real-IP", None)], LOOPBACK_PROXY)  # type: ignore[list-item]


def test_a_loopback_address_named_by_a_trusted_proxy_on_another_machine_is_not_this_machines() -> None:
    # A visitor on the office network, trusted as a proxy, writes the header itself.
    assert not local("10.0.0.5", {"X-Forwarded-For": "127.0.0.1"}, OFFICE_PROXIES)
    assert not local("10.0.0.5", {"Forwarded": "for=127.0.0.1"}, OFFICE_PROXIES)
    assert not local("10.0.0.5", {"X-Real-IP": "::1"}, OFFICE_PROXIES)


@given(proxy=st.ip_addresses(v=4).filter(lambda address: not address.is_loopback))
def test_only_a_proxy_on_this_machine_can_say_its_visitor_is_on_loopback(
    proxy: ipaddress.IPv4Address,
) -> None:
    trusted = (ipaddress.ip_network("0.0.0.0/1"), ipaddress.ip_network("128.0.0.0/1"), *LOOPBACK_PROXY)
    assert not local(str(proxy), {"X-Real-IP": "127.0.0.1"}, trusted)
    assert local("127.0.0.1", {"X-Real-IP": "127.0.0.1"}, trusted)
