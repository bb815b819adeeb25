"""Why backs get hurt: too little movement, too much of one kind, and the imbalances they leave."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("causes")
