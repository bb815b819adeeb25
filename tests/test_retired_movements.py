"""A diary may hold ratings of a movement a coach has since taken out: they are shown as such, never fatal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rehab_core.analytics import movement_tolerance, tolerated_movements
from rehab_core.assessment import latest_assessment
from rehab_core.database import open_engine
from rehab_core.diary import ASSESSMENT, CheckIn, new_id, retired_ratings
from rehab_core.diary_files import ImportProblems, parse_import, to_csv, to_json
from rehab_core.standing import today
from rehab_core.store import SqlDiary

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def stored(ratings: dict[str, int], kind: str = ASSESSMENT) -> CheckIn:
    """An entry as an older diary keeps it, ratings of any id included (no validation on reading)."""
    return CheckIn(id=new_id(), owner="me", at=AT, pain=3, movement_pain=ratings, kind=kind)


def test_a_rating_of_a_movement_no_longer_in_the_library_is_named_as_such() -> None:
    tolerance = movement_tolerance([stored({"bird-dog": 1, "sun-salutation": 2})])
    assert set(tolerance["movement"]) == {"Bird dog", "sun-salutation (no longer in the library)"}
    assert tolerated_movements([stored({"bird-dog": 1, "sun-salutation": 2})]) == ["bird-dog"]


def test_the_latest_assessment_leaves_out_movements_no_longer_in_the_library() -> None:
    assessment = latest_assessment([stored({"bird-dog": 1, "sun-salutation": 2})])
    assert assessment is not None
    assert dict(assessment.movement_pain) == {"bird-dog": 1}
    assert [item.movement_id for item in assessment.recommendation().prescriptions] == ["bird-dog"]


def test_an_assessment_that_only_rated_movements_no_longer_in_the_library_gives_no_plan() -> None:
    assert latest_assessment([stored({"sun-salutation": 2})]) is None


def test_today_leaves_out_movements_no_longer_in_the_library_from_the_plan_and_the_tolerance() -> None:
    standing = today([stored({"bird-dog": 1, "sun-salutation": 2})], AT)
    assert standing.assessment is not None
    assert dict(standing.assessment.movement_pain) == {"bird-dog": 1}
    assert dict(standing.tolerance) == {"bird-dog": 1}
    assert standing.plan is not None
    assert [item.movement_id for item in standing.plan.prescriptions] == ["bird-dog"]


RETIRED = "sun-salutation"


def exported(ratings: dict[str, int]) -> CheckIn:
    return CheckIn(id=new_id(), owner="me", at=AT, pain=3, movement_pain=ratings)


@pytest.mark.parametrize(("name", "export"), [("d.csv", to_csv), ("d.json", to_json)])
def test_the_persons_own_export_with_a_retired_movement_imports_again(
    name: str, export: Callable[[list[CheckIn]], bytes]
) -> None:
    diary = [exported({"bird-dog": 1, RETIRED: 2}), exported({RETIRED: 4})]
    assert parse_import(export(diary), name, "me") == diary
    assert [retired_ratings(check_in) for check_in in diary] == [{RETIRED: 2}, {RETIRED: 4}]


def test_a_row_typed_without_an_id_must_rate_movements_the_library_has() -> None:
    typed = (
        f"at,pain,sessions_done,ice,heat,note,movement_pain:{RETIRED}\n"
        "2026-03-02T09:00:00+00:00,3,0,false,false,,2\n"
    )
    with pytest.raises(ImportProblems) as raised:
        parse_import(typed.encode(), "d.csv", "me")
    assert raised.value.problems[0].startswith(
        f"row 2, field 'movement_pain': '{RETIRED}' is not a movement in the library; a row without an id"
    )


def test_a_rating_that_is_no_movement_id_at_all_is_still_refused() -> None:
    with pytest.raises(ImportProblems, match="unknown movement"):
        parse_import(b"at,pain,movement_pain:Moon Walk!\n2026-03-02T09:00:00+00:00,3,2\n", "d.csv", "me")


def test_an_old_check_in_rating_a_retired_movement_can_be_edited_and_keeps_the_rating(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    try:
        diary = SqlDiary(engine)
        old = exported({"bird-dog": 1, RETIRED: 2})
        diary.import_check_ins("me", [old])
        diary.update(replace(old, pain=5, note="edited"))
        assert diary.list("me") == [replace(old, pain=5, note="edited")]
    finally:
        engine.dispose()
