"""Saves that are really on disk, reads that never queue behind a writer, and storage faults named."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rehab_core.database import open_engine
from rehab_core.diary import new_check_in
from rehab_core.room_store import RoomStore
from rehab_core.store import SqlDiary

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
# A read that waits for nothing answers in milliseconds; one behind the writer would wait the
# busy timeout (15 s) and then fail.
READ_SECONDS_LIMIT = 2.0


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.sqlite3"


@pytest.fixture
def diary(diary_path: Path) -> Iterator[SqlDiary]:
    engine = open_engine(f"sqlite:///{diary_path}")
    try:
        yield SqlDiary(engine)
    finally:
        engine.dispose()


def _entry(minutes: int, pain: int = 3) -> object:
    return new_check_in("local", START + timedelta(minutes=minutes), pain)


def _open_writer(path: Path) -> sqlite3.Connection:
    """Another program's connection holding the write lock (a write begun, not yet committed)."""
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE check_ins SET pain = pain")
    return writer


def test_reading_the_diary_does_not_wait_for_a_writer_that_holds_the_lock(
    diary: SqlDiary, diary_path: Path
) -> None:
    diary.add(new_check_in("local", START, 4))
    writer = _open_writer(diary_path)
    try:
        began = time.monotonic()
        found = diary.list("local")
        seconds = time.monotonic() - began
    finally:
        writer.rollback()
        writer.close()
    assert [check_in.pain for check_in in found] == [4]
    assert seconds < READ_SECONDS_LIMIT


def test_the_facilitators_check_does_not_wait_for_a_writer_that_holds_the_lock(diary_path: Path) -> None:
    engine = open_engine(f"sqlite:///{diary_path}")
    try:
        rooms = RoomStore(engine)
        opened = rooms.open_room(START)
        writer = _open_writer(diary_path)
        try:
            began = time.monotonic()
            is_facilitator = rooms.is_facilitator(opened.code, opened.key)
            room = rooms.room(opened.code, START)
            counts = rooms.counts(opened.code, 0)
            seconds = time.monotonic() - began
        finally:
            writer.rollback()
            writer.close()
    finally:
        engine.dispose()
    assert is_facilitator
    assert room is not None
    assert counts == {}
    assert seconds < READ_SECONDS_LIMIT
