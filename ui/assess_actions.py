"""The result step's actions: save the assessment to the diary, download the plan and the reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import streamlit as st

from rehab_core.analytics import daily_pain, to_frame
from rehab_core.config import SiteConfig, download_name
from rehab_core.diary import ASSESSMENT, CheckIn, new_check_in
from rehab_core.plan_pdf import plan_pdf
from rehab_core.protocol import SESSIONS_PER_DAY, Recommendation
from rehab_core.reminders import reminders_ics
from rehab_core.standing import REMINDER_DAYS_MAX
from ui import assess_state as flow
from ui.clock import now_here
from ui.flash import show_message, write_done
from ui.sign_in import render_sign_in
from ui.site import palette
from ui.storage import current_diary
from ui.store_errors import diary_guard
from ui.today_state import current_today


def _as_entry(answers: flow.Answers, owner: str, at: datetime, entry_id: str | None = None) -> CheckIn:
    """This assessment as the diary keeps it: its kind, rises, background answers and clearance."""
    assert answers.pain is not None
    return new_check_in(
        owner,
        at,
        answers.pain,
        movement_pain=answers.rated(),
        kind=ASSESSMENT,
        background_signs=tuple(answers.background),
        cleared_on=answers.cleared_on,
        id=entry_id,
    )


def render_keep_actions(
    recommendation: Recommendation, answers: flow.Answers, site: SiteConfig, stored: Sequence[CheckIn]
) -> None:
    """Save to the diary, the PDF plan and the calendar reminders, in one row.

    `stored` is the diary as this run read it (Today.check_ins): read once a run, as a save ends the
    run and the next one reads the diary afresh.
    """
    assert answers.pain is not None  # the result step exists only once pain is picked
    rated = answers.rated()
    with diary_guard():
        diary = current_diary()
    show_message()
    if diary is None:
        render_sign_in("Sign in to save this assessment to your diary.")
    elif (saved := _saved_as(stored, answers.saved_id)) is not None and _same_answers(saved, answers):
        st.caption("This assessment is in your diary.")
    elif st.button("Save to my diary", key="assess_save", type="primary", icon=":material/save:"):
        check_in = _as_entry(answers, diary.owner, now_here())
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
    history = list(stored)  # empty when the diary could not be read: the plan still prints
    # The files show this assessment as today's, saved or not: the same record every page reads.
    if answers.saved_id is None or all(entry.id != answers.saved_id for entry in history):
        history = [*history, _as_entry(answers, diary.owner if diary is not None else "you", made_at)]
    standing = current_today(history)
    colours = palette()

    def pdf() -> bytes:
        return plan_pdf(standing, daily_pain(to_frame(history)), site=site, palette=colours, made_at=made_at)

    # Session reminders only for a plan to follow; any other day, one to check again.
    if standing.has_plan_to_follow and standing.reminder_days() > 1:
        days = st.number_input(
            "Days of reminders",
            min_value=1,
            max_value=REMINDER_DAYS_MAX,
            value=standing.reminder_days(),
            step=1,
            key="assess_ics_days",
            help=f"A morning check-in and the {SESSIONS_PER_DAY} sessions a day, for this many days. "
            "Assess again before the reminders run out: your plan changes as your back does.",
        )
        label = "Download session reminders (.ics)"
    elif standing.has_plan_to_follow:
        days = 1
        label = "Download today's session reminders (.ics)"
    else:
        days = 1
        label = "Download a reminder to check again tomorrow (.ics)"
    address = app_address()  # read here: the download callables run without the page's context

    def ics() -> bytes:
        return reminders_ics(standing, int(days), tz=made_at.tzinfo, site_name=site.name, app_url=address)

    # Both files made at the tap, and a tap does not rerun the page (on_click="ignore"), as on My
    # progress (ui/diary_transfer.render_exports): a file made on every run was dropped by the next
    # run, and a browser still asking for it got "404 Not Found".
    row = st.container(horizontal=True)
    row.download_button(
        "Download my plan (PDF)",
        pdf,
        file_name=download_name(site, f"plan-{made_at:%Y-%m-%d}", ".pdf"),
        mime="application/pdf",
        key="assess_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    row.download_button(
        label,
        ics,
        file_name=download_name(site, "reminders", ".ics"),
        mime="text/calendar",
        key="assess_ics",
        on_click="ignore",
        icon=":material/event:",
    )


def app_address() -> str:
    """The app's own address as the browser sees it, for links in the reminders ("" if unknown)."""
    url = st.context.url or ""
    return url.split("?", 1)[0].rsplit("/", 1)[0] if url.startswith(("http://", "https://")) else ""


def _saved_as(stored: Sequence[CheckIn], check_in_id: str | None) -> CheckIn | None:
    """The check-in this assessment was saved as, as the diary holds it now (None if deleted since)."""
    if check_in_id is None:
        return None
    return next((item for item in stored if item.id == check_in_id), None)


def _same_answers(check_in: CheckIn, answers: flow.Answers) -> bool:
    return (
        check_in.pain == answers.pain
        and dict(check_in.movement_pain) == answers.rated()
        and check_in.background_signs == tuple(answers.background)
        and check_in.cleared_on == answers.cleared_on
    )
