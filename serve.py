"""The server of Back in Action: `streamlit run serve.py` (what `make run` does) serves app.py.

It adds what a plain `streamlit run app.py` cannot: checks that run when the server starts,
before the first page. Streamlit settings the app depends on (.streamlit/config.toml) that are
missing or wrong stop the server, naming the file. Content and setting faults (a missing Learn
page or drawing, a bad room capacity, a malformed secrets file) are logged, every page shows them
instead of running, and /_stcore/health answers 503 with them, so a container's health check
fails until they are fixed.
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
from starlette.responses import PlainTextResponse
from streamlit import config as streamlit_config

from rehab_core.setup_checks import REQUIRED_OPTIONS, setup_problems, streamlit_config_problems
from ui.navigation import existing_pages
from ui.site import secrets_files

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
    for problem in PROBLEMS:
        _LOG.error("Back in Action set-up problem (the health check fails until it is fixed): %s", problem)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    check_at_start()
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=lifespan, middleware=[Middleware(SetupHealth)])
