"""The first call of every page: make sure app.py, not Streamlit's legacy router, frames it.

Kept apart from ui/frame.py and light to import, because a page calls it before its own imports:
until it has run, a cold deep link's sidebar lists the raw file names of pages/.
"""

from __future__ import annotations

import runpy

import streamlit as st

from ui.navigation import APP_DIR
from ui.streamlit_internals import legacy_router_ran_this_page, turn_off_legacy_router


def ensure_entrypoint() -> None:
    """Make sure app.py, not the legacy router, frames this page; call first in every page.

    Because pages/ sits beside app.py, a fresh server routes the first visit to /<page> through
    Streamlit's legacy router, which runs the page without app.py (no frame, no state defaults,
    file names in the navigation). Here the page turns that router off for the process and runs
    app.py in its place, in this same run: app.py's st.navigation picks this very page (every url
    path equals its file name) and runs it inside the frame. Running in place, rather than
    rerunning, keeps the click or form submission that started this run.
    """
    if legacy_router_ran_this_page():
        turn_off_legacy_router()
        runpy.run_path(str(APP_DIR / "app.py"), run_name="__main__")
        st.stop()
