"""The frame floor: Back in Action's shared frame around the minimal app's title and slider.

Every page of Back in Action runs inside the same frame (app.py): the page config, the navigation
of every page, the sidebar's branding and demo controls, the focus style and the safety notice.
This app runs that frame exactly as app.py does, with every page in its navigation, but its default
page holds only what the minimal app holds. Measured beside the minimal app, it shows what the
frame alone costs, before any page adds its own content: the least any page of the app can cost.

It runs from this folder, as the minimal app does, so it gets the project's settings as flags;
the other pages are built from their files in the repository, and only this default page is run.
"""

import sys
from pathlib import Path

import streamlit as st

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY))  # the repository, for ui

from ui.entrypoint import switch_on_own_navigation  # noqa: E402
from ui.navigation import existing_pages  # noqa: E402
from ui.site import checked_site_config, image_source  # noqa: E402
from ui.streamlit_internals import copy_page  # noqa: E402


def minimal_page() -> None:
    """The minimal app's content (tests/bench/minimal_app.py)."""
    st.title("Minimal app")
    st.slider("A number", min_value=0, max_value=100, value=50, key="number")


@st.cache_resource(show_spinner=False)
def built_sections() -> dict[str, list[st.Page]]:
    """The app's navigation, built once as ui/router.py builds it, with Home holding minimal_page."""
    sections: dict[str, list[st.Page]] = {}
    for spec in existing_pages():
        source = minimal_page if spec.url_path == "home" else str(REPOSITORY / spec.file)
        page = st.Page(
            source,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.url_path == "home",
            help=spec.help,
        )
        sections.setdefault(spec.section, []).append(page)
    return sections


switch_on_own_navigation()
config = checked_site_config()
st.set_page_config(page_title=config.name, page_icon=image_source(config.favicon_path), layout="centered")
page = st.navigation(
    {section: [copy_page(page) for page in pages] for section, pages in built_sections().items()},
    position="sidebar",
)

import ui.startup  # noqa: E402, F401
from ui.frame import render_frame  # noqa: E402

render_frame(config)
page.run()
