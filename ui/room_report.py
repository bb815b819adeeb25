"""What a participant's finished answers add to the workshop room's counts: the one road in.

The assessment calls report_finished_assessment() once its result (or get-care-now) step is shown,
and the room's questions call report_answer(). Each adds anonymous counts once per person, per
room, per reset; nothing is added outside a room, and a problem with the database only means the
room misses one count: the person's own answers and advice come first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rehab_core import rooms
from rehab_core.errors import InvalidInput
from rehab_core.knowledge_checks import KnowledgeCheck, headings
from rehab_core.learn import LearnPage
from rehab_core.room_store import Room
from rehab_core.store import StoreUnavailable
from ui import room_state
from ui.content import render_checks
from ui.room import LEARN_ACTIVITY_PREFIX, now, room_store
from ui.router import page_link


def _count(what: str, activity: str, items: tuple[str, ...]) -> None:
    """Add items to the room's counts once per person per room and reset; silently not when it cannot."""
    code = room_state.joined_room()
    if code is None or not items:
        return
    try:
        store = room_store()
        room = store.room(code, now())
        if room is None or room.state is not rooms.RoomState.OPEN:
            return
        if room_state.already_counted(code, room.generation, what):
            return
        if store.add(code, room.generation, activity, items, now()):
            room_state.mark_counted(code, room.generation, what)
    except (StoreUnavailable, InvalidInput):
        return  # the person's own answers and advice come first; the room just misses one count


def report_finished_assessment(
    red_flags: Sequence[str], pain: int | None, movement_pain: Mapping[str, int]
) -> None:
    """A finished assessment, in a room: its phase and tolerated movements (never pain or warning signs)."""
    if room_state.joined_room() is None:
        return
    try:
        items = rooms.assessment_items(red_flags, pain, movement_pain)
    except InvalidInput:
        return
    _count(rooms.ASSESSMENT, rooms.ASSESSMENT, items)


def report_answer(activity: str, check_id: str, correct: bool) -> None:
    """A first answer to a room's question adds whether it was right."""
    _count(check_id, activity, rooms.check_items(check_id, correct))


def render_room_questions(room: Room, page: LearnPage) -> None:
    """A Learn page's questions on a participant's phone: each first answer adds to the room's counts."""
    activity = f"{LEARN_ACTIVITY_PREFIX}{page.slug}"

    def counted(check: KnowledgeCheck, option: str, correct: bool) -> None:
        report_answer(activity, check.id, correct)

    render_checks(
        page.checks,
        headings(page.body),
        # Answers of their own per room and reset: the Learn pages' answers are not the room's.
        key_prefix=f"room_{room.code}_{room.generation}",
        on_answer=counted,
        title=f"Questions: {page.title}",
    )
    page_link(f"pages/{page.slug}.py", label=f"Read “{page.title}”", icon=":material/menu_book:")
