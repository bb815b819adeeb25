"""My progress: pain over time with the protocol zones, movement tolerance, sessions, and the diary."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from datetime import timedelta

import streamlit as st

from rehab_core.catalogue import movement_by_id
from rehab_core.charts import TOLERATED_WORDS
from rehab_core.diary import CheckIn
from ui.clock import now_here
from ui.diary_backup import render_backup
from ui.diary_table import render_check_in_table
from ui.diary_transfer import render_delete_all, render_delete_before, render_exports, render_import
from ui.flash import show_message
from ui.frame import site_config
from ui.progress_views import ProgressViews, between, chart_specs, diary_digest, progress_views
from ui.router import page_link
from ui.session_link import render_session_entry
from ui.standing_view import render_standing
from ui.storage import require_diary
from ui.store_errors import diary_guard
from ui.today_state import current_today

st.title("My progress")
diary = require_diary("Sign in to see your progress.")
show_message()  # what the last write did, on the page as it is now stored

with diary_guard():
    check_ins: list[CheckIn] = diary.repository.list(diary.owner)
digest = diary_digest(diary.owner, check_ins)
views = progress_views(digest, check_ins) if check_ins else None
standing = current_today(check_ins)

if views is None:
    st.info(
        "No check-ins yet. Assess today or log a check-in, and your charts start here. "
        "You can also import a diary you exported before.",
        icon=":material/info:",
    )
    row = st.container(horizontal=True)
    page_link("pages/assess.py", label="Assess today", icon=":material/assignment:", within=row)
    page_link("pages/checkin.py", label="Check in", icon=":material/edit_note:", within=row)
else:
    daily, week = views.daily, views.week
    render_standing(standing, site_config())
    render_session_entry(standing)
    if week.change is None:  # no trend yet: a plain line, not a four-line heading on a phone
        st.markdown(week.summary)
    else:
        st.subheader(week.summary)
    for alert in standing.alerts:
        st.warning(alert.message, title="Time to get checked", icon=":material/medical_services:")
    latest = daily.iloc[-1]
    metrics = st.container(horizontal=True)
    metrics.metric(
        "Pain, 7-day mean",
        f"{latest['rolling_mean']:.1f}",
        delta=None if week.change is None else f"{week.change:+.1f}",
        delta_color="inverse",
        border=True,
        help="The mean of your daily mean pain over the last 7 days. Down is better.",
    )
    metrics.metric("Check-ins", len(check_ins), border=True)
    metrics.metric("Days logged", len(daily), border=True)

    @st.fragment
    def charts(views: ProgressViews) -> None:
        first, last = daily["date"].min().date(), daily["date"].max().date()
        default_start = max(first, last - timedelta(days=29))
        chosen = st.date_input(
            "Dates to show",
            value=(default_start, last),
            min_value=first,
            max_value=last,
            # A new key when the diary's span changes (an import, a delete, a new day): a kept pick
            # would hold the old range, and the charts would show one day of the diary.
            key=f"progress_range_{first:%Y%m%d}_{last:%Y%m%d}",
            help="Pick a start and an end date. The charts and tables below follow it.",
        )
        start, end = (
            (chosen[0], chosen[-1]) if isinstance(chosen, tuple) and chosen else (default_start, last)
        )
        specs = chart_specs(digest, start, end, views)
        st.vega_lite_chart(
            specs.pain,
            key="progress_pain_chart",
            alt=f"Line chart of daily pain from {start:%d %b %Y} to {end:%d %b %Y}. {week.summary}",
        )
        table = st.expander("Pain by day as a table", key="progress_daily_table", on_change="rerun")
        if table.open:
            table.dataframe(
                between(daily, start, end).rename(
                    columns={
                        "date": "Date",
                        "mean_pain": "Mean pain",
                        "max_pain": "Worst pain",
                        "rolling_mean": "7-day mean",
                        "check_ins": "Check-ins",
                    }
                ),
                hide_index=True,
                column_config={"Date": st.column_config.DateColumn(format="ddd D MMM YYYY")},
                alt="Daily pain: mean, worst and 7-day mean for each day shown in the chart.",
            )
        if specs.tolerance is None:
            st.caption("No movements rated in these dates. Rate them in an assessment or a check-in.")
        else:
            st.vega_lite_chart(
                specs.tolerance,
                key="progress_tolerance_chart",
                alt="Chart of how far each movement raised your pain, by day, marked tolerated or not.",
            )
            # As the chart's green and the plan judge it (rule 3), at each movement's last rating.
            names = movement_by_id()
            tolerated = [names[movement_id].name for movement_id in views.tolerated_now]
            st.markdown(
                f"**Tolerated when last tried ({TOLERATED_WORDS[0].lower()}{TOLERATED_WORDS[1:]}):** "
                + (", ".join(tolerated) if tolerated else "none yet")
            )
        sessions = between(views.sessions, start, end)
        st.vega_lite_chart(
            specs.sessions,
            key="progress_sessions_chart",
            alt=f"Bar chart of rehab sessions done each day against the goal, {start:%d %b} to {end:%d %b}.",
        )
        full_days = int((sessions["sessions_done"] >= sessions["target"]).sum())
        shown_days = f"{len(sessions)} day{'' if len(sessions) == 1 else 's'}"
        st.caption(f"All sessions done on {full_days} of {shown_days} shown.")

    charts(views)

    st.subheader("Your check-ins")
    render_check_in_table(diary, check_ins)

st.subheader("Keep or move your diary")
render_exports(diary, check_ins, site_config(), now_here(), standing.unsaved_signs)
render_backup(diary, now_here())
render_import(diary, check_ins)
render_delete_before(diary, check_ins, now_here())
render_delete_all(diary)
