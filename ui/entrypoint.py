"""The first call of every page: make sure app.py, not Streamlit's legacy router, frames it.

Because pages/ sits beside app.py, a freshly started server runs its first visit through
Streamlit's legacy pages/ router, which lists the raw file names of pages/ in the sidebar.
config.toml starts with the sidebar navigation hidden, so that list never shows, and
`switch_on_own_navigation` turns it on for app.py's own navigation on the process's first run.
Kept apart from ui/frame.py and light to import, because a page calls it before its own imports.
"""

from __future__ import annotations

import runpy

import streamlit as st

from ui.navigation import APP_DIR
from ui.streamlit_internals import legacy_router_ran_this_page, turn_off_legacy_router

SIDEBAR_NAVIGATION = "client.showSidebarNavigation"


def switch_on_own_navigation() -> None:
    """Once per process, first thing in app.py: show the sidebar navigation, app.py's own from now on.

    The legacy router is turned off first, so the run that follows (the rerun sends the browser
    the setting) is app.py's and lists the app's pages by their titles.
    """
    if not st.get_option(SIDEBAR_NAVIGATION):
        turn_off_legacy_router()
        st.set_option(SIDEBAR_NAVIGATION, True)
        st.rerun()


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
