"""Loads the movement catalogue and the red flags from content/ and checks every field on the way in."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rehab_core.errors import InvalidInput

CONTENT_DIR = Path(os.environ.get("BACK_IN_ACTION_CONTENT_DIR", Path(__file__).parent.parent / "content"))

NEED_NAMES: dict[str, str] = {
    "hamstrings-glutes": "the hamstrings and glutes",
    "core": "the core",
    "mobility": "mobility",
}
RedFlagLevel = Literal["emergency", "urgent"]
RED_FLAG_LEVELS: tuple[RedFlagLevel, ...] = ("emergency", "urgent")


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

    def needs_in_words(self) -> str:
        """The needs this movement covers, as a phrase: "the core, plus mobility"."""
        return ", plus ".join(NEED_NAMES[need] for need in self.needs)


@dataclass(frozen=True)
class RedFlag:
    """A symptom that means: stop, no exercise plan, get care now (emergency) or today (urgent)."""

    id: str
    question: str
    level: RedFlagLevel
    why: str = ""
    source: str = ""  # the public guidance the question comes from


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
        fields.unknown({"id", "question", "level", "why", "source"})
        flag_id = _slug_id(fields)
        level = fields.text("level")
        if level not in RED_FLAG_LEVELS:
            raise InvalidInput(
                f"{fields.where}, field 'level': {level!r} must be one of {', '.join(RED_FLAG_LEVELS)}"
            )
        question, why = fields.text("question"), fields.text("why", required=False)
        if not question.endswith("?"):
            raise InvalidInput(f"{fields.where}, field 'question': must be a question ending in '?'")
        loaded.append(RedFlag(flag_id, question, level, why, source=fields.text("source")))
    _check_ids_unique([flag.id for flag in loaded], path)
    return tuple(loaded)


@cache
def movements() -> tuple[Movement, ...]:
    """The movement catalogue from content/movements.toml, loaded once."""
    return load_movements(CONTENT_DIR / "movements.toml")


# The warning signs the app must ask about, each at its tier (from NICE NG59 and NHS advice;
# docs/architecture.md, "Where each rule lives").
# A coach may reword a question or add signs, never leave one of these out or lower its tier.
REQUIRED_RED_FLAGS: dict[str, RedFlagLevel] = {
    "saddle-numbness": "emergency",
    "bladder-bowel": "emergency",
    "erection-or-genital-feeling": "emergency",
    "both-legs-or-worsening-weakness": "emergency",
    "serious-fall-or-accident": "emergency",
    "chest-pain": "emergency",
    "back-and-tummy-pain": "emergency",
    "fever-or-very-unwell": "urgent",
    "unexplained-weight-loss": "urgent",
    "history-of-cancer": "urgent",
    "night-or-rest-pain": "urgent",
    "lump-or-shape-change": "urgent",
    "weak-immune-system-or-injecting-drugs": "urgent",
    "minor-fall-with-osteoporosis": "urgent",
    "first-back-pain-over-50-or-under-20": "urgent",
    "recent-spine-surgery-or-injection": "urgent",
    "pain-between-shoulder-blades": "urgent",
}


def check_required_red_flags(flags: tuple[RedFlag, ...], path: Path) -> tuple[RedFlag, ...]:
    """The flags, if every required warning sign is there at its tier; else InvalidInput naming it."""
    by_id = {flag.id: flag for flag in flags}
    for flag_id, level in REQUIRED_RED_FLAGS.items():
        if flag_id not in by_id:
            raise InvalidInput(
                f"{path.name}: the warning sign {flag_id!r} is missing; every copy of the app must ask it "
                "(reword it if you like, but keep it)"
            )
        if level == "emergency" and by_id[flag_id].level != "emergency":
            raise InvalidInput(f"{path.name}, red flag {flag_id!r}, field 'level': must stay 'emergency'")
    return flags


@cache
def red_flags() -> tuple[RedFlag, ...]:
    """The red flags from content/red_flags.toml, loaded once, the required ones all there."""
    path = CONTENT_DIR / "red_flags.toml"
    return check_required_red_flags(load_red_flags(path), path)


def movement_by_id() -> dict[str, Movement]:
    """The catalogue keyed by id, in catalogue order."""
    return {movement.id: movement for movement in movements()}
