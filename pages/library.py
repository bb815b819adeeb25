"""Movement library: every catalogue movement step by step, with its drawing, filterable by need."""

import streamlit as st

from rehab_core import Movement, movements
from rehab_core.catalogue import CONTENT_DIR, NEED_NAMES
from rehab_core.learn import LearnPage
from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
DRAWING_WIDTH_PX = 240


def show_movement(movement: Movement) -> None:
    # Each card: its name and what it works, the drawing, then the steps in one Markdown block.
    # Columns (the drawing beside the words) and an element per paragraph were most of what the
    # browser had to draw (docs/performance.md); on a phone the columns stacked this way anyway.
    with st.container(border=True, key=f"movement_{movement.id}"):
        st.markdown(movement_heading(movement))
        if movement.illustration:
            st.image(
                str(ILLUSTRATIONS / movement.illustration),
                alt=f"Line drawing of the {movement.name.lower()}",
                width=DRAWING_WIDTH_PX,
            )
        st.markdown(movement_text(movement))


def movement_heading(movement: Movement) -> str:
    return (
        f"### {movement.name}\n\n*{movement.summary}*\n\n"
        f"**Works:** {movement.works}  \n**Works on:** {movement.needs_in_words()}"
    )


def movement_text(movement: Movement) -> str:
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(movement.steps, start=1))
    text = (
        f"**How to do it**\n\n{steps}\n\n"
        f"**What you should feel:** {movement.feel}\n\n"
        f"**Stop if:** {movement.stop_if}\n\n"
        f"**Easier:** {movement.easier}  \n**Harder:** {movement.harder}"
    )
    if movement.variations:
        ways = "\n".join(f"- {variation}" for variation in movement.variations)
        text += f"\n\n**The {len(movement.variations)} ways to hold it**\n\n{ways}"
    return text


def library(page: LearnPage) -> None:
    needs = st.pills(
        "Show movements for",
        options=list(NEED_NAMES),
        format_func=lambda need: NEED_NAMES[need].removeprefix("the ").capitalize(),
        selection_mode="multi",
        key="library_needs",
    )
    shown = [m for m in movements() if not needs or set(needs) & set(m.needs)]
    st.markdown(f"Showing {len(shown)} of {len(movements())} movements.")
    for movement in shown:
        show_movement(movement)


render_learn_page("library", after_body=library)
