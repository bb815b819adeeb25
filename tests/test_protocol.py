"""The rules engine by example: each of the seven behaviour rules of recommend(), checked by hand."""

from __future__ import annotations

import re
from itertools import pairwise
from types import MappingProxyType

import pytest

from rehab_core import (
    HEAT_MAX_PAIN,
    PAIN_MAX,
    PAIN_MIN,
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
from rehab_core.protocol import daily_advice

# The article's list of assessment movements, in its order, as slugs of their names.
ARTICLE_MOVEMENT_IDS = (
    "hip-mobility",
    "cat-camel",
    "in-line-lunge-halo",
    "forward-reverse-beast-walk",
    "lateral-beast-walk",
    "hip-bridge",
    "single-leg-hip-bridge",
    "side-plank-clamshell",
    "bird-dog",
    "kettlebell-walk",
)


def plan(recommendation: Recommendation) -> list[str]:
    return [prescription.movement_id for prescription in recommendation.prescriptions]


def name_of(movement_id: str) -> str:
    return next(movement.name for movement in movements() if movement.id == movement_id)


def mentions(recommendation: Recommendation, word: str) -> list[str]:
    return [reason for reason in recommendation.reasons if re.search(rf"\b{word}\b", reason, re.IGNORECASE)]


def shortfall_reasons(recommendation: Recommendation) -> list[str]:
    """Reasons that say the plan is short and advise rest and a new check tomorrow."""
    return [
        reason
        for reason in recommendation.reasons
        if str(PLAN_MIN) in reason and "rest" in reason.lower() and "tomorrow" in reason.lower()
    ]


# The catalogue


def test_the_catalogue_holds_the_articles_ten_movements_in_the_articles_order() -> None:
    assert tuple(movement.id for movement in movements()) == ARTICLE_MOVEMENT_IDS


def test_every_movement_keeps_the_id_it_was_first_saved_under() -> None:
    # Diaries store these ids; they were the slugs of the first names and must never change.
    assert [movement.id for movement in movements()] == list(ARTICLE_MOVEMENT_IDS)


def test_the_kettlebell_walk_has_the_articles_five_variations() -> None:
    walk = next(movement for movement in movements() if movement.id == "kettlebell-walk")
    assert len(walk.variations) == 5
    variations = [variation.lower() for variation in walk.variations]
    assert sum("bottoms-up" in variation for variation in variations) == 2
    assert sum("overhead" in variation for variation in variations) == 3
    assert sum("by the side" in variation for variation in variations) == 2


def test_the_catalogue_covers_both_key_needs() -> None:
    needs = {need for movement in movements() for need in movement.needs}
    assert {"hamstrings-glutes", "core"} <= needs


def test_red_flags_have_both_levels_and_unique_ids_and_questions() -> None:
    flags = red_flags()
    assert {flag.level for flag in flags} == {"emergency", "urgent"}
    assert len({flag.id for flag in flags}) == len(flags)
    assert all(flag.question.strip().endswith("?") for flag in flags)


def test_the_thresholds_are_the_contracts() -> None:
    assert (PAIN_MIN, PAIN_MAX, REHAB_MAX_PAIN, HEAT_MAX_PAIN, TOLERATED_MAX_PAIN) == (0, 10, 8, 5, 3)
    assert (PLAN_MIN, PLAN_MAX, REPS_MIN, REPS_MAX, SETS_MIN, SETS_MAX) == (4, 5, 5, 10, 1, 2)
    assert SESSIONS_PER_DAY == 3


# Rule 1: a red flag means urgent care


@pytest.mark.parametrize("pain", [0, 4, 8, 9, 10])
def test_a_red_flag_overrides_any_pain_level(pain: int) -> None:
    ratings = {movement_id: 0 for movement_id in ARTICLE_MOVEMENT_IDS}
    result = recommend(pain, ratings, ["chest-pain"])
    assert result.phase is Phase.URGENT_CARE
    assert result.prescriptions == ()
    assert result.ice is False
    assert result.heat_before_workout is False


def test_an_urgent_care_recommendation_names_the_question_of_each_flag_answered_yes() -> None:
    answered = ["history-of-cancer", "saddle-numbness", "night-or-rest-pain"]
    result = recommend(3, None, answered)
    questions = {flag.id: flag.question for flag in red_flags()}
    for flag_id in answered:
        assert any(questions[flag_id] in reason for reason in result.reasons), flag_id


def test_an_emergency_flag_says_get_emergency_help_and_is_read_first() -> None:
    result = recommend(2, None, ["fever-or-very-unwell", "bladder-bowel"])
    assert "emergency" in result.reasons[0].lower()
    assert "bladder" in result.reasons[0].lower()
    assert "doctor today" in result.reasons[1].lower()


def test_a_red_flag_answered_twice_is_named_once() -> None:
    result = recommend(2, None, ["chest-pain", "chest-pain"])
    assert result == recommend(2, None, ["chest-pain"])


def test_a_single_red_flag_id_as_a_bare_string_counts_as_one_flag() -> None:
    assert recommend(2, None, "chest-pain") == recommend(2, None, ["chest-pain"])


def test_red_flags_may_come_from_a_generator() -> None:
    assert recommend(5, None, (flag for flag in ["chest-pain"])).phase is Phase.URGENT_CARE


# Rule 2: pain 9-10 is rest and ice only


@pytest.mark.parametrize("pain", [9, 10])
def test_pain_of_nine_or_ten_means_rest_and_ice_only(pain: int) -> None:
    ratings = {movement_id: 0 for movement_id in ARTICLE_MOVEMENT_IDS}
    result = recommend(pain, ratings)
    assert result.phase is Phase.REST_ICE
    assert result.ice is True
    assert result.heat_before_workout is False
    assert result.prescriptions == ()
    assert mentions(result, "ice")


@pytest.mark.parametrize("pain", range(0, 9))
def test_pain_of_eight_or_less_without_red_flags_means_rehab(pain: int) -> None:
    assert recommend(pain).phase is Phase.REHAB


# Rule 4: heat and ice


@pytest.mark.parametrize("pain", range(0, 11))
def test_heat_and_ice_follow_the_pain_level_exactly(pain: int) -> None:
    result = recommend(pain, {"bird-dog": 1})
    assert result.heat_before_workout is (pain <= 5)
    assert result.ice is (pain >= 6)


@pytest.mark.parametrize("pain", range(0, 11))
def test_with_a_red_flag_there_is_neither_heat_nor_ice(pain: int) -> None:
    result = recommend(pain, {"bird-dog": 1}, ["unexplained-weight-loss"])
    assert (result.ice, result.heat_before_workout) == (False, False)


@pytest.mark.parametrize("pain", range(0, 11))
def test_heat_and_ice_each_have_a_reason_when_they_are_advised(pain: int) -> None:
    result = recommend(pain, {"hip-bridge": 2})
    if result.heat_before_workout:
        assert mentions(result, "heat")
    if result.ice:
        assert mentions(result, "ice")


@pytest.mark.parametrize(
    "pain",
    [
        *range(0, REHAB_MAX_PAIN + 1),
    ],
)
def test_in_rehab_both_the_heat_and_the_ice_decision_are_explained(pain: int) -> None:
    result = recommend(pain, {"hip-bridge": 2})
    assert mentions(result, "heat"), result.reasons
    assert mentions(result, "ice"), result.reasons


# Rule 3: the plan


def test_the_example_from_the_contract_gives_rehab_with_four_prescriptions() -> None:
    result = recommend(4, {"bird-dog": 2, "hip-bridge": 1, "cat-camel": 0, "hip-mobility": 3})
    assert result.phase is Phase.REHAB
    assert len(result.prescriptions) == 4
    assert plan(result) == ["hip-mobility", "cat-camel", "hip-bridge", "bird-dog"]
    assert result.heat_before_workout is True
    assert result.ice is False
    assert not shortfall_reasons(result)


def test_only_movements_that_provoked_pain_of_three_or_less_qualify() -> None:
    result = recommend(
        2,
        {"bird-dog": 3, "hip-bridge": 4, "cat-camel": 10, "hip-mobility": 0, "kettlebell-walk": 3},
    )
    assert plan(result) == ["hip-mobility", "bird-dog", "kettlebell-walk"]


def test_lowest_provoked_pain_comes_first_even_before_coverage() -> None:
    result = recommend(3, {"bird-dog": 1, "hip-mobility": 0})
    assert plan(result) == ["hip-mobility", "bird-dog"]


def test_at_equal_pain_coverage_comes_first_then_movements_that_work_more_needs() -> None:
    # All at pain 2. Bird dog is the only one that works the hamstrings and glutes (and the core),
    # so it is taken first. Of the rest, cat-camel works two needs and goes next; the places left
    # are then filled in catalogue order. The plan lists them in catalogue order.
    ratings = {
        "kettlebell-walk": 2,
        "lateral-beast-walk": 2,
        "bird-dog": 2,
        "forward-reverse-beast-walk": 2,
        "cat-camel": 2,
        "hip-mobility": 2,
    }
    result = recommend(3, ratings)
    assert plan(result) == [
        "hip-mobility",
        "cat-camel",
        "forward-reverse-beast-walk",
        "lateral-beast-walk",
        "bird-dog",
    ]
    assert any(
        reason.startswith("Bird dog is in the plan to work the hamstrings and glutes")
        for reason in result.reasons
    )
    assert any(
        reason.startswith("Kettlebell walk is left out") and "come before it in the library" in reason
        for reason in result.reasons
    )


def test_coverage_then_pain_then_needs_then_catalogue_order_decide_the_places() -> None:
    # Bird dog (1) is the least sore of the hamstring and glute movements, so it is taken first.
    # Then by pain: kettlebell walk (0), hip mobility (1), cat-camel (2); of the two at pain 3,
    # the hip bridge works two needs and beats the lateral beast walk.
    ratings = {
        "kettlebell-walk": 0,
        "hip-mobility": 1,
        "bird-dog": 1,
        "cat-camel": 2,
        "hip-bridge": 3,
        "lateral-beast-walk": 3,
        "single-leg-hip-bridge": 4,
    }
    result = recommend(6, ratings)
    assert plan(result) == ["hip-mobility", "cat-camel", "hip-bridge", "bird-dog", "kettlebell-walk"]
    assert any(
        reason.startswith("Lateral beast walk is left out") and "work more needs" in reason
        for reason in result.reasons
    )


def test_when_every_movement_is_equally_easy_the_plan_covers_both_needs_then_takes_the_broadest() -> None:
    result = recommend(1, {movement_id: 0 for movement_id in ARTICLE_MOVEMENT_IDS})
    assert plan(result) == [
        "cat-camel",
        "in-line-lunge-halo",
        "hip-bridge",
        "single-leg-hip-bridge",
        "side-plank-clamshell",
    ]


def test_tolerated_hamstring_and_glute_movements_win_a_place_over_less_sore_ones_that_do_not_work_them() -> (
    None
):
    # The case from issue 12: five movements at 0 that do not work the hamstrings and glutes,
    # two at 1 that do. The plan must still work them, and say why it took the one it took.
    ratings = dict.fromkeys(
        [
            "hip-mobility",
            "cat-camel",
            "in-line-lunge-halo",
            "forward-reverse-beast-walk",
            "lateral-beast-walk",
        ],
        0,
    )
    ratings.update({"hip-bridge": 1, "bird-dog": 1})
    result = recommend(3, ratings)
    assert "hip-bridge" in plan(result)
    assert any(
        reason.startswith("Hip bridge is in the plan to work the hamstrings and glutes") and "(1)" in reason
        for reason in result.reasons
    )
    assert not any(reason.startswith("No movement") for reason in result.reasons)
    assert any(
        reason.startswith("Bird dog is left out") and "caused less pain" in reason
        for reason in result.reasons
    )


@pytest.mark.parametrize("count", range(0, 11))
def test_the_plan_takes_all_candidates_up_to_five(count: int) -> None:
    ratings = {movement_id: 1 for movement_id in ARTICLE_MOVEMENT_IDS[:count]}
    assert len(recommend(5, ratings).prescriptions) == min(PLAN_MAX, count)


@pytest.mark.parametrize("count", range(0, 4))
def test_fewer_than_four_candidates_leaves_a_reason_that_advises_rest_and_a_new_check(count: int) -> None:
    ratings = {movement_id: 2 for movement_id in ARTICLE_MOVEMENT_IDS[:count]}
    ratings.update({movement_id: 7 for movement_id in ARTICLE_MOVEMENT_IDS[count:]})
    result = recommend(4, ratings)
    assert len(result.prescriptions) == count
    assert len(shortfall_reasons(result)) == 1
    assert str(count) in shortfall_reasons(result)[0]


@pytest.mark.parametrize("count", [4, 5, 6, 10])
def test_four_or_more_candidates_leave_no_shortfall_reason(count: int) -> None:
    ratings = {movement_id: 2 for movement_id in ARTICLE_MOVEMENT_IDS[:count]}
    assert not shortfall_reasons(recommend(4, ratings))


def test_every_chosen_and_every_rated_left_out_movement_is_named_in_the_reasons() -> None:
    ratings = {movement_id: index % 5 for index, movement_id in enumerate(ARTICLE_MOVEMENT_IDS)}
    result = recommend(5, ratings)
    chosen = set(plan(result))
    assert len(chosen) == PLAN_MAX
    for movement_id in ratings:
        named = [reason for reason in result.reasons if name_of(movement_id) in reason]
        assert named, movement_id
        if movement_id in chosen:
            assert any("in the plan" in reason for reason in named), movement_id
        else:
            assert any("left out" in reason for reason in named), movement_id


def test_a_movement_left_out_for_pain_gives_its_provoked_pain() -> None:
    result = recommend(3, {"hip-bridge": 6})
    reason = next(reason for reason in result.reasons if name_of("hip-bridge") in reason)
    assert "6" in reason


def test_a_missing_key_need_is_named() -> None:
    result = recommend(3, {"hip-mobility": 0, "kettlebell-walk": 1})
    assert any("hamstrings and glutes" in reason for reason in result.reasons)


# Rule 5: the dose


EXPECTED_DOSE = {0: (10, 2), 2: (10, 2), 3: (8, 2), 4: (8, 2), 5: (6, 1), 6: (6, 1), 7: (5, 1), 8: (5, 1)}


@pytest.mark.parametrize(("pain", "dose"), EXPECTED_DOSE.items())
def test_the_dose_at_each_pain_level_is_the_documented_table(pain: int, dose: tuple[int, int]) -> None:
    result = recommend(pain, {"bird-dog": 0, "hip-bridge": 1})
    for prescription in result.prescriptions:
        assert (prescription.reps, prescription.sets) == dose
        assert prescription.sessions_per_day == SESSIONS_PER_DAY


def test_the_dose_never_rises_as_pain_rises() -> None:
    prescriptions = [recommend(pain, {"bird-dog": 0}).prescriptions[0] for pain in range(REHAB_MAX_PAIN + 1)]
    doses = [(prescription.reps, prescription.sets) for prescription in prescriptions]
    for lower, higher in pairwise(doses):
        assert higher[0] <= lower[0] and higher[1] <= lower[1]
    assert doses[0] == (REPS_MAX, SETS_MAX)
    assert doses[-1] == (REPS_MIN, SETS_MIN)


def test_the_dose_is_stated_in_the_reasons() -> None:
    result = recommend(7, {"bird-dog": 0})
    assert any("5 reps" in reason and "3 times a day" in reason for reason in result.reasons)


# Rule 6: same input, same output; no mutation


def test_the_same_input_gives_the_same_output() -> None:
    ratings = {"bird-dog": 2, "hip-bridge": 1, "cat-camel": 0, "hip-mobility": 3}
    assert recommend(4, ratings) == recommend(4, dict(ratings))


def test_the_ratings_mapping_is_not_changed_and_a_read_only_mapping_works() -> None:
    ratings = {"bird-dog": 2, "hip-bridge": 9}
    before = dict(ratings)
    recommend(4, ratings)
    assert ratings == before
    assert recommend(4, MappingProxyType(ratings)) == recommend(4, before)


# Rule 7: rejected inputs


@pytest.mark.parametrize("pain", [-1, 11, 3.0, "3", None, True, False, 10**9])
def test_a_pain_that_is_not_a_whole_number_from_0_to_10_is_rejected(pain: object) -> None:
    with pytest.raises(InvalidInput, match=r"pain must be a whole number from 0 to 10") as raised:
        recommend(pain)  # type: ignore[arg-type]
    assert repr(pain) in str(raised.value) or str(pain) in str(raised.value)


@pytest.mark.parametrize("provoked", [-1, 11, 2.0, "2", None, True, False])
def test_a_provoked_pain_out_of_range_or_not_an_int_is_rejected_naming_the_movement(provoked: object) -> None:
    with pytest.raises(InvalidInput, match=r"bird-dog.*whole number from 0 to 10"):
        recommend(3, {"hip-bridge": 1, "bird-dog": provoked})  # type: ignore[dict-item]


def test_an_unknown_movement_id_is_rejected_and_the_known_ids_are_listed() -> None:
    with pytest.raises(InvalidInput, match=r"unknown movement id 'burpee'") as raised:
        recommend(3, {"burpee": 1})
    assert "bird-dog" in str(raised.value)


def test_a_movement_name_instead_of_its_id_is_rejected() -> None:
    with pytest.raises(InvalidInput, match=r"unknown movement id 'Bird dog'"):
        recommend(3, {"Bird dog": 1})


@pytest.mark.parametrize("ratings", [[("bird-dog", 1)], "bird-dog", 3])
def test_ratings_that_are_not_a_mapping_are_rejected(ratings: object) -> None:
    with pytest.raises(InvalidInput, match=r"movement_pain must map movement ids"):
        recommend(3, ratings)  # type: ignore[arg-type]


@pytest.mark.parametrize("flags", [["chest-pain", "sore-toe"], "sore-toe", ["Chest-Pain"], [1]])
def test_an_unknown_red_flag_id_is_rejected_and_the_known_ids_are_listed(flags: object) -> None:
    with pytest.raises(InvalidInput, match=r"unknown red flag id") as raised:
        recommend(3, None, flags)  # type: ignore[arg-type]
    assert "chest-pain" in str(raised.value)


def test_a_bare_string_red_flag_id_is_not_read_letter_by_letter() -> None:
    with pytest.raises(InvalidInput, match=r"unknown red flag id 'abc'"):
        recommend(3, None, "abc")


@pytest.mark.parametrize("flags", [5, [["chest-pain"]]])
def test_red_flags_that_are_not_an_iterable_of_ids_are_rejected(flags: object) -> None:
    with pytest.raises(InvalidInput, match=r"red flag"):
        recommend(3, None, flags)  # type: ignore[arg-type]


def test_invalid_pain_is_rejected_even_with_a_red_flag() -> None:
    with pytest.raises(InvalidInput):
        recommend(11, None, ["chest-pain"])


@pytest.mark.parametrize("huge", [10**5000, -(10**5000)], ids=["huge", "huge-negative"])
def test_a_number_too_long_to_print_is_rejected_as_invalid_input_with_a_short_message(huge: int) -> None:
    with pytest.raises(InvalidInput, match=r"pain must be a whole number from 0 to 10") as raised:
        recommend(huge)
    assert len(str(raised.value)) < 200
    with pytest.raises(InvalidInput) as raised:
        recommend(4, {"bird-dog": huge})
    assert len(str(raised.value)) < 300


def test_a_huge_mapping_of_unknown_ids_gives_a_short_message() -> None:
    with pytest.raises(InvalidInput) as raised:
        recommend(4, {"x" * 1_000_000: 1})
    assert len(str(raised.value)) < 1_000
    with pytest.raises(InvalidInput) as raised:
        recommend(4, None, ["y" * 1_000_000])
    assert len(str(raised.value)) < 1_000


# Rule 2 says rest and ice only; the person still needs to know what helps and when to get help.


@pytest.mark.parametrize("pain", [9, 10])
def test_pain_of_nine_or_ten_says_what_helps_and_when_to_get_checked(pain: int) -> None:
    reasons = " ".join(recommend(pain).reasons).lower()
    assert "not mean bed rest" in reasons and "keep moving gently" in reasons
    assert "pharmacist" in reasons
    assert "cannot cope" in reasons and "cannot sleep" in reasons and "not easing after a few days" in reasons
    advice = daily_advice(recommend(pain))
    assert any("pharmacist" in line for line in advice.do)
    assert any("cannot cope" in line for line in advice.get_help)
