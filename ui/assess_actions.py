"""The result step's actions: save the assessment to the diary, download the plan and the reminders."""

from __future__ import annotations

import streamlit as st

from rehab_core.analytics import daily_pain, to_frame
from rehab_core.diary import new_check_in
from rehab_core.plan_pdf import plan_pdf
from rehab_core.protocol import Recommendation
from rehab_core.reminders import reminders_ics
from rehab_core.store import StoreUnavailable
from ui.clock import now_here
from ui.storage import current_diary, diary_guard, render_sign_in


def render_keep_actions(
    recommendation: Recommendation, pain: int, rated: dict[str, int], site_name: str
) -> None:
    """Save to the diary, the PDF plan and the calendar reminders, in one row."""
    with diary_guard():
        diary = current_diary()
    if diary is None:
        render_sign_in("Sign in to save this assessment to your diary.")
    elif st.session_state.get("assess_saved_id"):
        st.success("Saved to your diary.", icon=":material/check_circle:")
    elif st.button("Save to my diary", key="assess_save", type="primary", icon=":material/save:"):
        check_in = new_check_in(diary.owner, now_here(), pain, movement_pain=rated)
        with diary_guard():
            diary.repository.add(check_in)
        st.session_state.assess_saved_id = check_in.id
        st.success(
            f"Saved to your diary: pain {pain}, {len(rated)} movement{'s' if len(rated) != 1 else ''} "
            f"rated, at {check_in.at:%H:%M on %d %b}.",
            icon=":material/check_circle:",
        )

    made_at = now_here()  # read here: the download callable runs without the page's context

    def pdf() -> bytes:
        try:
            history = diary.repository.list(diary.owner) if diary is not None else []
        except StoreUnavailable:
            history = []  # the plan still prints; only the trend table is left out
        return plan_pdf(recommendation, daily_pain(to_frame(history)), site_name=site_name, made_at=made_at)

    days = st.number_input(
        "Days of reminders",
        min_value=1,
        max_value=60,
        value=7,
        step=1,
        key="assess_ics_days",
        help="One reminder for each of the three sessions a day, for this many days.",
    )
    row = st.container(horizontal=True)
    row.download_button(
        "Download my plan (PDF)",
        pdf,
        file_name=f"back-in-action-plan-{made_at:%Y-%m-%d}.pdf",
        mime="application/pdf",
        key="assess_pdf",
        icon=":material/picture_as_pdf:",
    )
    row.download_button(
        "Download reminders (.ics)",
        reminders_ics(made_at.date(), int(days), tz=str(made_at.tzinfo), site_name=site_name),
        file_name="back-in-action-reminders.ics",
        mime="text/calendar",
        key="assess_ics",
        icon=":material/event:",
    )
