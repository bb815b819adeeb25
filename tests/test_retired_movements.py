"""A diary may hold ratings of a movement a coach has since taken out: they are shown as such, never fatal."""

from __future__ import annotations

from datetime import UTC, datetime

from rehab_core.analytics import movement_tolerance, tolerated_movements
from rehab_core.assessment import latest_assessment
from rehab_core.diary import ASSESSMENT, CheckIn, new_id
from rehab_core.standing import today

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
