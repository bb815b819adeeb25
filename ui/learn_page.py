"""One small renderer for the Learn pages: title, summary, body, "Check yourself" and sources."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType

import streamlit as st

from rehab_core.knowledge_checks import headings
from rehab_core.learn import LearnPage, learn_page
from ui.knowledge_checks import render_checks


def render_sources(page: LearnPage) -> None:
    """Where the page's facts come from, and when a person last checked them."""
    st.subheader("Sources", divider="gray")
    sources = "\n".join(f"- [{source.name}]({source.url})" for source in page.sources)
    # Plain text, not st.caption: the caption's grey fails colour contrast on the light theme.
    # One element for both: each element is work on every run (docs/performance.md).
    st.markdown(
        f"{sources}\n\nLast reviewed {page.last_reviewed:%d %B %Y}. This page teaches; it does not "
        "diagnose. Put in our own words from the sources above."
    )


def render_learn_page(
    slug: str,
    *,
    before_body: Callable[[LearnPage], None] | None = None,
    after_body: Callable[[LearnPage], None] | None = None,
) -> LearnPage:
    """Show a Learn page: title, summary, body, its "Check yourself" questions, then its sources.

    A page that adds more than text (a chart, a filter, a list from the catalogue) passes
    before_body or after_body, so its extras sit inside the page and above the questions.
    """
    page = learn_page(slug)
    if before_body is None:
        st.markdown(opening(slug))
    else:
        st.markdown(f"# {page.title}\n\n**{page.summary}**")
        before_body(page)
        st.markdown(page.body)
    if after_body is not None:
        after_body(page)
    if page.checks:
        render_checks(page.checks, body_headings(slug))
    render_sources(page)
    return page


@functools.cache
def opening(slug: str) -> str:
    """The page's title, summary and body as one Markdown block, made once per process.

    The title is the block's level-1 heading, which looks as `st.title` draws it (Chromium at 390,
    320 and 1280 px): one element a run where there were two (see render_sources).
    """
    page = learn_page(slug)
    return f"# {page.title}\n\n**{page.summary}**\n\n{page.body}"


@functools.cache
def body_headings(slug: str) -> Mapping[str, str]:
    """The body's headings by anchor, for the questions' links back to them: one read-only copy."""
    return MappingProxyType(headings(learn_page(slug).body))
