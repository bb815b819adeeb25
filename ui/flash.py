"""The one write pattern: write, keep a short message, rerun, and show it on the fresh page.

A page never shows what it read before its own write: after a write it keeps a message here and
calls st.rerun(); the fresh run reads the data as stored and shows the message once.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

FLASH_KEY = "flash_message"
Kind = Literal["success", "info", "warning"]


def keep_message(text: str, kind: Kind = "success") -> None:
    """Keep a message for the next run of this session (the one st.rerun() starts)."""
    st.session_state[FLASH_KEY] = (kind, text)


def write_done(text: str, kind: Kind = "success") -> None:
    """After a write: keep its message and start the fresh run at once."""
    keep_message(text, kind)
    st.rerun()


def show_message() -> None:
    """Show, once, the message a write kept for this run."""
    kept = st.session_state.pop(FLASH_KEY, None)
    if kept is None:
        return
    kind, text = kept
    icons = {"success": ":material/check_circle:", "info": ":material/info:", "warning": ":material/warning:"}
    getattr(st, kind)(text, icon=icons[kind])
