"""The shared frame around every page: branding, links, the safety notice and state defaults."""

from __future__ import annotations

import streamlit as st

# PagesManager is internal, but it is the only switch that tells a page it was run by Streamlit's
# legacy pages/ router (a cold deep link on a fresh server) instead of by app.py's st.navigation.
from streamlit.runtime.pages_manager import PagesManager

from rehab_core.config import SiteConfig, site
from ui.state import init_state

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


@st.cache_data(show_spinner=False)
def site_config() -> SiteConfig:
    """The site file, read once per process (a broken file stops start-up in app.py)."""
    return site()


def render_frame(config: SiteConfig) -> None:
    """Sidebar branding and links, and the safety notice at the top of the page."""
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
