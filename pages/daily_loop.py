"""Rest, ice, assess: the daily loop and how to grade pain from 0 to 10."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("daily_loop")
