"""The site file and catalogue of this deploy, read once per server process and checked at start-up."""

from __future__ import annotations

import streamlit as st

from rehab_core.catalogue import movements, red_flags
from rehab_core.config import SiteConfig, site
from rehab_core.errors import InvalidInput


@st.cache_data(show_spinner=False)
def site_config() -> SiteConfig:
    """The site file with environment overrides."""
    return site()


def checked_site_config() -> SiteConfig:
    """The site config after checking every content file; a broken file stops the app with its name."""
    try:
        config = site_config()
        movements()
        red_flags()
    except InvalidInput as error:
        st.set_page_config(page_title="Back in Action: set-up problem")
        st.error(
            f"Back in Action cannot start because a content file needs fixing. {error}",
            icon=":material/error:",
        )
        st.stop()
    return config
