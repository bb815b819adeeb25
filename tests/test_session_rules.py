"""Today's guided session as rules: steps in order, what is dropped and why, what is saved, what follows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab_core import SESSIONS_PER_DAY, movements, recommend, red_flags
from rehab_core.catalogue import movement_by_id
from rehab_core.diary import SESSION, new_check_in
from rehab_core.protocol import dose_for, is_candidate
from rehab_core.session import (
    REST_SECONDS,
    Progress,
    StepKind,
    answer_check,
    answer_pain,
    answer_pain_after,
    choose_harder,
    current_step,
    dose_change_words,
    dropped,
    end_early,
    from_query,
    harder_offer,
    mark_saved,
    morning_advice,
    next_session_at,
    next_session_words,
    next_words,
    projector_steps,
    rate,
    rest_over,
    room_items,
    session_check_in,
    session_items,
    set_done,
    stop_movement,
    symptom_ids,
    to_query,
    why_no_session,
)

RUN = "0123456789abcdef0123456789abcdef"
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=LONDON)
RATED_PLAN = {"cat-camel": 0, "hip-bridge": 1, "bird-dog": 0, "kettlebell-walk": 0}
PLAN = recommend(3, RATED_PLAN)
ITEMS, _ = session_items(PLAN, 3, {})


def started(pain: int = 3) -> Progress:
    return answer_pain(answer_check(Progress(), ()), pain)


def test_the_session_asks_warning_signs_then_pain_before_any_movement() -> None:
    assert current_step(ITEMS, Progress()).kind is StepKind.CHECK
    assert current_step(ITEMS, answer_check(Progress(), ())).kind is StepKind.PAIN
    first = current_step(ITEMS, started())
    assert (first.kind, first.item, first.set_number) == (StepKind.SET, ITEMS[0], 1)


def test_a_warning_sign_now_goes_to_get_care_whatever_else_was_answered() -> None:
    sign = symptom_ids()[0]
    progress = answer_check(started(), (sign,))
    assert current_step(ITEMS, progress).kind is StepKind.GET_CARE


def test_only_symptoms_now_are_asked_and_a_background_sign_is_refused() -> None:
    background = next(flag.id for flag in red_flags() if flag.kind == "background")
    assert background not in symptom_ids()
    with pytest.raises(ValueError, match="not a warning sign asked now"):
        answer_check(Progress(), (background,))


@pytest.mark.parametrize("pain", [9, 10])
def test_pain_of_nine_or_ten_means_rest_and_ice_and_no_session(pain: int) -> None:
    assert current_step(ITEMS, started(pain)).kind is StepKind.REST_ICE


def test_the_movements_come_in_the_plans_order_gentlest_first_each_in_its_own_unit() -> None:
    assert [item.id for item in ITEMS] == [item.movement_id for item in PLAN.prescriptions]
    levels = [item.movement.level for item in ITEMS]
    assert levels == sorted(levels)
    walk = next(item for item in ITEMS if item.id == "kettlebell-walk")
    assert walk.dose_in_words() == "4 lengths of about 20 steps, each hand, 2 sets"


def test_a_whole_session_goes_set_rest_set_rate_rest_for_each_movement_then_pain_after() -> None:
    progress = started()
    seen: list[tuple[StepKind, str, int]] = []
    for _ in range(100):
        step = current_step(ITEMS, progress)
        seen.append((step.kind, step.item.id if step.item else "", step.set_number))
        if step.kind is StepKind.SET:
            progress = set_done(ITEMS, progress)
        elif step.kind is StepKind.REST:
            progress = rest_over(ITEMS, progress)
        elif step.kind is StepKind.RATE:
            progress = rate(ITEMS, progress, 3)
        else:
            break
    first = ITEMS[0].id
    assert seen[:5] == [
        (StepKind.SET, first, 1),
        (StepKind.REST, first, 2),
        (StepKind.SET, first, 2),
        (StepKind.RATE, first, 2),
        (StepKind.REST, ITEMS[1].id, 1),
    ]
    assert seen[-1] == (StepKind.PAIN_AFTER, "", 0)
    assert seen[-2][0] is StepKind.RATE, "no rest after the session's last movement"
    assert progress.rises == {item.id: 0 for item in ITEMS}
    assert REST_SECONDS > 0


def test_stop_this_hurts_ends_the_movement_drops_its_other_sets_and_asks_the_rating() -> None:
    progress = stop_movement(ITEMS, started())
    step = current_step(ITEMS, progress)
    assert (step.kind, step.item) == (StepKind.RATE, ITEMS[0])
    progress = rate(ITEMS, progress, 8)
    reasons = dropped(ITEMS, progress)
    assert [item.movement.id for item in reasons] == [ITEMS[0].id]
    assert "more than 3" in reasons[0].reason and "dropped for the rest of this session" in reasons[0].reason


def test_stop_in_the_rest_before_a_new_movement_ends_the_session() -> None:
    progress = set_done(ITEMS, set_done(ITEMS, rest_over(ITEMS, set_done(ITEMS, started()))))
    progress = rate(ITEMS, progress, 3)
    assert current_step(ITEMS, progress).kind is StepKind.REST
    progress = stop_movement(ITEMS, progress)
    assert current_step(ITEMS, progress).kind is StepKind.PAIN_AFTER
    assert progress.rises == {ITEMS[0].id: 0}


def test_a_rating_past_eight_is_dropped_even_with_a_rise_of_three_or_less() -> None:
    progress = stop_movement(ITEMS, started(6))
    progress = rate(ITEMS, progress, 9)  # up 3 but past 8
    assert "past 8" in dropped(ITEMS, progress)[0].reason


def test_ending_early_saves_only_what_was_rated_and_invents_nothing() -> None:
    progress = rate(ITEMS, stop_movement(ITEMS, started()), 4)
    progress = answer_pain_after(end_early(progress), 2)
    entry = session_check_in("local", NOW, ITEMS, progress, 1)
    assert entry.kind == SESSION
    assert entry.movement_pain == {ITEMS[0].id: 1}
    assert (entry.pain, entry.sessions_done) == (2, 2)
    assert "Not done:" in entry.note and ITEMS[1].movement.name in entry.note
    assert [item.movement.id for item in dropped(ITEMS, progress)][1:] == [item.id for item in ITEMS[1:]]


def test_the_saved_check_in_keeps_its_run_id_so_a_reload_cannot_save_it_twice() -> None:
    entry = session_check_in("local", NOW, ITEMS, started(), 0, check_in_id=RUN)
    assert entry.id == RUN and entry.sessions_done == 1 and entry.movement_pain == {}


def test_sessions_done_never_go_past_three() -> None:
    assert session_check_in("local", NOW, ITEMS, started(), SESSIONS_PER_DAY).sessions_done == 3


def test_a_harder_version_is_noted_only_when_chosen() -> None:
    progress = choose_harder(started(), ITEMS[0].id, True)
    progress = rate(ITEMS, stop_movement(ITEMS, progress), 3)
    assert "Harder version: " + ITEMS[0].movement.name in session_check_in("o", NOW, ITEMS, progress, 0).note
    assert choose_harder(progress, ITEMS[0].id, False).harder == frozenset()


def test_pain_higher_than_at_the_assessment_lowers_the_dose_and_says_why() -> None:
    items, left_out = session_items(PLAN, 6, {})
    assert {(item.reps, item.sets) for item in items if item.id != "kettlebell-walk"} == {dose_for(6)}
    assert not left_out
    assert "higher than the 3" in dose_change_words(PLAN, 3, 6)
    assert dose_change_words(PLAN, 3, 2) == ""


def test_a_movement_whose_latest_rise_breaks_the_limits_at_the_pain_now_is_left_out_with_its_reason() -> None:
    items, left_out = session_items(PLAN, 6, {"hip-bridge": 3})
    assert "hip-bridge" not in [item.id for item in items]
    assert [entry.movement.id for entry in left_out] == ["hip-bridge"]
    assert "goes past the limits" in left_out[0].reason


def test_the_next_session_is_three_hours_on_or_tomorrow_morning() -> None:
    assert next_session_at(NOW, 1) == NOW + timedelta(hours=3)
    late = NOW.replace(hour=19)
    assert next_session_at(late, 1) == datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)
    assert next_session_at(NOW, 3).date() == NOW.date() + timedelta(days=1)
    assert "12:30 today (session 2 of 3)" in next_session_words(NOW, 1)
    assert "tomorrow" in next_session_words(NOW, 3)


def test_the_address_holds_every_answer_and_gives_them_back() -> None:
    progress = choose_harder(rate(ITEMS, stop_movement(ITEMS, started()), 5), ITEMS[1].id, True)
    progress = mark_saved(answer_pain_after(progress, 4))
    assert from_query(to_query(progress, RUN)) == (replace(progress, checked=False), RUN)


def test_a_restored_session_asks_the_warning_signs_again_then_goes_on_at_the_same_step() -> None:
    progress = set_done(ITEMS, started())
    restored, _ = from_query(to_query(progress, RUN)) or (Progress(), "")
    assert current_step(ITEMS, restored).kind is StepKind.CHECK
    assert current_step(ITEMS, answer_check(restored, ())) == current_step(ITEMS, progress)


@pytest.mark.parametrize(
    "params",
    [
        {"run": "short"},
        {"run": RUN, "pain": "11"},
        {"run": RUN, "pain": "x"},
        {"run": RUN, "rated": "no-such-movement:1"},
        {"run": RUN, "signs": "no-such-sign"},
        {"run": RUN, "after": "-1"},
    ],
)
def test_a_malformed_address_starts_afresh_rather_than_guess(params: dict[str, str]) -> None:
    assert from_query(params) is None


def test_a_warning_sign_in_the_address_always_comes_back() -> None:
    sign = symptom_ids()[0]
    restored = from_query({"run": RUN, "signs": sign, "pain": "3"})
    assert restored is not None and current_step(ITEMS, restored[0]).kind is StepKind.GET_CARE


# The next morning.


def entry(at: datetime, pain: int, kind: str = "check_in", rated: dict[str, int] | None = None) -> object:
    return new_check_in("o", at, pain, movement_pain=rated or {}, kind=kind, sessions_done=1)


def test_two_points_worse_than_yesterday_morning_after_a_session_drops_the_movement_that_flared() -> None:
    yesterday = NOW - timedelta(days=1)
    diary = [
        entry(yesterday.replace(hour=8), 3),
        entry(yesterday.replace(hour=10), 3, SESSION, {"bird-dog": 2, "hip-bridge": 0}),
    ]
    advice = morning_advice(5, diary, NOW)  # type: ignore[arg-type]
    assert advice is not None
    assert advice.worse_by == 2
    assert [movement.id for movement in advice.flared] == ["bird-dog"]
    assert "Leave out Bird dog" in advice.words and "up 2" in advice.words


def test_worse_with_no_movement_that_rose_means_fewer_reps() -> None:
    yesterday = NOW - timedelta(days=1)
    diary = [entry(yesterday.replace(hour=8), 2, SESSION, {"bird-dog": 0})]
    advice = morning_advice(5, diary, NOW)  # type: ignore[arg-type]
    assert advice is not None and not advice.flared and "fewer reps" in advice.words


def test_one_point_worse_or_no_session_yesterday_changes_nothing() -> None:
    yesterday = NOW - timedelta(days=1)
    with_session = [entry(yesterday.replace(hour=8), 3, SESSION, {"bird-dog": 3})]
    assert morning_advice(4, with_session, NOW) is None  # type: ignore[arg-type]
    assert morning_advice(9, [entry(yesterday.replace(hour=8), 3)], NOW) is None  # type: ignore[list-item]


# Harder variations.


def sessions_rating(movement_id: str, rises: list[int]) -> list[object]:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    return [
        entry(start + timedelta(hours=index), 1, SESSION, {movement_id: rise})
        for index, rise in enumerate(rises)
    ]


def test_a_harder_version_is_offered_at_low_pain_after_three_sessions_at_no_rise_with_its_reason() -> None:
    walk = movement_by_id()["kettlebell-walk"]
    offer = harder_offer(walk, 2, sessions_rating(walk.id, [2, 0, 0, 0]))  # type: ignore[arg-type]
    assert offer is not None
    assert offer.how == walk.harder and offer.variations == walk.variations
    assert "last 3 sessions" in offer.reason and "Only if you want to" in offer.reason


def test_no_harder_version_above_pain_two_or_after_any_rise_or_fewer_than_three_sessions() -> None:
    walk = movement_by_id()["kettlebell-walk"]
    assert harder_offer(walk, 3, sessions_rating(walk.id, [0, 0, 0])) is None  # type: ignore[arg-type]
    assert harder_offer(walk, 1, sessions_rating(walk.id, [0, 1, 0])) is None  # type: ignore[arg-type]
    assert harder_offer(walk, 1, sessions_rating(walk.id, [0, 0])) is None  # type: ignore[arg-type]


# Properties over every way through a session.

ACTIONS = st.lists(st.sampled_from(["set", "rest", "stop", "rate", "end", "harder"]), max_size=40)
PAINS = st.integers(min_value=0, max_value=10)


def play(pain: int, actions: list[str], during: list[int]) -> Progress:
    progress = started(pain)
    ratings = iter(during)
    for action in actions:
        if action == "set":
            progress = set_done(ITEMS, progress)
        elif action == "rest":
            progress = rest_over(ITEMS, progress)
        elif action == "stop":
            progress = stop_movement(ITEMS, progress)
        elif action == "rate":
            progress = rate(ITEMS, progress, next(ratings, pain))
        elif action == "end":
            progress = end_early(progress)
        else:
            step = current_step(ITEMS, progress)
            if step.item is not None:
                progress = choose_harder(progress, step.item.id, True)
    return progress


@given(pain=st.integers(min_value=0, max_value=8), actions=ACTIONS, during=st.lists(PAINS, max_size=10))
def test_any_way_through_keeps_sets_within_the_dose_and_rates_only_movements_begun_or_stopped(
    pain: int, actions: list[str], during: list[int]
) -> None:
    progress = play(pain, actions, during)
    for item in ITEMS:
        assert progress.sets_done.get(item.id, 0) <= item.sets
        if item.id in progress.rises:
            assert progress.sets_done.get(item.id, 0) == item.sets or item.id in progress.stopped


@given(pain=st.integers(min_value=0, max_value=8), actions=ACTIONS, during=st.lists(PAINS, max_size=10))
def test_every_rating_past_the_limits_is_dropped_with_a_reason_and_none_within_them(
    pain: int, actions: list[str], during: list[int]
) -> None:
    progress = play(pain, actions, during)
    dropped_ids = {entry.movement.id for entry in dropped(ITEMS, progress)}
    for movement_id, rise in progress.rises.items():
        if not is_candidate(pain, rise):
            assert movement_id in dropped_ids
        elif movement_id not in progress.stopped:
            assert movement_id not in dropped_ids


@given(pain=st.integers(min_value=0, max_value=8), actions=ACTIONS, during=st.lists(PAINS, max_size=10))
def test_the_saved_check_in_holds_exactly_the_ratings_given_and_one_more_session(
    pain: int, actions: list[str], during: list[int]
) -> None:
    progress = play(pain, actions, during)
    saved = session_check_in("o", NOW, ITEMS, progress, 1)
    assert dict(saved.movement_pain) == dict(progress.rises)
    assert saved.sessions_done == 2 and saved.kind == SESSION


@given(pain=st.integers(min_value=0, max_value=8), actions=ACTIONS, during=st.lists(PAINS, max_size=10))
def test_the_address_gives_back_every_session_exactly(
    pain: int, actions: list[str], during: list[int]
) -> None:
    progress = play(pain, actions, during)
    assert from_query(to_query(progress, RUN)) == (replace(progress, checked=False), RUN)


@given(low=st.integers(min_value=0, max_value=8), high=st.integers(min_value=0, max_value=8))
def test_the_session_dose_never_rises_with_pain(low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    gentle, _ = session_items(PLAN, low, {})
    sore, _ = session_items(PLAN, high, {})
    for calm, hurting in zip(gentle, sore, strict=True):
        assert (hurting.reps, hurting.sets) <= (calm.reps, calm.sets)


def test_every_movement_has_a_unit_the_session_can_show() -> None:
    assert all(movement.unit for movement in movements())


# Why no session, and the projector's steps.


def standing(*entries: object, now: datetime = NOW) -> object:
    from rehab_core import today

    return today(list(entries), now)  # type: ignore[arg-type]


def test_no_session_without_todays_assessment_offers_assess() -> None:
    why = why_no_session(standing())  # type: ignore[arg-type]
    assert why is not None and why.offer_assess and "rest, ice, assess" in why.words


def test_no_session_after_the_days_three_sessions_and_no_offer() -> None:
    assessed = new_check_in("o", NOW - timedelta(hours=1), 3, movement_pain=RATED_PLAN, kind="assessment")
    done = new_check_in("o", NOW - timedelta(minutes=5), 3, sessions_done=3, kind=SESSION)
    why = why_no_session(standing(assessed, done))  # type: ignore[arg-type]
    assert why is not None and not why.offer_assess and "done today's 3 sessions" in why.words
    assert why_no_session(standing(assessed)) is None  # type: ignore[arg-type]


def test_no_session_on_a_rest_and_ice_day_and_no_offer() -> None:
    assessed = new_check_in("o", NOW - timedelta(hours=1), 9, kind="assessment")
    why = why_no_session(standing(assessed))  # type: ignore[arg-type]
    assert why is not None and not why.offer_assess and "no session today" in why.words


def test_the_projector_walks_every_set_with_a_rest_between_and_none_after_the_last() -> None:
    items = room_items(["cat-camel", "hip-mobility"], 3)
    steps = projector_steps(items)
    kinds = [step.kind for step in steps]
    assert kinds[0] is StepKind.CHECK and kinds[-1] is StepKind.SUMMARY
    assert kinds.count(StepKind.SET) == sum(item.sets for item in items)
    assert kinds.count(StepKind.REST) == kinds.count(StepKind.SET) - 1
    assert next_words(steps[2]) == f"Next: {items[0].movement.name}, set 2 of 2."
