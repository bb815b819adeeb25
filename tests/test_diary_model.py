"""The check-in model: what a diary entry may hold, and that every rejection names its field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from rehab_core import InvalidInput, movements
from rehab_core.diary import NOTE_MAX_CHARS, SESSIONS_MAX, CheckIn, InvalidCheckIn, new_check_in, validate
from rehab_core.protocol import SESSIONS_PER_DAY

MORNING = datetime(2025, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_valid_check_in_gets_a_fresh_hex_id_and_keeps_every_field() -> None:
    movement_id = movements()[0].id
    check_in = new_check_in(
        "owner-1", MORNING, 6, movement_pain={movement_id: 2}, sessions_done=2, ice=True, note="Stiff."
    )
    assert len(check_in.id) == 32 and int(check_in.id, 16) >= 0
    assert (check_in.owner, check_in.at, check_in.pain) == ("owner-1", MORNING, 6)
    assert check_in.movement_pain == {movement_id: 2}
    assert (check_in.sessions_done, check_in.ice, check_in.heat, check_in.note) == (2, True, False, "Stiff.")
    assert new_check_in("owner-1", MORNING, 6).id != new_check_in("owner-1", MORNING, 6).id


def test_several_check_ins_on_the_same_day_are_all_valid() -> None:
    day = [new_check_in("o", MORNING + timedelta(hours=hours), 5) for hours in (0, 4, 9, 9)]
    assert len({check_in.id for check_in in day}) == 4


def test_sessions_max_is_the_protocols_sessions_per_day() -> None:
    assert SESSIONS_MAX == SESSIONS_PER_DAY


def test_a_note_of_exactly_the_limit_is_kept_whole() -> None:
    note = "é" * NOTE_MAX_CHARS
    assert new_check_in("o", MORNING, 3, note=note).note == note


def test_a_note_one_character_over_the_limit_is_rejected_not_cut() -> None:
    with pytest.raises(InvalidInput, match=r"field 'note'.*at most 2000.*got 2001"):
        new_check_in("o", MORNING, 3, note="x" * (NOTE_MAX_CHARS + 1))


def test_a_note_keeps_line_breaks_and_tabs_but_not_other_control_characters() -> None:
    assert new_check_in("o", MORNING, 3, note="line one\r\nline\ttwo\n").note == "line one\r\nline\ttwo\n"
    with pytest.raises(InvalidInput, match="field 'note'"):
        new_check_in("o", MORNING, 3, note="null\x00byte")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pain": 11}, "pain"),
        ({"pain": -1}, "pain"),
        ({"pain": True}, "pain"),
        ({"pain": 4.0}, "pain"),
        ({"pain": "4"}, "pain"),
        ({"sessions_done": SESSIONS_PER_DAY + 1}, "sessions_done"),
        ({"sessions_done": -1}, "sessions_done"),
        ({"ice": "yes"}, "ice"),
        ({"heat": 1}, "heat"),
        ({"new_warning_sign": "yes"}, "new_warning_sign"),
        ({"new_warning_sign": None}, "new_warning_sign"),
        ({"new_warning_sign": 1}, "new_warning_sign"),
        ({"at": datetime(2025, 3, 1, tzinfo=timezone(timedelta(seconds=3600.5)))}, "at"),
        ({"note": None}, "note"),
        ({"movement_pain": {"Not a movement!": 1}}, "movement_pain"),
        ({"movement_pain": {"bird-dog": 12}}, "movement_pain"),
        ({"movement_pain": ["bird-dog"]}, "movement_pain"),
        ({"at": datetime(2025, 3, 1, 8, 30)}, "at"),
        ({"at": "2025-03-01"}, "at"),
        ({"at": datetime(1800, 1, 1, tzinfo=UTC)}, "at"),
        ({"owner": ""}, "owner"),
        ({"owner": "x" * 300}, "owner"),
        ({"id": "not-hex"}, "id"),
        ({"id": "A" * 32}, "id"),
    ],
)
def test_every_rejected_field_is_named_in_the_error(changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "id": "0" * 32,
        "owner": "o",
        "at": MORNING,
        "pain": 3,
        "movement_pain": {},
        "sessions_done": 0,
        "ice": False,
        "heat": False,
        "note": "",
        "new_warning_sign": False,
    }
    values.update(changes)
    with pytest.raises(InvalidInput, match=f"field '{field}'") as raised:
        validate(CheckIn(**values))  # type: ignore[arg-type]
    assert isinstance(raised.value, InvalidCheckIn)
    assert [problem.field for problem in raised.value.problems] == [field]


def test_all_wrong_fields_are_reported_together() -> None:
    with pytest.raises(InvalidCheckIn) as raised:
        new_check_in("o", datetime(2025, 1, 1), 20, sessions_done=9, note="x" * 3000)
    assert [problem.field for problem in raised.value.problems] == ["at", "pain", "sessions_done", "note"]


def test_validate_copies_the_movement_ratings_so_later_changes_do_not_leak_in() -> None:
    ratings = {"bird-dog": 2}
    check_in = new_check_in("o", MORNING, 3, movement_pain=ratings)
    ratings["bird-dog"] = 9
    assert check_in.movement_pain == {"bird-dog": 2}


def test_a_check_in_says_whether_a_new_warning_sign_was_reported_and_defaults_to_no() -> None:
    assert new_check_in("o", MORNING, 3).new_warning_sign is False
    assert new_check_in("o", MORNING, 3, new_warning_sign=True).new_warning_sign is True


def test_a_number_of_more_than_4300_digits_is_refused_as_invalid_input_in_a_short_message() -> None:
    for changes in (
        {"pain": 10**5000},
        {"sessions_done": -(10**5000)},
        {"movement_pain": {"bird-dog": 10**5000}},
    ):
        with pytest.raises(InvalidInput) as raised:
            new_check_in("o", MORNING, **{"pain": 3, **changes})  # type: ignore[arg-type]
        assert "about 5,001 digits" in str(raised.value)
        assert len(str(raised.value)) < 300


def test_a_huge_mapping_of_ratings_gives_a_short_message() -> None:
    ratings = {f"movement-{number}": number for number in range(200_000)}
    with pytest.raises(InvalidInput, match="field 'movement_pain'") as raised:
        new_check_in("o", MORNING, 3, movement_pain=ratings)
    assert len(str(raised.value)) < 300
    with pytest.raises(InvalidInput) as raised:
        new_check_in("o", MORNING, 3, note={"x": "y" * 10**6})  # type: ignore[arg-type]
    assert len(str(raised.value)) < 300


@pytest.mark.parametrize("character", ["\x85", "\x9b", "\u202e", "\u2067"])
def test_a_note_refuses_c1_controls_and_direction_overrides(character: str) -> None:
    with pytest.raises(InvalidInput, match="field 'note'"):
        new_check_in("o", MORNING, 3, note=f"ok{character}ok")
