"""The shared frame around every page: branding, links, the safety notice, diary mode and demo data."""

from __future__ import annotations

from types import ModuleType

import streamlit as st

# PagesManager is internal, but it is the only switch that tells a page it was run by Streamlit's
# legacy pages/ router (a cold deep link on a fresh server) instead of by app.py's st.navigation.
from streamlit.runtime.pages_manager import PagesManager

from rehab_core.config import SiteConfig
from ui.site import site_config
from ui.state import init_state

__all__ = ["SAFETY_NOTICE", "ensure_entrypoint", "render_frame", "site_config"]

SAFETY_NOTICE = (
    "Education, not diagnosis. This app does not replace a doctor or physiotherapist. "
    "If you have any warning sign from the safety check, get care now."
)


def ensure_entrypoint() -> None:
    """Make sure app.py, not the legacy router, runs this session; call first in every page.

    Because pages/ sits beside app.py, a fresh server routes the first visit to /<page> through
    Streamlit's legacy router, which skips app.py (and so the frame and state defaults). Turning
    that router off and rerunning sends the visit through app.py's st.navigation instead, to the
    same page, because every url path equals its file name.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def render_frame(config: SiteConfig) -> None:
    """Sidebar branding, links, sign-in and demo controls; the safety notice atop the page."""
    init_state()
    with st.sidebar:
        if config.logo_path is not None:
            st.logo(str(config.logo_path), size="large")
        st.markdown(f"**{config.name}**")
        st.caption(config.tagline)
        links = st.container(horizontal=True)
        if config.contact_url:
            links.link_button("Contact", config.contact_url, icon=":material/mail:")
        if config.booking_url:
            links.link_button("Book a session", config.booking_url, icon=":material/event:")
    st.caption(f":material/health_and_safety: {SAFETY_NOTICE}")


def _storage() -> ModuleType:
    # Imported on use: the diary layer pulls in SQLAlchemy, which Learn-only visits never need.
    import ui.storage

    return ui.storage


def _render_account(config: SiteConfig) -> None:
    if config.storage_mode != "account":
        return
    if st.user.is_logged_in:
        st.caption(f"Signed in as {st.user.get('name') or st.user.get('email') or 'you'}")
        st.button("Sign out", key="sign_out", on_click=st.logout, icon=":material/logout:")
    elif st.context.is_embedded:
        # Identity cookies do not reach a cross-site iframe, so sign-in must happen at top level.
        st.link_button("Open in a new tab to sign in", _top_level_url(), icon=":material/open_in_new:")
    else:
        st.button("Sign in", key="sign_in", on_click=st.login, icon=":material/login:")


def _top_level_url() -> str:
    url = st.context.url or "/"
    return url.split("?", 1)[0]


def _render_demo_controls() -> None:
    with st.expander("Workshop demo", icon=":material/co_present:"):
        if st.session_state.demo_loaded:
            st.caption("Demo data is loaded in this tab only.")
            st.button(
                "Reset demo", key="demo_reset", on_click=_storage().reset_demo, icon=":material/restart_alt:"
            )
        else:
            st.caption("Three weeks of a made-up recovery, in this tab only. Nothing is saved.")
            st.button(
                "Load demo diary",
                key="demo_load",
                on_click=_storage().load_demo,
                icon=":material/play_arrow:",
            )
