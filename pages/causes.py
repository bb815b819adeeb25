"""Why backs get hurt: what research says, and the coach's view beside it."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.content import render_learn_page

render_learn_page("causes")
