"""Rehab and the dose: why staying active helps, the rules for rest, ice and heat, and how much to do."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.content import render_learn_page

render_learn_page("rehab")
