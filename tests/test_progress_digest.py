"""The progress page's cache key: a change to any field of a check-in, present or added later, changes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from rehab_core.diary import FIELDS, CheckIn, new_check_in
from ui.progress_views import diary_digest

BASE = new_check_in("me", datetime(2026, 3, 2, 9, tzinfo=UTC), 3, movement_pain={"bird-dog": 1}, note="a")


def changed(value: Any) -> Any:
    """Another value of the same kind (a field of a new kind must be taught here)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, datetime):
        return value + timedelta(minutes=1)
    if isinstance(value, Mapping):
        return {**value, "cat-camel": 2}
    if isinstance(value, tuple | list):
        return (*value, "something new")
    if isinstance(value, date):
        return value + timedelta(days=1)
    if value is None:
        return "set"
    raise AssertionError(f"teach changed() a value like {value!r}")


@pytest.mark.parametrize("name", FIELDS)
def test_changing_any_field_of_a_check_in_changes_the_digest(name: str) -> None:
    other: CheckIn = replace(BASE, **{name: changed(getattr(BASE, name))})
    assert diary_digest("me", [other]) != diary_digest("me", [BASE])


def test_the_same_moment_in_another_time_zone_changes_the_digest_as_it_moves_the_local_day() -> None:
    there = replace(BASE, at=BASE.at.astimezone(timezone(timedelta(hours=-12))))
    assert there.at == BASE.at
    assert diary_digest("me", [there]) != diary_digest("me", [BASE])
