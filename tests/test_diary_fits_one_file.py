"""A diary never grows past what one of its own files can carry: every export imports again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_core import movements, red_flags
from rehab_core.diary import NOTE_MAX_CHARS, CheckIn, new_check_in
from rehab_core.diary_files import (
    MAX_IMPORT_BYTES,
    _bytes_bound,
    export_problem,
    parse_import,
    to_csv,
    to_json,
)
from rehab_core.store import DiaryFull, DiaryRepository, MemoryDiary

START = datetime(2020, 1, 1, 8, tzinfo=UTC)
MOVEMENT_IDS = [movement.id for movement in movements()]
BACKGROUND = [flag.id for flag in red_flags() if flag.kind == "background"]


def long_check_in(
    number: int,
    note: str = "é" * NOTE_MAX_CHARS,
    *,
    ratings: dict[str, int] | None = None,
    signs: Sequence[str] = BACKGROUND,
    warning_sign: bool = True,
    offset_minutes: int = 0,
) -> CheckIn:
    """A check-in at its largest: every movement rated 10 (unless `ratings`), a note of the longest,
    background answers, a clearance, a warning sign and a time with microseconds and an offset."""
    return new_check_in(
        "alice",
        (START + timedelta(hours=number, microseconds=123_456)).astimezone(
            timezone(timedelta(minutes=offset_minutes))
        ),
        10,
        movement_pain=dict.fromkeys(MOVEMENT_IDS, 10) if ratings is None else ratings,
        sessions_done=3,
        ice=True,
        heat=True,
        note=note,
        new_warning_sign=warning_sign,
        kind="assessment",
        background_signs=tuple(signs),
        cleared_on=date(2019, 12, 31),
    )


notes = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
    | st.sampled_from(['"', "\\", "\t", "\n", "=", "'", ","]),
    max_size=NOTE_MAX_CHARS,
)


# Ids shaped like a movement's that the library does not hold: ratings kept from retired movements.
retired_ids = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,4}", fullmatch=True).filter(
    lambda movement_id: movement_id not in MOVEMENT_IDS
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.just("") | notes,
            st.dictionaries(st.sampled_from(MOVEMENT_IDS) | retired_ids, st.integers(0, 10), max_size=14),
            st.lists(st.sampled_from(BACKGROUND), unique=True),
            st.integers(-14 * 60, 14 * 60),
            st.booleans(),
        ),
        max_size=60,
    )
)
def test_the_cheap_size_bound_is_never_below_either_file(
    rows: list[tuple[str, dict[str, int], list[str], int, bool]],
) -> None:
    # Every other field at its longest (long_check_in), the texts and the time's offset drawn.
    check_ins = [
        long_check_in(
            n,
            note,
            ratings=dict(list(ratings.items())[:20]),
            signs=signs,
            warning_sign=flag,
            offset_minutes=offset,
        )
        for n, (note, ratings, signs, offset, flag) in enumerate(rows)
    ]
    assert _bytes_bound(check_ins) >= max(len(to_csv(check_ins)), len(to_json(check_ins)))


@pytest.mark.parametrize("character", ['"', "\\", "\n", "\t", "=", "é", "\U0001d11e", "a"])
def test_the_size_bound_holds_for_many_check_ins_at_their_longest_whatever_their_notes_hold(
    character: str,
) -> None:
    # Hypothesis seldom draws a note 2,000 characters long of the worst character: each here.
    longest = [long_check_in(number, note=character * NOTE_MAX_CHARS) for number in range(40)]
    bare = [new_check_in("alice", START + timedelta(hours=n, microseconds=1), 10) for n in range(400)]
    for check_ins in (longest, bare):
        real = max(len(to_csv(check_ins)), len(to_json(check_ins)))
        assert real <= _bytes_bound(check_ins) <= 3 * real  # never below; loose enough to be of use


def test_a_diary_never_rates_more_retired_movements_than_its_csv_file_can_carry() -> None:
    # Two files, ten ratings each of movements no longer in the library: the CSV would need 20
    # columns for them, more than an import reads; the second import is refused, nothing changes.
    repository = MemoryDiary()
    first = [new_check_in("alice", START, 3, movement_pain={f"old-move-{n}": 1 for n in range(10)})]
    second = [
        new_check_in(
            "alice", START + timedelta(hours=1), 3, movement_pain={f"gone-move-{n}": 1 for n in range(10)}
        )
    ]
    repository.import_check_ins("alice", first)
    with pytest.raises(DiaryFull, match="movements that are not in the library"):
        repository.import_check_ins("alice", second)
    kept = repository.list("alice")
    assert parse_import(to_csv(kept), "diary.csv", "alice") == kept


def fill(repository: DiaryRepository, make: Callable[[int], CheckIn], start: int = 0) -> int:
    """Import ever smaller batches until not one more check-in fits; the number of the next one."""
    number, batch = start, 256
    while batch:  # bounded: each refusal halves the batch
        assert number < 10_000, "the diary never said it was full"
        try:
            repository.import_check_ins("alice", [make(number + n) for n in range(batch)])
        except DiaryFull as full:
            assert str(full).startswith("Nothing was imported: your diary is full (its export would be")
            batch //= 2
        else:
            number += batch
    return number


def test_a_diary_filled_until_it_is_full_imports_again_from_both_its_files(
    repository: DiaryRepository,
) -> None:
    number = fill(repository, long_check_in)
    with pytest.raises(
        DiaryFull, match=r"Not saved: your diary is full .* delete the check-ins before a date"
    ):
        repository.add(long_check_in(number))
    kept = repository.list("alice")
    assert len(kept) == number > 1_000
    for data, name in ((to_csv(kept), "diary.csv"), (to_json(kept), "diary.json")):
        assert len(data) <= MAX_IMPORT_BYTES
        assert parse_import(data, name, "alice") == kept


def test_a_full_diary_refuses_a_longer_note_in_an_edit_and_keeps_the_old_one(
    repository: DiaryRepository,
) -> None:
    repository.add(long_check_in(0, note=""))
    fill(repository, lambda number: long_check_in(number, note="x" * NOTE_MAX_CHARS), start=1)
    before = repository.list("alice")
    with pytest.raises(DiaryFull, match="Not saved"):
        repository.update(replace(before[0], note="é" * NOTE_MAX_CHARS))
    assert repository.list("alice") == before
    repository.update(replace(before[0], note="A short note fits."))  # a change that fits is saved


def test_a_file_of_fifty_thousand_check_ins_is_read_but_not_imported_past_what_a_diary_can_carry() -> None:
    ordinary = [new_check_in("alice", START + timedelta(minutes=n), n % 11) for n in range(50_000)]
    data = to_csv(ordinary)
    assert len(data) <= MAX_IMPORT_BYTES  # the file itself is within the limit, and parses
    assert len(parse_import(data, "diary.csv", "alice")) == 50_000
    repository = MemoryDiary()
    repository.add(ordinary[0])
    with pytest.raises(DiaryFull, match=r"Nothing was imported: your diary is full \(its export would be"):
        repository.import_check_ins("alice", ordinary)
    assert repository.list("alice") == ordinary[:1]


def test_two_imports_at_the_same_moment_cannot_both_pass_the_size_check(repository: DiaryRepository) -> None:
    # Each batch fits an empty diary alone, both together do not: exactly one may go in.
    batches = [[long_check_in(offset + n) for n in range(700)] for offset in (0, 10_000)]
    assert export_problem(batches[0]) is None and export_problem([*batches[0], *batches[1]]) is not None
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def import_one(batch: list[CheckIn]) -> None:
        start.wait(timeout=30)
        try:
            repository.import_check_ins("alice", batch)
        except DiaryFull:
            outcomes.append("full")
        else:
            outcomes.append("imported")

    workers = [threading.Thread(target=import_one, args=(batch,)) for batch in batches]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(outcomes) == ["full", "imported"]
    assert export_problem(repository.list("alice")) is None
