"""Preventing back pain: desk set-up, breaks, strength, stretching, and safe ways to bend and sleep."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.learn_page import render_learn_page

render_learn_page("prevention")
