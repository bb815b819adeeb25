"""Why backs get hurt: too little movement, too much of one kind, and the imbalances they leave."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.learn_page import render_learn_page

render_learn_page("causes")
