"""One small renderer for the Learn pages: title, summary, body, "Check yourself" and sources.

It also owns the session's answers to the knowledge checks (one session-state key per prefix) and
the card that the movement library and the stretches page draw for each exercise.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from rehab_core.catalogue import CONTENT_DIR, Movement
from rehab_core.knowledge_checks import KnowledgeCheck, headings, score
from rehab_core.learn import LearnPage, learn_page
from rehab_core.spine import (
    range_of_motion_chart,
    ranges_table,
    region_ranges,
    regions_table,
    spine_chart,
    vertebrae,
)
from rehab_core.stretches import Stretch
from ui import state
from ui.charts import ready_spec, ready_table
from ui.site import svg_data_uri

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
DRAWING_WIDTH_PX, DRAWING_HEIGHT_PX = 240, 160  # the drawings' own size (viewBox 240 x 160)
_STYLE_ELEMENT = re.compile(r"\s*<style>.*?</style>", re.DOTALL)
# The Learn pages' own answers; a workshop room passes a prefix of its own, so its answers and
# widget keys never mix with the Learn pages'.
LEARN_CHECKS = "learn_check"

# on_answer(question, option picked, whether it is right): called once each time a person picks
# an answer, so a workshop room can add it to its counts.
AnswerCallback = Callable[[KnowledgeCheck, str, bool], None]


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
    st.title(page.title)
    if before_body is None:
        st.markdown(f"**{page.summary}**\n\n{page.body}")  # one element: see render_sources
    else:
        st.markdown(f"**{page.summary}**")
        before_body(page)
        st.markdown(page.body)
    if after_body is not None:
        after_body(page)
    if page.checks:
        render_checks(page.checks, headings(page.body))
    render_sources(page)
    return page


# --- Knowledge checks ------------------------------------------------------------------------


_LEARN_ANSWERS: state.Key[dict[str, str]] = state.declare(f"{LEARN_CHECKS}_answers", dict, __name__)


def _answers_key(key_prefix: str) -> state.Key[dict[str, str]]:
    # One set of answers per use of the questions: the Learn pages', a workshop room's (a name
    # per room and round, made at run time: scoped, so the process's registry does not grow).
    if key_prefix == LEARN_CHECKS:
        return _LEARN_ANSWERS
    return state.scoped(f"{key_prefix}_answers", dict, __name__)


def answers(key_prefix: str = LEARN_CHECKS) -> dict[str, str]:
    """This session's answers (question id -> option picked); kept in session state only, never stored."""
    return _answers_key(key_prefix).get()


def _widget_key(check: KnowledgeCheck, key_prefix: str) -> str:
    return f"{key_prefix}__{check.id.replace('/', '__')}"


def _picked(check: KnowledgeCheck, key_prefix: str, on_answer: AnswerCallback | None) -> None:
    option = state.widget_value(_widget_key(check, key_prefix))
    if option is None:
        return
    answers(key_prefix)[check.id] = option
    if on_answer is not None:
        on_answer(check, option, check.is_correct(option))


def _feedback(check: KnowledgeCheck, option: str, heading: str) -> None:
    again = f"[Read “{heading}” again](#{check.anchor})"
    if check.is_correct(option):
        st.success(f"**Right.** {check.explanation} {again}", icon=":material/check_circle:")
    else:
        st.warning(
            f"**Not quite.** The answer is: {check.answer}. {check.explanation} {again}",
            icon=":material/lightbulb:",
        )


def render_checks(
    checks: tuple[KnowledgeCheck, ...],
    page_headings: dict[str, str],
    *,
    key_prefix: str = LEARN_CHECKS,
    on_answer: AnswerCallback | None = None,
    title: str = "Check yourself",
) -> tuple[int, int]:
    """Questions with no answer picked in advance, instant feedback, and "You got N of M".

    page_headings (anchor -> heading text) names the part of the page each answer links back to.
    Returns (answered, right). Answers live in this session only, under key_prefix.
    """
    st.subheader(title, divider="gray")
    given = answers(key_prefix)
    for number, check in enumerate(checks, start=1):
        previous = given.get(check.id)
        option = st.radio(
            f"{number}. {check.prompt}",
            check.options,
            index=check.options.index(previous) if previous in check.options else None,
            key=_widget_key(check, key_prefix),
            on_change=_picked,
            args=(check, key_prefix, on_answer),
        )
        if option is not None:
            _feedback(check, option, page_headings.get(check.anchor, "this part"))
    answered, right = score(checks, given)
    if answered == len(checks):
        st.markdown(f"**You got {right} of {len(checks)}.** Your answers stay in this browser tab only.")
    else:
        st.markdown(
            f"You have answered {answered} of {len(checks)}. Your answers stay in this browser tab only."
        )
    return answered, right


def page_check_status(page: LearnPage, key_prefix: str = LEARN_CHECKS) -> str:
    """How far this session has checked a page: "Not checked yet", "2 of 4 answered", "You got 3 of 4"."""
    answered, right = score(page.checks, answers(key_prefix))
    if not answered:
        return "Not checked yet"
    if answered < len(page.checks):
        return f"{answered} of {len(page.checks)} answered"
    return f"Checked: you got {right} of {len(page.checks)}"


# --- Exercise cards (movement library, stretches) ---------------------------------------------


def exercise_heading(item: Movement | Stretch) -> str:
    heading = f"### {item.name}\n\n*{item.summary}*\n\n**Works:** {item.works}"
    if isinstance(item, Movement):
        heading += f"  \n**Works on:** {item.needs_in_words()}"
    return heading


def exercise_text(item: Movement | Stretch) -> str:
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(item.steps, start=1))
    text = (
        f"**How to do it**\n\n{steps}\n\n"
        f"**What you should feel:** {item.feel}\n\n"
        f"**Stop if:** {item.stop_if}\n\n"
        f"**Easier:** {item.easier}  \n**Harder:** {item.harder}"
    )
    if isinstance(item, Movement) and item.variations:
        ways = "\n".join(f"- {variation}" for variation in item.variations)
        text += f"\n\n**The {len(item.variations)} ways to hold it**\n\n{ways}"
    return text


def render_exercise_card(item: Movement | Stretch, key_prefix: str) -> None:
    """One card: name and what it works, the moving drawing, then the steps, in one Markdown block.

    Each element is work on every run and for the browser (docs/performance.md): columns (the
    drawing beside the words) and an element per paragraph were most of it, and on a phone the
    columns stacked this way anyway.
    """
    with st.container(border=True, key=f"{key_prefix}_{item.id}"):
        st.markdown(exercise_card_markdown(item), unsafe_allow_html=True)


@functools.lru_cache(maxsize=64)
def exercise_card_markdown(item: Movement | Stretch) -> str:
    """The card's Markdown: its words HTML-escaped, so only the drawing's own <picture> is HTML.

    It goes out with unsafe_allow_html for the drawing (see drawing_html); escaping the catalogue's
    words keeps a "<" in a step a "<" instead of the start of a tag. Made once per card and process
    (the drawing file is read then, not on every run).
    """
    heading = html.escape(exercise_heading(item), quote=False)
    text = html.escape(exercise_text(item), quote=False)
    if not item.illustration:
        return f"{heading}\n\n{text}"
    drawing = drawing_html(item.illustration, f"Line drawing of the {item.name.lower()}")
    return f"{heading}\n\n{drawing}\n\n{text}"


def still_svg(svg: str) -> str:
    """The drawing without its animation: the still picture (the geometry in the file is its first frame)."""
    return _STYLE_ELEMENT.sub("", svg)


def drawing_html(illustration: str, alt: str) -> str:
    """A moving drawing as an image, and its still picture for people who ask for reduced motion.

    Chromium does not pass prefers-reduced-motion into an SVG shown as an <img> (checked on this
    machine: the SVG's own @media rule stops the motion only when the SVG is inline), so the page
    chooses: a <picture> whose source for reduced motion is the same drawing without its <style>.
    Both are inline data URIs, so nothing is fetched. It goes out through st.markdown with
    unsafe_allow_html because st.html's sanitiser drops a data URI in srcset (checked in Chromium);
    the HTML is built here from the drawing files and an escaped alt text, never from a visitor.
    """
    svg = (ILLUSTRATIONS / illustration).read_text(encoding="utf-8")
    return (
        f'<picture><source media="(prefers-reduced-motion: reduce)" srcset="{svg_data_uri(still_svg(svg))}">'
        f'<img src="{svg_data_uri(svg)}" alt="{html.escape(alt, quote=True)}" width="{DRAWING_WIDTH_PX}" '
        f'height="{DRAWING_HEIGHT_PX}" style="max-width: 100%; height: auto;"></picture>'
    )


# The spine page's chart and tables never change: built, validated and converted once per process
# (ui/charts.py), then shared by every session.


@st.cache_resource(show_spinner=False)
def spine_spec() -> dict[str, Any]:
    """The spine explorer's Vega-Lite spec, its bones already in Arrow."""
    return ready_spec(spine_chart(vertebrae()))


@st.cache_resource(show_spinner=False)
def spine_ranges() -> pd.DataFrame:
    """Each region's range of motion for each movement (rehab_core.spine.region_ranges); read only."""
    return region_ranges()


@st.cache_resource(show_spinner=False)
def range_of_motion_spec() -> dict[str, Any]:
    """The range-of-motion chart's spec, its data already in Arrow."""
    return ready_spec(range_of_motion_chart(spine_ranges()))


@st.cache_resource(show_spinner=False)
def spine_tables() -> tuple[pa.Table, pa.Table]:
    """The regions' facts (indexed by region) and the ranges of motion, as Arrow tables."""
    return ready_table(regions_table().set_index("Region")), ready_table(ranges_table(spine_ranges()))
