"""Rest, ice, assess: the daily loop and how to grade pain from 0 to 10."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from ui.learn_page import render_learn_page

render_learn_page("daily_loop")
