"""Loads the movement catalogue and the red flags from content/ and checks every field on the way in."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from rehab_core.errors import InvalidInput

CONTENT_DIR = Path(os.environ.get("BACK_IN_ACTION_CONTENT_DIR", Path(__file__).parent.parent / "content"))

NEED_NAMES: dict[str, str] = {
    "hamstrings-glutes": "the hamstrings and glutes",
    "core": "the core",
    "mobility": "mobility",
}
RedFlagLevel = Literal["emergency", "urgent", "soon"]
RED_FLAG_LEVELS: tuple[RedFlagLevel, ...] = ("emergency", "urgent", "soon")
# Symptoms now are asked at every assessment, check-in and session; background signs once per
# episode of back pain (design.md section 3, "Two kinds of question").
RedFlagKind = Literal["symptom", "background"]
RED_FLAG_KINDS: tuple[RedFlagKind, ...] = ("symptom", "background")
# What each sign asks the person to do, and the levels each action belongs to: a sign's own action,
# not one sentence for a whole level (a suspected aneurysm needs an ambulance, not a drive to A&E).
CareAction = Literal["ambulance", "emergency-department", "gp-today", "gp-soon"]
ACTION_LEVELS: dict[CareAction, RedFlagLevel] = {
    "ambulance": "emergency",
    "emergency-department": "emergency",
    "gp-today": "urgent",
    "gp-soon": "soon",
}
# How hard a movement is, 1 = gentlest: the plan's tie-break and the order the assessment offers.
LEVEL_MIN, LEVEL_MAX = 1, 3


@dataclass(frozen=True)
class Movement:
    """One of the ten assessment movements, as a coach wrote it in content/movements.toml."""

    id: str
    name: str
    needs: tuple[str, ...]
    summary: str
    steps: tuple[str, ...]
    works: str
    feel: str
    stop_if: str
    easier: str
    harder: str
    variations: tuple[str, ...] = ()
    illustration: str = ""
    level: int = 2  # 1 = gentlest, 3 = hardest
    # What one rep is, in words that follow the number: "reps each side", "lengths of about 10 steps".
    unit: str = "reps"
    # The most reps the session asks of this movement, where the dose table's reps would be too many
    # (a length of walking is far more work than a rep of a bridge); 0 means the dose table's number.
    most_reps: int = 0

    def reps_for(self, reps: int) -> int:
        """The dose table's reps for this movement, capped by its own most_reps."""
        return min(reps, self.most_reps) if self.most_reps else reps

    def dose_in_words(self, reps: int, sets: int) -> str:
        """The dose in the movement's own unit: "8 reps each side, 2 sets"."""
        return f"{self.reps_for(reps)} {self.unit}, {sets} set{'' if sets == 1 else 's'}"

    def needs_in_words(self) -> str:
        """The needs this movement covers, as a phrase: "the core, plus mobility"."""
        return ", plus ".join(NEED_NAMES[need] for need in self.needs)


@dataclass(frozen=True)
class RedFlag:
    """A warning sign: emergency (help now), urgent (a doctor today) or soon (a GP in the next weeks).

    `kind` says when it is asked: a symptom now (every time) or the background of this episode
    (once, and a clearance lets the plan go ahead). `action` is what the person does about it.
    """

    id: str
    question: str
    level: RedFlagLevel
    why: str = ""
    source: str = ""  # the public guidance the question comes from
    kind: RedFlagKind = "symptom"
    action: CareAction = "gp-today"

    @property
    def stops_the_plan(self) -> bool:
        """Whether a yes means no exercise plan (emergency and urgent); a `soon` sign adds a note."""
        return self.level != "soon"


def slug(text: str) -> str:
    """The id form of a name: "Bird dog" -> "bird-dog"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML content file, or raise InvalidInput naming the file and the line."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InvalidInput(f"{path.name}: the file is missing (looked in {path.parent.name}/)") from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{path.name}: not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name}: not valid UTF-8 text") from None


class _Fields:
    """Reads typed fields of one TOML table and names file, entry and field in every error."""

    def __init__(self, table: object, where: str) -> None:
        if not isinstance(table, dict):
            raise InvalidInput(f"{where}: expected a table of fields, got {type(table).__name__}")
        self.table: dict[str, Any] = table
        self.where = where

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.table.get(name, "")
        if not isinstance(value, str):
            raise InvalidInput(f"{self.where}, field {name!r}: must be text, got {value!r}")
        if required and not value.strip():
            raise InvalidInput(f"{self.where}, field {name!r}: is missing or empty")
        return value.strip()

    def texts(self, name: str, *, required: bool = True) -> tuple[str, ...]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise InvalidInput(f"{self.where}, field {name!r}: must be a list of non-empty texts")
        if required and not value:
            raise InvalidInput(f"{self.where}, field {name!r}: is missing or empty")
        return tuple(item.strip() for item in value)

    def whole_number(self, name: str, low: int, high: int, *, required: bool = True) -> int:
        value = self.table.get(name)
        if value is None and not required:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            missing = "is missing" if value is None else f"got {value!r}"
            raise InvalidInput(
                f"{self.where}, field {name!r}: must be a whole number from {low} to {high}; {missing}"
            )
        return value

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in allowed:
            raise InvalidInput(f"{self.where}, field {name!r}: {value!r} must be one of {', '.join(allowed)}")
        return value

    def unknown(self, allowed: set[str]) -> None:
        extra = sorted(set(self.table) - allowed)
        if extra:
            raise InvalidInput(
                f"{self.where}: unknown field {extra[0]!r} (allowed: {', '.join(sorted(allowed))})"
            )


def _entries(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise InvalidInput(f"{path.name}: no [[{key}]] entries found")
    return entries


def _check_ids_unique(ids: list[str], path: Path) -> None:
    seen: set[str] = set()
    for entry_id in ids:
        if entry_id in seen:
            raise InvalidInput(f"{path.name}: the id {entry_id!r} is used twice")
        seen.add(entry_id)


def _slug_id(fields: _Fields) -> str:
    """An entry's id: what diaries and answers store, so it must stay put when the wording changes."""
    entry_id = fields.text("id")
    if entry_id != slug(entry_id):
        raise InvalidInput(
            f"{fields.where}, field 'id': {entry_id!r} must be lower case words joined by hyphens"
        )
    return entry_id


def load_movements(path: Path) -> tuple[Movement, ...]:
    """The catalogue from a movements file; any missing or malformed field raises InvalidInput."""
    data = read_toml(path)
    loaded: list[Movement] = []
    for number, entry in enumerate(_entries(data, "movement", path), start=1):
        fields = _Fields(entry, f"{path.name}, movement {number}")
        name = fields.text("name")
        fields.where = f"{path.name}, movement {number} ({name})"
        fields.unknown(set(Movement.__dataclass_fields__))
        movement_id = _slug_id(fields)
        needs = fields.texts("needs")
        for need in needs:
            if need not in NEED_NAMES:
                raise InvalidInput(
                    f"{fields.where}, field 'needs': unknown need {need!r} (use {', '.join(NEED_NAMES)})"
                )
        loaded.append(
            Movement(
                id=movement_id,
                name=name,
                needs=needs,
                summary=fields.text("summary"),
                steps=fields.texts("steps"),
                works=fields.text("works"),
                feel=fields.text("feel"),
                stop_if=fields.text("stop_if"),
                easier=fields.text("easier"),
                harder=fields.text("harder"),
                variations=fields.texts("variations", required=False),
                illustration=fields.text("illustration", required=False),
                level=fields.whole_number("level", LEVEL_MIN, LEVEL_MAX),
                unit=fields.text("unit"),
                most_reps=fields.whole_number("most_reps", 0, 100, required=False),
            )
        )
    _check_ids_unique([movement.id for movement in loaded], path)
    return tuple(loaded)


def load_red_flags(path: Path) -> tuple[RedFlag, ...]:
    """The red flags from their file; any missing or malformed field raises InvalidInput."""
    data = read_toml(path)
    loaded: list[RedFlag] = []
    for number, entry in enumerate(_entries(data, "red_flag", path), start=1):
        fields = _Fields(entry, f"{path.name}, red flag {number}")
        fields.unknown(set(RedFlag.__dataclass_fields__))
        flag_id = _slug_id(fields)
        level = cast(RedFlagLevel, fields.choice("level", RED_FLAG_LEVELS))
        kind = cast(RedFlagKind, fields.choice("kind", RED_FLAG_KINDS))
        action = cast(CareAction, fields.choice("action", tuple(ACTION_LEVELS)))
        if ACTION_LEVELS[action] != level:
            fitting = [name for name, its_level in ACTION_LEVELS.items() if its_level == level]
            raise InvalidInput(
                f"{fields.where}, field 'action': {action!r} is not for a sign of level {level!r} "
                f"(use {' or '.join(fitting)})"
            )
        question, why = fields.text("question"), fields.text("why", required=False)
        if not question.endswith("?"):
            raise InvalidInput(f"{fields.where}, field 'question': must be a question ending in '?'")
        loaded.append(
            RedFlag(flag_id, question, level, why, source=fields.text("source"), kind=kind, action=action)
        )
    _check_ids_unique([flag.id for flag in loaded], path)
    return tuple(loaded)


@cache
def movements() -> tuple[Movement, ...]:
    """The movement catalogue from content/movements.toml, loaded once."""
    return load_movements(CONTENT_DIR / "movements.toml")


# The warning signs design.md section 3 asks for, each at its tier, kind and action (from NICE NG59,
# NG234 and NHS advice). A coach may reword a question or add signs, never leave one of these out,
# lower its tier, ask a symptom only once per episode, or soften an ambulance to a drive to A&E.
REQUIRED_RED_FLAGS: dict[str, tuple[RedFlagLevel, RedFlagKind, CareAction]] = {
    "chest-pain": ("emergency", "symptom", "ambulance"),
    "back-and-tummy-pain": ("emergency", "symptom", "ambulance"),
    "signs-of-sepsis": ("emergency", "symptom", "ambulance"),
    "saddle-numbness": ("emergency", "symptom", "emergency-department"),
    "bladder-bowel": ("emergency", "symptom", "emergency-department"),
    "erection-or-genital-feeling": ("emergency", "symptom", "emergency-department"),
    "both-legs-or-worsening-weakness": ("emergency", "symptom", "emergency-department"),
    "serious-fall-or-accident": ("emergency", "symptom", "emergency-department"),
    "cancer-with-new-leg-weakness": ("emergency", "symptom", "emergency-department"),
    "fever-or-very-unwell": ("urgent", "symptom", "gp-today"),
    "unexplained-weight-loss": ("urgent", "symptom", "gp-today"),
    "night-or-rest-pain": ("urgent", "symptom", "gp-today"),
    "worse-coughing-sneezing-or-toilet": ("urgent", "symptom", "gp-today"),
    "lump-or-shape-change": ("urgent", "symptom", "gp-today"),
    "pain-between-shoulder-blades": ("urgent", "symptom", "gp-today"),
    "one-leg-weakness": ("urgent", "symptom", "gp-today"),
    "history-of-cancer": ("urgent", "background", "gp-today"),
    "first-back-pain-over-50-or-under-20": ("urgent", "background", "gp-today"),
    "minor-fall-over-70": ("urgent", "background", "gp-today"),
    "minor-fall-with-osteoporosis": ("urgent", "background", "gp-today"),
    "weak-immune-system-or-injecting-drugs": ("urgent", "background", "gp-today"),
    "recent-spine-surgery-or-injection": ("urgent", "background", "gp-today"),
    "inflammatory-back-pain": ("soon", "background", "gp-soon"),
}
_LEVEL_RANK: dict[str, int] = {"soon": 0, "urgent": 1, "emergency": 2}


def check_required_red_flags(flags: tuple[RedFlag, ...], path: Path) -> tuple[RedFlag, ...]:
    """The flags, if every required warning sign is there at its tier; else InvalidInput naming it."""
    by_id = {flag.id: flag for flag in flags}
    for flag_id, (level, kind, action) in REQUIRED_RED_FLAGS.items():
        if flag_id not in by_id:
            raise InvalidInput(
                f"{path.name}: the warning sign {flag_id!r} is missing; every copy of the app must ask it "
                "(reword it if you like, but keep it)"
            )
        flag = by_id[flag_id]
        if _LEVEL_RANK[flag.level] < _LEVEL_RANK[level]:
            raise InvalidInput(
                f"{path.name}, red flag {flag_id!r}, field 'level': must stay {level!r} (or be raised)"
            )
        if kind == "symptom" and flag.kind != "symptom":
            raise InvalidInput(
                f"{path.name}, red flag {flag_id!r}, field 'kind': must stay 'symptom' (asked every time)"
            )
        if action == "ambulance" and flag.action != "ambulance":
            raise InvalidInput(
                f"{path.name}, red flag {flag_id!r}, field 'action': must stay 'ambulance' "
                "(a person with this sign must not drive themselves)"
            )
    return flags


@cache
def red_flags() -> tuple[RedFlag, ...]:
    """The red flags from content/red_flags.toml, loaded once, the required ones all there."""
    path = CONTENT_DIR / "red_flags.toml"
    return check_required_red_flags(load_red_flags(path), path)


def movement_by_id() -> dict[str, Movement]:
    """The catalogue keyed by id, in catalogue order."""
    return {movement.id: movement for movement in movements()}


def gentlest_first(catalogue: tuple[Movement, ...] | None = None) -> tuple[Movement, ...]:
    """The movements in the order the assessment offers them: gentlest level first, then catalogue order."""
    chosen = movements() if catalogue is None else catalogue
    return tuple(sorted(chosen, key=lambda movement: movement.level))
