"""Rooms in a real SQLite file and a real PostgreSQL: open, join, count, reset, close, expire."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from rehab_core import InvalidInput, rooms
from rehab_core.database import current_revision, open_engine
from rehab_core.room_store import JoinResult, NotFacilitator, RoomStore, room_counts_table, rooms_table
from rehab_core.rooms import RoomState

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


def new_seat() -> str:
    """A browser that has not been in any room: the digest of a fresh token."""
    return rooms.seat_digest(secrets.token_urlsafe(32))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(database_url: str) -> Iterator[RoomStore]:
    engine = open_engine(database_url)
    try:
        yield RoomStore(engine)
    finally:
        engine.dispose()


def test_the_migration_makes_the_room_tables_at_the_newest_revision(store: RoomStore) -> None:
    assert current_revision(store.engine) == "0003"
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"rooms", "room_counts", "check_ins"} <= tables


def test_an_opened_room_is_open_for_a_day_with_nobody_in_it(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    room = store.room(opened.code, NOW)
    assert room is not None
    assert room.state is RoomState.OPEN and room.joined == 0 and room.capacity == 200
    assert room.activity == rooms.ASSESSMENT
    assert room.expires_at == NOW + timedelta(hours=24) == opened.expires_at
    assert store.room(opened.code, NOW + timedelta(hours=24)).state is RoomState.EXPIRED  # type: ignore[union-attr]


def test_the_database_keeps_only_a_digest_of_the_facilitator_key(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    with store.engine.connect() as connection:
        stored = connection.execute(sa.select(rooms_table)).one()._mapping
    assert opened.key not in " ".join(str(value) for value in stored.values())
    assert stored["key_digest"] == rooms.key_digest(opened.key)


def test_joining_counts_each_person_and_stops_at_the_capacity(store: RoomStore) -> None:
    opened = store.open_room(NOW, capacity=3)
    assert [store.join(opened.code, NOW, new_seat()) for _ in range(4)] == [JoinResult.JOINED] * 3 + [
        JoinResult.FULL
    ]
    assert store.room(opened.code, NOW).joined == 3  # type: ignore[union-attr]


def test_joining_an_unknown_closed_or_expired_room_says_which(store: RoomStore) -> None:
    assert store.join("ABCDEF", NOW, new_seat()) is JoinResult.UNKNOWN
    closed = store.open_room(NOW)
    store.close(closed.code, closed.key, NOW)
    assert store.join(closed.code, NOW, new_seat()) is JoinResult.CLOSED
    old = store.open_room(NOW)
    assert store.join(old.code, NOW + timedelta(hours=25), new_seat()) is JoinResult.UNKNOWN


def test_counts_add_up_per_generation_and_activity(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    for items in (("answered", "phase:rehab"), ("answered", "phase:rehab"), ("answered", "phase:rest_ice")):
        assert store.add(opened.code, 0, rooms.ASSESSMENT, items, NOW)
    store.add(opened.code, 0, "learn:rehab", ("answered:rehab/one",), NOW)
    assert store.counts(opened.code, 0) == {
        rooms.ASSESSMENT: {"answered": 3, "phase:rehab": 2, "phase:rest_ice": 1},
        "learn:rehab": {"answered:rehab/one": 1},
    }


def test_an_item_repeated_in_one_answer_counts_once(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    store.add(opened.code, 0, rooms.ASSESSMENT, ("answered", "answered"), NOW)
    assert store.counts(opened.code, 0) == {rooms.ASSESSMENT: {"answered": 1}}


def test_a_closed_or_expired_room_takes_no_more_counts(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    assert not store.add(opened.code, 0, rooms.ASSESSMENT, ("answered",), NOW + timedelta(days=2))
    store.close(opened.code, opened.key, NOW)
    assert not store.add(opened.code, 0, rooms.ASSESSMENT, ("answered",), NOW)
    assert not store.add("NOROOM", 0, rooms.ASSESSMENT, ("answered",), NOW)
    assert store.counts(opened.code, 0) == {}


def test_reset_starts_the_counts_again_and_a_late_answer_from_before_is_never_shown(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    store.join(opened.code, NOW, new_seat())
    store.add(opened.code, 0, rooms.ASSESSMENT, ("answered",), NOW)
    store.reset(opened.code, opened.key)
    room = store.room(opened.code, NOW)
    assert room is not None and room.generation == 1 and room.joined == 1
    assert store.counts(opened.code, 1) == {}
    store.add(opened.code, 0, rooms.ASSESSMENT, ("answered",), NOW)  # sent before the reset, arrives after
    assert store.counts(opened.code, 1) == {}
    store.add(opened.code, 1, rooms.ASSESSMENT, ("answered",), NOW)
    assert store.counts(opened.code, 1) == {rooms.ASSESSMENT: {"answered": 1}}


def test_only_the_facilitator_key_resets_closes_or_switches_a_room(store: RoomStore) -> None:
    opened = store.open_room(NOW)
    other = store.open_room(NOW)
    store.add(opened.code, 0, rooms.ASSESSMENT, ("answered",), NOW)
    for wrong in ("", "guess", opened.key[:-1], other.key, None, opened.key + "x"):
        assert not store.is_facilitator(opened.code, wrong)
        with pytest.raises(NotFacilitator):
            store.reset(opened.code, wrong)
        with pytest.raises(NotFacilitator):
            store.close(opened.code, wrong, NOW)
        with pytest.raises(NotFacilitator):
            store.switch(opened.code, wrong, "learn:rehab")
    room = store.room(opened.code, NOW)
    assert room is not None and room.state is RoomState.OPEN and room.generation == 0
    assert room.activity == rooms.ASSESSMENT
    assert store.counts(opened.code, 0) == {rooms.ASSESSMENT: {"answered": 1}}
    assert not store.is_facilitator("NOROOM", opened.key)
    assert store.is_facilitator(opened.code, opened.key)
    store.switch(opened.code, opened.key, "learn:rehab")
    assert store.room(opened.code, NOW).activity == "learn:rehab"  # type: ignore[union-attr]


def test_closing_keeps_the_final_counts_an_hour_then_expired_rooms_are_removed(store: RoomStore) -> None:
    closed = store.open_room(NOW)
    store.add(closed.code, 0, rooms.ASSESSMENT, ("answered",), NOW)
    store.close(closed.code, closed.key, NOW)
    assert store.room(closed.code, NOW + timedelta(minutes=59)).state is RoomState.CLOSED  # type: ignore[union-attr]
    assert store.counts(closed.code, 0) == {rooms.ASSESSMENT: {"answered": 1}}
    still_open = store.open_room(NOW + timedelta(minutes=30))
    assert store.remove_expired(NOW + timedelta(hours=1)) == 1
    assert store.room(closed.code, NOW) is None
    assert store.room(still_open.code, NOW) is not None
    with store.engine.connect() as connection:
        left = connection.execute(sa.select(room_counts_table.c.code)).scalars().all()
    assert closed.code not in left


def test_opening_a_room_removes_the_rooms_whose_day_is_over(store: RoomStore) -> None:
    old = store.open_room(NOW)
    store.add(old.code, 0, rooms.ASSESSMENT, ("answered",), NOW)
    store.open_room(NOW + timedelta(hours=24, seconds=1))
    assert store.room(old.code, NOW) is None


def test_times_without_a_zone_and_bad_names_are_refused(store: RoomStore) -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        store.open_room(NOW.replace(tzinfo=None))
    opened = store.open_room(NOW)
    with pytest.raises(InvalidInput, match="item"):
        store.add(opened.code, 0, rooms.ASSESSMENT, ("x" * 300,), NOW)
    with pytest.raises(InvalidInput, match="activity"):
        store.switch(opened.code, opened.key, "")


def test_a_hundred_phones_answering_at_once_lose_no_count(database_url: str) -> None:
    phones, answers_each = 100, 3
    engine = open_engine(database_url)
    try:
        store = RoomStore(engine)
        opened = store.open_room(NOW, capacity=phones)
        start = threading.Barrier(phones)
        failures: list[BaseException] = []

        def phone(number: int) -> None:
            try:
                start.wait(timeout=30)
                assert store.join(opened.code, NOW, new_seat()) is JoinResult.JOINED
                for answer in range(answers_each):
                    phase = ("phase:rehab", "phase:rest_ice")[(number + answer) % 2]
                    assert store.add(opened.code, 0, rooms.ASSESSMENT, ("answered", phase), NOW)
            except BaseException as error:  # every failure is reported, none swallowed
                failures.append(error)

        threads = [threading.Thread(target=phone, args=(number,)) for number in range(phones)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not failures, failures[:3]
        assert all(not thread.is_alive() for thread in threads)
        assert store.join(opened.code, NOW, new_seat()) is JoinResult.FULL
        assert store.room(opened.code, NOW).joined == phones  # type: ignore[union-attr]
        assert store.counts(opened.code, 0) == {
            rooms.ASSESSMENT: {"answered": 300, "phase:rehab": 150, "phase:rest_ice": 150}
        }
    finally:
        engine.dispose()


def test_a_browser_is_counted_once_however_often_it_joins_and_leaving_gives_its_place_back(
    store: RoomStore,
) -> None:
    opened = store.open_room(NOW, capacity=2)
    browser = new_seat()
    assert [store.join(opened.code, NOW, browser) for _ in range(5)] == [JoinResult.JOINED] * 5
    assert store.room(opened.code, NOW).joined == 1  # type: ignore[union-attr]
    assert store.seat_room(browser, NOW) == opened.code  # a reload finds its room
    assert store.join(opened.code, NOW, new_seat()) is JoinResult.JOINED
    assert store.join(opened.code, NOW, new_seat()) is JoinResult.FULL
    assert store.leave(opened.code, browser) and not store.leave(opened.code, browser)
    assert store.room(opened.code, NOW).joined == 1  # type: ignore[union-attr]
    assert store.seat_room(browser, NOW) is None
    assert store.join(opened.code, NOW, new_seat()) is JoinResult.JOINED  # the place given back is free
    assert "seats" not in store.counts(opened.code, 0)  # seats are never counts the projector reads


def test_a_browser_joining_another_room_leaves_the_first_and_a_reset_keeps_the_seats(
    store: RoomStore,
) -> None:
    first, second = store.open_room(NOW), store.open_room(NOW)
    browser = new_seat()
    store.join(first.code, NOW, browser)
    store.reset(first.code, first.key)
    assert store.room(first.code, NOW).joined == 1  # type: ignore[union-attr]
    assert store.join(first.code, NOW, browser) is JoinResult.JOINED
    assert store.room(first.code, NOW).joined == 1  # type: ignore[union-attr]
    store.join(second.code, NOW, browser)
    assert store.room(first.code, NOW).joined == 0  # type: ignore[union-attr]
    assert store.seat_room(browser, NOW) == second.code


def test_the_projectors_snapshot_moves_only_in_steps_of_three_and_never_holds_get_care(
    store: RoomStore,
) -> None:
    opened = store.open_room(NOW)
    care = rooms.assessment_items(["cauda_equina"], None)
    rehab = rooms.assessment_items((), 4, {"bird-dog": 1})
    shown = rooms.shown_activity(rooms.ASSESSMENT)
    for items in (care, rehab, rehab):
        store.add(opened.code, 0, rooms.ASSESSMENT, items, NOW)
    assert shown not in store.counts(opened.code, 0)
    store.add(opened.code, 0, rooms.ASSESSMENT, rehab, NOW)
    snapshot = store.counts(opened.code, 0)[shown]
    assert snapshot == {"planned": 3, "phase:rehab": 3, "tried:bird-dog": 3, "tolerated:bird-dog": 3}
    for items in (care, rehab, rehab):
        store.add(opened.code, 0, rooms.ASSESSMENT, items, NOW)
        assert store.counts(opened.code, 0)[shown] == snapshot
    store.add(opened.code, 0, rooms.ASSESSMENT, rehab, NOW)
    assert store.counts(opened.code, 0)[shown]["planned"] == 6


def test_only_the_facilitator_raises_the_capacity_and_never_below_who_is_in(store: RoomStore) -> None:
    opened = store.open_room(NOW, capacity=2)
    for _ in range(2):
        store.join(opened.code, NOW, new_seat())
    with pytest.raises(NotFacilitator):
        store.set_capacity(opened.code, "guess", 500)
    with pytest.raises(InvalidInput, match="2 are in it now"):
        store.set_capacity(opened.code, opened.key, 1)
    store.set_capacity(opened.code, opened.key, 500)
    assert store.room(opened.code, NOW).capacity == 500  # type: ignore[union-attr]
    assert store.join(opened.code, NOW, new_seat()) is JoinResult.JOINED
