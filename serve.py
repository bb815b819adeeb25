"""The server of Back in Action: `streamlit run serve.py` (what `make run` does) serves app.py.

It adds what a plain `streamlit run app.py` cannot: checks that run when the server starts,
before the first page. Streamlit settings the app depends on (.streamlit/config.toml) that are
missing or wrong stop the server, naming the file. Content and setting faults (a missing Learn
page or drawing, a bad room capacity, a malformed secrets file) are logged, every page shows them
instead of running, and /_stcore/health answers 503 with them, so a container's health check
fails until they are fixed.

It also hands the owner their diary in local mode: it prints, once at start, the address that
carries this install's secret (`http://127.0.0.1:8501/?owner=...`); opening it sets a cookie
in that browser and sends it on to the same page without the secret in the address bar
(rehab_core.owner says why local mode needs more than a loopback address).
"""

import faulthandler
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse, RedirectResponse
from streamlit import config as streamlit_config

from rehab_core.config import site, wide_trusted_proxies
from rehab_core.owner import allowed_hosts_warning, owner_address, owner_redirect
from rehab_core.setup_checks import REQUIRED_OPTIONS, setup_problems, streamlit_config_problems
from rehab_core.store import StoreUnavailable
from ui.navigation import existing_pages
from ui.site import secrets_files
from ui.storage import owner_token

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEALTH_PATH = "/_stcore/health"
# The app's own Streamlit settings, beside this file (Streamlit reads it last, over the others).
APP_CONFIG = Path(__file__).with_name(".streamlit") / "config.toml"
_LOG = logging.getLogger("back_in_action.setup")
# The faults found when the server started; empty when all is well.
PROBLEMS: list[str] = []


class SetupHealth:
    """Middleware: /_stcore/health answers 503 with the set-up faults while there are any."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if PROBLEMS and scope["type"] == "http" and str(scope.get("path", "")).endswith(HEALTH_PATH):
            body = "Back in Action is not set up right:\n" + "\n".join(PROBLEMS)
            response = PlainTextResponse(body, status_code=503, headers={"Cache-Control": "no-cache"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class OwnerLink:
    """Middleware: `?owner=<token>` on any page sets the owner's cookie and drops the token from the address.

    A right token gets the cookie; a wrong one does not. Either way the browser is sent to the
    same address without it, so the secret never stays in the address bar, the history, a
    bookmark or a screenshot. Without a token the request passes untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"")
        if scope["type"] == "http" and scope.get("method") in {"GET", "HEAD"} and b"owner=" in query:
            path = str(scope.get("root_path", "")) + str(scope.get("path", "/"))
            found = owner_redirect(path, query.decode("latin-1"), _owner_token_or_empty())
            if found is not None:
                location, cookie = found
                response = RedirectResponse(location, status_code=303)
                response.headers["Cache-Control"] = "no-store"
                response.headers["Referrer-Policy"] = "no-referrer"
                if cookie is not None:
                    response.headers["Set-Cookie"] = cookie
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _owner_token_or_empty() -> str:
    """The owner's token; "" (which matches nothing) when it cannot be had: the start-up log says why."""
    try:
        return owner_token()
    except Exception:
        return ""


def _greet_owner() -> str | None:
    """In local mode, print the address that opens the owner's diary, where the person running the
    app sees it; the set-up problem when the owner's secret cannot be had (None when all is well).
    """
    try:
        if site().storage_mode != "local":
            return None
    except Exception:  # a broken site file is already a set-up problem
        return None
    try:
        token = owner_token()
    except StoreUnavailable as error:
        return str(error)
    host = str(st.get_option("server.address") or "localhost")
    if host in {"0.0.0.0", "::", "[::]"}:
        host = "localhost"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    base = f"http://{host}:{st.get_option('server.port')}"
    base_path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base_path:
        base += f"/{base_path}"
    print(  # for the person at the terminal, not the log
        "\n  Your own diary (keep this address to yourself; open it once in your browser):\n"
        f"  {owner_address(base, token)}\n",
        flush=True,
    )
    return None


def check_at_start() -> None:
    """Stop on wrong Streamlit settings; log and keep the content and setting faults."""
    # A fatal signal (SIGBUS when the diary's files are made unwritable under SQLite's shared
    # memory, SIGSEGV) prints where it struck to the log instead of ending the server without a word.
    faulthandler.enable()
    effective = {name: st.get_option(name) for name in REQUIRED_OPTIONS}
    read_files = [Path(name) for name in streamlit_config.get_config_files("config.toml")]
    fatal = streamlit_config_problems(APP_CONFIG, read_files, effective)
    if fatal:
        for problem in fatal:
            _LOG.critical("Back in Action cannot start: %s", problem)
        raise SystemExit(78)  # EX_CONFIG
    learn_slugs = [spec.url_path for spec in existing_pages() if spec.section == "Learn"]
    PROBLEMS[:] = setup_problems(os.environ, secrets_files(), learn_slugs)
    owner_problem = _greet_owner()
    if owner_problem:
        PROBLEMS.append(owner_problem)
    for problem in PROBLEMS:
        _LOG.error("Back in Action set-up problem (the health check fails until it is fixed): %s", problem)
    warnings = [] if PROBLEMS else wide_trusted_proxies(site())
    hosts = allowed_hosts_warning(st.get_option("server.address"), st.get_option("server.allowedHosts") or [])
    for warning in [*warnings, *([hosts] if hosts else [])]:
        _LOG.warning("Back in Action: %s", warning)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    check_at_start()
    yield


app = st.App(
    Path(__file__).with_name("app.py"),
    lifespan=lifespan,
    middleware=[Middleware(SetupHealth), Middleware(OwnerLink)],
)
