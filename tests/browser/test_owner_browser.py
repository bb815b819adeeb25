"""Local mode's diary belongs to its owner's browser, not to the network path (issue 24, item 2).

The owner opens the address `make run` prints and gets their diary; the secret leaves the address
bar at once. Every other way in that arrives from 127.0.0.1 gets a diary of its own tab: a page on
a name that resolves to 127.0.0.1 (DNS rebinding, here by Chromium's --host-resolver-rules), a
tunnel on this machine that passes the public name and no forwarding header (a plain TCP relay,
as socat or an SSH tunnel is), and a page on another local port opening the app's WebSocket (at
the handshake, with the owner's cookie, as the browser would send it).
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from rehab_core.database import open_engine
from rehab_core.demo import demo_check_ins
from rehab_core.owner import OWNER_PARAMETER, owner_cookie_name
from rehab_core.store import SqlDiary
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, DESKTOP, NewBrowserPage, wait_for_app
from tests.fixtures.header_proxy import header_proxy
from tests.fixtures.server import (
    APP_DIR,
    OWNER_TOKEN_VARIABLE,
    TEST_OWNER_TOKEN,
    AppServer,
    AppServerFactory,
    owner_cookies,
    running_app,
)
from ui.storage import LOCAL_OWNER, NOT_LOCAL_NOTICE

pytestmark = pytest.mark.browser

NO_DIARY = "No check-ins yet"
REBINDING_NAME = "evil.example"  # any page on the web whose name its owner points at 127.0.0.1
PUBLIC_NAME = "diary.example.org"  # the name a tunnel or reverse proxy is reached by
# Only these two names resolve, to loopback; every other name fails, so nothing leaves the machine.
RESOLVER_RULES = (
    f"MAP {REBINDING_NAME} 127.0.0.1, MAP {PUBLIC_NAME} 127.0.0.1, "
    "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
)
PRINTED_ADDRESS = re.compile(r"http://\S+[?&]" + OWNER_PARAMETER + r"=[A-Za-z0-9_-]+")


def owner_diary(database: Path) -> str:
    """A SQLite diary holding the owner's check-ins; its URL."""
    url = f"sqlite:///{database}"
    engine = open_engine(url)
    try:
        SqlDiary(engine).import_check_ins(LOCAL_OWNER, demo_check_ins(LOCAL_OWNER))
    finally:
        engine.dispose()
    return url


def owner_diary_server(app_server: AppServerFactory, tmp_path: Path) -> AppServer:
    url = owner_diary(tmp_path / "owner.sqlite3")
    return app_server(env={"BACK_IN_ACTION_STORAGE_MODE": "local", "BACK_IN_ACTION_DATABASE_URL": url})


def assert_sees_owner_diary(page: Page) -> None:
    wait_for_app(page)
    expect(page.get_by_role("heading", name="My progress", level=1)).to_be_visible()
    assert page.get_by_text(NO_DIARY).count() == 0
    assert page.get_by_text(NOT_LOCAL_NOTICE).count() == 0
    expect(page.get_by_text("Days logged")).to_be_visible()  # the owner's check-ins are drawn


def assert_gets_session_diary(page: Page) -> None:
    wait_for_app(page)
    expect(page.get_by_text(NOT_LOCAL_NOTICE)).to_be_visible()
    expect(page.get_by_text(NO_DIARY)).to_be_visible()


@pytest.fixture(scope="module")
def resolving_chromium(playwright_instance: Playwright) -> Iterator[Browser]:
    """Chromium that resolves the rebinding name and the public name to 127.0.0.1, and nothing else."""
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules={RESOLVER_RULES}"]
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def resolving_page(
    resolving_chromium: Browser, app_server: AppServerFactory
) -> Iterator[Callable[..., Page]]:
    """A page of the resolving browser in a fresh context holding the owner's cookie for `hosts`.

    It depends on app_server so that the contexts close before the test's servers stop.
    """
    contexts: list[BrowserContext] = []

    def open_(hosts: Sequence[str]) -> Page:
        context = resolving_chromium.new_context(viewport=DESKTOP)
        contexts.append(context)
        context.add_cookies(owner_cookies(hosts))  # type: ignore[arg-type]
        return context.new_page()

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


@contextmanager
def served_as_make_run(tmp_path: Path) -> Iterator[AppServer]:
    """The app as `make run` serves it, in local mode on the owner's diary: serve.py, the secret
    made on first start in a file beside the diary (tmp_path/owner-token)."""
    env = {
        "BACK_IN_ACTION_STORAGE_MODE": "local",
        "BACK_IN_ACTION_DATABASE_URL": owner_diary(tmp_path / "diary.sqlite3"),
        OWNER_TOKEN_VARIABLE: "",
    }
    with running_app(env=env, work_dir=tmp_path, script=APP_DIR / "serve.py") as server:
        yield server


def test_the_owner_opening_the_printed_address_gets_their_diary_and_the_secret_leaves_the_address(
    new_browser_page: NewBrowserPage, tmp_path: Path
) -> None:
    with served_as_make_run(tmp_path) as server:
        deadline = time.monotonic() + 10
        while not (printed := PRINTED_ADDRESS.search(server.log())) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert printed, f"no owner's address in the server's output:\n{server.log()}"
        token = (tmp_path / "owner-token").read_text().strip()
        assert printed.group(0) == f"{server.url}/?{OWNER_PARAMETER}={token}"

        owner = new_browser_page(owner=False).page
        owner.goto(printed.group(0).replace(f"{server.url}/", f"{server.url}/progress"))
        assert_sees_owner_diary(owner)
        assert owner.url == server.page_url("progress")  # the secret is gone from the address bar
        assert token not in owner.evaluate("document.location.href + document.referrer")
        cookie = next(item for item in owner.context.cookies() if item["name"] == owner_cookie_name(token))
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        owner.goto(server.page_url("progress"))  # and the browser keeps it
        assert_sees_owner_diary(owner)

        stranger = new_browser_page(owner=False).page
        stranger.goto(server.page_url("progress"))
        assert_gets_session_diary(stranger)

        guesser = new_browser_page(owner=False).page
        guesser.goto(server.page_url("progress", f"{OWNER_PARAMETER}=guess"))
        assert_gets_session_diary(guesser)
        assert guesser.url == server.page_url("progress")


def test_a_page_on_a_name_that_resolves_to_this_machine_gets_a_tab_diary_in_the_owners_own_browser(
    app_server: AppServerFactory, resolving_page: Callable[..., Page], tmp_path: Path
) -> None:
    # DNS rebinding: the owner's own browser, holding the owner's cookie, visits a page on the web
    # whose name now resolves to 127.0.0.1 and reaches the app's port.
    server = owner_diary_server(app_server, tmp_path)
    page = resolving_page(("127.0.0.1", "localhost"))
    page.goto(f"http://{REBINDING_NAME}:{server.port}/progress")
    assert_gets_session_diary(page)
    page.goto(server.page_url("progress"))  # the same browser at the owner's own address
    assert_sees_owner_diary(page)


def test_a_visitor_through_a_tunnel_that_passes_the_public_name_and_no_forwarding_header_gets_a_tab_diary(
    app_server: AppServerFactory, resolving_page: Callable[..., Page], tmp_path: Path
) -> None:
    # A tunnel or plain relay on this machine (socat, ssh -R, a proxy_pass without headers): the app
    # sees 127.0.0.1 and nothing else but the name the visitor used. Even a cookie with the owner's
    # secret for that name does not make a public name this machine.
    server = owner_diary_server(app_server, tmp_path)
    with header_proxy(server.port, []) as relay:
        page = resolving_page((PUBLIC_NAME,))
        page.goto(f"http://{PUBLIC_NAME}:{relay.port}/progress")
        assert_gets_session_diary(page)
        assert relay.connections > 0
        page.context.close()  # before the relay stops


def rendered_text(server: AppServer, origin: str, cookie: str) -> bytes:
    """Everything one run of My progress sends to a client that opens the app's WebSocket at
    localhost:<port> (connecting to 127.0.0.1) with this Origin and owner's cookie, as a browser would.
    """
    headers = {"Origin": origin, "Cookie": f"{owner_cookie_name(TEST_OWNER_TOKEN)}={cookie}"}
    tcp = socket.create_connection(("127.0.0.1", server.port), timeout=20)
    received = b""
    with connect(
        f"ws://localhost:{server.port}/_stcore/stream",
        sock=tcp,
        additional_headers=headers,
        subprotocols=["streamlit"],  # type: ignore[list-item]
        open_timeout=20,
    ) as websocket:
        rerun = BackMsg()
        rerun.rerun_script.page_name = "progress"
        websocket.send(rerun.SerializeToString())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            data = websocket.recv(timeout=60)
            assert isinstance(data, bytes)
            received += data
            message = ForwardMsg.FromString(data)
            if message.WhichOneof("type") != "script_finished":
                continue
            # A run that ends early for a rerun (the app's own first-visit rerun) is followed by one
            # that finishes.
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return received
    raise AssertionError("the run of My progress did not finish")


def test_a_page_on_another_local_port_cannot_drive_the_owners_diary_even_with_the_owners_cookie(
    app_server: AppServerFactory, tmp_path: Path
) -> None:
    # A page served by this machine on port 3000 is the same site as localhost:<app> for the
    # browser's cookies, so its WebSocket to the app carries the owner's cookie; its Origin tells.
    server = owner_diary_server(app_server, tmp_path)
    own = rendered_text(server, f"http://localhost:{server.port}", TEST_OWNER_TOKEN)
    assert b"Days logged" in own and NOT_LOCAL_NOTICE[:40].encode() not in own
    other_port = rendered_text(server, "http://localhost:3000", TEST_OWNER_TOKEN)
    assert NOT_LOCAL_NOTICE[:40].encode() in other_port
    assert b"Days logged" not in other_port
    without_cookie = rendered_text(server, f"http://localhost:{server.port}", "guess")
    assert NOT_LOCAL_NOTICE[:40].encode() in without_cookie


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _answer(url: str) -> tuple[int, Message]:
    """The status and headers of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers


def test_the_secret_spelled_with_a_percent_escape_still_leaves_the_address_and_other_modes_ignore_it(
    tmp_path: Path,
) -> None:
    with served_as_make_run(tmp_path) as server:
        token = (tmp_path / "owner-token").read_text().strip()
        status, headers = _answer(server.page_url("progress", f"%6Fwner={token}"))
        assert status == 303 and headers["Location"] == "/progress"
        assert owner_cookie_name(token) in headers["Set-Cookie"]
    # In session mode there is no owner: the parameter is nobody's, and no secret file is made.
    session_dir = tmp_path / "session"
    session_dir.mkdir()
    session_env = {"BACK_IN_ACTION_STORAGE_MODE": "session", OWNER_TOKEN_VARIABLE: ""}
    with running_app(env=session_env, work_dir=session_dir, script=APP_DIR / "serve.py") as server:
        status, headers = _answer(server.page_url("progress", f"{OWNER_PARAMETER}=anything"))
        assert status == 200 and "Set-Cookie" not in headers
        assert not (session_dir / "owner-token").exists()
