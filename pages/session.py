"""Today's session: check first, then the plan one movement at a time, rests run by the browser, one save."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import PAIN_MAX, SESSIONS_PER_DAY, movements, recommend, red_flags
from rehab_core.catalogue import gentlest_first
from rehab_core.pain_scale import PAIN_WHILE_DOING_IT, pain_scale_help, rating_words
from rehab_core.protocol import REHAB_MAX_PAIN, daily_advice, headline
from rehab_core.session import (
    StepKind,
    dose_change_words,
    dropped,
    harder_offer,
    is_past_limits,
    next_session_words,
    next_words,
    projector_steps,
    result_words,
    room_items,
    why_no_session,
)
from ui import session_flow as flow
from ui.clock import now_here
from ui.flash import show_message
from ui.frame import site_config
from ui.pain_pick import pain_pick
from ui.router import page_link
from ui.session_views import get_care_now, movement_card, movement_drawing, movement_text, rest_countdown
from ui.storage import require_diary
from ui.store_errors import diary_guard
from ui.warning_signs import sign_boxes

config = site_config()

# app.py leaves this page's layout to it (ui.router.OWN_LAYOUT): wide for a projector only.
st.set_page_config(layout="wide" if flow.is_projector() else "centered")
if flow.is_projector():
    # A facilitator leads a room: the same steps, large; nobody is rated and nothing is saved.
    st.html(
        "<style>.st-key-session_projector { font-size: 1.5rem; }"
        ".st-key-session_projector h3 { font-size: 2.6rem; }"
        ".st-key-session_projector img { max-width: none !important; }</style>"
    )
    st.title("Today's session, on the projector")
    with st.expander("Set up the session", icon=":material/tune:"):
        chosen = st.multiselect(
            "Movements, gentlest first",
            [movement.id for movement in gentlest_first()],
            default=[movement.id for movement in gentlest_first() if movement.level == 1],
            format_func=lambda movement_id: next(m.name for m in movements() if m.id == movement_id),
            key=flow.PROJECTOR_MOVEMENTS_KEY,
        )
        room_pain = st.select_slider(
            "Dose for a room whose pain is about",
            options=list(range(REHAB_MAX_PAIN + 1)),
            value=3,
            key=flow.PROJECTOR_PAIN_KEY,
            help="The dose follows the protocol's table: less pain, more reps and sets.",
        )
    steps = projector_steps(room_items(chosen, room_pain))
    at = flow.projector_at(len(steps))
    step = steps[at]
    with st.container(key="session_projector"):
        st.progress(at / (len(steps) - 1), text=f"Step {at + 1} of {len(steps)}")
        if step.kind is StepKind.CHECK:
            st.subheader("Check first", anchor=False)
            st.markdown(
                f"Sit this session out if your pain is {REHAB_MAX_PAIN + 1} or {PAIN_MAX} right now (rest "
                "and ice instead), or if any warning sign is true for you now: then get care first.\n\n"
                "Everyone else: go gently, and stop any movement that hurts. Keep your own diary on your "
                "phone with today's session or a check-in."
            )
            with st.expander("The warning signs"):
                st.markdown("\n".join(f"- {flag.question}" for flag in red_flags() if flag.kind == "symptom"))
        elif step.kind is StepKind.SET and step.item is not None:
            st.header(step.item.movement.name, anchor=False)
            drawing_column, words_column = st.columns([3, 2], gap="large")
            with drawing_column:
                movement_drawing(step.item)
            with words_column:
                movement_text(step.item, step.set_number)
        elif step.kind is StepKind.REST:
            st.subheader("Rest", anchor=False)
            rest_countdown(next_words(step), tag=f"projector-{at}")
        else:
            st.subheader("Session done", anchor=False)
            st.markdown(
                f"Well done, everyone. On your phone, log it with today's session or a check-in. "
                f"The plan asks for {SESSIONS_PER_DAY} short sessions a day."
            )
    row = st.container(horizontal=True)
    row.button(
        "Back",
        key="session_projector_back",
        on_click=flow.projector_move,
        args=(at - 1,),
        icon=":material/arrow_back:",
    )
    row.button(
        "Next",
        key="session_projector_next",
        type="primary",
        on_click=flow.projector_move,
        args=(min(at + 1, len(steps) - 1),),
        icon=":material/arrow_forward:",
    )
    st.stop()

st.title("Today's session")
diary = require_diary("Sign in to do today's session and keep it in your diary.")
run = flow.current_run()
with diary_guard():
    check_ins = diary.repository.list(diary.owner)
standing, items, left_out, step = flow.where_we_are(check_ins)
progress = run.progress
show_message()


def stop_buttons() -> None:
    """Under every movement and rest: stop it because it hurts, or end the session here."""
    st.button(
        "Stop, this hurts",
        key="session_stop",
        on_click=flow.stop_this_hurts,
        args=(items,),
        icon=":material/pan_tool:",
        width="stretch",
    )
    st.button("End the session now", key="session_end", type="tertiary", on_click=flow.end_now)


def ask_for_a_number(message: str) -> None:
    st.error(message, icon=":material/touch_app:")


if step.kind is StepKind.GET_CARE:
    get_care_now(config, progress.signs)
    st.button(
        "Change my answers",
        key="session_change_check",
        on_click=flow.change_check,
        icon=":material/arrow_back:",
    )
    st.stop()

if progress.saved:
    st.subheader("Session done")
    if progress.pain is not None:
        st.markdown(
            "\n".join(
                "- "
                + result_words(
                    item, progress.pain, progress.rises[item.id], stopped=item.id in progress.stopped
                )
                for item in items
                if item.id in progress.rises
            )
            # Those not rated, with why; a rated one's words are above.
            + "".join(
                f"\n- {entry.reason}"
                for entry in dropped(items, progress)
                if entry.movement.id not in progress.rises
            )
        )

    st.info(next_session_words(now_here(), standing.sessions_done_today + 1), icon=":material/schedule:")
    row = st.container(horizontal=True)
    with row:
        page_link("pages/progress.py", label="See my progress", icon=":material/monitoring:")
        page_link("pages/home.py", label="Home", icon=":material/home:")
    st.stop()

if flow.ready_to_save():
    flow.save(diary, items, standing, check_ins)

why_not = why_no_session(standing)
if why_not is not None:
    st.info(why_not.words, icon=":material/info:")
    if why_not.offer_assess:
        page_link("pages/assess.py", label="Assess today", icon=":material/assignment:")
    st.stop()

st.caption(
    f"{standing.plan_title()}: session {standing.sessions_done_today + 1} of {SESSIONS_PER_DAY}. "
    "Your answers stay in the address, so a reload comes back to the same step."
)
if step.position:
    st.progress(
        (step.position - 1) / max(len(items), 1),
        text=f"Movement {step.position} of {len(items)}: {step.item.movement.name if step.item else ''}",
    )

if step.kind is StepKind.CHECK:
    st.subheader("Check first")
    if progress.pain is not None:
        st.info(
            "Welcome back. Answer this again, and then you go on where you were, with your answers kept.",
            icon=":material/restore:",
        )
    st.markdown(
        "Before you start, make sure nothing needs a doctor first. **Tick every statement that is true "
        "for you now.** If none is, just continue."
    )
    for level, heading in (
        ("emergency", "Signs that need help now"),
        ("urgent", "Signs that need a doctor today"),
    ):
        symptoms = [flag for flag in red_flags() if flag.kind == "symptom" and flag.level == level]
        sign_boxes(symptoms, heading, run.ticked, flow.flag_key)
    st.button(
        "Continue",
        key="session_check_next",
        type="primary",
        on_click=flow.save_check,
        icon=":material/arrow_forward:",
    )

elif step.kind is StepKind.PAIN:
    st.subheader("How much does your back hurt right now?")
    st.caption(f"0 is no pain. {PAIN_MAX} is the worst pain you can imagine. Tap the number that fits best.")
    pain_pick("Pain now", flow.PAIN_KEY, help=pain_scale_help(), default=progress.pain)
    if run.unanswered is StepKind.PAIN:
        ask_for_a_number(f"Tap a number from 0 to {PAIN_MAX} for your pain now, then Continue.")
    row = st.container(horizontal=True)
    row.button("Back", key="session_back", on_click=flow.change_check, icon=":material/arrow_back:")
    row.button(
        "Continue",
        key="session_pain_next",
        type="primary",
        on_click=flow.save_pain,
        icon=":material/arrow_forward:",
    )

elif step.kind is StepKind.REST_ICE:
    assert progress.pain is not None
    advice = daily_advice(recommend(progress.pain))
    st.warning(
        f"Your pain is {progress.pain} of {PAIN_MAX}. Skip today's sessions: rest and ice instead.",
        title=headline(recommend(progress.pain)),
        icon=":material/ac_unit:",
    )
    st.markdown("\n".join(f"- {line}" for line in advice.do))
    st.button("Change my answer", key="session_back", on_click=flow.change_pain, icon=":material/arrow_back:")
    page_link("pages/checkin.py", label="Log it in a check-in", icon=":material/edit_note:")

elif step.kind is StepKind.SET and step.item is not None:
    item = step.item
    assert progress.pain is not None
    if step.position == 1 and step.set_number == 1:
        change = (
            dose_change_words(standing.shown, standing.assessment.pain, progress.pain)
            if (standing.shown is not None and standing.assessment is not None)
            else ""
        )
        for line in (change, *(entry.reason for entry in left_out)):
            if line:
                st.info(line, icon=":material/info:")
    st.subheader(item.movement.name)
    offer = harder_offer(item.movement, progress.pain, check_ins)
    if offer is not None:
        with st.container(border=True):
            st.toggle(
                "Try the harder version today",
                value=item.id in progress.harder,
                key=flow.harder_key(item.id),
                on_change=flow.toggle_harder,
                args=(item.id,),
            )
            st.caption(f"{offer.how} {offer.reason}")
            if offer.variations:
                st.markdown("\n".join(f"- {variation}" for variation in offer.variations))
    movement_card(item, step.set_number, harder=item.id in progress.harder)
    st.button(
        "Set done",
        key="session_set_done",
        type="primary",
        on_click=flow.finish_set,
        args=(items,),
        icon=":material/check:",
        width="stretch",
    )
    stop_buttons()

elif step.kind is StepKind.REST and step.item is not None:
    assert progress.pain is not None
    if step.set_number == 1 and step.position > 1:
        last = items[step.position - 2]
        if last.id in progress.rises:
            rise = progress.rises[last.id]
            result = result_words(last, progress.pain, rise, stopped=last.id in progress.stopped)
            (st.warning if is_past_limits(progress.pain, rise) else st.info)(result)
    st.subheader("Rest")
    rest_countdown(next_words(step), tag=f"{step.item.id}-{step.set_number}")
    st.button(
        "Go on now" if step.set_number > 1 else f"Go on to {step.item.movement.name}",
        key="session_rest_over",
        type="primary",
        on_click=flow.skip_rest,
        args=(items,),
        icon=":material/skip_next:",
        width="stretch",
    )
    stop_buttons()

elif step.kind is StepKind.RATE and step.item is not None:
    item = step.item
    assert progress.pain is not None
    st.subheader(f"{item.movement.name}: how did it feel?")
    st.caption(
        f"Your pain before the session was {progress.pain}. Tap your pain while doing {item.movement.name}, "
        f"from 0 to {PAIN_MAX}: the diary keeps how far it rose."
    )
    pain_pick(PAIN_WHILE_DOING_IT, flow.rating_key(item.id), help=pain_scale_help())
    if run.unanswered is StepKind.RATE:
        ask_for_a_number(f"Tap a number from 0 to {PAIN_MAX} for your pain while doing it, then Continue.")
    st.button(
        "Continue",
        key="session_rate_next",
        type="primary",
        on_click=flow.save_rating,
        args=(items, item.id),
        icon=":material/arrow_forward:",
        width="stretch",
    )

else:  # StepKind.PAIN_AFTER: the closing question, then the one save
    assert progress.pain is not None
    st.subheader("How is your back now?")
    done = [item for item in items if item.id in progress.rises]
    if done:
        st.markdown(
            "\n".join(
                f"- {item.movement.name}: {rating_words(progress.pain, progress.rises[item.id])}"
                for item in done
            )
        )
    else:
        st.caption("No movement was rated in this session: only your pain and the session are saved.")
    pain_pick("Your pain now", flow.PAIN_AFTER_KEY, help=pain_scale_help())
    if run.unanswered is StepKind.PAIN_AFTER:
        ask_for_a_number(f"Tap a number from 0 to {PAIN_MAX} for your pain now, then save.")
    st.button(
        "Save my session",
        key="session_save",
        type="primary",
        on_click=flow.save_pain_after,
        icon=":material/save:",
        width="stretch",
    )
