"""Database trouble in words, once per run: a warning when waiting helps, an error when someone must act."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from rehab_core.store import StoreUnavailable
from ui import state

# Whether this run has already told the person about a database problem (the frame and the page
# would otherwise both say it). The frame resets it at the start of every run.
PROBLEM_SHOWN = state.declare("store_problem_shown", lambda: False, __name__)


def start_run() -> None:
    """Called by the frame first in every run: nothing about the database has been said yet."""
    PROBLEM_SHOWN.reset()


def show_store_problem(error: StoreUnavailable) -> None:
    """Tell the person once per run; the wording and icon say whether waiting will help."""
    if PROBLEM_SHOWN.get():
        return
    PROBLEM_SHOWN.set(True)
    if getattr(error, "temporary", True):
        st.warning(str(error), icon=":material/hourglass_top:")
    else:
        st.error(str(error), icon=":material/build:")


@contextmanager
def diary_guard() -> Iterator[None]:
    """Database trouble becomes one message (see show_store_problem) and ends this run."""
    try:
        yield
    except StoreUnavailable as error:
        show_store_problem(error)
        st.stop()
