"""The ways into today's session from other pages: one helper each, so every page says it alike."""

from __future__ import annotations

import streamlit as st

from rehab_core import SESSIONS_PER_DAY, Today
from rehab_core.session import why_no_session
from rehab_core.store import StoreUnavailable
from ui.router import app_page
from ui.session_flow import PROJECTOR_VIEW
from ui.storage import current_diary
from ui.today_state import current_today

SESSION_PAGE = "pages/session.py"


def render_session_entry(standing: Today) -> None:
    """ "Start today's session" while a session may start; after the day's last one, a line saying so.

    Nothing otherwise: the page calling it already says what the plan is worth today.
    """
    try:
        page = app_page(SESSION_PAGE)
    except KeyError:  # a copy of the app without the session page
        return
    if standing.session_ready:
        number = standing.sessions_done_today + 1
        st.page_link(
            page,
            label=f"Start today's session ({number} of {SESSIONS_PER_DAY})",
            icon=":material/play_circle:",
            help="",
        )
        return
    why = why_no_session(standing)
    if why is not None and standing.has_plan_to_follow and not why.offer_assess:
        st.caption(why.words)


def render_session_entry_for_visit() -> None:
    """render_session_entry for this visit's diary, for a page that does not read the diary itself.

    Quiet when there is no diary to read (signed out, or the database is away): Home still works.
    """
    try:
        diary = current_diary()
        if diary is None:
            return
        check_ins = diary.repository.list(diary.owner)
    except StoreUnavailable:
        return
    if not check_ins:  # no assessment, so no session: spare every first visit the work of today()
        return
    render_session_entry(current_today(check_ins))


def render_projector_entry() -> None:
    """For a facilitator: today's session on the projector, the same steps large, nothing saved."""
    st.page_link(
        app_page(SESSION_PAGE),
        label="Lead a session on the projector",
        icon=":material/slideshow:",
        query_params={"view": PROJECTOR_VIEW},
        help="",
    )
