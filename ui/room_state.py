"""The one owner of a session's workshop-room state: the room it joined, its tries, what it counted, its key.

Kept apart from ui/room.py (which talks to the database and draws) so that ui/storage.py can ask
"is this session in a room?" without importing the room's drawing code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from rehab_core import rooms

JOINED_KEY = "room_joined"  # str | None: the code of the room this session is in
JOIN_TRIES_KEY = "room_join_tries"  # list[float]: monotonic seconds of recent join tries
COUNTED_KEY = "room_counted"  # set[tuple[str, int, str]]: (code, generation, activity or question) counted
FACILITATOR_KEY = "room_facilitator"  # Facilitator | None: the room this session runs


@dataclass(frozen=True)
class Facilitator:
    """The room this session runs, and the secret that lets it."""

    code: str
    key: str


def joined_room() -> str | None:
    """The code of the room this session is in, or None."""
    code = st.session_state.get(JOINED_KEY)
    return code if isinstance(code, str) else None


def in_room() -> bool:
    return joined_room() is not None


def set_joined(code: str | None) -> None:
    st.session_state[JOINED_KEY] = code


def leave() -> None:
    """Leave the room (one tap): nothing of what was counted is taken back, nothing else is kept."""
    st.session_state[JOINED_KEY] = None


def may_try_joining() -> bool:
    """Whether this session may try another code now (see rooms.may_try_joining)."""
    tries: list[float] = st.session_state.get(JOIN_TRIES_KEY, [])
    return rooms.may_try_joining(tries, time.monotonic())


def note_join_try() -> None:
    now = time.monotonic()
    tries = rooms.recent_tries(st.session_state.get(JOIN_TRIES_KEY, []), now)
    st.session_state[JOIN_TRIES_KEY] = [*tries, now]


def already_counted(code: str, generation: int, what: str) -> bool:
    counted: set[tuple[str, int, str]] = st.session_state.get(COUNTED_KEY, set())
    return (code, generation, what) in counted


def mark_counted(code: str, generation: int, what: str) -> None:
    counted: set[tuple[str, int, str]] = st.session_state.setdefault(COUNTED_KEY, set())
    counted.add((code, generation, what))


def facilitator() -> Facilitator | None:
    held = st.session_state.get(FACILITATOR_KEY)
    return held if isinstance(held, Facilitator) else None


def hold_room(code: str, key: str) -> None:
    st.session_state[FACILITATOR_KEY] = Facilitator(code, key)


def let_go_of_room() -> None:
    st.session_state[FACILITATOR_KEY] = None
