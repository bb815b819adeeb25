"""Back in Action: page config, the shared frame and the router. Pages live in pages/."""

import streamlit as st

import ui.startup  # noqa: F401  # once per process: load heavy libraries, freeze them out of the GC's way
from ui.frame import render_frame
from ui.navigation import existing_pages
from ui.site import checked_site_config

config = checked_site_config()
# The favicon is a local file: a Material icon here would be fetched from Google's font servers.
st.set_page_config(page_title=config.name, page_icon=str(config.favicon_path), layout="centered")

sections: dict[str, list[st.Page]] = {}
for spec in existing_pages():
    sections.setdefault(spec.section, []).append(
        st.Page(
            spec.file,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.url_path == "home",
            help=spec.help,
        )
    )
page = st.navigation(sections, position="sidebar")
render_frame(config)
page.run()
