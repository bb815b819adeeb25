"""The frame floor's navigation (tests/bench/frame_app.py): the app's pages, Home holding the minimal app."""

from __future__ import annotations

import streamlit as st

from ui.navigation import APP_DIR, existing_pages
from ui.router import built_page


def minimal_page() -> None:
    """The minimal app's content (tests/bench/minimal_app.py)."""
    st.title("Minimal app")
    st.slider("A number", min_value=0, max_value=100, value=50, key="number")


@st.cache_resource(show_spinner=False)
def built_sections() -> dict[str, list[st.Page]]:
    """The app's navigation, built once as ui/router.py builds it, with Home holding minimal_page."""
    sections: dict[str, list[st.Page]] = {}
    for spec in existing_pages():
        # This script runs from tests/bench, so the other pages' files are given in full.
        source = minimal_page if spec.url_path == "home" else str(APP_DIR / spec.file)
        sections.setdefault(spec.section, []).append(built_page(spec, source))
    return sections
