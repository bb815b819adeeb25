"""The small reader the frame draws on every page while this browser is in a workshop room.

It says which room, that answers count only as totals, what the room is doing now, and offers
Leave. Its live part is a fragment that re-reads the room every FOLLOW_S seconds, so a phone
follows a switched activity or a closed room by itself: the join page redraws itself when the
activity it shows is no longer the room's. The re-read is one cached row per room shared by
every phone (FOLLOW_CACHE_S), and the fragment draws one line: cheap for a room of 200.
"""

from __future__ import annotations

import streamlit as st

from rehab_core import rooms
from rehab_core.room_store import Room
from rehab_core.store import StoreUnavailable
from ui import room_seat, room_state
from ui.flash import keep_message
from ui.room import activities, now, room_store
from ui.router import page_link
from ui.store_errors import show_store_problem

FOLLOW_S = 4
FOLLOW_CACHE_S = 2


@st.cache_data(ttl=FOLLOW_CACHE_S, max_entries=1000, show_spinner=False)
def _room_now(code: str) -> Room | None:
    """The room as stored a moment ago: every phone in a room shares one read per FOLLOW_CACHE_S."""
    return room_store().room(code, now())


def render_room_banner() -> None:
    """While this browser is in a room: which room, that answers count only as totals, and Leave."""
    room_seat.find_my_seat()
    room_state.set_drawn_activity(None)  # the join page says which activity it draws
    code = room_state.joined_room()
    if code is None:
        return
    try:
        room = room_seat.current_room()
    except StoreUnavailable as error:
        show_store_problem(error)
        return
    shown = rooms.format_code(code)
    if room is None or room.state is not rooms.RoomState.OPEN:
        room_state.leave()
        st.info(
            f"Workshop room {shown} has ended, so you are no longer in it. "
            "Everything in the app still works.",
            icon=":material/groups:",
        )
        return
    with st.container(border=True, key="room_banner"):
        room_seat.keep_token_in_browser()
        st.markdown(
            f":material/groups: **You are in workshop room {shown}.** What you answer counts only as "
            "anonymous totals: no name, no pain numbers, no warning signs."
        )
        _follow(code)
        if st.button("Leave the room", key="room_leave", icon=":material/logout:"):
            room_seat.leave()
            keep_message("You left the room. Nothing more you do is counted in it.", "info")
            st.rerun()


@st.fragment(run_every=FOLLOW_S)
def _follow(code: str) -> None:
    """What the room is doing now; redraws the page when the room ends or the join page's activity changed."""
    try:
        room = _room_now(code)
    except StoreUnavailable:
        return  # the next look, a few seconds on, tries again
    if room is None or room.state is not rooms.RoomState.OPEN:
        st.rerun(scope="app")
    drawn = room_state.drawn_activity()
    if drawn is not None and drawn != room.activity:
        st.rerun(scope="app")
    now_doing = activities().get(room.activity, "")
    if drawn is None and now_doing:
        page_link("pages/join.py", label=f"The room now: {now_doing}", icon=":material/co_present:")
