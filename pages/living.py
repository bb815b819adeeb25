"""Living with a sore back: what to expect, hurt is not harm, moving, sleep, stress and mood."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.learn_page import render_learn_page

render_learn_page("living")
