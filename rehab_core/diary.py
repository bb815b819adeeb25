"""The diary's check-in: what one entry holds and the checks every entry passes, however it arrives."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rehab_core.catalogue import movement_by_id
from rehab_core.errors import InvalidInput, short_repr
from rehab_core.protocol import PAIN_MAX, PAIN_MIN, SESSIONS_PER_DAY

NOTE_MAX_CHARS = 2000
SESSIONS_MAX = SESSIONS_PER_DAY
OWNER_MAX_CHARS = 255
# A diary entry dated outside these years is a typing or clock mistake, and years before 1900 would
# not sort correctly as text in SQLite.
YEAR_MIN, YEAR_MAX = 1900, 2200
ID_PATTERN = re.compile(r"[0-9a-f]{32}")
SIGN_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A coach may add warning signs; a list longer than this is not a list of answers.
MAX_BACKGROUND_SIGNS = 50
# Plain text may hold tabs and line breaks, never other control characters: PostgreSQL cannot
# store NUL, and the rest (C0, DEL and the C1 range, which holds U+0085 "next line") are
# invisible in a note and usually the sign of a broken file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates make text show in another order than it is stored, so a
# note could read differently on screen than in the file.
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class CheckIn:
    """One diary entry. Several a day are normal; `id` keeps it the same entry through export and import."""

    id: str
    owner: str
    at: datetime
    pain: int
    movement_pain: Mapping[str, int] = field(default_factory=dict)
    sessions_done: int = 0
    ice: bool = False
    heat: bool = False
    note: str = ""
    # True when the person answered yes to "any new warning sign since last time?" at a check-in.
    new_warning_sign: bool = False
    # What the entry records: a plain check-in, a whole assessment (today's plan is made from the
    # latest one) or a guided session (its ratings and one more session done).
    kind: str = "check_in"
    # The background warning signs answered yes at an assessment (design.md: asked once per episode).
    background_signs: tuple[str, ...] = ()
    # "I have been checked since this pain began and told I can exercise": the day it happened.
    cleared_on: date | None = None


CHECK_IN, ASSESSMENT, SESSION = "check_in", "assessment", "session"
KINDS: tuple[str, ...] = (CHECK_IN, ASSESSMENT, SESSION)


# The one list of a check-in's fields, in the order files write them; everything that turns a
# check-in into a row, a file or a message reads it from here.
FIELDS: tuple[str, ...] = tuple(item.name for item in dataclasses.fields(CheckIn))
# What a diary file holds per check-in: all but the owner, which is whoever imports the file.
FILE_FIELDS: tuple[str, ...] = tuple(name for name in FIELDS if name != "owner")
# Fields a file may leave out: a hand-made file has no ids, a check-in may rate no movement, files
# made before the warning-sign question have no answer to it (read as no), and files made before
# kinds and clearances have neither (an entry that rated movements was then an assessment).
OPTIONAL_FILE_FIELDS: frozenset[str] = frozenset(
    {"id", "movement_pain", "new_warning_sign", "kind", "background_signs", "cleared_on"}
)
# Each optional field's value when a file leaves it out (the id is made from the row instead).
FILE_DEFAULTS: dict[str, Any] = {
    "movement_pain": {},
    "new_warning_sign": False,
    "background_signs": (),
    "cleared_on": None,
}
REQUIRED_FILE_FIELDS: tuple[str, ...] = tuple(
    name for name in FILE_FIELDS if name not in OPTIONAL_FILE_FIELDS
)
YES_NO_FIELDS: tuple[str, ...] = ("ice", "heat", "new_warning_sign")
# Each whole-number field and its allowed range.
WHOLE_NUMBER_FIELDS: dict[str, tuple[int, int]] = {
    "pain": (PAIN_MIN, PAIN_MAX),
    "sessions_done": (0, SESSIONS_MAX),
}


def fields_of(check_in: CheckIn) -> dict[str, Any]:
    """The check-in as a mapping of field name to value, in FIELDS order."""
    return {name: getattr(check_in, name) for name in FIELDS}


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of a check-in, in words a person can act on."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"field {self.field!r}: {self.message}"


class InvalidCheckIn(InvalidInput):
    """A check-in was rejected; `problems` holds every field that was wrong, not only the first."""

    def __init__(self, problems: tuple[FieldProblem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def new_id() -> str:
    """A fresh check-in id: a random UUID as 32 lower-case hex digits."""
    return uuid.uuid4().hex


def new_check_in(
    owner: str,
    at: datetime,
    pain: int,
    *,
    movement_pain: Mapping[str, int] | None = None,
    sessions_done: int = 0,
    ice: bool = False,
    heat: bool = False,
    note: str = "",
    new_warning_sign: bool = False,
    kind: str = CHECK_IN,
    background_signs: tuple[str, ...] = (),
    cleared_on: date | None = None,
    id: str | None = None,
) -> CheckIn:
    """A checked check-in with a fresh id (or the given one); InvalidInput names every wrong field."""
    check_in = CheckIn(
        id=new_id() if id is None else id,
        owner=owner,
        at=at,
        pain=pain,
        # A copy, so the caller changing its mapping later cannot change this entry.
        movement_pain=dict(movement_pain) if isinstance(movement_pain, Mapping) else movement_pain or {},
        sessions_done=sessions_done,
        ice=ice,
        heat=heat,
        note=note,
        new_warning_sign=new_warning_sign,
        kind=kind,
        background_signs=tuple(background_signs),
        cleared_on=cleared_on,
    )
    return validate(check_in)


def validate(check_in: CheckIn) -> CheckIn:
    """The check-in, its movement ratings copied to a plain dict; else InvalidCheckIn naming each field."""
    found = problems(check_in)
    if found:
        raise InvalidCheckIn(tuple(found))
    if type(check_in.movement_pain) is dict:
        return check_in
    # A copy, so a caller's mapping changed later cannot change a stored entry.
    return dataclasses.replace(check_in, movement_pain=dict(check_in.movement_pain))


def problems(check_in: CheckIn) -> list[FieldProblem]:
    """Every field of the check-in that breaks a rule; an empty list when it is valid."""
    found: list[FieldProblem] = []

    def check(name: str, message: str | None) -> None:
        if message is not None:
            found.append(FieldProblem(name, message))

    check("id", _id_problem(check_in.id))
    check("owner", _owner_problem(check_in.owner))
    check("at", _at_problem(check_in.at))
    for name, (low, high) in WHOLE_NUMBER_FIELDS.items():
        check(name, whole_number_problem(getattr(check_in, name), low, high))
    found.extend(_movement_pain_problems(check_in.movement_pain))
    for name in YES_NO_FIELDS:
        value = getattr(check_in, name)
        check(name, None if isinstance(value, bool) else f"must be true or false, got {short_repr(value)}")
    check("note", _note_problem(check_in.note))
    check(
        "kind",
        None
        if check_in.kind in KINDS
        else f"must be one of {', '.join(KINDS)}, got {short_repr(check_in.kind)}",
    )
    check("background_signs", _background_problem(check_in.background_signs))
    check("cleared_on", _cleared_on_problem(check_in.cleared_on, check_in.at))
    return found


def _background_problem(value: object) -> str | None:
    if not isinstance(value, tuple) or not all(isinstance(item, str) for item in value):
        return f"must be a list of warning sign ids, got {short_repr(value)}"
    if len(value) > MAX_BACKGROUND_SIGNS:
        return f"names {len(value):,} warning signs; there are far fewer"
    for item in value:
        if not SIGN_ID_PATTERN.fullmatch(item):
            return f"{short_repr(item)} is not a warning sign id (lower case words joined by hyphens)"
    return None


def _cleared_on_problem(value: object, at: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        return f"must be a date like 2025-03-01, or empty, got {short_repr(value)}"
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        return f"the year must be from {YEAR_MIN} to {YEAR_MAX}, got {value.year}"
    if isinstance(at, datetime) and value > at.date():
        return (
            f"{value.isoformat()} is after the entry itself ({at.date().isoformat()}): "
            "a check cannot be in the future"
        )
    return None


def whole_number_problem(value: object, low: int, high: int) -> str | None:
    """What is wrong with value as a whole number from low to high, or None when it is one."""
    # bool is a subclass of int in Python; a tick box is not a score.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"must be a whole number from {low} to {high}, got {short_repr(value)}"
    return None


def _id_problem(value: object) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return f"must be 32 lower-case hexadecimal characters, got {short_repr(value)}"
    return None


def _owner_problem(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"must be a non-empty text, got {short_repr(value)}"
    if len(value) > OWNER_MAX_CHARS:
        return f"must be at most {OWNER_MAX_CHARS} characters, got {len(value)}"
    if _CONTROL.search(value) or _SURROGATE.search(value):
        return "must not contain control characters"
    return None


def _at_problem(value: object) -> str | None:
    if isinstance(value, str):
        return f"{short_repr(value)} is not a date and time; write it like 2025-03-01T08:30:00+01:00"
    if not isinstance(value, datetime):
        return f"must be a date and time, got {short_repr(value)}"
    offset = value.utcoffset()
    if offset is None:
        return f"{value.isoformat()} has no time zone; give one, like 2025-03-01T08:30:00+01:00"
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        return f"the year must be from {YEAR_MIN} to {YEAR_MAX}, got {value.year}"
    if offset.microseconds:
        # The store keeps the offset in whole seconds; a fraction would come back changed.
        return f"{value.isoformat()} has a time zone offset with a fraction of a second; use whole seconds"
    return None


def _movement_pain_problems(value: object) -> list[FieldProblem]:
    if not isinstance(value, Mapping):
        return [FieldProblem("movement_pain", f"must map movement ids to pain, got {short_repr(value)}")]
    known = movement_by_id()
    if len(value) > len(known):
        return [
            FieldProblem(
                "movement_pain",
                f"rates {len(value):,} movements, but there are only {len(known)} in the catalogue",
            )
        ]
    found: list[FieldProblem] = []
    for movement_id, pain in value.items():
        if movement_id not in known:
            found.append(
                FieldProblem(
                    "movement_pain",
                    f"unknown movement id {short_repr(movement_id)}; "
                    f"known ids are: {', '.join(sorted(known))}",
                )
            )
            continue
        message = whole_number_problem(pain, PAIN_MIN, PAIN_MAX)
        if message is not None:
            name = known[movement_id].name
            found.append(FieldProblem("movement_pain", f"pain caused by {name} ({movement_id!r}) {message}"))
    return found


def _note_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be text, got {short_repr(value)}"
    if len(value) > NOTE_MAX_CHARS:
        return f"must be at most {NOTE_MAX_CHARS} characters, got {len(value)}; shorten it (nothing was cut)"
    if _SURROGATE.search(value):
        return "contains characters that are not valid text"
    if _CONTROL.search(value):
        return "must be plain text: only letters, symbols, tabs and line breaks (no control characters)"
    if _BIDI_CONTROL.search(value):
        return (
            "must not hold text-direction controls (U+202A to U+202E, U+2066 to U+2069): "
            "they make a note show in a different order than it was written"
        )
    return None
