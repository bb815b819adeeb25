"""Where a person stands, drawn the same way on every page: the status, the plan or what replaces it."""

from __future__ import annotations

import streamlit as st

from rehab_core.catalogue import movement_by_id
from rehab_core.config import SiteConfig, emergency_markdown, urgent_markdown
from rehab_core.protocol import Phase, Recommendation
from rehab_core.standing import BACK_TO_NORMAL_WORDS, PlanStatus, Today
from ui.router import page_link


def plan_rows(recommendation: Recommendation) -> str:
    """The plan as a Markdown table: each movement and its dose in its own unit."""
    names = movement_by_id()
    rows = "\n".join(
        f"| {names[item.movement_id].name} | {names[item.movement_id].dose_in_words(item.reps, item.sets)} "
        f"| {item.sessions_per_day} |"
        for item in recommendation.prescriptions
    )
    return f"| Movement | Each time | Times a day |\n| --- | --- | --- |\n{rows}"


def render_standing(standing: Today, config: SiteConfig) -> None:
    """The standing's status in one alert, and the plan only where it may be followed."""
    shown = standing.shown
    if standing.status is PlanStatus.GET_CARE and shown is not None:
        st.error(
            " ".join(shown.reasons) + f"\n\nIf you have not been checked since, {urgent_markdown(config)} "
            f"In an emergency, {emergency_markdown(config)}",
            title="A warning sign since your last assessment"
            if standing.warning_sign_at is not None or standing.unsaved_signs
            else "Get checked before the plan",
            icon=":material/emergency:",
        )
        return
    if standing.back_to_normal:
        st.success(
            BACK_TO_NORMAL_WORDS,
            title="Back to normal activity",
            icon=":material/celebration:",
        )
    if standing.status is PlanStatus.NONE:
        return
    if standing.status is PlanStatus.REST_ICE:
        st.warning(standing.status_words(), title="Rest and ice, not the plan", icon=":material/bed:")
        page_link("pages/assess.py", label="Assess again", icon=":material/assignment:")
        return
    if standing.status is PlanStatus.STALE:
        st.warning(standing.status_words(), title=standing.plan_title(), icon=":material/update:")
        page_link("pages/assess.py", label="Assess today", icon=":material/assignment:")
        return
    if shown is None or shown.phase is not Phase.REHAB or not shown.prescriptions:
        st.info(standing.status_words(), title=standing.plan_title(), icon=":material/info:")
        return
    # No bordered box around the table: on a 320 px phone the box's border and padding left the
    # table 30 px too narrow, and its last column ran out of the box.
    st.markdown(f"**{standing.plan_title()}** {standing.status_words()}\n\n{plan_rows(shown)}")
    if standing.cleared_on is not None:
        st.caption(f"You were checked on {standing.cleared_on:%d %B %Y} and told you can exercise.")
