"""The facilitator's side of a workshop room: open it, and (with its key) reset, close, switch or resize it.

Also the links and QR code the projector shows. Only the holder of a room's key can change it:
the store checks the key itself, whatever the page asked.
"""

from __future__ import annotations

from collections.abc import Callable

import segno
import streamlit as st

from rehab_core import rooms
from rehab_core.errors import InvalidInput
from rehab_core.room_store import NotFacilitator, RoomStore
from rehab_core.store import StoreUnavailable
from ui import room_seat, room_state, state
from ui.flash import keep_message
from ui.room import activities, capacity, now, room_store

ACTIVITY_WIDGET = "room_activity"
CAPACITY_WIDGET = "room_capacity"
CONFIRM_RESET = "room_reset_confirm"
CONFIRM_CLOSE = "room_close_confirm"
TOO_MANY_ROOMS = (
    "Too many rooms were opened from this address in the last few minutes. "
    "Use a room you already opened, or wait ten minutes."
)


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
    """Open a new room for this session and hold its key (a few rooms per address at most)."""
    if not room_seat.allowed(room_seat.OPEN_LIMIT):
        keep_message(TOO_MANY_ROOMS, "warning")
        return
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
    except (StoreUnavailable, InvalidInput) as error:
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


def set_capacity() -> None:
    wanted = state.widget_value(CAPACITY_WIDGET)
    if not isinstance(wanted, int):
        return
    _as_facilitator(
        lambda store, held: store.set_capacity(held.code, held.key, wanted),
        f"The room now holds up to {wanted:,} people.",
    )


def show_controls() -> None:
    room_state.show_controls(True)


def show_projector() -> None:
    room_state.show_controls(False)


def stop_running_room() -> None:
    room_state.let_go_of_room()
    st.query_params.clear()
