"""The rules engine's invariants over generated inputs: what holds for every pain, rating and red flag."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rehab_core import (
    PLAN_MAX,
    PLAN_MIN,
    REHAB_MAX_PAIN,
    REPS_MAX,
    REPS_MIN,
    SESSIONS_PER_DAY,
    SETS_MAX,
    SETS_MIN,
    TOLERATED_MAX_PAIN,
    InvalidInput,
    Phase,
    Recommendation,
    movements,
    recommend,
    red_flags,
)
from rehab_core.protocol import GROUPED_AFTER, SKIN_CAUTION

MOVEMENT_IDS = [movement.id for movement in movements()]
NAMES = {movement.id: movement.name for movement in movements()}
NEEDS = {movement.id: set(movement.needs) for movement in movements()}
LEVELS = {movement.id: movement.level for movement in movements()}
QUESTIONS = {flag.id: flag.question for flag in red_flags()}
# Signs that stop the plan (emergency and urgent) and the `soon` ones that only add a note.
STOPPING = sorted(flag.id for flag in red_flags() if flag.level != "soon")
SOON = sorted(flag.id for flag in red_flags() if flag.level == "soon")

pains = st.integers(min_value=0, max_value=10)
rehab_pains = st.integers(min_value=0, max_value=REHAB_MAX_PAIN)
ratings = st.dictionaries(st.sampled_from(MOVEMENT_IDS), pains)
some_red_flags = st.lists(st.sampled_from(sorted(QUESTIONS)), min_size=1, unique=True)
# At least one sign that stops the plan, maybe with `soon` signs beside it.
some_stopping_flags = st.tuples(
    st.lists(st.sampled_from(STOPPING), min_size=1, unique=True), st.lists(st.sampled_from(SOON), unique=True)
).map(lambda pair: pair[0] + pair[1])
any_red_flags = st.lists(st.sampled_from(sorted(QUESTIONS)), max_size=4)


def candidates(pain: int, rated: dict[str, int]) -> set[str]:
    """design.md rule 3, written out here: a rise of 3 or less that kept the pain at 8 or less."""
    return {
        movement_id
        for movement_id, rise in rated.items()
        if rise <= TOLERATED_MAX_PAIN and pain + rise <= REHAB_MAX_PAIN
    }


def plan(recommendation: Recommendation) -> list[str]:
    return [prescription.movement_id for prescription in recommendation.prescriptions]


def mentions(recommendation: Recommendation, word: str) -> bool:
    return any(re.search(rf"\b{word}\b", reason, re.IGNORECASE) for reason in recommendation.reasons)


@given(flags=some_stopping_flags, pain=pains, rated=ratings)
def test_any_emergency_or_urgent_red_flag_means_urgent_care_whatever_the_pain_and_ratings(
    flags: list[str], pain: int, rated: dict[str, int]
) -> None:
    result = recommend(pain, rated, flags)
    assert result.phase is Phase.URGENT_CARE
    assert result.prescriptions == ()
    assert result.ice is False
    assert result.heat_before_workout is False
    for flag_id in flags:
        if flag_id in STOPPING:
            assert any(QUESTIONS[flag_id] in reason for reason in result.reasons), flag_id


@given(flags=st.lists(st.sampled_from(SOON), min_size=1, unique=True), pain=pains, rated=ratings)
def test_a_soon_sign_alone_never_changes_the_plan_only_adds_its_note(
    flags: list[str], pain: int, rated: dict[str, int]
) -> None:
    without = recommend(pain, rated)
    result = recommend(pain, rated, flags)
    assert (result.phase, result.ice, result.heat_before_workout, result.prescriptions) == (
        without.phase,
        without.ice,
        without.heat_before_workout,
        without.prescriptions,
    )
    assert result.reasons[: len(without.reasons)] == without.reasons
    notes = result.reasons[len(without.reasons) :]
    assert len(notes) == len(flags)
    for flag_id in flags:
        assert any(QUESTIONS[flag_id] in note for note in notes), flag_id


@given(pain=st.integers(min_value=REHAB_MAX_PAIN + 1, max_value=10), rated=ratings)
def test_pain_above_eight_means_rest_and_ice_with_no_plan(pain: int, rated: dict[str, int]) -> None:
    result = recommend(pain, rated)
    assert result.phase is Phase.REST_ICE
    assert result.ice is True
    assert result.heat_before_workout is False
    assert result.prescriptions == ()
    assert mentions(result, "ice")


@given(pain=rehab_pains, rated=ratings)
def test_pain_of_eight_or_less_without_red_flags_means_rehab(pain: int, rated: dict[str, int]) -> None:
    assert recommend(pain, rated).phase is Phase.REHAB


@given(pain=pains, rated=ratings, flags=any_red_flags)
def test_heat_and_ice_follow_rule_four_for_every_input(
    pain: int, rated: dict[str, int], flags: list[str]
) -> None:
    result = recommend(pain, rated, flags)
    assert result.heat_before_workout is (result.phase is Phase.REHAB and pain <= 5)
    assert result.ice is (result.phase is not Phase.URGENT_CARE and pain >= 6)
    # A warm-up is explained where there is a workout to warm up for (issue 22 point 11).
    if result.heat_before_workout and result.prescriptions:
        assert mentions(result, "heat")
    if not result.prescriptions:
        assert not any("before each workout" in reason for reason in result.reasons)
    if result.ice:
        assert mentions(result, "ice")
        assert any(SKIN_CAUTION in reason for reason in result.reasons)


@given(pain=rehab_pains, rated=ratings)
def test_the_plan_is_the_smaller_of_five_and_the_candidates_and_holds_only_candidates(
    pain: int, rated: dict[str, int]
) -> None:
    chosen = plan(recommend(pain, rated))
    assert len(chosen) == min(PLAN_MAX, len(candidates(pain, rated)))
    assert len(set(chosen)) == len(chosen)
    assert set(chosen) <= candidates(pain, rated)


@given(pain=pains, rated=ratings, flags=any_red_flags)
def test_no_plan_ever_holds_a_movement_that_rose_more_than_three_or_took_the_pain_past_eight(
    pain: int, rated: dict[str, int], flags: list[str]
) -> None:
    # Issue 22 point 8: at pain 7, a movement that takes the pain to 10 is a rise of 3, never a plan.
    for prescription in recommend(pain, rated, flags).prescriptions:
        rise = rated[prescription.movement_id]
        assert rise <= TOLERATED_MAX_PAIN, (pain, rated)
        assert pain + rise <= REHAB_MAX_PAIN, (pain, rated)


@given(pain=rehab_pains, rated=ratings)
def test_every_movement_left_out_by_the_ceiling_names_where_it_took_the_pain(
    pain: int, rated: dict[str, int]
) -> None:
    result = recommend(pain, rated)
    past_limits = {
        movement_id: rise for movement_id, rise in rated.items() if movement_id not in candidates(pain, rated)
    }
    for movement_id, rise in past_limits.items():
        during = min(pain + rise, 10)
        if len(past_limits) > GROUPED_AFTER:
            # Many alike are named in one line, each with where it took the pain.
            (line,) = [reason for reason in result.reasons if reason.startswith("Left out, because")]
            assert f"{NAMES[movement_id]} (pain to {during})" in line, line
            assert f"more than {TOLERATED_MAX_PAIN}, or past {REHAB_MAX_PAIN}" in line, line
            continue
        reason = next(
            reason for reason in result.reasons if reason.startswith(f"{NAMES[movement_id]} is left out")
        )
        assert f"it took your pain from {pain} to {during}" in reason, reason
        if rise <= TOLERATED_MAX_PAIN:
            assert f"past {REHAB_MAX_PAIN}" in reason, reason


KEY_NEEDS = ("hamstrings-glutes", "core")


def covered(movement_ids: list[str] | set[str]) -> set[str]:
    return set().union(*(NEEDS[movement_id] for movement_id in movement_ids)) & set(KEY_NEEDS)


@given(pain=rehab_pains, rated=ratings)
def test_the_plan_works_every_key_need_that_a_tolerated_movement_works(
    pain: int, rated: dict[str, int]
) -> None:
    # Rule 3 (docs/architecture.md): coverage first, so no tolerated movement's need is left out of the plan.
    chosen = plan(recommend(pain, rated))
    assert covered(candidates(pain, rated)) <= covered(chosen), (rated, chosen)


@given(pain=rehab_pains, rated=ratings)
def test_a_movement_left_out_hurt_no_less_than_any_movement_the_plan_keeps_for_no_need(
    pain: int, rated: dict[str, int]
) -> None:
    # Past coverage, places go by lowest provoked pain: a plan movement whose need the rest of the
    # plan covers anyway never hurt more than a tolerated movement that was left out.
    chosen = plan(recommend(pain, rated))
    left_out = candidates(pain, rated) - set(chosen)
    for movement_id in chosen:
        if covered([other for other in chosen if other != movement_id]) == covered(chosen):
            assert all(rated[movement_id] <= rated[other] for other in left_out), (rated, chosen)


@given(pain=rehab_pains, rated=ratings)
def test_the_plan_lists_its_movements_gentlest_first_then_in_catalogue_order(
    pain: int, rated: dict[str, int]
) -> None:
    chosen = plan(recommend(pain, rated))
    assert chosen == sorted(
        chosen, key=lambda movement_id: (LEVELS[movement_id], MOVEMENT_IDS.index(movement_id))
    )


@given(pain=rehab_pains, rated=ratings)
def test_a_movement_left_out_at_the_same_rise_is_never_gentler_than_one_the_plan_keeps_for_no_need(
    pain: int, rated: dict[str, int]
) -> None:
    # Past coverage, places go by lowest rise, then gentlest level.
    chosen = plan(recommend(pain, rated))
    left_out = candidates(pain, rated) - set(chosen)
    for movement_id in chosen:
        if covered([other for other in chosen if other != movement_id]) == covered(chosen):
            for other in left_out:
                if rated[other] == rated[movement_id]:
                    assert LEVELS[movement_id] <= LEVELS[other], (rated, chosen)


@given(pain=rehab_pains, rated=ratings)
def test_every_tolerated_movement_has_a_reason_that_says_whether_it_is_in_the_plan(
    pain: int, rated: dict[str, int]
) -> None:
    result = recommend(pain, rated)
    for movement_id in candidates(pain, rated):
        verdict = "is in the plan" if movement_id in plan(result) else "is left out"
        assert any(reason.startswith(f"{NAMES[movement_id]} {verdict}") for reason in result.reasons)


@given(
    pain=rehab_pains,
    chosen_ids=st.lists(st.sampled_from(MOVEMENT_IDS), min_size=2, unique=True),
    data=st.data(),
)
def test_at_equal_rise_the_plan_covers_every_key_need_it_can(
    pain: int, chosen_ids: list[str], data: st.DataObject
) -> None:
    # A rise that keeps every rated movement within the limits at this pain.
    provoked = data.draw(st.integers(min_value=0, max_value=min(TOLERATED_MAX_PAIN, REHAB_MAX_PAIN - pain)))
    result = recommend(pain, dict.fromkeys(chosen_ids, provoked))
    offered = set().union(*(NEEDS[movement_id] for movement_id in chosen_ids))
    covered = set().union(*(NEEDS[movement_id] for movement_id in plan(result)))
    for need in ("hamstrings-glutes", "core"):
        if need in offered:
            assert need in covered, (chosen_ids, plan(result))


@given(pain=rehab_pains, rated=ratings)
def test_fewer_than_four_candidates_leave_a_reason_that_advises_rest_and_a_new_check(
    pain: int, rated: dict[str, int]
) -> None:
    result = recommend(pain, rated)
    shortfall = [
        reason
        for reason in result.reasons
        if str(PLAN_MIN) in reason and "rest" in reason.lower() and "tomorrow" in reason.lower()
    ]
    assert bool(shortfall) is (len(candidates(pain, rated)) < PLAN_MIN)


@given(pain=rehab_pains, rated=ratings)
def test_every_prescription_has_a_dose_inside_the_protocols_ranges(pain: int, rated: dict[str, int]) -> None:
    for prescription in recommend(pain, rated).prescriptions:
        assert REPS_MIN <= prescription.reps <= REPS_MAX
        assert SETS_MIN <= prescription.sets <= SETS_MAX
        assert prescription.sessions_per_day == SESSIONS_PER_DAY


@given(
    pains_pair=st.lists(rehab_pains, min_size=2, max_size=2, unique=True).map(sorted),
    data=st.data(),
)
def test_the_dose_never_rises_when_pain_rises(pains_pair: list[int], data: st.DataObject) -> None:
    lower_pain, higher_pain = pains_pair
    # Rises that stay within the limits at both pains, so both plans hold the same movements.
    rated = data.draw(
        st.dictionaries(
            st.sampled_from(MOVEMENT_IDS),
            st.integers(min_value=0, max_value=min(TOLERATED_MAX_PAIN, REHAB_MAX_PAIN - higher_pain)),
            min_size=1,
        )
    )
    at_lower = recommend(lower_pain, rated).prescriptions
    at_higher = recommend(higher_pain, rated).prescriptions
    assert [p.movement_id for p in at_lower] == [p.movement_id for p in at_higher]
    for easier_day, harder_day in zip(at_lower, at_higher, strict=True):
        assert harder_day.reps <= easier_day.reps
        assert harder_day.sets <= easier_day.sets


@given(pain=rehab_pains, rated=ratings)
def test_every_chosen_and_every_rated_left_out_movement_is_named_in_the_reasons(
    pain: int, rated: dict[str, int]
) -> None:
    result = recommend(pain, rated)
    chosen = set(plan(result))
    for movement_id in rated:
        named = [reason for reason in result.reasons if NAMES[movement_id] in reason]
        expected = "in the plan" if movement_id in chosen else "left out"
        assert any(expected in reason.lower() for reason in named), (movement_id, result.reasons)


@given(pain=pains, rated=ratings, flags=any_red_flags)
def test_the_same_input_gives_the_same_output_and_the_input_is_not_changed(
    pain: int, rated: dict[str, int], flags: list[str]
) -> None:
    rated_before, flags_before = dict(rated), list(flags)
    first = recommend(pain, rated, flags)
    assert rated == rated_before
    assert flags == flags_before
    assert recommend(pain, rated, flags) == first


@given(pain=pains, rated=ratings, flags=any_red_flags, data=st.data())
def test_the_order_of_ratings_and_red_flags_does_not_change_the_result(
    pain: int, rated: dict[str, int], flags: list[str], data: st.DataObject
) -> None:
    shuffled_ratings = dict(data.draw(st.permutations(list(rated.items()))))
    shuffled_flags = data.draw(st.permutations(flags))
    assert recommend(pain, shuffled_ratings, shuffled_flags) == recommend(pain, rated, flags)


@given(pain=st.integers().filter(lambda value: not 0 <= value <= 10))
def test_every_whole_number_outside_0_to_10_is_rejected_as_pain(pain: int) -> None:
    try:
        recommend(pain)
    except InvalidInput as error:
        assert "pain" in str(error) and str(pain) in str(error)
    else:
        raise AssertionError(f"pain {pain} was accepted")


@given(
    pain=st.one_of(st.floats(), st.text(), st.booleans(), st.none(), st.lists(st.integers(0, 10))),
)
def test_every_pain_that_is_not_an_int_is_rejected(pain: object) -> None:
    try:
        recommend(pain)  # type: ignore[arg-type]
    except InvalidInput as error:
        assert "pain must be a whole number" in str(error)
    else:
        raise AssertionError(f"pain {pain!r} was accepted")


@given(
    movement_id=st.text().filter(lambda text: text not in NAMES),
    provoked=pains,
)
def test_every_unknown_movement_id_is_rejected(movement_id: str, provoked: int) -> None:
    try:
        recommend(3, {movement_id: provoked})
    except InvalidInput as error:
        assert "unknown movement id" in str(error)
    else:
        raise AssertionError(f"movement id {movement_id!r} was accepted")


@given(
    movement_id=st.sampled_from(MOVEMENT_IDS),
    provoked=st.one_of(
        st.integers().filter(lambda value: not 0 <= value <= 10), st.booleans(), st.floats(), st.text()
    ),
)
def test_every_provoked_pain_outside_0_to_10_or_not_an_int_is_rejected(
    movement_id: str, provoked: object
) -> None:
    try:
        recommend(3, {movement_id: provoked})  # type: ignore[dict-item]
    except InvalidInput as error:
        assert movement_id in str(error)
    else:
        raise AssertionError(f"provoked pain {provoked!r} was accepted")


@given(flag_id=st.text().filter(lambda text: text not in QUESTIONS), as_bare_string=st.booleans())
def test_every_unknown_red_flag_id_is_rejected(flag_id: str, as_bare_string: bool) -> None:
    try:
        recommend(3, None, flag_id if as_bare_string else [flag_id])
    except InvalidInput as error:
        assert "unknown red flag id" in str(error)
    else:
        raise AssertionError(f"red flag id {flag_id!r} was accepted")
