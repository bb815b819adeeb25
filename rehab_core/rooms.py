"""The live workshop room as rules: codes, the facilitator's secret, a room's life, and what counts are shown.

A room holds only anonymous counts: how many joined, and for each activity how many answered and
how many gave each kind of answer. Nothing here knows who answered. Every number a projector shows
comes through the functions at the end of this module, which hide anything fewer than
MIN_ANSWERS people have answered, so nobody is singled out.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode, urlsplit

from rehab_core.catalogue import Movement
from rehab_core.errors import InvalidInput, short_repr
from rehab_core.protocol import TOLERATED_MAX_PAIN, Phase, recommend

# Letters and digits that cannot be misread or misheard: no 0/O, no 1/I.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# 32 ** 6 is about a billion codes: with a handful of rooms open and joining limited per
# session, guessing one is hopeless.
CODE_LENGTH = 6
# The facilitator's link carries this many random bytes (URL-safe text of 43 characters).
KEY_BYTES = 32
ROOM_LIFETIME = timedelta(hours=24)
# A closed room's final counts stay for its facilitator this long (never past the day), then go.
CLOSED_ROOM_KEPT = timedelta(hours=1)
MIN_ANSWERS = 3  # no count or chart until at least this many people have answered it
DEFAULT_CAPACITY = 200
MAX_CAPACITY = 10_000
CAPACITY_VARIABLE = "BACK_IN_ACTION_ROOM_CAPACITY"
# Joining: at most this many tries (right or wrong code) per session in the window.
JOIN_TRIES = 5
JOIN_WINDOW_S = 60.0

ASSESSMENT = "assessment"  # the activity id of the Assess flow
ANSWERED = "answered"  # the item every activity counts once per person who answered it
PHASE_TITLES: dict[Phase, str] = {
    Phase.URGENT_CARE: "Get care now",
    Phase.REST_ICE: "Rest and ice",
    Phase.REHAB: "Gentle rehab",
}


class RoomState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    EXPIRED = "expired"


# ---- codes and the facilitator's secret ----


def new_code() -> str:
    """A fresh random room code, e.g. "K7MPQ3"."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """The code a person typed, as stored: upper case, spaces and hyphens dropped; else InvalidInput."""
    if not isinstance(text, str):
        raise InvalidInput(f"room code: expected text, got {short_repr(text)}")
    code = "".join(character for character in text.upper() if character not in " -\t")
    if not code:
        raise InvalidInput("room code: type the code shown on the screen")
    misread = sorted({character for character in code if character in "0O1I"})
    if misread:
        raise InvalidInput(
            f"room code: codes never use {', '.join(misread)} (no 0, O, 1 or I); check the code on the screen"
        )
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        raise InvalidInput(
            f"room code: a code is {CODE_LENGTH} letters and digits, like {format_code('K7MPQ3')}; "
            f"got {short_repr(text)}"
        )
    return code


def format_code(code: str) -> str:
    """A code as it is shown and read aloud: two groups of three, "K7M PQ3"."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def new_facilitator_key() -> str:
    """The secret of a facilitator's link: long, random and URL-safe."""
    return secrets.token_urlsafe(KEY_BYTES)


def key_digest(key: str) -> str:
    """What the database keeps of the secret: its SHA-256, so a copy of the database cannot run a room."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_matches(key: object, digest: str) -> bool:
    """True when key is the room's secret; compared in constant time, whatever key holds."""
    if not isinstance(key, str) or not key or len(key) > 200:
        # Still one comparison, so a wrong type or length takes the time a wrong key does.
        hmac.compare_digest(digest, key_digest(""))
        return False
    return hmac.compare_digest(digest, key_digest(key))


# ---- a room's life ----


def expiry(opened_at: datetime) -> datetime:
    return opened_at + ROOM_LIFETIME


def expiry_after_closing(expires_at: datetime, closed_at: datetime) -> datetime:
    """When a closed room is removed: an hour after closing, never later than its day."""
    return min(expires_at, closed_at + CLOSED_ROOM_KEPT)


def state_of(expires_at: datetime, closed_at: datetime | None, now: datetime) -> RoomState:
    if now >= expires_at:
        return RoomState.EXPIRED
    if closed_at is not None:
        return RoomState.CLOSED
    return RoomState.OPEN


def room_capacity(environ: Mapping[str, str]) -> int:
    """How many people one room holds: BACK_IN_ACTION_ROOM_CAPACITY, else 200."""
    text = environ.get(CAPACITY_VARIABLE, "").strip()
    if not text:
        return DEFAULT_CAPACITY
    if not text.isdigit() or not MIN_ANSWERS <= int(text) <= MAX_CAPACITY:
        raise InvalidInput(
            f"{CAPACITY_VARIABLE}: a room holds a whole number of people from {MIN_ANSWERS} to "
            f"{MAX_CAPACITY:,}, got {short_repr(text)}"
        )
    return int(text)


def may_try_joining(previous_tries: Sequence[float], now: float) -> bool:
    """True when a session may try another code: fewer than JOIN_TRIES in the last JOIN_WINDOW_S seconds."""
    return len(recent_tries(previous_tries, now)) < JOIN_TRIES


def recent_tries(previous_tries: Sequence[float], now: float) -> list[float]:
    """The tries (monotonic seconds) still inside the window, to keep in the session."""
    return [moment for moment in previous_tries if now - JOIN_WINDOW_S < moment <= now]


# ---- what one person's answer adds to the counts ----


def phase_item(phase: Phase) -> str:
    return f"phase:{phase.value}"


def tried_item(movement_id: str) -> str:
    return f"tried:{movement_id}"


def tolerated_item(movement_id: str) -> str:
    return f"tolerated:{movement_id}"


def right_item(check_id: str) -> str:
    return f"right:{check_id}"


def answered_item(check_id: str) -> str:
    return f"answered:{check_id}"


def assessment_items(
    red_flags: Iterable[str], pain: int | None, movement_pain: Mapping[str, int] | None = None
) -> tuple[str, ...]:
    """What a finished assessment adds to the room: its phase and which movements were tried and tolerated.

    Never the pain numbers or which warning sign: a person with a warning sign adds "get care now"
    and nothing else (they do no movements). pain may be None only with a warning sign (the
    safety check ends the assessment before pain is asked).
    """
    flags = tuple(red_flags)
    if flags:
        return (ANSWERED, phase_item(Phase.URGENT_CARE))
    if pain is None:
        raise InvalidInput("an assessment without a warning sign needs the pain now")
    rated = dict(movement_pain or {})
    phase = recommend(pain, rated).phase
    items = [ANSWERED, phase_item(phase)]
    if phase is Phase.REHAB:
        for movement_id, provoked in rated.items():
            items.append(tried_item(movement_id))
            if provoked <= TOLERATED_MAX_PAIN:
                items.append(tolerated_item(movement_id))
    return tuple(items)


def check_items(check_id: str, correct: bool) -> tuple[str, ...]:
    """What one answer to a knowledge check adds: that it was answered, and whether it was right."""
    return (answered_item(check_id), right_item(check_id)) if correct else (answered_item(check_id),)


# ---- what the projector may show ----


@dataclass(frozen=True)
class Share:
    """One bar of a projector chart: a label, how many of how many, and the share in percent."""

    label: str
    count: int
    out_of: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.out_of, 1) if self.out_of else 0.0


def shown(count: int) -> bool:
    """The minimum-3 rule: a count of fewer than MIN_ANSWERS people is never shown."""
    return count >= MIN_ANSWERS


def answered(counts: Mapping[str, int]) -> int:
    """How many people have finished an activity."""
    return counts.get(ANSWERED, 0)


def phase_shares(counts: Mapping[str, int]) -> tuple[Share, ...]:
    """The room's phases as shares of those who finished, or nothing before MIN_ANSWERS finished.

    Shares, not counts: "needed care" is never a number of people, only a part of the room.
    """
    total = answered(counts)
    if not shown(total):
        return ()
    return tuple(Share(PHASE_TITLES[phase], counts.get(phase_item(phase), 0), total) for phase in Phase)


def movement_shares(counts: Mapping[str, int], catalogue: Sequence[Movement]) -> tuple[Share, ...]:
    """For each movement tried by at least MIN_ANSWERS people: how many of them tolerated it, most first."""
    rows = [
        Share(
            movement.name, counts.get(tolerated_item(movement.id), 0), counts.get(tried_item(movement.id), 0)
        )
        for movement in catalogue
        if shown(counts.get(tried_item(movement.id), 0))
    ]
    order = {movement.name: number for number, movement in enumerate(catalogue)}
    return tuple(sorted(rows, key=lambda row: (-row.percent, order[row.label])))


@dataclass(frozen=True)
class Question:
    """What the projector needs of a knowledge check: its id and its question."""

    id: str
    prompt: str


def question_shares(counts: Mapping[str, int], questions: Sequence[Question]) -> tuple[Share, ...]:
    """For each question answered by at least MIN_ANSWERS people: how many got it right."""
    return tuple(
        Share(
            question.prompt, counts.get(right_item(question.id), 0), counts.get(answered_item(question.id), 0)
        )
        for question in questions
        if shown(counts.get(answered_item(question.id), 0))
    )


def waiting_for(count: int) -> int:
    """How many more people must answer before anything shows."""
    return max(0, MIN_ANSWERS - count)


# ---- links ----

JOIN_PAGE = "join"
FACILITATOR_PAGE = "workshop"
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}


def _app_base(page_url: str) -> str:
    """The app's address (scheme, host, any base path) from the address of one of its pages."""
    parts = urlsplit(page_url or "")
    scheme = parts.scheme or "http"
    netloc = parts.netloc or "localhost:8501"
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments and segments[-1] in {JOIN_PAGE, FACILITATOR_PAGE}:
        segments.pop()
    path = "/".join(segments)
    return f"{scheme}://{netloc}/{path + '/' if path else ''}"


def join_link(page_url: str, code: str) -> str:
    """What the QR code holds: the join page of the app at the address the facilitator used."""
    return f"{_app_base(page_url)}{JOIN_PAGE}?{urlencode({'code': code})}"


def facilitator_link(page_url: str, code: str, key: str) -> str:
    """The facilitator's own way back to the room, from any device: it carries the secret."""
    return f"{_app_base(page_url)}{FACILITATOR_PAGE}?{urlencode({'room': code, 'key': key})}"


def only_this_computer(page_url: str) -> bool:
    """True when the address names this computer only (localhost): phones cannot reach it."""
    host = (urlsplit(page_url or "").hostname or "").strip("[]").lower()
    if host in _LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
