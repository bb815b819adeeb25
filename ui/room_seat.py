"""This browser's place in a workshop room: joining, leaving, and keeping it across reloads and tabs.

A browser holds a random token in a cookie; the room keeps only its digest as a seat, so a reload,
a cold link or a second tab finds the same seat and the browser is counted once. Joining and
opening rooms are also limited per client address (one script with fresh tabs or no cookies at
all cannot fill a room or open rooms by the dozen).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time

import streamlit as st

from rehab_core import rooms
from rehab_core.client_address import client_address
from rehab_core.room_store import JoinResult, Room
from rehab_core.store import StoreUnavailable
from ui import room_state
from ui.room import capacity, now, room_store
from ui.site import site_config
from ui.streamlit_internals import client_peer_address

SEAT_COOKIE = "back_in_action_room_seat"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
SEAT_COOKIE_MAX_AGE_S = int(rooms.ROOM_LIFETIME.total_seconds())

JOIN_MESSAGES = {
    JoinResult.FULL: "Room {code} is full ({capacity} people). Ask the facilitator what to do.",
    JoinResult.CLOSED: "Room {code} has been closed by its facilitator, so it takes no more answers. "
    "You can still use the app on your own.",
    JoinResult.UNKNOWN: "There is no open room with the code {code}. Check the code on the screen "
    "(rooms last one day).",
}
TOO_MANY_TRIES = "Too many tries from this browser in a short time. Wait a minute, then type the code again."

# One per process, bounded (rooms.AddressLimiter), behind one lock: sessions run in threads.
_LIMITS_LOCK = threading.Lock()
JOIN_LIMIT = rooms.AddressLimiter(rooms.ADDRESS_JOIN_TRIES, rooms.ADDRESS_JOIN_WINDOW_S)
OPEN_LIMIT = rooms.AddressLimiter(rooms.ADDRESS_ROOMS_OPENED, rooms.ADDRESS_ROOMS_WINDOW_S)


def client_key() -> str:
    """The visitor's address as the limits see it (its proxy's when the proxy is not trusted)."""
    headers = st.context.headers
    pairs = [(name, value) for name in headers for value in headers.get_all(name)]
    peer = client_peer_address()
    found = client_address(peer, pairs, site_config().trusted_proxies)
    return str(found) if found is not None else f"unknown:{peer or ''}"


def allowed(limit: rooms.AddressLimiter) -> bool:
    with _LIMITS_LOCK:
        return limit.allow(client_key(), time.monotonic())


def _cookie_token() -> str | None:
    try:
        value = st.context.cookies.get(SEAT_COOKIE)
    except Exception:  # no browser context (a test harness)
        return None
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None


def token() -> str:
    """This browser's token: its cookie's, else one made for this session (and written to the cookie)."""
    held = room_state.seat_token()
    if held is None:
        held = _cookie_token() or secrets.token_urlsafe(32)
        room_state.set_seat_token(held)
    return held


def keep_token_in_browser() -> None:
    """Write this browser's token to its cookie (once it is there, every tab and reload has it)."""
    held = token()
    if _cookie_token() == held:
        return
    cookie = json.dumps(f"{SEAT_COOKIE}={held}; path=/; max-age={SEAT_COOKIE_MAX_AGE_S}; SameSite=Lax")
    st.html(
        f"<script>document.cookie = {cookie} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def join(typed: str) -> tuple[bool, str]:
    """Try to join the room with the code typed or scanned; (joined, what to tell the person).

    What the person typed is never repeated back: it could be anything a link put there.
    """
    if not room_state.may_try_joining() or not allowed(JOIN_LIMIT):
        return False, TOO_MANY_TRIES
    room_state.note_join_try()
    problem = rooms.code_problem(typed)
    if problem is not None:
        return False, f"{problem[:1].upper()}{problem[1:]}."
    code = rooms.normalize_code(typed)
    shown = rooms.format_code(code)
    if room_state.joined_room() == code:
        return True, f"You are in room {shown}."
    try:
        result = room_store().join(code, now(), rooms.seat_digest(token()))
    except StoreUnavailable as error:
        return False, f"The room cannot be reached right now. {error}"
    if result is not JoinResult.JOINED:
        return False, JOIN_MESSAGES[result].format(code=shown, capacity=capacity())
    room_state.set_joined(code)
    return True, f"You joined room {shown}. Your answers now count, anonymously, in the room's totals."


def leave() -> None:
    """Leave the room: its seat is given back (one person fewer); nothing counted is taken back."""
    code = room_state.joined_room()
    room_state.leave()
    if code is None:
        return
    try:
        room_store().leave(code, rooms.seat_digest(token()))
    except StoreUnavailable:
        return  # the seat goes with the room at the end of its day


def find_my_seat() -> None:
    """Once per session: a browser that has a seat in an open room is in it again (after a reload)."""
    if room_state.seat_looked_up() or room_state.joined_room() is not None:
        return
    room_state.note_seat_looked_up()
    if _cookie_token() is None:
        return  # this browser never joined a room: no look-up at all
    try:
        code = room_store().seat_room(rooms.seat_digest(token()), now())
    except StoreUnavailable:
        return
    if code is not None:
        room_state.set_joined(code)


def current_room() -> Room | None:
    """The room this session is in, as stored now; None when it is in none or the room is gone."""
    code = room_state.joined_room()
    if code is None:
        return None
    return room_store().room(code, now())
