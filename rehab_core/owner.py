"""Whose browser is the owner's: local mode's diary belongs to the browser that opened its secret address.

The network path alone cannot tell the owner from a visitor: a tunnel or reverse proxy on this
machine connects from 127.0.0.1 and may add no forwarding header, a web page on any name that
resolves to 127.0.0.1 (DNS rebinding) reaches the server from loopback, and a page served on
another local port can open the app's WebSocket. So local mode asks for three things at once:

- the visit is on this machine by its address (rehab_core.client_address), with a loopback
  address named in a proxy's header believed only from a proxy that is on this machine too;
- the request's `Host` is a loopback name (`localhost`, `127.x.y.z` or `[::1]`, any port), and its
  `Origin`, when the browser sends one, names that same host and port: a rebinding name, a
  tunnel's public name or another local port fails;
- the browser holds the owner's cookie, set once when it opened the address `make run` prints
  (it carries a per-install secret, as Jupyter does; serve.py turns it into the cookie and takes
  it out of the address bar).

The secret is made once, at random, and kept in a file readable by its owner only, beside the
SQLite diary (or given in BACK_IN_ACTION_OWNER_TOKEN).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from rehab_core.client_address import Headers, IPNetwork, is_local_client, parse_address
from rehab_core.database import DEFAULT_SQLITE_PATH
from rehab_core.errors import InvalidInput

OWNER_TOKEN_VARIABLE = "BACK_IN_ACTION_OWNER_TOKEN"
TOKEN_FILE_NAME = "owner-token"
# The query parameter of the address `make run` prints, and the cookie the browser keeps instead.
OWNER_PARAMETER = "owner"
# The cookie's name ends in a short digest of the token, so two installs on one machine (each on
# its own port: a browser sends a host's cookies to every port) keep a cookie each.
OWNER_COOKIE_PREFIX = "back_in_action_owner_"
# 400 days, the longest a browser keeps a cookie.
COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60
MIN_TOKEN_LENGTH = 32
_TOKEN_TEXT = re.compile(r"[A-Za-z0-9_-]+")
_PORT = re.compile(r"[0-9]{1,5}")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _split_host(host: str) -> tuple[str, str] | None:
    """A Host header's name and port ("" without one), name lowercased; None when malformed."""
    if not host or host != host.strip():
        return None
    if host.startswith("["):
        name, bracket, rest = host.partition("]")
        name += bracket
    else:
        name, _, port = host.partition(":")
        rest = f":{port}" if ":" in host else ""
    if rest and not (rest.startswith(":") and _PORT.fullmatch(rest[1:]) and int(rest[1:]) <= 65535):
        return None
    return name.lower(), rest[1:]


def is_loopback_host(host: str | None) -> bool:
    """True when a Host header names this machine by a loopback name: localhost, 127.x.y.z or [::1].

    Any port is fine. Nothing else is: not `*.localhost`, not a trailing dot, not `0.0.0.0`, not a
    name that some DNS server resolves to 127.0.0.1 (that is what DNS rebinding uses).
    """
    parts = _split_host(host) if isinstance(host, str) else None
    if parts is None:
        return False
    name = parts[0]
    if name == "localhost":
        return True
    if name.startswith("["):
        if not name.endswith("]"):
            return False
        address = parse_address(name)
        return address is not None and address.version == 6 and address.is_loopback
    try:
        return ipaddress.IPv4Address(name).is_loopback
    except ValueError:
        return False


def origin_matches_host(origin: str | None, host: str | None) -> bool:
    """True when there is no Origin, or it is `http(s)://` + the same host and port as the Host header."""
    if origin is None:
        return True
    if not isinstance(host, str):
        return False
    scheme, separator, authority = origin.partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in _DEFAULT_PORTS:
        return False
    origin_parts, host_parts = _split_host(authority), _split_host(host)
    if origin_parts is None or host_parts is None:
        return False
    default = _DEFAULT_PORTS[scheme]
    return (origin_parts[0], origin_parts[1] or default) == (host_parts[0], host_parts[1] or default)


def _single(headers: Headers, name: str) -> tuple[bool, str | None]:
    """Whether the header is there at most once, and its value."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    values = [value for key, value in pairs if isinstance(key, str) and key.strip().lower() == name]
    if len(values) > 1 or not all(isinstance(value, str) for value in values):
        return False, None
    return True, values[0] if values else None


def is_on_this_machine(peer: str | None, headers: Headers, trusted_proxies: Sequence[IPNetwork] = ()) -> bool:
    """True when the visit comes from this machine by its address (is_local_client), Host and Origin."""
    if not is_local_client(peer, headers, trusted_proxies):
        return False
    single_host, host = _single(headers, "host")
    single_origin, origin = _single(headers, "origin")
    return single_host and single_origin and is_loopback_host(host) and origin_matches_host(origin, host)


def owner_cookie_name(token: str) -> str:
    """The name of the cookie that holds this install's token (`back_in_action_owner_` + 12 hex digits)."""
    return OWNER_COOKIE_PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()[:12]


def token_matches(given: object, token: str) -> bool:
    """True when `given` is the owner's token (compared in constant time)."""
    if not isinstance(given, str) or not token:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def is_owner_visit(
    peer: str | None,
    headers: Headers,
    cookies: Mapping[str, str],
    token: str,
    trusted_proxies: Sequence[IPNetwork] = (),
) -> bool:
    """True only for the owner's own browser on this machine: local mode's diary, export and delete."""
    return token_matches(cookies.get(owner_cookie_name(token)), token) and is_on_this_machine(
        peer, headers, trusted_proxies
    )


def token_path(database_url: str) -> Path:
    """Where the owner's token is kept: beside the SQLite diary, else in the app's data/ folder."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        return DEFAULT_SQLITE_PATH.parent / TOKEN_FILE_NAME
    database = url.database or ""
    if (
        url.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        return Path(database).parent / TOKEN_FILE_NAME
    return DEFAULT_SQLITE_PATH.parent / TOKEN_FILE_NAME


def _checked(token: str, where: str) -> str:
    token = token.strip()
    if len(token) < MIN_TOKEN_LENGTH or not _TOKEN_TEXT.fullmatch(token):
        raise InvalidInput(
            f"{where}: the owner's token must be at least {MIN_TOKEN_LENGTH} letters, digits, - or _; "
            "delete the file (a new one is made when the app starts) or fix the setting"
        )
    return token


def owner_token(path: Path, environ: Mapping[str, str] | None = None) -> str:
    """The owner's token: BACK_IN_ACTION_OWNER_TOKEN, else the file at `path`, made once at random.

    The file is created readable and writable by its owner only (mode 0600), never overwritten;
    two processes starting together agree on the one that was written first.
    """
    environ = os.environ if environ is None else environ
    given = environ.get(OWNER_TOKEN_VARIABLE, "")
    if given.strip():
        return _checked(given, f"the setting {OWNER_TOKEN_VARIABLE}")
    try:
        return _checked(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: theirs is the token
        return _checked(path.read_text(encoding="utf-8"), str(path))
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token


def owner_address(base_url: str, token: str) -> str:
    """The address that opens the owner's diary once: `http://localhost:8501/?owner=...`."""
    return f"{base_url.rstrip('/')}/?{urlencode({OWNER_PARAMETER: token})}"


def owner_cookie_header(token: str) -> str:
    """The Set-Cookie value that keeps the owner's token in this browser, out of reach of scripts."""
    return (
        f"{owner_cookie_name(token)}={token}; Max-Age={COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Strict"
    )


def without_owner_parameter(query_string: str) -> tuple[list[str], str] | None:
    """The owner tokens in a query string and the query string without them; None when there are none."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    given = [value for name, value in pairs if name == OWNER_PARAMETER]
    if not given:
        return None
    return given, urlencode([(name, value) for name, value in pairs if name != OWNER_PARAMETER])


def owner_redirect(path: str, query_string: str, token: str) -> tuple[str, str | None] | None:
    """For a request carrying `?owner=`: where to send the browser (the same address without the
    token) and the cookie to set when the token is right (None when it is wrong). None when the
    request carries no token and needs no redirect.
    """
    found = without_owner_parameter(query_string)
    if found is None:
        return None
    given, rest = found
    location = (path if path.startswith("/") and not path.startswith("//") else "/") + (
        f"?{rest}" if rest else ""
    )
    right = len(given) == 1 and token_matches(given[0], token)
    return location, owner_cookie_header(token) if right else None


def allowed_hosts_warning(address: object, allowed_hosts: Sequence[str]) -> str | None:
    """A start-up warning when the server listens beyond this machine and accepts any Host name.

    Streamlit's `server.allowedHosts` (empty by default: every name) refuses the WebSocket of a
    page on any other name, which is what DNS rebinding needs. It is the deployer's to set: only
    they know the names people type, and setting it to loopback names would refuse every visitor
    of a deploy or a proxy.
    """
    if allowed_hosts:
        return None
    text = address.strip() if isinstance(address, str) else ""
    parsed = parse_address(text)
    if text.lower() == "localhost" or (parsed is not None and parsed.is_loopback):
        return None
    where = f"server.address {text}" if text else "no server.address: every interface"
    return (
        f"the server listens beyond this machine ({where}) and server.allowedHosts is empty, so it "
        "answers a web page on any name that points at it (DNS rebinding); set server.allowedHosts "
        "to the names people type, for example --server.allowedHosts=diary.example.org "
        "(docs/deploy.md, section 2)"
    )
