"""The result step's actions: save the assessment to the diary, download the plan and the reminders."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from rehab_core.analytics import daily_pain, to_frame
from rehab_core.config import SiteConfig
from rehab_core.diary import CheckIn, new_check_in
from rehab_core.plan_pdf import plan_pdf
from rehab_core.protocol import Phase, Recommendation
from rehab_core.reminders import reminders_ics
from rehab_core.store import StoreUnavailable
from ui import assess_state as flow
from ui.clock import now_here
from ui.flash import show_message, write_done
from ui.sign_in import render_sign_in
from ui.storage import Diary, current_diary
from ui.store_errors import diary_guard


def render_keep_actions(recommendation: Recommendation, answers: flow.Answers, site: SiteConfig) -> None:
    """Save to the diary, the PDF plan and the calendar reminders, in one row."""
    assert answers.pain is not None  # the result step exists only once pain is picked
    rated = answers.rated()
    with diary_guard():
        diary = current_diary()
    show_message()
    if diary is None:
        render_sign_in("Sign in to save this assessment to your diary.")
    elif (saved := _saved_as(diary, answers.saved_id)) is not None and _same_answers(saved, answers):
        st.caption("This assessment is in your diary.")
    elif st.button("Save to my diary", key="assess_save", type="primary", icon=":material/save:"):
        check_in = new_check_in(diary.owner, now_here(), answers.pain, movement_pain=rated)
        with diary_guard():
            if saved is None:
                diary.repository.add(check_in)
            else:  # the answers changed after a save: the one check-in of this assessment follows them
                check_in = replace(check_in, id=saved.id)
                diary.repository.update(check_in)
        flow.mark_saved(check_in.id)
        write_done(
            f"Saved to your diary: pain {answers.pain}, "
            f"{len(rated)} movement{'s' if len(rated) != 1 else ''} rated, at {check_in.at:%H:%M on %d %b}."
        )

    made_at = now_here()  # read here: the download callable runs without the page's context

    def pdf() -> bytes:
        try:
            history = diary.repository.list(diary.owner) if diary is not None else []
        except StoreUnavailable:
            history = []  # the plan still prints; only the trend table is left out
        return plan_pdf(answers.assessment(), daily_pain(to_frame(history)), site=site, made_at=made_at)

    # Session reminders only for a day with a plan to follow; any other day, one to check again.
    if recommendation.phase is Phase.REHAB and recommendation.prescriptions:
        days = st.number_input(
            "Days of reminders",
            min_value=1,
            max_value=60,
            value=7,
            step=1,
            key="assess_ics_days",
            help="One reminder for each of the three sessions a day, for this many days.",
        )
        label = "Download session reminders (.ics)"
    else:
        days = 1
        label = "Download a reminder to check again tomorrow (.ics)"
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
        label,
        reminders_ics(made_at.date(), int(days), tz=made_at.tzinfo, site_name=site.name, plan=recommendation),
        file_name="back-in-action-reminders.ics",
        mime="text/calendar",
        key="assess_ics",
        icon=":material/event:",
    )


def _saved_as(diary: Diary, check_in_id: str | None) -> CheckIn | None:
    """The check-in this assessment was saved as, as the diary holds it now (None if deleted since)."""
    if check_in_id is None:
        return None
    with diary_guard():
        return next((item for item in diary.repository.list(diary.owner) if item.id == check_in_id), None)


def _same_answers(check_in: CheckIn, answers: flow.Answers) -> bool:
    return check_in.pain == answers.pain and dict(check_in.movement_pain) == answers.rated()
