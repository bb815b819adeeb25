"""Bad days, pain relief and sciatica: pain relief pointers, a flare-up plan, sciatica in brief."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("bad_days")
