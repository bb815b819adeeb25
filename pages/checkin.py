"""Check-in: a quick daily log of pain, sessions, ice, heat and a note, saved in one tap."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

from datetime import date

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, REHAB_MAX_PAIN, SESSIONS_PER_DAY, red_flags
from rehab_core.catalogue import gentlest_first
from rehab_core.config import capitalised, emergency_markdown, urgent_markdown
from rehab_core.diary import NOTE_MAX_CHARS, CheckIn, new_check_in
from rehab_core.errors import InvalidInput
from rehab_core.pain_scale import PAIN_IT_CAUSED_MEANING, pain_scale_help, rise_from
from rehab_core.protocol import daily_advice, recommend
from rehab_core.session import morning_advice
from ui import state
from ui.clock import now_here
from ui.frame import site_config
from ui.pain_pick import pain_pick
from ui.router import page_link
from ui.session_link import render_session_entry
from ui.storage import require_diary
from ui.store_errors import diary_guard
from ui.today_state import current_today

NOT_TRIED = "Not tried"
WARNING_QUESTION = "Any new warning sign since your last check-in?"
YES, NO = "Yes", "No"
# A check-in that is not saved keeps everything typed in the form, to fix and save again. After a
# save the form starts afresh: its fields take new keys (the round counts the saves), and the
# saved check-in is kept here, with the day it was saved on, to be confirmed under the new form.
FORM_ROUND = state.declare("checkin_form_round", lambda: 0, "pages/checkin.py")
JUST_SAVED: state.Key[tuple[CheckIn, date] | None] = state.declare(
    "checkin_just_saved", lambda: None, "pages/checkin.py"
)
# The form round in which "Re-rate movements" was last opened: from then on its boxes are drawn.
RATINGS_OPENED_IN_ROUND: state.Key[int | None] = state.declare(
    "checkin_ratings_opened_in_round", lambda: None, "pages/checkin.py"
)
RATINGS_KEY = "checkin_ratings"

st.title("Check-in")
st.caption("A quick log for today. Check in as often as you like: morning, after a session, at night.")
diary = require_diary("Sign in to keep your check-ins.")

now = now_here()
form_round = FORM_ROUND.get()
# A tap on "Re-rate movements" reruns the page, so what a save said (and its advice: rest and ice,
# get care) stays up until the next save, not one run. Coming to the page again shows none of it:
# Streamlit drops the expander's state as soon as a run of another page leaves it out.
if state.widget_value(RATINGS_KEY) is None:
    JUST_SAVED.reset()
    RATINGS_OPENED_IN_ROUND.reset()


def field_key(name: str) -> str:
    return f"checkin_{name}_{form_round}"


def get_care_now() -> None:
    """A new warning sign: whom to call, at once, before anything else on the page."""
    config = site_config()
    urgent = urgent_markdown(config)
    st.error(
        f"**If it is a sign that needs help now:** {emergency_markdown(config)}\n\n"
        f"**For any other warning sign:** {capitalised(urgent)}\n\n"
        "Do not start or go on with the exercise plan until you have been checked.",
        title="Get care now",
        icon=":material/emergency:",
    )
    page_link("pages/get_help.py", label="When to get help", icon=":material/emergency:")


def rest_and_ice(pain: int) -> None:
    """A check-in at pain 9-10: the same rest-and-ice help as Assess, and no sessions today."""
    advice = daily_advice(recommend(pain))
    st.warning(
        f"At pain {pain}, skip today's rehab sessions: today is for rest and ice. "
        "Most back pain gets a lot better within a few weeks, even when it is this bad at first.",
        title="Skip today's sessions",
        icon=":material/bed:",
    )
    st.markdown("**Do**\n\n" + "\n".join(f"- {line}" for line in advice.do))
    st.markdown("**Don't**\n\n" + "\n".join(f"- {line}" for line in advice.dont))
    st.info(
        " ".join(advice.get_help) + f" To get checked, {urgent_markdown(site_config())}",
        title="When to get checked",
        icon=":material/medical_services:",
    )


# The safety question comes first and outside the form, so a yes shows whom to call at once.
new_sign = st.segmented_control(
    WARNING_QUESTION,
    [NO, YES],
    default=None,
    key=field_key("new_warning_sign"),
    help="A warning sign is a symptom that means a doctor should check you first. Open the list below.",
)
# Drawn only while open (a closed expander that reruns on toggle sends nothing): each element is
# work on every run (docs/performance.md), and the list is one tap away either way.
signs = st.expander("The warning signs", icon=":material/list:", key="checkin_signs", on_change="rerun")
if signs.open:
    with signs:
        for level, heading in (
            ("emergency", "Signs that need help now"),
            ("urgent", "Signs that need a doctor today"),
        ):
            st.markdown(
                f"**{heading}**\n\n"
                + "\n".join(
                    f"- {f.question}" for f in red_flags() if f.level == level and f.kind == "symptom"
                )
            )
if new_sign == YES:
    get_care_now()


# Enter in a box never saves: a half-filled check-in would be saved before the rest was filled in.
with st.form("checkin_form", border=True, enter_to_submit=False):
    pain = pain_pick("Pain now", field_key("pain"), help=pain_scale_help(), show_words=False)
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
    # Drawn once opened (a stateful expander reruns on a tap even inside a form, and the form keeps
    # what is typed in it): its caption and ten boxes are eleven elements of work on every run
    # (docs/performance.md). Once opened in this form, the boxes stay drawn while it is closed, so
    # a rating typed and then folded away is still saved, as before.
    rerate = st.expander(
        "Re-rate movements (optional)",
        icon=":material/sports_gymnastics:",
        key=RATINGS_KEY,
        on_change="rerun",
    )
    if rerate.open:
        RATINGS_OPENED_IN_ROUND.set(form_round)
    ratings: dict[str, int | None] = {}
    if RATINGS_OPENED_IN_ROUND.get() == form_round:
        with rerate:
            st.caption(
                "For each movement you tried: your pain while doing it, from 0 to 10. The diary keeps how "
                "far it went above your pain now. This does not change your plan: assess again for that."
            )
            ratings = {
                movement.id: st.number_input(
                    movement.name,
                    # No bounds in the box: a box out of bounds would stop the save without a word
                    # where the button is; saving checks the rating and names the movement instead.
                    value=None,
                    step=1,
                    placeholder=NOT_TRIED,
                    key=field_key(f"rate_{movement.id}"),
                    help=f"{PAIN_IT_CAUSED_MEANING} Leave it blank if you did not try it today.",
                )
                for movement in gentlest_first()
            }
    when_date, when_time = st.columns(2)
    day = when_date.date_input("Date", value=now.date(), max_value=now.date(), key=field_key("date"))
    # Empty means "now", read when Save is tapped: a form left open for an hour is saved at the
    # time it is saved, not the time it was opened.
    clock = when_time.time_input(
        "Time (empty: now)",
        value=None,
        key=field_key("time"),
        help="Leave it empty to use the time you save.",
    )
    submitted = st.form_submit_button(
        "Save check-in", type="primary", icon=":material/save:", width="stretch"
    )

if submitted:
    JUST_SAVED.reset()  # what the last save said gives way to what this one says
    missing = [
        words
        for words, answer in (
            (f"tap your pain now, from {PAIN_MIN} to {PAIN_MAX}", pain),
            (f"answer '{WARNING_QUESTION}' at the top", new_sign),
        )
        if answer is None
    ]
    if missing:
        st.error(f"Not saved yet: {' and '.join(missing)}.", icon=":material/touch_app:")
        st.stop()
    assert pain is not None
    if clock is None and day != now.date():
        st.error(
            "Not saved yet: for a check-in on another day, pick its time as well.", icon=":material/schedule:"
        )
        st.stop()
    when = (
        now
        if clock is None
        else now.replace(
            year=day.year,
            month=day.month,
            day=day.day,
            hour=clock.hour,
            minute=clock.minute,
            second=0,
            microsecond=0,
        )
    )
    if when > now:
        st.error(
            f"Not saved yet: {when:%H:%M on %a %d %b} is later than now. A check-in records what has "
            "happened: pick an earlier time, or leave the time empty for now.",
            icon=":material/schedule:",
        )
        st.stop()
    try:
        out_of_scale = [
            f"your pain while doing {name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, got {value}"
            for name, value in ((m.name, ratings.get(m.id)) for m in gentlest_first())
            if value is not None and not PAIN_MIN <= value <= PAIN_MAX
        ]
        if out_of_scale:
            raise InvalidInput("; ".join(out_of_scale))
        check_in = new_check_in(
            diary.owner,
            when,
            pain,
            movement_pain={
                key: rise_from(pain, value) for key, value in ratings.items() if value is not None
            },
            sessions_done=sessions or 0,
            ice=ice,
            heat=heat,
            note=note,
            new_warning_sign=new_sign == YES,
        )
        with diary_guard():
            diary.repository.add(check_in)
    except InvalidInput as error:
        st.error(
            f"Not saved: {error}. Everything you entered is still in the form: change it and save again.",
            icon=":material/error:",
        )
    else:
        JUST_SAVED.set((check_in, now.date()))
        FORM_ROUND.set(form_round + 1)
        st.rerun()

# Until the next save, but only on the day it was saved: its advice ("skip today's sessions") is that day's.
if (just_saved := JUST_SAVED.get()) is not None and just_saved[1] == now.date():
    saved = just_saved[0]
    rated = len(saved.movement_pain)
    rated_in_words = f", {rated} movement{'s' if rated > 1 else ''} rated" if rated else ""
    st.success(
        f"Saved: pain {saved.pain}, {saved.sessions_done} of {SESSIONS_PER_DAY} sessions"
        f"{', ice' if saved.ice else ''}{', heat' if saved.heat else ''}"
        f"{rated_in_words}{', a new warning sign' if saved.new_warning_sign else ''}, "
        f"at {saved.at:%H:%M on %a %d %b}.",
        icon=":material/check_circle:",
    )
    if saved.new_warning_sign:
        get_care_now()
    else:
        with diary_guard():
            stored = diary.repository.list(diary.owner)  # read once: the advice and the session link
        earlier = [entry for entry in stored if entry.id != saved.id]
        morning = morning_advice(saved.pain, earlier, saved.at)
        if morning is not None:
            st.warning(morning.words, title="Worse than yesterday morning", icon=":material/trending_up:")
        if saved.pain > REHAB_MAX_PAIN:
            rest_and_ice(saved.pain)
        else:
            render_session_entry(current_today(stored))
    page_link("pages/progress.py", label="See your progress", icon=":material/monitoring:")
