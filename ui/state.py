"""Session-state defaults in one place, set before any page reads them."""

from __future__ import annotations

from typing import Any

import streamlit as st

DEFAULTS: dict[str, Any] = {
    "demo_loaded": False,
}


def init_state() -> None:
    """Give every shared session-state key its default, without overwriting what a person set."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
