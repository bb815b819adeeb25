"""Assess today: safety check -> pain now -> each movement rated -> today's plan with its reasons."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import PAIN_MAX, Phase, movements, red_flags
from rehab_core.catalogue import CONTENT_DIR, movement_by_id, slug
from rehab_core.config import capitalised, emergency_markdown, urgent_markdown
from rehab_core.pain_scale import PAIN_IT_CAUSED, PAIN_IT_CAUSED_MEANING, pain_band, pain_scale_help
from rehab_core.protocol import daily_advice, headline
from ui import assess_state as flow
from ui.assess_actions import render_keep_actions
from ui.frame import site_config
from ui.pain_pick import pain_pick
from ui.step_start import start_step_at_top

config = site_config()
answers = flow.answers()
step = answers.current_step()
steps = answers.shown_steps()
st.title("Assess today")
st.progress(steps.index(step) / (len(steps) - 1), text=f"Step {steps.index(step) + 1} of {len(steps)}")
start_step_at_top("assess", step)


def back_button() -> None:
    st.button("Back", key="assess_back", on_click=flow.back, icon=":material/arrow_back:")


def ask_for_a_number(message: str) -> None:
    """The answer to Continue pressed with nothing picked: what is missing, next to the button."""
    st.error(message, icon=":material/touch_app:")


def get_care_now() -> None:
    """The get-care-now step: whom to call, what was answered yes, no plan of any kind."""
    chosen = [flag for flag in red_flags() if flag.id in answers.flags]
    if any(flag.level == "emergency" for flag in chosen):
        st.error(
            f"{emergency_markdown(config)} Do not start any exercise.",
            title="Get emergency help now",
            icon=":material/emergency:",
        )
    else:
        urgent = urgent_markdown(config)
        st.warning(
            f"{capitalised(urgent)} Tell them about your back pain. "
            "Do not start any exercise until you have been checked.",
            title="See a doctor today",
            icon=":material/medical_services:",
        )
    st.markdown("You answered yes to:")
    st.markdown("\n".join(f"- **{flag.question}** {flag.why}" for flag in chosen))
    st.button(
        "Change my answers",
        key="assess_back",
        on_click=flow.change_safety_answers,
        icon=":material/arrow_back:",
    )


if step == flow.SAFETY:
    st.subheader("Safety check")
    st.markdown(
        "Before any movement, make sure nothing needs a doctor first. "
        "**Tick each question your answer is yes to.** If none, just continue. "
        "This app is for people aged 16 and over."
    )
    for level, heading in (
        ("emergency", "Signs that need help now"),
        ("urgent", "Signs that need a doctor today"),
    ):
        with st.container(border=True):
            st.markdown(f"**{heading}**")
            for flag in red_flags():
                if flag.level == level:
                    st.checkbox(flag.question, value=flag.id in answers.flags, key=flow.flag_key(flag.id))
    st.button(
        "Continue",
        key="assess_safety_next",
        type="primary",
        on_click=flow.save_safety,
        icon=":material/arrow_forward:",
    )

elif step == flow.STOP:
    get_care_now()

elif step == flow.PAIN:
    st.subheader("How much does your back hurt right now?")
    st.caption(f"0 is no pain. {PAIN_MAX} is the worst pain you can imagine. Tap the number that fits best.")
    pain_pick("Pain now", flow.PAIN_KEY, help=pain_scale_help(), default=answers.pain)
    if answers.unanswered == flow.PAIN:
        ask_for_a_number(f"Tap a number from 0 to {PAIN_MAX} for your pain now, then Continue.")
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button(
            "Continue",
            key="assess_pain_next",
            type="primary",
            on_click=flow.save_pain,
            icon=":material/arrow_forward:",
        )

elif step == flow.RESULT:
    recommendation = answers.recommendation()
    if recommendation.phase is Phase.URGENT_CARE:  # unreachable while current_step() holds; kept as a wall
        get_care_now()
        st.stop()
    assert answers.pain is not None  # the result step exists only once pain is picked
    advice = daily_advice(recommendation)
    names = movement_by_id()
    # Green only for a day with movements to do; a day without a plan is no success to show.
    alert = st.success if recommendation.prescriptions else st.warning
    band = pain_band(answers.pain)
    alert(
        f"Your pain is {answers.pain} of {PAIN_MAX}: {band.name.lower()}. {band.today}",
        title=headline(recommendation),
    )
    do_column, dont_column = st.columns(2)
    with do_column:
        st.markdown("**Do**")
        st.markdown("\n".join(f"- {line}" for line in advice.do))
    with dont_column:
        st.markdown("**Don't**")
        st.markdown("\n".join(f"- {line}" for line in advice.dont))
    if advice.get_help:
        urgent = urgent_markdown(config)
        st.info(
            " ".join(advice.get_help) + f" To get checked, {urgent}",
            title="When to get checked",
            icon=":material/medical_services:",
        )
    if recommendation.prescriptions:
        st.subheader("Your plan for today")
        # A Markdown table: it wraps on a phone instead of clipping a column, and each name links
        # to the movement's card in the library (its heading's anchor), opened in a new tab.
        rows = "\n".join(
            f"| [{names[item.movement_id].name}](library#{slug(names[item.movement_id].name)}) "
            f"| {item.reps} | {item.sets} | {item.sessions_per_day} |"
            for item in recommendation.prescriptions
        )
        st.markdown(f"| Movement | Reps | Sets | Times a day |\n| --- | --- | --- | --- |\n{rows}")
        st.caption("Tap a movement to see how to do it in the movement library.")
    st.subheader("Why this plan")
    st.markdown("\n".join(f"- {reason}" for reason in recommendation.reasons))

    st.subheader("Keep it")
    render_keep_actions(recommendation, answers, config)
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button("Start again", key="assess_restart", on_click=flow.restart, icon=":material/restart_alt:")

else:
    movement = movement_by_id()[step]
    number = [m.id for m in movements()].index(movement.id) + 1
    st.subheader(f"Movement {number} of {len(movements())}: {movement.name}")
    st.markdown(movement.summary)
    illustration = CONTENT_DIR / "illustrations" / movement.illustration
    if movement.illustration and illustration.is_file():
        st.image(str(illustration), caption=f"{movement.name}, drawn simply", width=260)
    st.markdown(
        "\n".join(f"{step_number}. {text}" for step_number, text in enumerate(movement.steps, start=1))
    )
    st.markdown(f"**What you should feel:** {movement.feel}")
    st.warning(f"Stop if {movement.stop_if[0].lower()}{movement.stop_if[1:]}", icon=":material/pan_tool:")
    st.caption(
        f"Try it gently, a few times. Then tap the pain it caused, or skip it. {PAIN_IT_CAUSED_MEANING}"
    )
    pain_pick(
        PAIN_IT_CAUSED,
        flow.rating_key(movement.id),
        help=PAIN_IT_CAUSED_MEANING,
        default=answers.ratings.get(movement.id),
    )
    if answers.unanswered == movement.id:
        ask_for_a_number(
            f"Tap a number from 0 to {PAIN_MAX} for the pain {movement.name} caused, or tap Skip this one."
        )
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button("Skip this one", key="assess_skip", on_click=flow.skip_rating, args=(movement.id,))
        st.button(
            "Save and continue",
            key="assess_next",
            type="primary",
            on_click=flow.save_rating,
            args=(movement.id,),
            icon=":material/arrow_forward:",
        )
