"""Who owns the diary on this visit and where it is kept: local, session, account, or the workshop demo.

The demo diary itself is ui/demo.py's, sign-in is ui/sign_in.py's, and telling the person about a
database problem is ui/store_errors.py's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from rehab_core.database import database_url, open_engine
from rehab_core.demo import DEMO_OWNER
from rehab_core.errors import InvalidInput
from rehab_core.owner import OWNER_COOKIE_PREFIX, is_owner_visit, token_path
from rehab_core.owner import owner_token as read_owner_token
from rehab_core.owners import NoIdentity, account_owner
from rehab_core.store import DiaryRepository, MemoryDiary, SqlDiary, StoreUnavailable
from ui import state
from ui.demo import demo_diary
from ui.room_state import in_room
from ui.sign_in import render_sign_in
from ui.site import site_config
from ui.store_errors import diary_guard
from ui.streamlit_internals import client_peer_address

LOCAL_OWNER = "local"
SESSION_OWNER = "session"
# A diary kept in this browser tab only (session mode, a visitor from elsewhere, a workshop room).
SESSION_DIARY = state.declare("session_diary", MemoryDiary, __name__)
NOT_LOCAL_NOTICE = (
    "This copy of the app keeps its diary for the person who started it, on their own computer. "
    "If that is you, open in this browser the address shown when the app started (after "
    '"Your own diary", ending in ?owner= and a long code). Until then, your diary lives in this '
    "browser tab only: export it before you close the tab."
)
ROOM_NOTICE = (
    "In a workshop room your diary lives in this browser tab only. "
    "Export it before you close the tab to keep it."
)
SESSION_NOTICE = "Your diary lives in this browser tab only. Export it before you close the tab to keep it."


@dataclass(frozen=True)
class Diary:
    """The diary of this visit: where it is kept, whose it is, and what the person should know."""

    repository: DiaryRepository
    owner: str
    mode: str  # "local", "session", "account" or "demo"
    notice: str = ""


def _secrets() -> Mapping[str, Any]:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets file, or a malformed one: neither may hide the diary behind a traceback
        return {}


@st.cache_resource(show_spinner=False)
def shared_engine(url: str) -> Engine:
    """One engine (and connection pool) per database for the whole server process."""
    return open_engine(url)


DATABASE_SETTING = (
    "the database setting (BACK_IN_ACTION_DATABASE_URL, or database_url in .streamlit/secrets.toml)"
)


def diary_engine() -> Engine:
    """The engine of this deploy's diary database; a setting that cannot work is a StoreUnavailable.

    A garbled or unsupported database URL, or a SQLite folder that cannot be made, does not get
    better by waiting: it is reported (temporary=False) naming the setting, instead of a traceback.
    """
    url = database_url(secrets=_secrets())
    try:
        return shared_engine(url)
    except InvalidInput as error:
        raise StoreUnavailable(
            f"The diary cannot be opened: {DATABASE_SETTING} needs fixing. {error}", temporary=False
        ) from None
    except (ArgumentError, NoSuchModuleError):
        raise StoreUnavailable(
            f"The diary cannot be opened: {DATABASE_SETTING} names a database driver this app does "
            "not have; use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/database.",
            temporary=False,
        ) from None
    except OSError as error:  # the SQLite file's folder cannot be made or used
        where = f" ({error.filename})" if error.filename else ""
        raise StoreUnavailable(
            f"The diary cannot be opened: the folder for its SQLite file cannot be created or used{where}: "
            f"{error.strerror or error}. Fix {DATABASE_SETTING}, or the folder's permissions.",
            temporary=False,
        ) from None


@st.cache_resource(show_spinner=False)
def owner_token() -> str:
    """The owner's secret for this install (rehab_core.owner): the setting, or its file beside the diary.

    Made once, the first time it is needed (serve.py asks when the server starts, so `make run`
    can print the address that carries it). A file that cannot be made or read is a
    StoreUnavailable naming it, as a diary folder that cannot be used is.
    """
    try:
        return read_owner_token(token_path(database_url(secrets=_secrets())))
    except InvalidInput as error:
        raise StoreUnavailable(f"The owner's diary cannot be opened: {error}", temporary=False) from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise StoreUnavailable(
            f"The owner's diary cannot be opened: the file that keeps its secret cannot be made or "
            f"read{where}: {error.strerror or error}. Fix the folder's permissions.",
            temporary=False,
        ) from None


def is_owner_browser() -> bool:
    """True only for the owner's own browser on this machine (see rehab_core.owner).

    st.context.ip_address hides loopback addresses (it says None for them, as it does when there
    is no client at all), so the raw TCP peer of the session is read instead, as Streamlit itself
    does for its own loopback-only features. No peer (a test harness, the agent API) is not local.
    The headers (Host, Origin, proxy headers) and cookies are those of the session's WebSocket
    handshake, each value of a repeated header kept, and proxy headers count only from the
    proxies the site file names as trusted.
    """
    headers = st.context.headers
    pairs = [(name, value) for name in headers for value in headers.get_all(name)]
    cookies = dict(st.context.cookies)
    if not any(name.startswith(OWNER_COOKIE_PREFIX) for name in cookies):  # a stranger: no secret needed
        return False
    return is_owner_visit(client_peer_address(), pairs, cookies, owner_token(), site_config().trusted_proxies)


def _session_diary(notice: str) -> Diary:
    return Diary(SESSION_DIARY.get(), SESSION_OWNER, "session", notice)


def current_diary() -> Diary | None:
    """The diary for this visit, or None when account mode needs the person to sign in first."""
    demo = demo_diary()
    if demo is not None:
        return Diary(demo, DEMO_OWNER, "demo", "You are looking at demo data.")
    if in_room():  # a workshop participant: no account, no name, nothing kept on the server
        return _session_diary(ROOM_NOTICE)
    mode = site_config().storage_mode
    if mode == "session":
        return _session_diary(SESSION_NOTICE)
    if mode == "local":
        if not is_owner_browser():
            return _session_diary(NOT_LOCAL_NOTICE)
        return Diary(SqlDiary(diary_engine()), LOCAL_OWNER, "local")
    if not st.user.is_logged_in:
        return None
    try:
        owner = account_owner(st.user.get("sub"), st.user.get("email"))
    except NoIdentity as error:
        # Not the database's fault, but it ends the same way: no diary this run, one message, and
        # the sidebar's Sign out button is there to try again.
        raise StoreUnavailable(str(error), temporary=False) from None
    return Diary(SqlDiary(diary_engine()), owner, "account")


def require_diary(reason: str) -> Diary:
    """This visit's diary; without one (account mode, signed out) the sign-in offer ends the run."""
    with diary_guard():
        diary = current_diary()
    if diary is None:
        render_sign_in(reason)
        st.stop()
    return diary
