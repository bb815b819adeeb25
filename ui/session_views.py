"""The pieces today's session draws: the rest countdown, a movement's card, get care now.

The pages (pages/session.py and its projector view) lay these out; none holds a rule.
"""

from __future__ import annotations

import html

import streamlit as st

from rehab_core import red_flags
from rehab_core.config import SiteConfig
from rehab_core.session import REST_SECONDS, SessionItem
from ui.exercise_cards import drawing_html
from ui.warning_signs import get_care_alert

# The countdown is drawn and run by the browser alone: a CSS animation counts a registered integer
# property down and shows it through a CSS counter, and a bar shrinks beside it. Nothing on the
# page changes on the server while the person rests, so a room of phones resting costs no reruns.
# The numbers are hidden from screen readers (a timer would be read every second); one status line
# says once how long the rest is and what comes next. With reduced motion the bar stands still;
# the numbers still count, as a clock does.
# The sanitiser of st.html drops a <style> holding "<integer>" (it reads it as a tag), so the syntax
# is written with CSS escapes for "<" and ">".
_COUNTDOWN_STYLE = r"""
@property --bia-rest-left { syntax: '\3c integer\3e'; initial-value: 0; inherits: false; }
.bia-rest { text-align: center; padding: 0.5rem 0 1rem; }
.bia-rest-count { font-size: clamp(3.5rem, 18vw, 9rem); font-weight: 700; line-height: 1.1;
  font-variant-numeric: tabular-nums; counter-reset: bia-rest var(--bia-rest-left);
  animation: bia-rest-tick var(--bia-rest-seconds) linear forwards; }
.bia-rest-count::after { content: counter(bia-rest); }
.bia-rest-unit { font-size: 1rem; opacity: 0.8; }
@keyframes bia-rest-tick { from { --bia-rest-left: var(--bia-rest-from); } to { --bia-rest-left: 0; } }
.bia-rest-bar { height: 0.6rem; border-radius: 0.3rem; background: rgba(128, 128, 128, 0.25);
  overflow: hidden; margin: 0.75rem auto; max-width: 32rem; }
.bia-rest-bar > div { height: 100%; background: #1f6f5c; transform-origin: left center;
  animation: bia-rest-bar var(--bia-rest-seconds) linear forwards; }
@keyframes bia-rest-bar { from { transform: scaleX(1); } to { transform: scaleX(0); } }
.bia-rest-next { margin: 0.25rem 0; }
.bia-rest-over { visibility: hidden; font-weight: 600;
  animation: bia-rest-over 0s linear var(--bia-rest-seconds) forwards; }
@keyframes bia-rest-over { to { visibility: visible; } }
.bia-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { .bia-rest-bar > div { animation: none; } }
"""


def rest_countdown(next_words: str, seconds: int = REST_SECONDS, *, tag: str = "") -> None:
    """A countdown of `seconds`, run by the browser; `next_words` say what follows ("Next: set 2").

    `tag` tells one rest from the next, so the browser draws (and starts) each rest afresh.
    """
    said = html.escape(f"Rest for {seconds} seconds. {next_words} Skip the rest whenever you are ready.")
    # Streamlit's sanitiser keeps a <style> only in an st.html of its own.
    st.html(f"<style>{_COUNTDOWN_STYLE}</style>")
    st.html(
        f'<div class="bia-rest" data-rest="{html.escape(tag, quote=True)}" '
        f'style="--bia-rest-seconds: {seconds}s; --bia-rest-from: {seconds};">'
        f'<p class="bia-visually-hidden" role="status">{said}</p>'
        f'<div class="bia-rest-count" role="timer" aria-hidden="true"></div>'
        f'<div class="bia-rest-unit" aria-hidden="true">seconds of rest</div>'
        f'<div class="bia-rest-bar" aria-hidden="true"><div></div></div>'
        f'<p class="bia-rest-next" aria-hidden="true">{html.escape(next_words)}</p>'
        f'<p class="bia-rest-over" aria-hidden="true">Rest over: go on when you are ready.</p>'
        "</div>"
    )


def movement_card(item: SessionItem, set_number: int, *, harder: bool = False) -> None:
    """The drawing, the dose in the movement's own unit, the steps, what to feel and when to stop."""
    movement_drawing(item)
    movement_text(item, set_number, harder=harder)


def movement_drawing(item: SessionItem) -> None:
    """The movement's drawing, moving unless the person asks for reduced motion (ui.exercise_cards)."""
    movement = item.movement
    if not movement.illustration:
        return
    # Large enough to follow at arm's length: as wide as the phone, up to twice its own size.
    # Streamlit's images keep their natural size unless told to fit their box.
    st.html(
        "<style>.st-key-session_drawing img { width: 100% !important; max-width: 30rem; "
        "height: auto !important; object-fit: contain !important; }</style>"
    )
    with st.container(key="session_drawing"):
        st.markdown(
            drawing_html(movement.illustration, f"Line drawing of the {movement.name.lower()}"),
            unsafe_allow_html=True,
        )


def movement_text(item: SessionItem, set_number: int, *, harder: bool = False) -> None:
    """The dose in the movement's own unit, the steps, what to feel and when to stop."""
    movement = item.movement
    st.subheader(f"Set {set_number} of {item.sets}: {item.reps} {movement.unit}", anchor=False)
    if harder:
        st.info(f"Harder version: {movement.harder}", icon=":material/trending_up:")
    how = "\n".join(f"{number}. {text}" for number, text in enumerate(movement.steps, start=1))
    feel = f"**What you should feel:** {movement.feel}"
    if set_number == 1:
        st.markdown(how)
        st.markdown(feel)
    else:  # read once already: folded, so "Set done" stays within a thumb's reach
        with st.expander("How to do it, and what you should feel", icon=":material/list:"):
            st.markdown(how)
            st.markdown(feel)
    st.warning(f"Stop if {movement.stop_if[0].lower()}{movement.stop_if[1:]}", icon=":material/pan_tool:")


def get_care_now(config: SiteConfig, signs: tuple[str, ...]) -> None:
    """A warning sign now: each sign with whom to call, and no session."""
    chosen = [flag for flag in red_flags() if flag.id in signs]
    emergency = any(flag.level == "emergency" for flag in chosen)
    get_care_alert(
        chosen,
        config,
        "Do not start the session."
        if emergency
        else "Tell them about your back pain. Do not start the session until you have been checked.",
    )
