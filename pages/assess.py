"""Assess today: safety check -> pain now -> each movement rated -> today's plan with its reasons."""

import streamlit as st

from rehab_core import PAIN_MAX, PAIN_MIN, Phase, movements, recommend, red_flags
from rehab_core.catalogue import CONTENT_DIR, movement_by_id
from rehab_core.pain_scale import PAIN_IT_CAUSED, PAIN_IT_CAUSED_MEANING, pain_words
from rehab_core.protocol import daily_advice
from ui import assess_state as flow
from ui.assess_actions import render_keep_actions
from ui.frame import ensure_entrypoint, site_config

ensure_entrypoint()

config = site_config()
answers = flow.answers()
steps = answers.steps()
st.title("Assess today")
st.progress(
    steps.index(answers.step) / (len(steps) - 1), text=f"Step {steps.index(answers.step) + 1} of {len(steps)}"
)


def save_safety() -> None:
    answers.flags = [flag.id for flag in red_flags() if st.session_state.get(f"flag_{flag.id}")]
    flow.go(flow.STOP if answers.flags else flow.PAIN)


def save_pain() -> None:
    answers.pain = st.session_state.assess_pain
    flow.go(flow.next_step(flow.PAIN))


def save_rating(movement_id: str, skipped: bool) -> None:
    answers.ratings[movement_id] = None if skipped else st.session_state[f"rate_{movement_id}"]
    flow.go(flow.next_step(movement_id))


def back() -> None:
    flow.go(flow.previous_step(answers.step))


def back_button() -> None:
    st.button("Back", key="assess_back", on_click=back, icon=":material/arrow_back:")


if answers.step == flow.SAFETY:
    st.subheader("Safety check")
    st.markdown(
        "Before any movement, make sure nothing needs a doctor first. "
        "**Tick every statement that is true for you.** If none are, just continue."
    )
    for level, heading in (
        ("emergency", "Signs that need help now"),
        ("urgent", "Signs that need a doctor today"),
    ):
        with st.container(border=True):
            st.markdown(f"**{heading}**")
            for flag in red_flags():
                if flag.level == level:
                    st.checkbox(flag.question, value=flag.id in answers.flags, key=f"flag_{flag.id}")
    st.button(
        "Continue",
        key="assess_safety_next",
        type="primary",
        on_click=save_safety,
        icon=":material/arrow_forward:",
    )

elif answers.step == flow.STOP:
    chosen = [flag for flag in red_flags() if flag.id in answers.flags]
    if any(flag.level == "emergency" for flag in chosen):
        st.error(
            f"Call **{config.emergency_number}** now, or go to an emergency department. "
            "Do not start any exercise.",
            title="Get emergency help now",
            icon=":material/emergency:",
        )
    else:
        st.warning(
            f"Contact **{config.urgent_care}** today and tell them about your back pain. "
            "Do not start any exercise until you have been checked.",
            title="See a doctor today",
            icon=":material/medical_services:",
        )
    st.markdown("You answered yes to:")
    for flag in chosen:
        st.markdown(f"- **{flag.question}** {flag.why}")
    st.button(
        "Change my answers",
        key="assess_back",
        on_click=flow.go,
        args=(flow.SAFETY,),
        icon=":material/arrow_back:",
    )

elif answers.step == flow.PAIN:
    st.subheader("How much does your back hurt right now?")
    st.caption("0 is no pain. 10 is the worst pain you can imagine.")
    pain = st.slider("Pain now", PAIN_MIN, PAIN_MAX, value=answers.pain, key="assess_pain")
    st.markdown(f"**{pain}: {pain_words(pain)}**")
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button(
            "Continue",
            key="assess_pain_next",
            type="primary",
            on_click=save_pain,
            icon=":material/arrow_forward:",
        )

elif answers.step == flow.RESULT:
    recommendation = recommend(answers.pain, answers.rated())
    advice = daily_advice(recommendation)
    names = movement_by_id()
    headline = {
        Phase.REST_ICE: ("Today: rest and ice only", st.warning),
        Phase.REHAB: ("Today: gentle rehab movements", st.success),
    }
    title, alert = headline[recommendation.phase]
    alert(f"Your pain is {answers.pain} of {PAIN_MAX}: {pain_words(answers.pain).lower()}.", title=title)
    do_column, dont_column = st.columns(2)
    with do_column:
        st.markdown("**Do**")
        st.markdown("\n".join(f"- {line}" for line in advice.do))
    with dont_column:
        st.markdown("**Don't**")
        st.markdown("\n".join(f"- {line}" for line in advice.dont))
    if recommendation.prescriptions:
        st.subheader("Your plan for today")
        st.dataframe(
            [
                {
                    "Movement": names[item.movement_id].name,
                    "Reps": item.reps,
                    "Sets": item.sets,
                    "Times a day": item.sessions_per_day,
                }
                for item in recommendation.prescriptions
            ],
            hide_index=True,
            key="assess_plan_table",
            alt="Today's plan: each movement with its reps, sets and times a day.",
        )
    st.subheader("Why this plan")
    st.markdown("\n".join(f"- {reason}" for reason in recommendation.reasons))
    st.session_state.assess_result = recommendation

    st.subheader("Keep it")
    render_keep_actions(recommendation, answers.pain, answers.rated(), config.name)
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button("Start again", key="assess_restart", on_click=flow.restart, icon=":material/restart_alt:")

else:
    movement = movement_by_id()[answers.step]
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
    st.caption("Try it gently, a few times. Then rate the most pain it caused, or skip it.")
    stored = answers.ratings.get(movement.id)
    st.slider(
        "Pain it caused",
        PAIN_MIN,
        PAIN_MAX,
        value=stored if stored is not None else 0,
        key=f"rate_{movement.id}",
        help="0 is no pain at all; 10 is the worst pain you can imagine.",
    )
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button("Skip this one", key="assess_skip", on_click=save_rating, args=(movement.id, True))
        st.button(
            "Save and continue",
            key="assess_next",
            type="primary",
            on_click=save_rating,
            args=(movement.id, False),
            icon=":material/arrow_forward:",
        )
