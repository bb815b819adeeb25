"""The workshop demo diary: three weeks of a made-up recovery, in this browser tab only, never stored."""

from __future__ import annotations

import streamlit as st

from rehab_core.demo import demo_check_ins
from rehab_core.store import MemoryDiary
from ui import state

DEMO_OWNER = "demo"
# The demo diary while it is loaded, else None.
DEMO_DIARY: state.Key[MemoryDiary | None] = state.declare("demo_diary", lambda: None, __name__)


def demo_diary() -> MemoryDiary | None:
    """The demo diary of this tab, while it is loaded."""
    return DEMO_DIARY.get()


def demo_loaded() -> bool:
    return demo_diary() is not None


def load_demo() -> None:
    """Load the workshop demo diary into this session only, never into the database."""
    diary = MemoryDiary()
    diary.import_check_ins(DEMO_OWNER, demo_check_ins(DEMO_OWNER))
    DEMO_DIARY.set(diary)


def reset_demo() -> None:
    """Forget the demo diary; the person's own diary is back."""
    DEMO_DIARY.reset()
    st.query_params.pop("demo", None)
