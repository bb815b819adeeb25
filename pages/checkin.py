"""Check-in: a quick daily log of pain, sessions, ice, heat and a note, saved in one tap."""

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY, movements
from rehab_core.diary import NOTE_MAX_CHARS, new_check_in
from rehab_core.errors import InvalidInput
from rehab_core.pain_scale import pain_scale_help
from ui.clock import now_here
from ui.frame import ensure_entrypoint
from ui.storage import diary_guard, require_diary

ensure_entrypoint()

NOT_TRIED = "Not tried"
# A check-in that is not saved keeps everything typed in the form, to fix and save again. After a
# save the form starts afresh: its fields take new keys (the round counts the saves), and the
# saved check-in is kept here to be confirmed under the new form.
FORM_ROUND = "checkin_form_round"
JUST_SAVED = "checkin_just_saved"

st.title("Check-in")
st.caption("A quick log for today. Check in as often as you like: morning, after a session, at night.")
diary = require_diary("Sign in to keep your check-ins.")

now = now_here()
form_round = st.session_state.setdefault(FORM_ROUND, 0)


def field_key(name: str) -> str:
    return f"checkin_{name}_{form_round}"


# Enter in a box never saves: a half-filled check-in would be saved before the rest was filled in.
with st.form("checkin_form", border=True, enter_to_submit=False):
    pain = st.slider(
        "Pain now",
        PAIN_MIN,
        PAIN_MAX,
        value=PAIN_MIN,
        key=field_key("pain"),
        help=pain_scale_help(),
    )
    sessions = st.segmented_control(
        "Rehab sessions done today",
        options=list(range(SESSIONS_PER_DAY + 1)),
        default=0,
        key=field_key("sessions"),
        help=f"The plan asks for {SESSIONS_PER_DAY} short sessions a day.",
    )
    row = st.container(horizontal=True)
    ice = row.checkbox("I used ice", key=field_key("ice"))
    heat = row.checkbox("I used heat", key=field_key("heat"))
    note = st.text_area(
        "Note (optional)",
        max_chars=NOTE_MAX_CHARS,
        key=field_key("note"),
        placeholder="What helped, what made it worse, how you slept...",
    )
    with st.expander("Re-rate movements (optional)", icon=":material/sports_gymnastics:"):
        ratings = {
            movement.id: st.number_input(
                movement.name,
                # No bounds in the box: a box out of bounds would stop the save without a word
                # where the button is; saving checks the rating and names the movement instead.
                value=None,
                step=1,
                placeholder=NOT_TRIED,
                key=field_key(f"rate_{movement.id}"),
                help=(
                    f"The most pain this movement caused today, {PAIN_MIN} to {PAIN_MAX}, if you tried it. "
                    "Leave it blank if not."
                ),
            )
            for movement in movements()
        }
    when_date, when_time = st.columns(2)
    day = when_date.date_input("Date", value=now.date(), max_value=now.date(), key=field_key("date"))
    clock = when_time.time_input(
        "Time", value=now.time().replace(second=0, microsecond=0), key=field_key("time")
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
        st.error(
            f"Not saved: {error}. Everything you entered is still in the form: change it and save again.",
            icon=":material/error:",
        )
    else:
        st.session_state[JUST_SAVED] = check_in
        st.session_state[FORM_ROUND] = form_round + 1
        st.rerun()

if (saved := st.session_state.pop(JUST_SAVED, None)) is not None:
    rated = len(saved.movement_pain)
    rated_in_words = f", {rated} movement{'s' if rated > 1 else ''} rated" if rated else ""
    st.success(
        f"Saved: pain {saved.pain}, {saved.sessions_done} of {SESSIONS_PER_DAY} sessions"
        f"{', ice' if saved.ice else ''}{', heat' if saved.heat else ''}"
        f"{rated_in_words}, at {saved.at:%H:%M on %a %d %b}.",
        icon=":material/check_circle:",
    )
    st.page_link("pages/progress.py", label="See your progress", icon=":material/monitoring:")
