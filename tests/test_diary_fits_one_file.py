"""A diary never grows past what one of its own files can carry: every export imports again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_core import movements, red_flags
from rehab_core.diary import NOTE_MAX_CHARS, CheckIn, new_check_in
from rehab_core.diary_files import (
    MAX_IMPORT_BYTES,
    _bytes_bound,
    parse_import,
    to_csv,
    to_json,
)
from rehab_core.store import DiaryFull, DiaryRepository, MemoryDiary

START = datetime(2020, 1, 1, 8, tzinfo=UTC)
MOVEMENT_IDS = [movement.id for movement in movements()]
BACKGROUND = [flag.id for flag in red_flags() if flag.kind == "background"]


def long_check_in(number: int, note: str = "é" * NOTE_MAX_CHARS) -> CheckIn:
    """A check-in at its largest: every movement rated 10, a note of the longest, background answers."""
    return new_check_in(
        "alice",
        START + timedelta(hours=number),
        10,
        movement_pain=dict.fromkeys(MOVEMENT_IDS, 10),
        sessions_done=3,
        ice=True,
        heat=True,
        note=note,
        new_warning_sign=True,
        kind="assessment",
        background_signs=tuple(BACKGROUND),
        cleared_on=date(2020, 1, 1),
    )


notes = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
    | st.sampled_from(['"', "\\", "\t", "\n", "=", "'", ","]),
    max_size=NOTE_MAX_CHARS,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            notes,
            st.dictionaries(st.sampled_from(MOVEMENT_IDS), st.integers(0, 10)),
            st.lists(st.sampled_from(BACKGROUND), unique=True),
        ),
        max_size=6,
    )
)
def test_the_cheap_size_bound_is_never_below_either_file(
    rows: list[tuple[str, dict[str, int], list[str]]],
) -> None:
    check_ins = [
        new_check_in(
            "alice",
            START + timedelta(hours=n),
            3,
            movement_pain=ratings,
            note=note,
            background_signs=tuple(signs),
        )
        for n, (note, ratings, signs) in enumerate(rows)
    ]
    assert _bytes_bound(check_ins) >= max(len(to_csv(check_ins)), len(to_json(check_ins)))


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
    with pytest.raises(DiaryFull, match=r"Not saved: your diary is full .* delete older check-ins"):
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
