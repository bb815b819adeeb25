"""app.py's pages for st.navigation, built once per process and copied for each run.

`st.Page` resolves its file on disk and checks it exists, and a run builds every page of the
navigation: seventeen pages on every rerun of every session. The pages never change while the
server runs (a deploy that leaves one out does so before it starts), so they are built once.
"""

from __future__ import annotations

import streamlit as st

from ui.navigation import existing_pages
from ui.streamlit_internals import copy_page


@st.cache_resource(show_spinner=False)
def _built_sections() -> dict[str, tuple[st.Page, ...]]:
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
    return {section: tuple(pages) for section, pages in sections.items()}


def navigation_sections() -> dict[str, list[st.Page]]:
    """Every existing page by sidebar section, as fresh copies this run's st.navigation may pick from."""
    return {section: [copy_page(page) for page in pages] for section, pages in _built_sections().items()}
