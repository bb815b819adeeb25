"""The four places Back in Action reaches inside Streamlit, gathered so an upgrade finds them at once.

None of these is public API. Streamlit is pinned in requirements.txt, and
tests/test_streamlit_internals.py fails loudly, naming the piece, on a version where one of them
no longer works as used here.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

# 3. Streamlit's own DataFrame-to-Arrow converter: datasets given as Arrow bytes are sent to the
#    browser as they are, so converting once per diary saves that work on every run.
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

# 2. The session's client context: the raw TCP peer, which st.context.ip_address hides for
#    loopback clients (it says None for them, as it does when there is no client at all).
from streamlit.runtime.context import _get_client_context

# 1. The legacy pages/ router's switch. It is the only thing that tells a page it was run by that
#    router (a cold deep link on a fresh server) instead of by app.py's st.navigation.
from streamlit.runtime.pages_manager import PagesManager


def legacy_router_ran_this_page() -> bool:
    """True while the legacy pages/ router, not app.py, routes this process's pages."""
    return bool(PagesManager.uses_pages_directory)


def turn_off_legacy_router() -> None:
    """From now on, this process routes every page through app.py's st.navigation."""
    PagesManager.uses_pages_directory = False


def client_peer_address() -> str | None:
    """The session's TCP peer as Streamlit received it ('::ffff:127.0.0.1', say); None without one."""
    client = _get_client_context()
    peer: Any = getattr(client, "remote_ip", None) if client is not None else None
    return peer if isinstance(peer, str) else None


def to_arrow_bytes(rows: Any) -> bytes:
    """Rows (a list of dicts, as Altair writes datasets) in the Arrow form Streamlit sends."""
    return convert_anything_to_arrow_bytes(rows)


# 4. A Page object as st.Page builds it: plain attributes, one of which (whether st.navigation
#    picked it to run) changes during a run. app.py builds its pages once per process and gives
#    each run copies (ui/router.py), instead of resolving every page's file again on every run.
def copy_page(page: st.Page) -> st.Page:
    """A fresh copy of a page built by st.Page, for one run's st.navigation."""
    return copy.copy(page)
