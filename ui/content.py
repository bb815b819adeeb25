"""One small renderer for the Learn pages: title, summary, Markdown body and sources from content/learn/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from rehab_core.learn import LEARN_DIR, LearnPage, load_page
from rehab_core.spine import spine_chart, vertebrae


@st.cache_data(show_spinner=False)
def learn_page(slug: str) -> LearnPage:
    """The page content/learn/<slug>.md with its placeholders filled, read once per process."""
    return load_page(LEARN_DIR / f"{slug}.md")


def render_sources(page: LearnPage) -> None:
    """Where the page's facts come from, and when a person last checked them."""
    st.subheader("Sources", divider="gray")
    st.markdown("\n".join(f"- [{source.name}]({source.url})" for source in page.sources))
    # Plain text, not st.caption: the caption's grey fails colour contrast on the light theme.
    st.markdown(
        f"Last reviewed {page.last_reviewed:%d %B %Y}. This page teaches; it does not diagnose. "
        "Put in our own words from the sources above."
    )


def render_learn_page(
    slug: str,
    *,
    before_body: Callable[[LearnPage], None] | None = None,
    after_body: Callable[[LearnPage], None] | None = None,
) -> LearnPage:
    """Show a Learn page: title, summary, body, then its sources.

    A page that adds more than text (a chart, a filter, a list from the catalogue) passes
    before_body or after_body, so its extras sit inside the page and above the sources.
    """
    page = learn_page(slug)
    st.title(page.title)
    st.markdown(f"**{page.summary}**")
    if before_body is not None:
        before_body(page)
    st.markdown(page.body)
    if after_body is not None:
        after_body(page)
    render_sources(page)
    return page


@st.cache_data(show_spinner=False)
def spine_spec() -> dict[str, Any]:
    """The spine explorer's Vega-Lite spec: the drawing never changes, so it is built and validated once."""
    return spine_chart(vertebrae()).to_dict()
