"""Saves that are really on disk, reads that never queue behind a writer, and storage faults named."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from rehab_core.backup import backup_bytes, backup_file
from rehab_core.backup import main as backup_main
from rehab_core.database import REPO_DIR, open_engine
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


def test_a_backup_made_while_the_app_runs_holds_every_save_in_one_file(
    diary: SqlDiary, diary_path: Path, tmp_path: Path
) -> None:
    for minutes in range(7):
        diary.add(_entry(minutes))
    written, count = backup_file(diary_path, tmp_path / "backups", datetime(2025, 3, 2, tzinfo=UTC))
    assert (written.name, count) == ("diary-20250302-000000.sqlite3", 7)
    assert sorted(path.name for path in written.parent.iterdir()) == [written.name]
    with closing(sqlite3.connect(written)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_downloaded_backup_restores_the_diary_with_every_check_in(
    diary: SqlDiary, diary_path: Path, tmp_path: Path
) -> None:
    for minutes in range(5):
        diary.add(_entry(minutes, pain=minutes))
    data = backup_bytes(diary.engine)
    diary.delete_owner("local")
    restored_path = tmp_path / "restored.sqlite3"
    restored_path.write_bytes(data)
    restored = open_engine(f"sqlite:///{restored_path}")
    try:
        assert [check_in.pain for check_in in SqlDiary(restored).list("local")] == [0, 1, 2, 3, 4]
    finally:
        restored.dispose()


def test_make_backup_of_a_postgresql_diary_says_to_use_pg_dump_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_DATABASE_URL", "postgresql://user@127.0.0.1/diary")
    assert backup_main([str(tmp_path / "backups")]) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()


def test_make_backup_writes_a_backup_of_the_configured_sqlite_diary(
    diary: SqlDiary, diary_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    diary.add(_entry(0))
    monkeypatch.setenv("BACK_IN_ACTION_DATABASE_URL", f"sqlite:///{diary_path}")
    result = subprocess.run(
        ["make", "-s", "backup", f"BACKUP_DIR={tmp_path / 'backups'}"],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Backed up 1 check-in from {diary_path} to {tmp_path / 'backups'}")
