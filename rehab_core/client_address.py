"""The visitor's address behind a request, believing proxy headers only from trusted proxies.

Local mode serves the owner's diary to this machine only, so this decides whether a visit is
"on this machine". Proxy headers are only as true as whoever wrote them: `X-Forwarded-For` is a
list the client may start itself, and a proxy that sets `X-Real-IP` may pass the client's own
`X-Forwarded-For` through untouched. The rules, strictest reading first:

- No proxy header (`Forwarded`, `X-Forwarded-For`, `X-Real-IP`): the TCP peer is the visitor.
- Any proxy header from a peer that is not a trusted proxy: unknown (someone may be lying).
- From a trusted proxy: each header present names a client by the standard rule (walk its list
  from the right, skip trusted proxies, take the first address that is not one; all trusted: the
  left-most), and every header present must name the same client. A header the proxy did not
  write but passed along therefore makes the answer unknown instead of winning.
- Anything unclear (an unparsable entry, `unknown`, an obfuscated RFC 7239 identifier, a port
  without an address) is unknown, and unknown is never local.

IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`, what a dual-stack server reports for an IPv4
client) are unwrapped to the IPv4 address before any decision.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Headers = Mapping[str, str] | Iterable[tuple[str, str]]

PROXY_HEADERS: tuple[str, ...] = ("forwarded", "x-forwarded-for", "x-real-ip")
# A header longer than this is not a proxy's: nothing is read from it (and it is not parsed).
MAX_HEADER_LENGTH = 8192
_PORT = re.compile(r"[0-9]{1,5}")


def parse_address(text: object) -> IPAddress | None:
    """An address as proxies write it, IPv4-mapped IPv6 unwrapped; None when it is not one.

    Accepted: `203.0.113.7`, `203.0.113.7:8080`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`.
    A zone (`fe80::1%eth0`) or any other decoration is not an address here, nor is anything but text.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if text.startswith("["):
        inside, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and _PORT.fullmatch(rest[1:]))):
            return None
        text = inside
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has at least two colons
        text, _, port = text.partition(":")
        if not _PORT.fullmatch(port):
            return None
    if "%" in text:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return unwrap(address)


def unwrap(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`), else the address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: IPAddress, trusted_proxies: Sequence[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in trusted_proxies)


def _rightmost_untrusted(chain: Sequence[IPAddress | None], trusted: Sequence[IPNetwork]) -> IPAddress | None:
    """The standard rule: from the right, the first address that is not a trusted proxy."""
    if not chain:
        return None
    for address in reversed(chain):
        if address is None:  # unparsable or unknown before a client was found: unclear
            return None
        if not _is_trusted(address, trusted):
            return address
    return chain[0]  # every hop is a trusted proxy: the first of them is the client


def _forwarded_for(value: str) -> list[IPAddress | None] | None:
    """The `for=` of each element of an RFC 7239 Forwarded header; None when the header is malformed.

    An element without `for`, `for=unknown` or an obfuscated identifier (`for=_hidden`) gives None
    in its place: that hop's client is not known.
    """
    chain: list[IPAddress | None] = []
    for element in _split_outside_quotes(value, ","):
        if element is None:
            return None
        pairs: dict[str, str] = {}
        for pair in _split_outside_quotes(element, ";"):
            if pair is None or "=" not in pair:
                return None
            name, _, raw = pair.strip().partition("=")
            name = name.strip().lower()
            if not name or name in pairs:
                return None
            parsed = _token_or_quoted(raw.strip())
            if parsed is None:
                return None
            pairs[name] = parsed
        node = pairs.get("for")
        chain.append(parse_address(node) if node is not None else None)
    return chain


def _split_outside_quotes(text: str, separator: str) -> list[str | None]:
    """Split on separator outside double quotes; an unterminated quote or empty part gives None."""
    parts: list[str | None] = []
    current: list[str] = []
    quoted = escaped = False
    for character in text:
        if escaped:
            escaped = False
        elif quoted and character == "\\":
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character == separator and not quoted:
            part = "".join(current).strip()
            parts.append(part or None)
            current = []
            continue
        current.append(character)
    part = "".join(current).strip()
    parts.append(None if quoted or escaped or not part else part)
    return parts


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _token_or_quoted(raw: str) -> str | None:
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    # An IPv6 address or a port needs quotes (RFC 7239 section 6); a bare `[::1]` is malformed.
    return raw if _TOKEN.fullmatch(raw) else None


def _header_values(headers: Headers) -> dict[str, list[str]]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    found: dict[str, list[str]] = {}
    for name, value in pairs:
        lowered = name.strip().lower() if isinstance(name, str) else ""
        if lowered in PROXY_HEADERS:
            found.setdefault(lowered, []).append(value if isinstance(value, str) else "")
    return found


def _client_by_header(name: str, value: str, trusted: Sequence[IPNetwork]) -> IPAddress | None:
    if len(value) > MAX_HEADER_LENGTH:
        return None
    if name == "x-real-ip":
        return parse_address(value) if "," not in value else None
    if name == "x-forwarded-for":
        entries = [entry.strip() for entry in value.split(",")]
        if any(not entry for entry in entries):
            return None
        return _rightmost_untrusted([parse_address(entry) for entry in entries], trusted)
    chain = _forwarded_for(value)
    return _rightmost_untrusted(chain, trusted) if chain is not None else None


def client_address(
    peer: str | None, headers: Headers, trusted_proxies: Sequence[IPNetwork] = ()
) -> IPAddress | None:
    """The visitor's address by the rules in this module's docstring; None when it is not known.

    `peer` is the TCP peer's address as the server saw it; `headers` the request's headers (a
    mapping, or name-value pairs when a header may come more than once); `trusted_proxies` the
    deployer's named proxies.
    """
    # Anything but text (no peer; a test harness's stand-in object) is no known peer.
    peer_address = parse_address(peer) if isinstance(peer, str) else None
    if peer_address is None:
        return None
    trusted = [unwrap_network(network) for network in trusted_proxies]
    present = _header_values(headers)
    if not present:
        return peer_address
    if not _is_trusted(peer_address, trusted):
        return None
    clients = {
        _client_by_header(name, ",".join(values), trusted)
        if name != "x-real-ip" or len(values) == 1
        else None
        for name, values in present.items()
    }
    if len(clients) != 1:
        return None
    return clients.pop()


def unwrap_network(network: IPNetwork) -> IPNetwork:
    """An IPv4-mapped IPv6 network (`::ffff:10.0.0.0/104`) as the IPv4 network it wraps."""
    if isinstance(network, ipaddress.IPv6Network) and network.prefixlen >= 96:
        mapped = network.network_address.ipv4_mapped
        if mapped is not None:
            return ipaddress.IPv4Network(f"{mapped}/{network.prefixlen - 96}")
    return network


def is_local_client(peer: str | None, headers: Headers, trusted_proxies: Sequence[IPNetwork] = ()) -> bool:
    """True only when the visitor is known to be on this machine (a loopback address).

    A loopback address named in a proxy's forwarding header counts only when the proxy itself
    connected from loopback: a proxy on another machine (or a visitor on a trusted network
    writing `X-Forwarded-For: 127.0.0.1`) names its own machine's loopback, not this one's.
    """
    address = client_address(peer, headers, trusted_proxies)
    if address is None or not address.is_loopback:
        return False
    peer_address = parse_address(peer) if isinstance(peer, str) else None
    return peer_address is not None and peer_address.is_loopback
