"""The room model: codes, the facilitator's secret, a room's day, what an answer adds, what may be shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab_core import InvalidInput, movements, red_flags, rooms
from rehab_core.protocol import Phase
from rehab_core.rooms import RoomState

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
MOVEMENT_IDS = [movement.id for movement in movements()]


def test_a_code_is_six_characters_none_of_them_zero_o_one_or_i() -> None:
    codes = {rooms.new_code() for _ in range(2000)}
    assert len(codes) > 1990  # random, not a counter
    for code in codes:
        assert len(code) == rooms.CODE_LENGTH
        assert not set(code) & set("0O1I")
        assert set(code) <= set(rooms.CODE_ALPHABET)


def test_the_code_space_is_far_too_large_to_guess_in_bulk() -> None:
    assert len(rooms.CODE_ALPHABET) ** rooms.CODE_LENGTH > 10**9


def test_a_typed_code_is_read_in_any_case_with_spaces_or_a_hyphen() -> None:
    assert rooms.normalize_code(" k7m-pq3 ") == "K7MPQ3"
    assert rooms.normalize_code("K7M PQ3") == "K7MPQ3"
    assert rooms.format_code("K7MPQ3") == "K7M PQ3"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "type the code"),
        ("K7MPO3", "never use O"),
        ("K7M103", "never use 0, 1"),
        ("K7MP", "6 letters and digits"),
        ("K7MPQ3X", "6 letters and digits"),
        ("K7M#Q3", "6 letters and digits"),
    ],
)
def test_a_mistyped_code_is_refused_in_words(typed: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        rooms.normalize_code(typed)


@given(st.text(max_size=20))
def test_any_text_either_becomes_a_valid_code_or_is_refused_in_words(typed: str) -> None:
    try:
        code = rooms.normalize_code(typed)
    except InvalidInput as error:
        assert str(error).startswith("room code:")
    else:
        assert len(code) == rooms.CODE_LENGTH and set(code) <= set(rooms.CODE_ALPHABET)


def test_the_facilitator_key_is_long_random_and_only_its_digest_matches() -> None:
    key = rooms.new_facilitator_key()
    assert len(key) >= 40 and key != rooms.new_facilitator_key()
    digest = rooms.key_digest(key)
    assert key not in digest
    assert rooms.key_matches(key, digest)
    assert not rooms.key_matches(key[:-1], digest)
    assert not rooms.key_matches("", digest)
    assert not rooms.key_matches(None, digest)
    assert not rooms.key_matches(["a", "list"], digest)
    assert not rooms.key_matches("x" * 10_000, digest)


def test_a_room_lasts_a_day_and_a_closed_one_an_hour_more_at_most() -> None:
    expires = rooms.expiry(NOW.replace(tzinfo=None))
    assert expires - NOW.replace(tzinfo=None) == timedelta(hours=24)
    naive = NOW.replace(tzinfo=None)
    assert rooms.state_of(expires, None, naive) is RoomState.OPEN
    assert rooms.state_of(expires, None, expires) is RoomState.EXPIRED
    assert rooms.state_of(expires, naive, naive) is RoomState.CLOSED
    assert rooms.expiry_after_closing(expires, naive) == naive + timedelta(hours=1)
    late = expires - timedelta(minutes=10)
    assert rooms.expiry_after_closing(expires, late) == expires


def test_a_room_holds_two_hundred_people_unless_the_deployer_says_otherwise() -> None:
    assert rooms.room_capacity({}) == 200
    assert rooms.room_capacity({"BACK_IN_ACTION_ROOM_CAPACITY": " 40 "}) == 40
    for wrong in ("lots", "-5", "2", "0", "100000"):
        with pytest.raises(InvalidInput, match="BACK_IN_ACTION_ROOM_CAPACITY"):
            rooms.room_capacity({"BACK_IN_ACTION_ROOM_CAPACITY": wrong})


def test_a_session_may_try_five_codes_a_minute_then_must_wait() -> None:
    tries: list[float] = []
    now = 1000.0
    for _ in range(rooms.JOIN_TRIES):
        assert rooms.may_try_joining(tries, now)
        tries.append(now)
        now += 1
    assert not rooms.may_try_joining(tries, now)
    assert not rooms.may_try_joining(tries, 1000.0 + rooms.JOIN_WINDOW_S - 0.5)
    assert rooms.may_try_joining(tries, 1000.0 + rooms.JOIN_WINDOW_S + 0.5)
    assert rooms.recent_tries(tries, 1000.0 + rooms.JOIN_WINDOW_S + 0.5) == tries[1:]


def test_a_finished_rehab_assessment_adds_its_phase_and_which_movements_were_tolerated() -> None:
    items = rooms.assessment_items((), 4, {"bird-dog": 2, "hip-bridge": 3, "cat-camel": 6})
    assert items == (
        "answered",
        "planned",
        "phase:rehab",
        "tried:bird-dog",
        "tolerated:bird-dog",
        "tried:hip-bridge",
        "tolerated:hip-bridge",
        "tried:cat-camel",
    )
    # Never a pain number: no item carries one, whatever was answered.
    assert not any(str(number) in item for item in items for number in (4, 2, 3, 6))


def test_a_warning_sign_adds_get_care_now_and_nothing_else() -> None:
    flag = red_flags()[0].id
    assert rooms.assessment_items([flag], None) == ("answered", "phase:urgent_care")
    assert rooms.assessment_items([flag], 2, {"bird-dog": 0}) == ("answered", "phase:urgent_care")
    assert not any(flag in item for item in rooms.assessment_items([flag], 2))


def test_rest_and_ice_adds_no_movements() -> None:
    assert rooms.assessment_items((), 9, {}) == ("answered", "planned", "phase:rest_ice")


def test_an_assessment_without_a_warning_sign_needs_its_pain() -> None:
    with pytest.raises(InvalidInput):
        rooms.assessment_items((), None)


def test_nothing_is_shown_until_three_people_have_answered() -> None:
    two = {"planned": 2, "phase:rehab": 1, "phase:rest_ice": 1}
    assert rooms.phase_shares(two) == ()
    assert rooms.waiting_for(2) == 1
    three = {**two, "planned": 3, "phase:rehab": 2}
    shares = rooms.phase_shares(three)
    assert [(share.label, share.count, share.out_of) for share in shares] == [
        ("Rest and ice", 1, 3),
        ("Gentle rehab", 2, 3),
    ]
    assert shares[0].percent == 33.3


def test_a_movement_shows_only_once_three_people_tried_it_most_tolerated_first() -> None:
    catalogue = movements()
    first, second, third = catalogue[0], catalogue[1], catalogue[2]
    counts = {
        f"tried:{first.id}": 4,
        f"tolerated:{first.id}": 1,
        f"tried:{second.id}": 3,
        f"tolerated:{second.id}": 3,
        f"tried:{third.id}": 2,
        f"tolerated:{third.id}": 2,
    }
    shown = rooms.movement_shares(counts, catalogue)
    assert [(share.label, share.percent) for share in shown] == [(second.name, 100.0), (first.name, 25.0)]


def test_a_question_shows_the_share_right_only_once_three_answered_it() -> None:
    questions = [rooms.Question("a/one", "One?"), rooms.Question("a/two", "Two?")]
    counts: dict[str, int] = {}
    for correct in (True, True, False):
        for item in rooms.check_items("a/one", correct):
            counts[item] = counts.get(item, 0) + 1
    for item in rooms.check_items("a/two", True):
        counts[item] = counts.get(item, 0) + 1
    shares = rooms.question_shares(counts, questions)
    assert [(share.label, share.count, share.out_of) for share in shares] == [("One?", 2, 3)]


@given(
    st.lists(st.sampled_from(MOVEMENT_IDS), unique=True, max_size=10).flatmap(
        lambda ids: st.tuples(st.integers(0, 10), st.fixed_dictionaries({i: st.integers(0, 10) for i in ids}))
    )
)
def test_every_assessment_adds_exactly_one_answer_and_one_phase(answer: tuple[int, dict[str, int]]) -> None:
    pain, rated = answer
    items = rooms.assessment_items((), pain, rated)
    assert items.count("answered") == 1
    assert len([item for item in items if item.startswith("phase:")]) == 1
    assert {item.split(":", 1)[1] for item in items if item.startswith("phase:")} <= {p.value for p in Phase}
    assert len(items) == len(set(items))


def test_the_join_link_is_built_from_the_address_the_facilitator_used() -> None:
    assert rooms.join_link("http://192.168.1.20:8501/workshop?room=X&key=Y", "K7MPQ3") == (
        "http://192.168.1.20:8501/join?code=K7MPQ3"
    )
    assert rooms.join_link("https://coach.example/app/workshop?embed=true", "K7MPQ3") == (
        "https://coach.example/app/join?code=K7MPQ3"
    )
    assert rooms.join_link("", "K7MPQ3") == "http://localhost:8501/join?code=K7MPQ3"
    link = rooms.facilitator_link("http://10.0.0.5:8501/workshop", "K7MPQ3", "s3cret-_")
    assert link == "http://10.0.0.5:8501/workshop?room=K7MPQ3&key=s3cret-_"


def test_an_address_only_this_computer_can_reach_is_recognised() -> None:
    for address in ("http://localhost:8501/workshop", "http://127.0.0.1:8501/", "http://[::1]:8501/x"):
        assert rooms.only_this_computer(address)
    for address in ("http://192.168.1.20:8501/workshop", "https://coach.example/workshop"):
        assert not rooms.only_this_computer(address)


def test_the_projected_phases_never_include_get_care_now_not_even_in_the_total() -> None:
    counts = {"answered": 5, "planned": 3, "phase:urgent_care": 2, "phase:rehab": 2, "phase:rest_ice": 1}
    shares = rooms.phase_shares(counts)
    assert [share.label for share in shares] == ["Rest and ice", "Gentle rehab"]
    assert {share.out_of for share in shares} == {3}
    assert rooms.phase_shares({"answered": 4, "planned": 2, "phase:urgent_care": 2, "phase:rehab": 2}) == ()


def test_a_snapshot_is_taken_only_at_each_step_of_three_and_holds_no_get_care() -> None:
    counts = {"answered": 4, "planned": 3, "phase:urgent_care": 1, "phase:rehab": 3}
    assert rooms.step_snapshot(counts, ("answered", "planned", "phase:rehab")) == {
        "planned": 3,
        "phase:rehab": 3,
    }
    assert rooms.step_snapshot(counts, ("answered", "phase:urgent_care")) == {}
    assert rooms.step_snapshot({**counts, "planned": 4}, ("answered", "planned", "phase:rehab")) == {}
    question = {"answered:q": 6, "right:q": 4, "answered:r": 2}
    assert rooms.step_snapshot(question, ("answered:q", "right:q")) == {"answered:q": 6, "right:q": 4}
    assert rooms.step_snapshot(question, ("answered:r",)) == {}


def test_an_address_limiter_counts_per_address_in_its_window_and_stays_bounded() -> None:
    limiter = rooms.AddressLimiter(limit=2, window_s=10, addresses=3)
    assert limiter.allow("a", 0) and limiter.allow("a", 1) and not limiter.allow("a", 2)
    assert limiter.allow("b", 2)
    assert limiter.allow("a", 10.5)  # the first try has left the window
    for number in range(100):
        limiter.allow(f"client-{number}", 20)
    assert len(limiter) == 3


@given(st.text(max_size=60))
def test_what_is_wrong_with_a_code_never_repeats_what_was_typed(typed: str) -> None:
    problem = rooms.code_problem(typed)
    if problem is None:
        return
    known = {"type the code shown on the screen", "a code is 6 letters and digits, like K7M PQ3"}
    assert problem in known or problem.startswith("codes never use")
