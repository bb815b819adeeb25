"""The one write pattern: write, keep a short message, rerun, and show it on the fresh page.

A page never shows what it read before its own write: after a write it keeps a message here and
calls st.rerun(); the fresh run reads the data as stored and shows the message once.

A message goes where the person acted: a write made far down a page (one check-in deleted in the
diary's editor) keeps its message for a named place, shown there, not at the top of the page.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from ui import state

Kind = Literal["success", "info", "warning"]
# The place of a page's own message: its top, where show_message() is called by the page.
TOP = ""
# The message a write keeps for the run after it, if any: its kind, its text and its place.
KEPT: state.Key[tuple[Kind, str, str] | None] = state.declare("flash_message", lambda: None, __name__)

# A message shown beside the control a person used takes the keyboard focus once the run has
# drawn it, so a screen reader reads it out (the control may be gone or disabled now) and it is
# scrolled into view. tabindex -1: focusable from code, not a Tab stop.
_FOCUS_SCRIPT = """<script>
(() => {
  const holder = document.currentScript.closest('[data-testid="stElementContainer"]');
  const message = holder && holder.previousElementSibling
    && holder.previousElementSibling.querySelector('[role="status"], [role="alert"]');
  if (!message) return;
  const until = Date.now() + 8000;
  const settle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.dataset.testScriptState === 'running' && Date.now() < until) {
      setTimeout(settle, 50);
      return;
    }
    message.setAttribute('tabindex', '-1');
    message.focus({preventScroll: true});
    message.scrollIntoView({block: 'center'});
  };
  settle();
})();
</script>"""


def keep_message(text: str, kind: Kind = "success", place: str = TOP) -> None:
    """Keep a message for the next run of this session (the one st.rerun() starts), for a place."""
    KEPT.set((kind, text, place))


def write_done(text: str, kind: Kind = "success", place: str = TOP) -> None:
    """After a write: keep its message (for the place named) and start the fresh run at once."""
    keep_message(text, kind, place)
    st.rerun()


def show_message(place: str = TOP) -> None:
    """Show, once, the message a write kept for this run and this place.

    Beside a control (any place but the top) the message also takes the keyboard focus.
    """
    kept = KEPT.get()
    if kept is None or kept[2] != place:
        return
    KEPT.set(None)
    kind, text, _ = kept
    icons = {"success": ":material/check_circle:", "info": ":material/info:", "warning": ":material/warning:"}
    getattr(st, kind)(text, icon=icons[kind])
    if place != TOP:
        st.html(_FOCUS_SCRIPT, unsafe_allow_javascript=True)
