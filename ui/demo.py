"""The workshop demo diary: three weeks of a made-up recovery, in this browser tab only, never stored."""

from __future__ import annotations

import streamlit as st

from rehab_core.demo import DEMO_OWNER, demo_check_ins
from rehab_core.store import MemoryDiary
from ui import state

# Streamlit draws a toast 21rem (336 px) wide with a 1rem margin on the right, whatever the
# screen: on a 320 px phone its first 32 px, icon and first letters, fell off the left edge. The
# frame adds this to its style so a toast fits any screen, the margin kept on both sides.
TOAST_RULE = '[data-testid="stToast"] { width: min(21rem, calc(100vw - 2rem)); }'

DEMO_PARAM = "demo"  # ?demo=1 in the address: a reload or a shared link keeps the demo loaded
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
    st.query_params[DEMO_PARAM] = "1"
    st.toast("Demo diary loaded in this tab: three weeks of a made-up recovery.", icon=":material/group:")


def keep_demo_in_address() -> None:
    """While the demo is loaded, the address says so (a page switch drops it), so a reload keeps it."""
    if demo_loaded() and st.query_params.get(DEMO_PARAM) != "1":
        st.query_params[DEMO_PARAM] = "1"


def reset_demo() -> None:
    """Forget the demo diary; the person's own diary is back."""
    DEMO_DIARY.reset()
    st.query_params.pop(DEMO_PARAM, None)
    st.toast("Demo data cleared. You see your own diary again.", icon=":material/restart_alt:")
