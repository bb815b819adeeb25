"""Rehab and the dose: why movement heals, the rules for rest, ice and heat, and how much to do."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("rehab")
