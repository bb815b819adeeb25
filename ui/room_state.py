"""The one owner of a session's workshop-room state: the room it joined, its tries, what it counted, its key.

Kept apart from ui/room.py (which talks to the database and draws) so that ui/storage.py can ask
"is this session in a room?" without importing the room's drawing code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rehab_core import rooms
from ui import state


@dataclass(frozen=True)
class Facilitator:
    """The room this session runs, and the secret that lets it."""

    code: str
    key: str


# The code of the room this session is in, if any.
JOINED: state.Key[str | None] = state.declare("room_joined", lambda: None, __name__)
# Monotonic seconds of this session's recent tries at a code (joining is rate-limited).
JOIN_TRIES: state.Key[list[float]] = state.declare("room_join_tries", list, __name__)
# What this session has added to a room's counts: (code, generation, activity or question).
COUNTED: state.Key[set[tuple[str, int, str]]] = state.declare("room_counted", set, __name__)
# The room this session runs, and its secret.
FACILITATOR: state.Key[Facilitator | None] = state.declare("room_facilitator", lambda: None, __name__)
# This browser's seat token when it has no cookie yet (made once per session, then kept in a cookie).
SEAT_TOKEN: state.Key[str | None] = state.declare("room_seat_token", lambda: None, __name__)
# Whether this session has looked for its browser's seat (a reload finds its room once).
SEAT_LOOKED_UP: state.Key[bool] = state.declare("room_seat_looked_up", lambda: False, __name__)
# The activity the join page drew in its last full run; None on any other page.
DRAWN_ACTIVITY: state.Key[str | None] = state.declare("room_drawn_activity", lambda: None, __name__)
# Whether the facilitator is looking at their own controls (never the projector view).
CONTROLS_VIEW: state.Key[bool] = state.declare("room_showing_controls", lambda: False, __name__)


def joined_room() -> str | None:
    """The code of the room this session is in, or None."""
    code = JOINED.get()
    return code if isinstance(code, str) else None


def in_room() -> bool:
    return joined_room() is not None


def set_joined(code: str | None) -> None:
    JOINED.set(code)


def leave() -> None:
    """Leave the room (one tap): nothing of what was counted is taken back, nothing else is kept."""
    JOINED.reset()


def may_try_joining() -> bool:
    """Whether this session may try another code now (see rooms.may_try_joining)."""
    return rooms.may_try_joining(JOIN_TRIES.get(), time.monotonic())


def note_join_try() -> None:
    now = time.monotonic()
    JOIN_TRIES.set([*rooms.recent_tries(JOIN_TRIES.get(), now), now])


def already_counted(code: str, generation: int, what: str) -> bool:
    return (code, generation, what) in COUNTED.get()


def mark_counted(code: str, generation: int, what: str) -> None:
    COUNTED.get().add((code, generation, what))


def facilitator() -> Facilitator | None:
    held = FACILITATOR.get()
    return held if isinstance(held, Facilitator) else None


def hold_room(code: str, key: str) -> None:
    FACILITATOR.set(Facilitator(code, key))


def let_go_of_room() -> None:
    FACILITATOR.reset()
    CONTROLS_VIEW.reset()


def seat_token() -> str | None:
    return SEAT_TOKEN.get()


def set_seat_token(token: str) -> None:
    SEAT_TOKEN.set(token)


def seat_looked_up() -> bool:
    return SEAT_LOOKED_UP.get()


def note_seat_looked_up() -> None:
    SEAT_LOOKED_UP.set(True)


def drawn_activity() -> str | None:
    return DRAWN_ACTIVITY.get()


def set_drawn_activity(activity: str | None) -> None:
    DRAWN_ACTIVITY.set(activity)


def in_controls_view() -> bool:
    return FACILITATOR.get() is not None and CONTROLS_VIEW.get()


def show_controls(shown: bool) -> None:
    CONTROLS_VIEW.set(shown)
