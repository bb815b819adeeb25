"""Back in Action: page config, the shared frame and the router. Pages live in pages/."""

import streamlit as st

from ui.entrypoint import switch_on_own_navigation
from ui.router import OWN_LAYOUT, navigation_sections
from ui.site import checked_site_config, image_source, scheme

switch_on_own_navigation()  # once per server process; see ui/entrypoint.py

config = checked_site_config()
# The favicon is a local file: a page's Material icon in its place would be fetched from Google's
# font servers, so the page config comes before the router.
st.set_page_config(page_title=config.name, page_icon=image_source(config.favicon_path, scheme()))
# The router comes before the heavy imports below, so the navigation is on screen at once.
page = st.navigation(navigation_sections(), position="sidebar")
# A page that can be a projector sets its own layout, once a run: a centred layout sent first and
# the wide one after could leave a projector centred when a run was cut short between the two.
if page.url_path not in OWN_LAYOUT:
    st.set_page_config(layout="centered")

import ui.startup  # noqa: E402, F401  # once per process: load heavy libraries, freeze them out of the GC's way
from ui.frame import render_frame  # noqa: E402

render_frame(config)
page.run()
