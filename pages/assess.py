"""Assess today: safety check -> pain now -> each movement rated -> today's plan with its reasons."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core import PAIN_MAX, Phase, red_flags
from rehab_core.catalogue import CONTENT_DIR, RedFlag, gentlest_first, movement_by_id, slug
from rehab_core.config import urgent_markdown
from rehab_core.learn import MIN_AGE
from rehab_core.pain_scale import (
    PAIN_IT_CAUSED_MEANING,
    PAIN_WHILE_DOING_IT,
    pain_band,
    pain_scale_help,
    rating_words,
    rise_from,
)
from rehab_core.protocol import daily_advice, headline
from ui import assess_state as flow
from ui.assess_actions import render_keep_actions
from ui.frame import site_config
from ui.pain_pick import pain_pick
from ui.room_report import report_finished_assessment
from ui.session_link import render_session_entry
from ui.step_start import start_step_at_top
from ui.today_state import diary_today
from ui.warning_signs import get_care_alert, sign_boxes

config = site_config()
standing = diary_today()
flow.prime(standing)
answers = flow.answers()
step = answers.current_step()
if step in (flow.RESULT, flow.STOP):  # finished: in a workshop room, its answer joins the room's counts
    report_finished_assessment(answers.stopping_signs(), answers.pain, answers.rated())
st.title("Assess today")
done, counter = answers.progress(step)
st.progress(done, text=counter)
start_step_at_top("assess", step)


def back_button() -> None:
    st.button("Back", key="assess_back", on_click=flow.back, icon=":material/arrow_back:")


def ask_for_a_number(message: str) -> None:
    """The answer to Continue pressed with nothing picked: what is missing, next to the button."""
    st.error(message, icon=":material/touch_app:")


def get_care_now() -> None:
    """The get-care-now step: each sign answered yes with its own action, no plan of any kind.

    Symptoms now always stop. A background sign alone stops until the person records that they
    have been checked since this pain began and told they can exercise.
    """
    stopping = answers.stopping_signs()
    chosen = [flag for flag in red_flags() if flag.id in stopping]
    emergency = get_care_alert(chosen, config)
    st.markdown("\n".join(f"- {flag.why}" for flag in chosen))
    if not emergency:
        st.caption("No exercise plan until you have been checked. Gentle walking about the home is fine.")
    if not answers.flags:
        with st.container(border=True):
            since = standing.checked_since
            st.markdown(
                "**Already checked?** If a doctor or physiotherapist has checked you since this pain "
                "began and told you that you can exercise, say so, and go on."
                if since is None
                else f"**Already checked?** You noted a new warning sign on {since:%a %d %b}. If a doctor "
                "or physiotherapist has checked you on that day or since and told you that you can "
                "exercise, say so, and go on. A check from before that day did not see the new sign."
            )
            st.checkbox(
                "I have been checked since this pain began and told I can exercise"
                if since is None
                else f"I have been checked on {since:%d %b} or since and told I can exercise",
                key=flow.CLEARED_KEY,
            )
            st.date_input(
                "When were you checked?",
                value=None,
                min_value=None if since is None else min(since, standing.day),
                max_value=standing.day,
                key=flow.CLEARED_ON_KEY,
                format="DD/MM/YYYY",
            )
            if answers.unanswered == flow.STOP:
                ask_for_a_number(
                    "Tick the box and pick the day you were checked, then go on."
                    if since is None
                    else f"Tick the box, pick the day you were checked ({since:%d %b} or later), then go on."
                )
            st.button(
                "Go on to the assessment",
                key="assess_cleared_next",
                on_click=flow.record_clearance,
                args=(since,),
            )
    st.button(
        "Change my answers",
        key="assess_back",
        on_click=flow.change_safety_answers,
        icon=":material/arrow_back:",
    )


def warning_boxes(flags: list[RedFlag], heading: str) -> None:
    sign_boxes(flags, heading, {*answers.flags, *answers.background}, flow.flag_key)


if step == flow.SAFETY:
    # The heading and its text as one Markdown block: one element, not two (docs/performance.md).
    st.markdown(
        "### Safety check\n\n"
        "Before any movement, make sure nothing needs a doctor first. "
        "**Tick each question your answer is yes to.** If none, just continue. "
        f"This app is for people aged {MIN_AGE} and over."
    )
    symptoms = flow.symptom_flags()
    warning_boxes([f for f in symptoms if f.level == "emergency"], "Right now: signs that need help now")
    warning_boxes(
        [f for f in symptoms if f.level != "emergency"], "Right now: signs that need a doctor today"
    )
    if answers.ask_background:
        warning_boxes(flow.background_flags(), "About you and this bout of back pain (asked once)")
    else:
        named = [flag.question for flag in flow.background_flags() if flag.id in answers.background]
        with st.container(border=True):
            st.markdown(
                "**About you and this bout of back pain:** you answered these earlier. "
                + ("Yes to: " + " ".join(named) if named else "No to all of them.")
            )
            st.button("Answer them again", key="assess_background_again", on_click=flow.ask_background_again)
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
    if answers.cleared_on is not None and answers.background:
        st.info(
            f"You were checked on {answers.cleared_on:%d %B %Y} and told you can exercise, so the plan goes "
            "ahead. If anything new appears, do the safety check again.",
            icon=":material/verified:",
        )
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
        f"Your pain is {answers.pain} of {PAIN_MAX}: {band.name.lower()}. "
        # The band says what this pain allows; with no movement in the plan, say what today holds.
        + (band.today if recommendation.prescriptions else "No movement stayed within the limits today."),
        title=headline(recommendation),
    )
    do_column, dont_column = st.columns(2)
    do_column.markdown("**Do**\n\n" + "\n".join(f"- {line}" for line in advice.do))
    dont_column.markdown("**Don't**\n\n" + "\n".join(f"- {line}" for line in advice.dont))
    if advice.get_help:
        urgent = urgent_markdown(config)
        st.info(
            " ".join(advice.get_help) + f" To get checked, {urgent}",
            title="When to get checked",
            icon=":material/medical_services:",
        )
    if recommendation.prescriptions:
        # A Markdown table under its heading: it wraps on a phone instead of clipping a column, and
        # each name links to the movement's card in the library (its heading's anchor), in a new tab.
        rows = "\n".join(
            f"| [{names[item.movement_id].name}](library#{slug(names[item.movement_id].name)}) "
            f"| {names[item.movement_id].dose_in_words(item.reps, item.sets)} | {item.sessions_per_day} |"
            for item in recommendation.prescriptions
        )
        st.markdown(
            f"### Today's plan\n\n| Movement | Each time | Times a day |\n| --- | --- | --- |\n{rows}"
        )
        st.caption("Tap a movement to see how to do it in the movement library.")
    if recommendation.phase is Phase.REST_ICE:
        st.info(
            "Most back pain gets a lot better within a few weeks, even when it is this bad at first.",
            icon=":material/favorite:",
        )
    # The reasons under their heading and the next part's heading: one Markdown block.
    st.markdown(
        "### Why this plan\n\n"
        + "\n".join(f"- {reason}" for reason in recommendation.reasons)
        + "\n\n### Keep it"
    )
    render_keep_actions(recommendation, answers, config, standing.check_ins)
    if answers.saved_id is not None:
        render_session_entry(standing)
    row = st.container(horizontal=True)
    with row:
        back_button()
        st.button("Start again", key="assess_restart", on_click=flow.restart, icon=":material/restart_alt:")

else:
    movement = movement_by_id()[step]
    offered = [m.id for m in gentlest_first()]
    number = offered.index(movement.id) + 1
    assert answers.pain is not None  # the movement steps exist only once pain is picked
    st.markdown(f"### Movement {number} of {len(offered)}: {movement.name}\n\n{movement.summary}")
    illustration = CONTENT_DIR / "illustrations" / movement.illustration
    if movement.illustration and illustration.is_file():
        st.image(str(illustration), caption=f"{movement.name}, drawn simply", width=260)
    st.markdown(
        "\n".join(f"{step_number}. {text}" for step_number, text in enumerate(movement.steps, start=1))
        + f"\n\n**What you should feel:** {movement.feel}"
    )
    st.warning(f"Stop if {movement.stop_if[0].lower()}{movement.stop_if[1:]}", icon=":material/pan_tool:")
    st.caption(
        f"Try it gently, a few times, then tap your pain while doing it. Your pain before was "
        f"{answers.pain}. Skip any movement you cannot get into comfortably: the gentlest come first."
    )
    during = pain_pick(
        PAIN_WHILE_DOING_IT,
        flow.rating_key(movement.id),
        help=PAIN_IT_CAUSED_MEANING,
        default=answers.ratings.get(movement.id),
        show_words=False,
    )
    if during is not None:
        st.markdown(f"**{rating_words(answers.pain, rise_from(answers.pain, during))}**")
    if answers.unanswered == movement.id:
        ask_for_a_number(
            f"Tap a number from 0 to {PAIN_MAX} for your pain while doing {movement.name}, "
            "or tap Skip this one."
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
