"""Bad days, pain relief and sciatica: pain relief pointers, a flare-up plan, sciatica in brief."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.learn_page import render_learn_page

render_learn_page("bad_days")
