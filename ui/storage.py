"""Who owns the diary on this visit and where it is kept: local, session, account, or the workshop demo."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from rehab_core.client_address import is_local_client
from rehab_core.database import database_url, open_engine
from rehab_core.demo import demo_check_ins
from rehab_core.errors import InvalidInput
from rehab_core.owners import NoIdentity, account_owner
from rehab_core.store import DiaryRepository, MemoryDiary, SqlDiary, StoreUnavailable
from ui.room_state import in_room
from ui.site import site_config
from ui.streamlit_internals import client_peer_address

LOCAL_OWNER = "local"
SESSION_OWNER = "session"
DEMO_OWNER = "demo"
NOT_LOCAL_NOTICE = (
    "This copy of the app keeps diaries only for people on the computer it runs on. "
    "Your diary lives in this browser tab only: export it before you close the tab."
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


def is_loopback_client() -> bool:
    """True only when the visitor is known to be on this machine (see rehab_core.client_address).

    st.context.ip_address hides loopback addresses (it says None for them, as it does when there
    is no client at all), so the raw TCP peer of the session is read instead, as Streamlit itself
    does for its own loopback-only features. No peer (a test harness, the agent API) is not local.
    The headers are those of the session's WebSocket handshake, each value of a repeated header
    kept, and proxy headers count only from the proxies the site file names as trusted.
    """
    headers = st.context.headers
    pairs = [(name, value) for name in headers for value in headers.get_all(name)]
    return is_local_client(client_peer_address(), pairs, site_config().trusted_proxies)


def load_demo() -> None:
    """Load the workshop demo diary into this session only, never into the database."""
    diary = MemoryDiary()
    diary.import_check_ins(DEMO_OWNER, demo_check_ins(DEMO_OWNER))
    st.session_state.demo_diary = diary
    st.session_state.demo_loaded = True


def reset_demo() -> None:
    """Forget the demo diary; the person's own diary is back."""
    st.session_state.pop("demo_diary", None)
    st.session_state.demo_loaded = False
    st.query_params.pop("demo", None)


def _session_diary(notice: str) -> Diary:
    if "session_diary" not in st.session_state:
        st.session_state.session_diary = MemoryDiary()
    return Diary(st.session_state.session_diary, SESSION_OWNER, "session", notice)


def current_diary() -> Diary | None:
    """The diary for this visit, or None when account mode needs the person to sign in first."""
    if st.session_state.get("demo_loaded") and "demo_diary" in st.session_state:
        return Diary(st.session_state.demo_diary, DEMO_OWNER, "demo", "You are looking at demo data.")
    if in_room():  # a workshop participant: no account, no name, nothing kept on the server
        return _session_diary(ROOM_NOTICE)
    mode = site_config().storage_mode
    if mode == "session":
        return _session_diary(SESSION_NOTICE)
    if mode == "local":
        if not is_loopback_client():
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


def render_sign_in(reason: str, key: str = "sign_in") -> None:
    """Account mode without a signed-in person: explain why, and offer sign-in that works here."""
    st.info(reason, icon=":material/lock:")
    if st.context.is_embedded:
        # Identity cookies do not reach a cross-site iframe, so sign-in must happen at top level.
        st.link_button("Open in a new tab to sign in", top_level_url(), icon=":material/open_in_new:")
    else:
        st.button("Sign in", key=key, on_click=st.login, icon=":material/login:")


def top_level_url() -> str:
    """This page's address without the embed options, for opening the app in its own tab."""
    url = st.context.url or "/"
    return url.split("?", 1)[0]


# Whether this run has already told the person about a database problem (the frame and the page
# would otherwise both say it). The frame resets it at the start of every run.
STORE_PROBLEM_SHOWN = "store_problem_shown"


def start_run() -> None:
    """Called by the frame first in every run: nothing about the database has been said yet."""
    st.session_state[STORE_PROBLEM_SHOWN] = False


def show_store_problem(error: StoreUnavailable) -> None:
    """Tell the person once per run; the wording and icon say whether waiting will help."""
    if st.session_state.get(STORE_PROBLEM_SHOWN):
        return
    st.session_state[STORE_PROBLEM_SHOWN] = True
    if getattr(error, "temporary", True):
        st.warning(str(error), icon=":material/hourglass_top:")
    else:
        st.error(str(error), icon=":material/build:")


@contextmanager
def diary_guard() -> Iterator[None]:
    """Database trouble becomes one message (see show_store_problem) and ends this run."""
    try:
        yield
    except StoreUnavailable as error:
        show_store_problem(error)
        st.stop()


def require_diary(reason: str) -> Diary:
    """This visit's diary; without one (account mode, signed out) the sign-in offer ends the run."""
    with diary_guard():
        diary = current_diary()
    if diary is None:
        render_sign_in(reason)
        st.stop()
    return diary
