"""app.py's pages for st.navigation, built once per process and copied for each run.

`st.Page` resolves its file on disk and checks it exists, and a run builds every page of the
navigation: seventeen pages on every rerun of every session. The pages never change while the
server runs (a deploy that leaves one out does so before it starts), so they are built once.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.navigation import PageSpec, existing_pages
from ui.streamlit_internals import copy_page


def built_page(spec: PageSpec, source: str | Callable[[], None] | None = None) -> st.Page:
    """The st.Page of one page of the navigation; `source` runs in place of its file if given.

    Only the benchmark's frame floor (tests/bench/frame_pages.py) gives a source, so that its
    navigation is built exactly as the app's is.
    """
    return st.Page(
        spec.file if source is None else source,
        title=spec.title,
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec.url_path == "home",
        help=spec.help,
    )


@st.cache_resource(show_spinner=False)
def _built_pages() -> dict[str, st.Page]:
    """Every existing page's st.Page, by its file ("pages/assess.py"), in the navigation's order."""
    return {spec.file: built_page(spec) for spec in existing_pages()}


def navigation_sections() -> dict[str, list[st.Page]]:
    """Every existing page by sidebar section, as fresh copies this run's st.navigation may pick from."""
    built = _built_pages()
    sections: dict[str, list[st.Page]] = {}
    for spec in existing_pages():
        sections.setdefault(spec.section, []).append(copy_page(built[spec.file]))
    return sections


def page_link(file: str, *, label: str, icon: str, within: DeltaGenerator | None = None) -> None:
    """st.page_link to the app's page for a file such as "pages/assess.py", with no tooltip.

    st.page_link given a file name resolves it on disk on every call; given the page, it only
    reads it (and would show the page's help as a tooltip, unless told not to).
    """
    (within or st).page_link(app_page(file), label=label, icon=icon, help="")


def app_page(file: str) -> st.Page:
    """The app's built page for a file (KeyError if this copy leaves it out); never run, so shared."""
    return _built_pages()[file]


# The pages that set their own layout on every run (wide as a projector, centred otherwise).
OWN_LAYOUT = frozenset({"workshop", "session"})
