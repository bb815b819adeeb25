"""The projector's live part of a workshop room: people in the room and the current activity's charts.

It reads only the room's snapshots (rehab_core.rooms.step_snapshot), which move in steps of
rooms.MIN_ANSWERS answers, and never the share sent to get care: nothing on the screen is one
person's answer.
"""

from __future__ import annotations

import streamlit as st

from rehab_core import movements, rooms
from rehab_core.learn import LearnPage
from rehab_core.protocol import TOLERATED_MAX_PAIN
from rehab_core.room_charts import phase_colours, share_chart, shares_frame, shares_in_words
from rehab_core.rooms import Share
from rehab_core.store import StoreUnavailable
from ui import room_state
from ui.room import activities, activity_page, now, room_store
from ui.site import scheme

PROJECTOR_REFRESH_S = 3


def _chart(
    title: str,
    subtitle: str,
    shares: tuple[Share, ...],
    key: str,
    *,
    colours: dict[str, str] | None = None,
    show_counts: bool = True,
) -> None:
    chart = share_chart(
        shares_frame(shares), title, subtitle, scheme=scheme(), colours=colours, show_counts=show_counts
    )
    st.altair_chart(chart, width="stretch", key=key, alt=shares_in_words(title, shares))


def waiting_text(what: str) -> str:
    """Said while nothing shows: no live number, so nobody's answer moves it."""
    return (
        f"Nothing shows until at least {rooms.MIN_ANSWERS} people have {what}, and then only in "
        f"steps of {rooms.MIN_ANSWERS}, so nobody is singled out."
    )


def render_assessment_counts(shown: dict[str, int]) -> None:
    """The plans of the room (never get care), and the movements it could do, from the snapshot."""
    phases = rooms.phase_shares(shown)
    if not phases:
        st.info(waiting_text("finished the assessment"), icon=":material/hourglass_top:")
        return
    _chart(
        "Where the room is today",
        f"Share of the {rooms.planned(shown)} who finished with a plan",
        phases,
        "room_chart_phases",
        colours=phase_colours(scheme()),
        show_counts=False,
    )
    tolerated = rooms.movement_shares(shown, movements())
    if tolerated:
        _chart(
            "Movements the room could do",
            f"Share of those who tried each one who rated it {TOLERATED_MAX_PAIN} or less; most first",
            tolerated,
            "room_chart_movements",
        )
    else:
        st.caption(f"A movement shows once {rooms.MIN_ANSWERS} people have tried it.")


def render_question_counts(page: LearnPage, shown: dict[str, int]) -> None:
    """The share right on each question, numbered, each once MIN_ANSWERS people have answered it."""
    st.markdown("\n".join(f"{number}. {check.prompt}" for number, check in enumerate(page.checks, start=1)))
    questions = [
        rooms.Question(check.id, f"Question {number}") for number, check in enumerate(page.checks, start=1)
    ]
    right = rooms.question_shares(shown, questions)
    if not right:
        st.info(waiting_text("answered a question"), icon=":material/hourglass_top:")
        return
    _chart(
        "Share right on each question",
        f"Of those who answered it; a question shows once {rooms.MIN_ANSWERS} people have answered it",
        right,
        "room_chart_questions",
    )


@st.fragment(run_every=PROJECTOR_REFRESH_S)
def render_projector() -> None:
    """The live part of the projector view: people in the room and the current activity's charts."""
    held = room_state.facilitator()
    if held is None:
        return
    try:
        store = room_store()
        room = store.room(held.code, now())
        counts = store.counts(held.code, room.generation) if room is not None else {}
    except StoreUnavailable as error:
        st.warning(f"The room's counts cannot be read right now; they come back by themselves. {error}")
        return
    if room is None or room.state is rooms.RoomState.EXPIRED:
        st.warning("This room's time is over and it has been removed.", icon=":material/timer_off:")
        return
    shown = counts.get(rooms.shown_activity(room.activity), {})
    heading = st.container(horizontal=True, vertical_alignment="center", key="room_numbers")
    heading.subheader(activities().get(room.activity, room.activity))
    heading.metric("People in the room", f"{room.joined}", border=True, width="content")
    if room.state is rooms.RoomState.CLOSED:
        st.warning("This room is closed: these are its final counts.", icon=":material/lock:")
    if room.activity == rooms.ASSESSMENT:
        render_assessment_counts(shown)
        return
    page = activity_page(room.activity)
    if page is not None:
        render_question_counts(page, shown)
