"""The nginx in front of the replicas (tests/fixtures/nginx.py), against two tiny loopback servers.

What Streamlit needs from the balancer, checked without Streamlit: a browser's requests all reach
one replica once it has the sticky cookie, different browsers spread over both replicas, a client
that sends no cookie stays on one replica by its address, and every answer names its replica.
"""

from __future__ import annotations

import http.cookiejar
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.fixtures.nginx import (
    REPLICA_HEADER,
    STICKY_COOKIE,
    Nginx,
    nginx_config,
    running_nginx,
    upstreams_of,
)


class _NameHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.name.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the base class names it so
        pass


@pytest.fixture
def two_replicas() -> Iterator[list[int]]:
    """Two loopback HTTP servers that answer every request with their own name."""
    servers = []
    for name in ("first", "second"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _NameHandler)
        server.name = name  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        yield [int(server.server_address[1]) for server in servers]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def balancer(two_replicas: list[int]) -> Iterator[Nginx]:
    with running_nginx(two_replicas) as nginx:
        yield nginx


def browser() -> urllib.request.OpenerDirector:
    """A client that keeps cookies, as a browser tab does."""
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[str, str]:
    with opener.open(url, timeout=10) as response:
        return response.read().decode(), str(response.headers[REPLICA_HEADER])


def test_a_browser_keeps_to_one_replica_and_browsers_spread_over_both(balancer: Nginx) -> None:
    seen: set[str] = set()
    for _ in range(24):
        tab = browser()
        fetch(tab, balancer.url)  # the first answer gives the sticky cookie
        names = {fetch(tab, f"{balancer.url}/_stcore/stream?n={n}")[0] for n in range(5)}
        assert len(names) == 1, f"one browser reached {names}"
        seen |= names
    assert seen == {"first", "second"}


def test_every_answer_names_its_replica_and_the_log_counts_each_replicas_requests(
    balancer: Nginx, two_replicas: list[int]
) -> None:
    for _ in range(16):
        name, replica = fetch(browser(), f"{balancer.url}/_stcore/stream")
        assert replica == f"127.0.0.1:{two_replicas[0 if name == 'first' else 1]}"

    # nginx writes a request's log line after its answer has gone: wait for the last one (bounded).
    deadline = time.monotonic() + 10
    while sum((by_replica := balancer.streams_by_replica()).values()) < 16 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sum(by_replica.values()) == 16
    assert set(by_replica) <= {f"127.0.0.1:{port}" for port in two_replicas}


def test_a_client_that_sends_no_cookie_stays_on_one_replica_by_its_address(balancer: Nginx) -> None:
    plain = urllib.request.build_opener()  # keeps no cookies, like a cross-site iframe
    names = {fetch(plain, f"{balancer.url}/page/{n}")[0] for n in range(12)}
    assert len(names) == 1


def test_the_sticky_cookie_is_given_once_and_then_kept(balancer: Nginx) -> None:
    tab = browser()
    with tab.open(balancer.url, timeout=10) as first:
        assert STICKY_COOKIE in (first.headers["Set-Cookie"] or "")
    with tab.open(balancer.url, timeout=10) as again:
        assert again.headers["Set-Cookie"] is None


def test_the_config_names_every_replica_and_keeps_every_file_in_its_own_folder(tmp_path: Path) -> None:
    conf = nginx_config(tmp_path, 8080, [9001, 9002])
    assert "server 127.0.0.1:9001;" in conf and "server 127.0.0.1:9002;" in conf
    assert "daemon off;" in conf and "hash $balance_key consistent;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    paths = [
        line.split()[1].rstrip(";")
        for line in conf.splitlines()
        if line.strip().startswith(("pid ", "error_log ", "access_log ")) or "_temp_path " in line
    ]
    assert paths and all(path.startswith(str(tmp_path)) for path in paths)
    with pytest.raises(ValueError, match="at least one replica"):
        nginx_config(tmp_path, 8080, [])


def test_the_access_log_is_counted_by_replica_for_one_path_only() -> None:
    log = "\n".join(
        [
            '127.0.0.1 "GET /_stcore/stream HTTP/1.1" 101 upstream=127.0.0.1:1 route=a',
            '127.0.0.1 "GET /_stcore/stream HTTP/1.1" 101 upstream=127.0.0.1:2 route=b',
            '127.0.0.1 "GET /_stcore/stream HTTP/1.1" 101 upstream=127.0.0.1:2 route=c',
            '127.0.0.1 "GET /static/x.js HTTP/1.1" 200 upstream=127.0.0.1:1 route=a',
            '127.0.0.1 "GET /_stcore/stream HTTP/1.1" 502 upstream=- route=d',
        ]
    )
    assert upstreams_of(log, "/_stcore/stream") == {"127.0.0.1:1": 1, "127.0.0.1:2": 2}
