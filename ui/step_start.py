"""A new step of a flow starts where a person looks: scrolled to the top, keyboard focus on its heading.

Streamlit keeps the scroll position and drops the focus to the page when a rerun draws another
step, so on a phone the next step opened where the last was scrolled to, its heading off screen.
Streamlit has no scroll or focus API: a tiny script, drawn once per step change, does both once
the run has finished drawing (st.html runs a script again only when its body changes).
"""

from __future__ import annotations

import json

import streamlit as st

from ui import state

# Per flow, the step the last run drew: a step counts as new only when it differs from this.
_LAST_STEP: state.Key[dict[str, str]] = state.declare("step_start_last", dict, __name__)

# Waits for the run to end (the new step fully drawn, nothing stale), then scrolls every scrolled
# box and the window to the top and focuses the first heading (or alert, for a step whose heading
# is an alert's title) drawn after this element. tabindex -1: focusable from code, not a Tab stop.
_SCRIPT = """<script>
(() => {
  const holder = document.currentScript.closest('[data-testid="stElementContainer"]');
  const step = %s;
  if (!holder || !step.moved) return;
  const until = Date.now() + 8000;
  const settle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const busy = app && app.dataset.testScriptState === 'running'
      || document.querySelector('[data-stale="true"]');
    if (busy && Date.now() < until) { setTimeout(settle, 50); return; }
    let heading = null;
    for (let next = holder.nextElementSibling; next && !heading; next = next.nextElementSibling) {
      heading = next.querySelector('h1, h2, h3, [role="alert"]');
    }
    for (let box = heading || holder; box; box = box.parentElement) {
      if (box.scrollTop) box.scrollTop = 0;
    }
    window.scrollTo(0, 0);
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({preventScroll: true});
    }
  };
  settle();
})();
</script>"""


def start_step_at_top(flow: str, step: str) -> None:
    """Call once per run, just above the step's heading: a step new since the last run starts at the top.

    The first run of a flow in a session (a page opened, a reload) moves nothing: the browser
    already starts there, and taking the focus from a person who has not acted would surprise.
    """
    last = _LAST_STEP.get()
    moved = flow in last and last[flow] != step
    last[flow] = step
    st.html(_SCRIPT % json.dumps({"flow": flow, "step": step, "moved": moved}), unsafe_allow_javascript=True)
