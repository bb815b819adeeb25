"""Movement library: every catalogue movement step by step, with its drawing, filterable by need."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import movements
from rehab_core.catalogue import NEED_NAMES
from rehab_core.learn import LearnPage
from ui.exercise_cards import render_exercise_cards
from ui.learn_page import render_learn_page


def library(page: LearnPage) -> None:
    needs = st.pills(
        "Show movements for",
        options=list(NEED_NAMES),
        format_func=lambda need: NEED_NAMES[need].removeprefix("the ").capitalize(),
        selection_mode="multi",
        key="library_needs",
    )
    shown = [m for m in movements() if not needs or set(needs) & set(m.needs)]
    render_exercise_cards(shown, lead=f"Showing {len(shown)} of {len(movements())} movements.")


render_learn_page("library", after_body=library)
