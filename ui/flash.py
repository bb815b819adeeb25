"""The one write pattern: write, keep a short message, rerun, and show it on the fresh page.

A page never shows what it read before its own write: after a write it keeps a message here and
calls st.rerun(); the fresh run reads the data as stored and shows the message once.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from ui import state

Kind = Literal["success", "info", "warning"]
# The message a write keeps for the run after it, if any.
KEPT: state.Key[tuple[Kind, str] | None] = state.declare("flash_message", lambda: None, __name__)


def keep_message(text: str, kind: Kind = "success") -> None:
    """Keep a message for the next run of this session (the one st.rerun() starts)."""
    KEPT.set((kind, text))


def write_done(text: str, kind: Kind = "success") -> None:
    """After a write: keep its message and start the fresh run at once."""
    keep_message(text, kind)
    st.rerun()


def show_message() -> None:
    """Show, once, the message a write kept for this run."""
    kept = KEPT.take()
    if kept is None:
        return
    kind, text = kept
    icons = {"success": ":material/check_circle:", "info": ":material/info:", "warning": ":material/warning:"}
    getattr(st, kind)(text, icon=icons[kind])
