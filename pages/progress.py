"""My progress: pain over time with the protocol zones, movement tolerance, sessions, and the diary."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from rehab_core import recommend
from rehab_core.analytics import daily_pain, movement_tolerance, sessions_by_day, to_frame, trend
from rehab_core.charts import pain_chart, sessions_chart, tolerance_chart
from rehab_core.diary import CheckIn
from ui.assess_actions import now_here
from ui.diary_table import render_check_in_table
from ui.diary_transfer import render_delete_all, render_exports, render_import
from ui.frame import ensure_entrypoint, site_config
from ui.storage import diary_guard, require_diary

ensure_entrypoint()

st.title("My progress")
diary = require_diary("Sign in to see your progress.")

with diary_guard():
    check_ins: list[CheckIn] = diary.repository.list(diary.owner)
frame = to_frame(check_ins)

if not check_ins:
    st.info(
        "No check-ins yet. Assess today or log a check-in, and your charts start here. "
        "You can also import a diary you exported before.",
        icon=":material/info:",
    )
    row = st.container(horizontal=True)
    row.page_link("pages/assess.py", label="Assess today", icon=":material/assignment:")
    row.page_link("pages/checkin.py", label="Check in", icon=":material/edit_note:")
else:
    week = trend(frame, days=7)
    st.subheader(week.summary)
    daily = daily_pain(frame)
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
    def charts() -> None:
        first, last = daily["date"].min().date(), daily["date"].max().date()
        default_start = max(first, last - timedelta(days=29))
        chosen = st.date_input(
            "Dates to show",
            value=(default_start, last),
            min_value=first,
            max_value=last,
            key="progress_range",
            help="Pick a start and an end date. The charts and tables below follow it.",
        )
        start, end = (
            (chosen[0], chosen[-1]) if isinstance(chosen, tuple) and chosen else (default_start, last)
        )
        shown = daily[(daily["date"].dt.date >= start) & (daily["date"].dt.date <= end)]
        st.altair_chart(
            pain_chart(shown),
            key="progress_pain_chart",
            alt=f"Line chart of daily pain from {start:%d %b %Y} to {end:%d %b %Y}. {week.summary}",
        )
        with st.expander("Pain by day as a table"):
            st.dataframe(
                shown.rename(
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
        tolerance = movement_tolerance(frame)
        tolerance = tolerance[(tolerance["date"].dt.date >= start) & (tolerance["date"].dt.date <= end)]
        if tolerance.empty:
            st.caption("No movements rated in these dates. Rate them in an assessment or a check-in.")
        else:
            st.altair_chart(
                tolerance_chart(tolerance),
                key="progress_tolerance_chart",
                alt="Chart of the pain each movement caused, by day, marked tolerated or not.",
            )
            latest_rating = tolerance.sort_values("date").groupby("movement", sort=False).last()
            tolerated = sorted(latest_rating[latest_rating["tolerated"]].index)
            st.markdown(
                "**Tolerated at the last rating:** " + (", ".join(tolerated) if tolerated else "none yet")
            )
        sessions = sessions_by_day(frame)
        sessions = sessions[(sessions["date"].dt.date >= start) & (sessions["date"].dt.date <= end)]
        st.altair_chart(
            sessions_chart(sessions),
            key="progress_sessions_chart",
            alt=f"Bar chart of rehab sessions done each day against the goal, {start:%d %b} to {end:%d %b}.",
        )
        full_days = int((sessions["sessions_done"] >= sessions["target"]).sum())
        st.caption(f"All sessions done on {full_days} of {len(sessions)} days shown.")

    charts()

    st.subheader("Your check-ins")
    render_check_in_table(diary, check_ins)

st.subheader("Keep or move your diary")
latest_check_in = check_ins[-1] if check_ins else None
render_exports(
    diary,
    check_ins,
    recommend(latest_check_in.pain, latest_check_in.movement_pain) if latest_check_in else None,
    daily_pain(frame) if check_ins else pd.DataFrame(),
    site_config().name,
    now_here(),
)
render_import(diary)
render_delete_all(diary)
