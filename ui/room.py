"""The live workshop room in the app: the participant's banner and counting hooks, joining, the projector.

Participants: the frame draws a banner on every page while a session is in a room; the Assess flow
calls count_assessment() once its result (or get-care-now) step is reached, and the room's
questions call count_answer(). Each adds anonymous counts once per person, per room, per reset.
Facilitators: the projector fragment re-reads the room's counts every few seconds.
A problem with the database never stands in the way of a participant's own assessment: the count
is then simply not added.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

import segno
import streamlit as st

from rehab_core import movements, rooms
from rehab_core.errors import InvalidInput
from rehab_core.knowledge_checks import KnowledgeCheck, headings
from rehab_core.learn import LearnPage, learn_page, page_slugs
from rehab_core.room_charts import PHASE_COLOURS, share_chart, shares_frame, shares_in_words
from rehab_core.room_store import JoinResult, NotFacilitator, Room, RoomStore
from rehab_core.rooms import RoomState, Share
from rehab_core.store import StoreUnavailable
from ui import room_state, state
from ui.flash import keep_message
from ui.knowledge_checks import render_checks
from ui.navigation import existing_pages
from ui.router import page_link
from ui.storage import diary_engine
from ui.store_errors import show_store_problem

PROJECTOR_REFRESH_S = 3
ACTIVITY_WIDGET = "room_activity"
CONFIRM_RESET = "room_reset_confirm"
CONFIRM_CLOSE = "room_close_confirm"


def now() -> datetime:
    return datetime.now(UTC)


def room_store() -> RoomStore:
    """The rooms, in the app's own database (the diary's engine, migrated to the room tables)."""
    return RoomStore(diary_engine())


def capacity() -> int:
    """How many people a new room holds (BACK_IN_ACTION_ROOM_CAPACITY, default 200)."""
    return rooms.room_capacity(os.environ)


LEARN_ACTIVITY_PREFIX = "learn:"


def activities() -> dict[str, str]:
    """The activities a facilitator can show: the assessment, then each Learn page's questions."""
    found = {rooms.ASSESSMENT: "The assessment"}
    for slug in _learn_slugs():
        page = learn_page(slug)
        if page.checks:
            found[f"{LEARN_ACTIVITY_PREFIX}{slug}"] = f"Questions: {page.title}"
    return found


def _learn_slugs() -> list[str]:
    """The Learn pages this copy of the app has, in the navigation's order."""
    written = set(page_slugs())
    return [
        spec.url_path for spec in existing_pages() if spec.section == "Learn" and spec.url_path in written
    ]


def activity_page(activity: str) -> LearnPage | None:
    """The Learn page whose questions an activity is, or None (the assessment, or a page gone)."""
    slug = activity.removeprefix(LEARN_ACTIVITY_PREFIX)
    if not activity.startswith(LEARN_ACTIVITY_PREFIX) or slug not in _learn_slugs():
        return None
    page = learn_page(slug)
    return page if page.checks else None


# ---- participants ----

JOIN_MESSAGES = {
    JoinResult.FULL: "Room {code} is full ({capacity} people). Ask the facilitator what to do.",
    JoinResult.CLOSED: "Room {code} has been closed by its facilitator, so it takes no more answers. "
    "You can still use the app on your own.",
    JoinResult.UNKNOWN: "There is no open room with the code {code}. Check the code on the screen "
    "(rooms last one day).",
}
TOO_MANY_TRIES = (
    "Too many tries from this browser tab in a short time. Wait a minute, then type the code again."
)


def join(typed: str) -> tuple[bool, str]:
    """Try to join the room with the code typed or scanned; (joined, what to tell the person)."""
    if not room_state.may_try_joining():
        return False, TOO_MANY_TRIES
    room_state.note_join_try()
    try:
        code = rooms.normalize_code(typed)
    except InvalidInput as error:
        said = str(error).removeprefix("room code: ")
        return False, f"{said[:1].upper()}{said[1:]}."
    shown = rooms.format_code(code)
    if room_state.joined_room() == code:
        return True, f"You are in room {shown}."
    try:
        result = room_store().join(code, now())
    except StoreUnavailable as error:
        return False, f"The room cannot be reached right now. {error}"
    if result is not JoinResult.JOINED:
        return False, JOIN_MESSAGES[result].format(code=shown, capacity=capacity())
    room_state.set_joined(code)
    return True, f"You joined room {shown}. Your answers now count, anonymously, in the room's totals."


def current_room() -> Room | None:
    """The room this session is in, as stored now; None when it is in none or the room is gone."""
    code = room_state.joined_room()
    if code is None:
        return None
    return room_store().room(code, now())


def _leave() -> None:
    room_state.leave()
    keep_message("You left the room. Nothing more you do is counted in it.", "info")


def render_room_banner() -> None:
    """While this session is in a room: which room, that answers count only as totals, and Leave."""
    code = room_state.joined_room()
    if code is None:
        return
    try:
        room = current_room()
    except StoreUnavailable as error:
        show_store_problem(error)
        return
    shown = rooms.format_code(code)
    if room is None or room.state is not RoomState.OPEN:
        room_state.leave()
        st.info(
            f"Workshop room {shown} has ended, so you are no longer in it. "
            "Everything in the app still works.",
            icon=":material/groups:",
        )
        return
    with st.container(border=True, key="room_banner"):
        st.markdown(
            f":material/groups: **You are in workshop room {shown}.** What you answer counts only as "
            "anonymous totals: no name, no pain numbers, no warning signs."
        )
        st.button("Leave the room", key="room_leave", on_click=_leave, icon=":material/logout:")


def _count(what: str, activity: str, items: tuple[str, ...]) -> None:
    """Add items to the room's counts once per person per room and reset; silently not when it cannot."""
    code = room_state.joined_room()
    if code is None or not items:
        return
    try:
        store = room_store()
        room = store.room(code, now())
        if room is None or room.state is not RoomState.OPEN:
            return
        if room_state.already_counted(code, room.generation, what):
            return
        if store.add(code, room.generation, activity, items, now()):
            room_state.mark_counted(code, room.generation, what)
    except (StoreUnavailable, InvalidInput):
        return  # the person's own answers and advice come first; the room just misses one count


def count_assessment(red_flags: list[str], pain: int | None, movement_pain: dict[str, int]) -> None:
    """A finished assessment adds its phase and tolerated movements (never pain or warning signs)."""
    if room_state.joined_room() is None:
        return
    try:
        items = rooms.assessment_items(red_flags, pain, movement_pain)
    except InvalidInput:
        return
    _count(rooms.ASSESSMENT, rooms.ASSESSMENT, items)


def count_answer(activity: str, check_id: str, correct: bool) -> None:
    """A first answer to a room's question adds whether it was right."""
    _count(check_id, activity, rooms.check_items(check_id, correct))


def render_room_questions(room: Room, page: LearnPage) -> None:
    """A Learn page's questions on a participant's phone: each first answer adds to the room's counts."""
    activity = f"{LEARN_ACTIVITY_PREFIX}{page.slug}"

    def counted(check: KnowledgeCheck, option: str, correct: bool) -> None:
        count_answer(activity, check.id, correct)

    render_checks(
        page.checks,
        headings(page.body),
        # Answers of their own per room and reset: the Learn pages' answers are not the room's.
        key_prefix=f"room_{room.code}_{room.generation}",
        on_answer=counted,
        title=f"Questions: {page.title}",
    )
    page_link(f"pages/{page.slug}.py", label=f"Read “{page.title}”", icon=":material/menu_book:")


# ---- the facilitator ----


def page_url() -> str:
    """The address the facilitator's browser used for this page (the phones need one they can reach)."""
    try:
        return st.context.url or ""
    except Exception:  # no browser context (a test harness): the join link falls back to localhost
        return ""


def qr_svg(link: str) -> str:
    """The join link as a QR code, drawn here as SVG: dark on white with its quiet zone, in any theme."""
    code = segno.make(link, error="m")
    svg: str = code.svg_inline(scale=10, border=4, dark="#000000", light="#ffffff", title="Join link")
    return svg


def open_room() -> None:
    """Open a new room for this session and hold its key."""
    try:
        opened = room_store().open_room(now(), capacity())
    except (StoreUnavailable, InvalidInput) as error:
        keep_message(f"The room could not be opened. {error}", "warning")
        return
    room_state.hold_room(opened.code, opened.key)
    st.query_params.clear()
    st.query_params["room"] = opened.code
    keep_message(f"Room {rooms.format_code(opened.code)} is open for 24 hours.")


def _as_facilitator(action: Callable[[RoomStore, room_state.Facilitator], None], done: str) -> None:
    held = room_state.facilitator()
    if held is None:
        return
    try:
        action(room_store(), held)
    except NotFacilitator:
        room_state.let_go_of_room()
        keep_message("Only the holder of this room's facilitator link can change it.", "warning")
        return
    except StoreUnavailable as error:
        keep_message(str(error), "warning")
        return
    keep_message(done)


def reset_room() -> None:
    _as_facilitator(
        lambda store, held: store.reset(held.code, held.key), "The room's counts start again from zero."
    )
    state.forget_widgets((CONFIRM_RESET,))


def close_room() -> None:
    _as_facilitator(
        lambda store, held: store.close(held.code, held.key, now()),
        "The room is closed: nobody can join or add to it. Its final counts stay here for an hour.",
    )
    state.forget_widgets((CONFIRM_CLOSE,))


def switch_activity() -> None:
    chosen = state.widget_value(ACTIVITY_WIDGET)
    if chosen not in activities():
        return
    _as_facilitator(
        lambda store, held: store.switch(held.code, held.key, chosen), f"Showing: {activities()[chosen]}."
    )


def stop_running_room() -> None:
    room_state.let_go_of_room()
    st.query_params.clear()


def _ink() -> str:
    """The page's text colour, for numbers drawn beside short bars."""
    try:
        dark = st.context.theme.type == "dark"
    except Exception:
        dark = False
    return "#fafafa" if dark else "#141312"


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
        shares_frame(shares), title, subtitle, ink=_ink(), colours=colours, show_counts=show_counts
    )
    st.altair_chart(
        chart,
        width="stretch",
        key=key,
        alt=shares_in_words(title, shares),
    )


def _waiting(count: int, what: str) -> None:
    more = rooms.waiting_for(count)
    st.info(
        f"Waiting for {more} more {'person' if more == 1 else 'people'} to {what}. Nothing shows until "
        f"at least {rooms.MIN_ANSWERS} have, so nobody is singled out.",
        icon=":material/hourglass_top:",
    )


def render_assessment_counts(counts: dict[str, int]) -> None:
    finished = rooms.answered(counts)
    if not rooms.shown(finished):
        _waiting(finished, "finish the assessment")
        return
    _chart(
        "Where the room is today",
        f"Share of the {finished} who finished the assessment",
        rooms.phase_shares(counts),
        "room_chart_phases",
        colours=PHASE_COLOURS,
        show_counts=False,
    )
    tolerated = rooms.movement_shares(counts, movements())
    if tolerated:
        _chart(
            "Movements the room could do",
            "Share of those who tried each one whose pain stayed at 3 or less; most tolerated first",
            tolerated,
            "room_chart_movements",
        )
    else:
        st.info(
            f"The movements show once {rooms.MIN_ANSWERS} people have tried the same one.",
            icon=":material/hourglass_top:",
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
    if room is None or room.state is RoomState.EXPIRED:
        st.warning("This room's time is over and it has been removed.", icon=":material/timer_off:")
        return
    activity = counts.get(room.activity, {})
    numbers = st.container(horizontal=True, key="room_numbers")
    numbers.metric("People in the room", f"{room.joined}", border=True)
    if room.activity == rooms.ASSESSMENT:
        numbers.metric("Finished the assessment", f"{rooms.answered(activity)}", border=True)
    if room.state is RoomState.CLOSED:
        st.warning("This room is closed: these are its final counts.", icon=":material/lock:")
    st.subheader(activities().get(room.activity, room.activity))
    if room.activity == rooms.ASSESSMENT:
        render_assessment_counts(activity)
        return
    page = activity_page(room.activity)
    if page is not None:
        render_question_counts(page, activity)


def render_question_counts(page: LearnPage, counts: dict[str, int]) -> None:
    """The share right on each question, numbered, each once 3 people have answered it."""
    st.markdown("\n".join(f"{number}. {check.prompt}" for number, check in enumerate(page.checks, start=1)))
    questions = [
        rooms.Question(check.id, f"Question {number}") for number, check in enumerate(page.checks, start=1)
    ]
    right = rooms.question_shares(counts, questions)
    if right:
        _chart(
            "Share right on each question",
            "Of those who answered it; a question shows once 3 people have answered it",
            right,
            "room_chart_questions",
        )
    fewest = min(counts.get(rooms.answered_item(check.id), 0) for check in page.checks)
    if not rooms.shown(fewest):
        _waiting(fewest, "answer every question")
