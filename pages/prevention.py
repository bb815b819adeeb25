"""Preventing back pain: desk set-up, breaks, strength, stretching, and safe ways to bend and sleep."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("prevention")
