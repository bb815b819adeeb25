"""Check-in: a quick daily log of pain, sessions, ice, heat and a note, saved in one tap."""

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY, movements
from rehab_core.diary import NOTE_MAX_CHARS, new_check_in
from rehab_core.errors import InvalidInput
from rehab_core.protocol import PAIN_BANDS
from ui.clock import now_here
from ui.frame import ensure_entrypoint
from ui.storage import diary_guard, require_diary

ensure_entrypoint()

NOT_TRIED = "Not tried"

st.title("Check-in")
st.caption("A quick log for today. Check in as often as you like: morning, after a session, at night.")
diary = require_diary("Sign in to keep your check-ins.")

now = now_here()
# Enter in a box never saves: a half-filled check-in would be saved and the rest of the form cleared.
with st.form("checkin_form", border=True, clear_on_submit=True, enter_to_submit=False):
    pain = st.slider(
        "Pain now",
        PAIN_MIN,
        PAIN_MAX,
        value=PAIN_MIN,
        key="checkin_pain",
        help=" ".join(f"Up to {upper}: {words}." for upper, words in PAIN_BANDS),
    )
    sessions = st.segmented_control(
        "Rehab sessions done today",
        options=list(range(SESSIONS_PER_DAY + 1)),
        default=0,
        key="checkin_sessions",
        help=f"The plan asks for {SESSIONS_PER_DAY} short sessions a day.",
    )
    row = st.container(horizontal=True)
    ice = row.checkbox("I used ice", key="checkin_ice")
    heat = row.checkbox("I used heat", key="checkin_heat")
    note = st.text_area(
        "Note (optional)",
        max_chars=NOTE_MAX_CHARS,
        key="checkin_note",
        placeholder="What helped, what made it worse, how you slept...",
    )
    with st.expander("Re-rate movements (optional)", icon=":material/sports_gymnastics:"):
        ratings = {
            movement.id: st.number_input(
                movement.name,
                min_value=PAIN_MIN,
                max_value=PAIN_MAX,
                value=None,
                step=1,
                placeholder=NOT_TRIED,
                key=f"checkin_rate_{movement.id}",
                help=(
                    f"The most pain this movement caused today, {PAIN_MIN} to {PAIN_MAX}, if you tried it. "
                    "Leave it blank if not."
                ),
            )
            for movement in movements()
        }
    when_date, when_time = st.columns(2)
    day = when_date.date_input("Date", value=now.date(), max_value=now.date(), key="checkin_date")
    clock = when_time.time_input(
        "Time", value=now.time().replace(second=0, microsecond=0), key="checkin_time"
    )
    submitted = st.form_submit_button(
        "Save check-in", type="primary", icon=":material/save:", width="stretch"
    )

if submitted:
    try:
        check_in = new_check_in(
            diary.owner,
            now.replace(year=day.year, month=day.month, day=day.day, hour=clock.hour, minute=clock.minute),
            pain,
            movement_pain={key: value for key, value in ratings.items() if value is not None},
            sessions_done=sessions or 0,
            ice=ice,
            heat=heat,
            note=note,
        )
        with diary_guard():
            diary.repository.add(check_in)
    except InvalidInput as error:
        st.error(f"Not saved: {error}", icon=":material/error:")
    else:
        rated = len(check_in.movement_pain)
        st.success(
            f"Saved: pain {check_in.pain}, {check_in.sessions_done} of {SESSIONS_PER_DAY} sessions"
            f"{', ice' if check_in.ice else ''}{', heat' if check_in.heat else ''}"
            f"{f', {rated} movements rated' if rated else ''}, at {check_in.at:%H:%M on %a %d %b}.",
            icon=":material/check_circle:",
        )
        st.page_link("pages/progress.py", label="See your progress", icon=":material/monitoring:")
