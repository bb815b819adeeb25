"""The cards the movement library and the stretches page draw, one for each exercise, drawing included."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

import streamlit as st

from rehab_core.catalogue import CONTENT_DIR, Movement
from rehab_core.stretches import Stretch
from ui.site import svg_data_uri

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
DRAWING_WIDTH_PX, DRAWING_HEIGHT_PX = 240, 160  # the drawings' own size (viewBox 240 x 160)
_STYLE_ELEMENT = re.compile(r"\s*<style>.*?</style>", re.DOTALL)


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


# A card's border, as a bordered st.container draws it; in the frame's style (ui/frame.py).
CARD_CLASS = "exercise-card"
CARD_RULE = (
    f".{CARD_CLASS} {{ border: 1px solid color-mix(in srgb, currentColor 20%, transparent);"
    " border-radius: 0.5rem; padding: calc(1rem - 1px); margin: 0 0 1rem; }"
    f" .{CARD_CLASS} > :last-child {{ margin-bottom: 0; }}"
)


def render_exercise_cards(items: Sequence[Movement | Stretch], lead: str = "") -> None:
    """Every card, each its name and what it works, the moving drawing, then the steps.

    All of them are one Markdown block, each card a bordered <div> around its Markdown: each element
    is work on every run and for the browser (docs/performance.md), and a container and a block per
    card were 20 elements for the library's ten. `lead` (the app's own words) comes first.
    """
    cards = [f'<div class="{CARD_CLASS}">\n\n{exercise_card_markdown(item)}\n\n</div>' for item in items]
    st.markdown(
        "\n\n".join([html.escape(lead, quote=False), *cards] if lead else cards), unsafe_allow_html=True
    )


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
