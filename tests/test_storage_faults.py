"""Saves that are really on disk, reads that never queue behind a writer, and storage faults named."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from rehab_core.database import open_engine
from rehab_core.diary import new_check_in
from rehab_core.room_store import RoomStore
from rehab_core.store import SqlDiary, StoreUnavailable, unavailable

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


def _count_in_copy(path: Path, copy: Path) -> int:
    """Copy the diary's database file alone (as a plain file backup would) and count its check-ins."""
    shutil.copyfile(path, copy)
    with closing(sqlite3.connect(copy)) as connection:
        return int(connection.execute("SELECT count(*) FROM check_ins").fetchone()[0])


def test_a_copy_of_the_database_file_alone_holds_every_save(
    diary: SqlDiary, diary_path: Path, tmp_path: Path
) -> None:
    for minutes in range(100):
        diary.add(_entry(minutes))
    assert _count_in_copy(diary_path, tmp_path / "copy.sqlite3") == 100


def test_saves_made_after_the_wal_and_shm_files_were_deleted_are_all_kept(
    diary_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = open_engine(f"sqlite:///{diary_path}")
    diary = SqlDiary(engine)
    for minutes in range(2):
        diary.add(_entry(minutes))
    for suffix in ("-wal", "-shm"):
        Path(f"{diary_path}{suffix}").unlink()
    with caplog.at_level(logging.WARNING, logger="back_in_action.store"):
        for minutes in range(2, 4):
            diary.add(_entry(minutes))
    assert "were deleted while the app ran" in caplog.text
    engine.dispose()
    reopened = open_engine(f"sqlite:///{diary_path}")
    try:
        assert len(SqlDiary(reopened).list("local")) == 4
    finally:
        reopened.dispose()


def test_an_older_copy_put_back_under_the_running_app_is_noticed_and_nothing_is_saved_to_it(
    diary: SqlDiary, diary_path: Path, tmp_path: Path
) -> None:
    for minutes in range(3):
        diary.add(_entry(minutes))
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(diary_path, older)
    for minutes in range(3, 5):
        diary.add(_entry(minutes))
    # Copied over the file in place (the same file, older bytes), as `cp older diary.sqlite3` does.
    diary_path.write_bytes(older.read_bytes())
    with pytest.raises(StoreUnavailable, match="an older copy was put in its place") as raised:
        diary.add(_entry(10))
    assert not raised.value.temporary
    with pytest.raises(StoreUnavailable, match="an older copy"):
        diary.list("local")
    with closing(sqlite3.connect(diary_path)) as connection:
        assert connection.execute("SELECT count(*) FROM check_ins").fetchone()[0] == 3


def test_a_disk_io_error_is_named_as_the_disk_and_not_as_try_again() -> None:
    error = DBAPIError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
    found = unavailable(error)
    assert not found.temporary
    assert "the disk reported an error" in str(found)
