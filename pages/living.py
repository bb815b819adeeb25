"""Living with a sore back: what to expect, hurt is not harm, moving, sleep, stress and mood."""

from ui.content import render_learn_page
from ui.frame import ensure_entrypoint

ensure_entrypoint()

render_learn_page("living")
