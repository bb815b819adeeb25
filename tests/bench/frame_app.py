"""The frame floor: Back in Action's shared frame around the minimal app's title and slider.

Every page of Back in Action runs inside the same frame (app.py): the page config, the navigation
of every page, the sidebar's branding and demo controls, the focus style and the safety notice.
This app runs that frame exactly as app.py does, with every page in its navigation, but its default
page holds only what the minimal app holds. Measured beside the minimal app, it shows what the
frame alone costs, before any page adds its own content: the least any page of the app can cost.

It runs from this folder, as the minimal app does, so it gets the project's settings as flags;
the other pages are built from their files in the repository, and only this default page is run.
The pages are built in a module of their own (tests/bench/frame_pages.py), imported once, as app.py's
are in ui/router.py: a cached function defined in this script would be decorated again on every run,
which costs Streamlit a read of its source each time.
"""

import sys
from pathlib import Path

import streamlit as st

REPOSITORY = Path(__file__).resolve().parents[2]
if str(REPOSITORY) not in sys.path:  # the repository, for ui and tests.bench; once, not every run
    sys.path.insert(0, str(REPOSITORY))

from tests.bench.frame_pages import built_sections  # noqa: E402
from ui.entrypoint import switch_on_own_navigation  # noqa: E402
from ui.site import checked_site_config, image_source, scheme  # noqa: E402
from ui.streamlit_internals import copy_page  # noqa: E402

switch_on_own_navigation()
config = checked_site_config()
st.set_page_config(
    page_title=config.name, page_icon=image_source(config.favicon_path, scheme()), layout="centered"
)
page = st.navigation(
    {section: [copy_page(page) for page in pages] for section, pages in built_sections().items()},
    position="sidebar",
)

import ui.startup  # noqa: E402, F401
from ui.frame import render_frame  # noqa: E402

render_frame(config)
page.run()
