"""The live workshop room as rules: codes, the facilitator's secret, a room's life, and what counts are shown.

A room holds only anonymous counts: how many joined, and for each activity how many answered and
how many gave each kind of answer. Nothing here knows who answered. Every number a projector shows
comes through the functions at the end of this module, which hide anything fewer than
MIN_ANSWERS people have answered, so nobody is singled out.

Three more rules keep any one person's answer off the projector:
- The share sent to get care is never shown at all (with three people, one share is one person):
  the projector's phase chart is of those who got a plan, and a get-care answer moves nothing it
  shows, not even a total.
- What the projector shows moves only in steps of MIN_ANSWERS new answers: the store keeps a
  snapshot of each activity (step_snapshot) taken each time MIN_ANSWERS more have answered, and
  the projector reads only the snapshot, so no change on the screen is one person's answer.
- A person is counted in a room once per browser (a seat: the digest of a token the browser
  keeps), whatever the tabs and reloads, and leaving gives the seat back.
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
# Per client address (a room on one Wi-Fi may share one address, so these are generous for people
# and tight for a script): tries at a code, and rooms opened.
ADDRESS_JOIN_TRIES = 120
ADDRESS_JOIN_WINDOW_S = 60.0
ADDRESS_ROOMS_OPENED = 5
ADDRESS_ROOMS_WINDOW_S = 600.0
# How many client addresses a limiter remembers at most (the oldest are forgotten first).
LIMITER_ADDRESSES = 10_000

ASSESSMENT = "assessment"  # the activity id of the Assess flow
ANSWERED = "answered"  # the item every activity counts once per person who answered it
PLANNED = "planned"  # a finished assessment that ended with a plan (not sent to get care)
# The activity under which a room keeps its seats (one row per browser in the room), and the
# prefix of the activity under which the projector's snapshot of an activity is kept.
SEATS = "seats"
SHOWN_PREFIX = "shown:"
# The phases the projector may show: never Get care now.
PROJECTED_PHASES = (Phase.REST_ICE, Phase.REHAB)
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


def code_problem(text: object) -> str | None:
    """What is wrong with a typed code, in words that never repeat what was typed; None if nothing."""
    if not isinstance(text, str):
        return "type the code shown on the screen"
    code = "".join(character for character in text.upper() if character not in " -\t")
    if not code:
        return "type the code shown on the screen"
    misread = sorted({character for character in code if character in "0O1I"})
    if misread:
        return f"codes never use {', '.join(misread)} (no 0, O, 1 or I); check the code on the screen"
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return f"a code is {CODE_LENGTH} letters and digits, like {format_code('K7MPQ3')}"
    return None


def normalize_code(text: str) -> str:
    """The code a person typed, as stored: upper case, spaces and hyphens dropped; else InvalidInput."""
    if not isinstance(text, str):
        raise InvalidInput(f"room code: expected text, got {short_repr(text)}")
    problem = code_problem(text)
    if problem is not None:
        if problem.startswith("a code is"):
            problem = f"{problem}; got {short_repr(text)}"
        raise InvalidInput(f"room code: {problem}")
    return "".join(character for character in text.upper() if character not in " -\t")


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


class AddressLimiter:
    """At most `limit` tries per client address in a sliding window of `window_s` seconds.

    Bounded: it remembers at most `addresses` addresses, forgetting the least recently seen first.
    Not thread-safe by itself: the app holds one lock around it.
    """

    def __init__(self, limit: int, window_s: float, addresses: int = LIMITER_ADDRESSES) -> None:
        self.limit, self.window_s, self.addresses = limit, window_s, addresses
        self._tries: dict[str, list[float]] = {}

    def allow(self, address: str, now: float) -> bool:
        """True (and the try noted) when this address has had fewer than `limit` tries in the window."""
        recent = [moment for moment in self._tries.pop(address, []) if now - self.window_s < moment <= now]
        allowed = len(recent) < self.limit
        if allowed:
            recent.append(now)
        self._tries[address] = recent  # most recently seen last
        while len(self._tries) > self.addresses:
            del self._tries[next(iter(self._tries))]
        return allowed

    def __len__(self) -> int:
        return len(self._tries)


def seat_digest(token: str) -> str:
    """What a room keeps of a browser's token: a digest, so the database never holds the token."""
    return hashlib.sha256(f"seat:{token}".encode("utf-8", "surrogatepass")).hexdigest()


def seat_item(digest: str) -> str:
    return f"seat:{digest}"


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
    if phase is not Phase.URGENT_CARE:
        items.insert(1, PLANNED)
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


def shown_activity(activity: str) -> str:
    """The activity under which the projector's snapshot of `activity` is kept."""
    return f"{SHOWN_PREFIX}{activity}"


def _projected(item: str) -> bool:
    """Whether an assessment item may ever reach the projector (never who was sent to get care)."""
    return item != ANSWERED and item != phase_item(Phase.URGENT_CARE)


def step_snapshot(activity_counts: Mapping[str, int], added: Sequence[str]) -> dict[str, int]:
    """What to write into the projector's snapshot after an answer that added `added`; often nothing.

    The projector reads only the snapshot, so what it shows moves only when MIN_ANSWERS more
    people have answered: an assessment's snapshot (its plan phases and movements, never get
    care) is taken each time the number of plans reaches a multiple of MIN_ANSWERS; a question's
    (answered, right) each time its answers do. activity_counts are the activity's counts after
    the answer.
    """
    snapshot: dict[str, int] = {}
    if PLANNED in added:
        planned = activity_counts.get(PLANNED, 0)
        if planned and planned % MIN_ANSWERS == 0:
            snapshot.update({item: n for item, n in activity_counts.items() if _projected(item)})
    for item in added:
        if item.startswith(f"{ANSWERED}:"):
            check_id = item.removeprefix(f"{ANSWERED}:")
            done = activity_counts.get(item, 0)
            if done and done % MIN_ANSWERS == 0:
                snapshot[item] = done
                snapshot[right_item(check_id)] = activity_counts.get(right_item(check_id), 0)
    return snapshot


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


def planned(counts: Mapping[str, int]) -> int:
    """How many people finished the assessment with a plan (rest and ice, or gentle rehab)."""
    return counts.get(PLANNED, 0)


def phase_shares(counts: Mapping[str, int]) -> tuple[Share, ...]:
    """The plans of the room as shares of those who got one, or nothing before MIN_ANSWERS did.

    Never Get care now: with a few people a share of it is a person, so those sent to get care
    are in no share and no total the projector shows.
    """
    total = planned(counts)
    if not shown(total):
        return ()
    return tuple(
        Share(PHASE_TITLES[phase], counts.get(phase_item(phase), 0), total) for phase in PROJECTED_PHASES
    )


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
