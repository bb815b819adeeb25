"""The diary repository on a SQLite file, a real PostgreSQL and in memory: one behaviour, nothing lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from rehab_core import InvalidInput
from rehab_core.database import (
    DEFAULT_SQLITE_PATH,
    alembic_config,
    current_revision,
    database_url,
    open_engine,
    upgrade,
)
from rehab_core.demo import demo_check_ins
from rehab_core.diary import CheckIn, new_check_in
from rehab_core.diary_files import parse_import, to_csv, to_json
from rehab_core.store import DiaryRepository, SqlDiary, StoreUnavailable
from tests.fixtures.repositories import sqlite_url

REPO_DIR = Path(__file__).resolve().parents[1]
START = datetime(2025, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))


def entry(owner: str = "alice", hours: float = 0, pain: int = 4, **fields: object) -> CheckIn:
    return new_check_in(owner, START + timedelta(hours=hours), pain, **fields)  # type: ignore[arg-type]


def test_check_ins_come_back_oldest_first_and_only_for_their_owner(repository: DiaryRepository) -> None:
    later, earlier, other = entry(hours=5), entry(hours=1), entry("bob", hours=2)
    for check_in in (later, other, earlier):
        repository.add(check_in)
    assert repository.list("alice") == [earlier, later]
    assert repository.list("bob") == [other]
    assert repository.list("nobody") == []


def test_every_field_survives_storage_exactly(repository: DiaryRepository) -> None:
    prefix = "Ça va mieux 😀\r\nline two\twith tab "
    note = prefix + "x" * (2000 - len(prefix))
    stored = new_check_in(
        "alice",
        datetime(2025, 3, 1, 23, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
        7,
        movement_pain={"bird-dog": 0, "hip-bridge": 10},
        sessions_done=3,
        ice=True,
        heat=True,
        note=note,
    )
    repository.add(stored)
    [loaded] = repository.list("alice")
    assert loaded == stored
    assert loaded.at.utcoffset() == timedelta(hours=-9, minutes=-30)
    assert (loaded.at.date(), loaded.at.time()) == (stored.at.date(), stored.at.time())
    assert len(loaded.note) == 2000 and loaded.note == note


def test_several_check_ins_on_one_day_are_all_kept(repository: DiaryRepository) -> None:
    day = [entry(hours=hours, pain=pain) for hours, pain in ((0, 6), (4, 5), (9, 7), (9, 3))]
    for check_in in day:
        repository.add(check_in)
    assert sorted(c.id for c in repository.list("alice")) == sorted(c.id for c in day)


def test_list_by_date_range_includes_the_start_and_excludes_the_end(repository: DiaryRepository) -> None:
    entries = [entry(hours=24 * day) for day in range(5)]
    for check_in in entries:
        repository.add(check_in)
    in_range = repository.list("alice", start=entries[1].at, end=entries[3].at)
    assert in_range == entries[1:3]
    assert repository.list("alice", start=entries[3].at.astimezone(UTC)) == entries[3:]
    with pytest.raises(InvalidInput, match="start"):
        repository.list("alice", start=datetime(2025, 3, 1))


def test_update_changes_the_entry_and_refuses_an_unknown_id(repository: DiaryRepository) -> None:
    original = entry(note="first")
    repository.add(original)
    edited = replace(original, pain=2, note="edited", movement_pain={"cat-camel": 1})
    repository.update(edited)
    assert repository.list("alice") == [edited]
    with pytest.raises(InvalidInput, match="field 'id'"):
        repository.update(entry())
    with pytest.raises(InvalidInput, match="field 'id'"):
        repository.update(replace(edited, owner="bob"))
    with pytest.raises(InvalidInput, match="field 'pain'"):
        repository.update(replace(edited, pain=11))
    assert repository.list("alice") == [edited]


def test_adding_the_same_id_twice_is_refused(repository: DiaryRepository) -> None:
    original = entry()
    repository.add(original)
    with pytest.raises(InvalidInput, match="already"):
        repository.add(replace(original, pain=9))
    assert repository.list("alice") == [original]


def test_delete_removes_only_that_check_in(repository: DiaryRepository) -> None:
    keep, drop = entry(hours=1), entry(hours=2)
    repository.add(keep)
    repository.add(drop)
    repository.delete("bob", drop.id)
    assert len(repository.list("alice")) == 2
    repository.delete("alice", drop.id)
    assert repository.list("alice") == [keep]


def test_delete_owner_removes_every_row_of_that_owner_only(repository: DiaryRepository) -> None:
    for hours in range(7):
        repository.add(entry("alice", hours=hours))
    kept = [entry("bob", hours=hours) for hours in range(3)]
    for check_in in kept:
        repository.add(check_in)
    assert repository.delete_owner("alice") == 7
    assert repository.list("alice") == []
    assert repository.list("bob") == kept
    assert repository.delete_owner("alice") == 0


def test_import_adds_all_rows_and_importing_again_adds_none(repository: DiaryRepository) -> None:
    diary = demo_check_ins("alice", today=date(2025, 3, 21))
    repository.add(diary[0])
    assert repository.import_check_ins("alice", diary) == len(diary) - 1
    assert repository.import_check_ins("alice", diary) == 0
    assert repository.list("alice") == diary


def test_the_same_ids_in_another_owners_diary_are_imported_for_them_too(repository: DiaryRepository) -> None:
    diary = demo_check_ins("alice", today=date(2025, 3, 21))
    repository.import_check_ins("alice", diary)
    theirs = [replace(check_in, owner="bob") for check_in in diary]
    assert repository.import_check_ins("bob", theirs) == len(diary)
    assert repository.list("bob") == theirs


def test_an_import_with_one_bad_check_in_writes_nothing(repository: DiaryRepository) -> None:
    good = [entry(hours=hours) for hours in range(5)]
    bad = replace(entry(hours=9), pain=42)
    with pytest.raises(InvalidInput, match="check-in 4, field 'pain'"):
        repository.import_check_ins("alice", [*good[:3], bad, *good[3:]])
    with pytest.raises(InvalidInput, match="field 'owner'"):
        repository.import_check_ins("alice", [*good, entry("bob")])
    assert repository.list("alice") == []


def test_an_empty_import_adds_nothing(repository: DiaryRepository) -> None:
    assert repository.import_check_ins("alice", []) == 0


# ---- SQLite file specifics -------------------------------------------------------------------


def test_check_ins_survive_a_restart_of_the_app(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "nested" / "data" / "diary.sqlite3")
    engine = open_engine(url)
    diary = demo_check_ins("alice", today=date(2025, 3, 21))
    SqlDiary(engine).import_check_ins("alice", diary)
    engine.dispose()
    reopened = open_engine(url)
    try:
        assert SqlDiary(reopened).list("alice") == diary
    finally:
        reopened.dispose()


def test_the_sqlite_file_uses_wal_and_waits_for_other_writers(tmp_path: Path) -> None:
    engine = open_engine(sqlite_url(tmp_path / "diary.sqlite3"))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        engine.dispose()


def test_twenty_concurrent_writers_lose_nothing_and_never_see_a_lock_error(tmp_path: Path) -> None:
    engine = open_engine(sqlite_url(tmp_path / "diary.sqlite3"))
    repository = SqlDiary(engine)
    errors: list[BaseException] = []
    written: list[list[str]] = [[] for _ in range(20)]
    barrier = threading.Barrier(20)

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for index in range(50):
                check_in = entry(
                    f"writer-{number % 4}", hours=index, pain=index % 11, note=f"{number}/{index}"
                )
                repository.add(check_in)
                written[number].append(check_in.id)
                if index % 10 == 0:
                    repository.list(f"writer-{number % 4}")
        except BaseException as error:  # the test reports every failure, including lock errors
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        stored = {check_in.id for owner in range(4) for check_in in repository.list(f"writer-{owner}")}
        assert stored == {check_in_id for ids in written for check_in_id in ids}
        assert len(stored) == 1000
    finally:
        engine.dispose()


CHILD_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from rehab_core.diary import new_check_in
    from rehab_core.database import open_engine
    from rehab_core.store import SqlDiary

    repository = SqlDiary(open_engine(sys.argv[1]))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    number = 0
    while True:
        number += 1
        if number % 5:
            check_in = new_check_in("alice", start + timedelta(minutes=number), number % 11, note="n" * 1500)
            repository.add(check_in)
            print("one", check_in.id, flush=True)
        else:
            batch = [
                new_check_in("alice", start + timedelta(minutes=number, seconds=s / 10), 3, note="b" * 500)
                for s in range(300)
            ]
            repository.import_check_ins("alice", batch)
            print("batch", " ".join(c.id for c in batch), flush=True)
    """
)


def test_a_writer_killed_mid_write_leaves_an_intact_database_with_every_acknowledged_check_in(
    tmp_path: Path,
) -> None:
    path = tmp_path / "diary.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_WRITER, sqlite_url(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_DIR,
        env={**os.environ, "PYTHONPATH": str(REPO_DIR)},
    )
    acknowledged: set[str] = set()
    try:
        assert child.stdout is not None
        batches = 0
        for line in child.stdout:
            kind, *ids = line.split()
            acknowledged.update(ids)
            batches += kind == "batch"
            if batches >= 4:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    # Anything printed after the last line we read was also committed; only read what is whole.
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute(
            "SELECT id, substr(at_utc, 1, 16), substr(note, 1, 1) FROM check_ins"
        ).fetchall()
    stored = {row[0] for row in rows}
    assert acknowledged <= stored
    assert len(acknowledged) > 1000
    # A batch committed after the last line we read is whole: its 300 rows share their minute
    # (the child spreads a batch over 30 seconds of one minute).
    unacknowledged_batches = Counter(
        minute for check_in_id, minute, kind in rows if kind == "b" and check_in_id not in acknowledged
    )
    assert set(unacknowledged_batches.values()) <= {300}


# The check-ins table as the first revision made it: what a diary from that version holds.
FIRST_SCHEMA = sa.Table(
    "check_ins",
    sa.MetaData(),
    sa.Column("owner", sa.String(255)),
    sa.Column("id", sa.String(32)),
    sa.Column("at_utc", sa.DateTime(timezone=False)),
    sa.Column("utc_offset_seconds", sa.Integer),
    sa.Column("pain", sa.SmallInteger),
    sa.Column("movement_pain", sa.JSON),
    sa.Column("sessions_done", sa.SmallInteger),
    sa.Column("ice", sa.Boolean),
    sa.Column("heat", sa.Boolean),
    sa.Column("note", sa.Text),
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "diary.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


def test_a_database_at_the_first_revision_keeps_its_rows_when_upgraded(empty_database_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    first, head = script.get_base(), script.get_current_head()
    assert first is not None and head is not None and first != head
    old_engine = sa.create_engine(empty_database_url)
    try:
        upgrade(old_engine, first)
        assert current_revision(old_engine) == first
        rows = [
            {
                "owner": owner,
                "id": f"{number:032x}",
                "at_utc": datetime(2025, 3, 1, 7, 0, 0, 123456) + timedelta(hours=number),
                "utc_offset_seconds": 3600,
                "pain": number % 11,
                "movement_pain": {"bird-dog": 2} if number % 2 else {},
                "sessions_done": number % 4,
                "ice": number % 3 == 0,
                "heat": number % 3 == 1,
                "note": f"From the first schema, number {number}",
            }
            for number, owner in enumerate(["alice"] * 7 + ["bob"] * 3, start=1)
        ]
        with old_engine.begin() as connection:
            connection.execute(FIRST_SCHEMA.insert(), rows)
    finally:
        old_engine.dispose()
    engine = open_engine(empty_database_url)
    try:
        assert current_revision(engine) == head
        repository = SqlDiary(engine)
        upgraded = repository.list("alice") + repository.list("bob")
        repository.add(new_check_in("alice", START, 5, new_warning_sign=True))
        answered = [check_in for check_in in repository.list("alice") if check_in.new_warning_sign]
    finally:
        engine.dispose()
    expected = [
        CheckIn(
            id=row["id"],
            owner=row["owner"],
            at=row["at_utc"].replace(tzinfo=UTC).astimezone(timezone(timedelta(hours=1))),
            pain=row["pain"],
            movement_pain=row["movement_pain"],
            sessions_done=row["sessions_done"],
            ice=row["ice"],
            heat=row["heat"],
            note=row["note"],
            new_warning_sign=False,
            # Before kinds, the plan came from the latest entry that rated a movement.
            kind="assessment" if row["movement_pain"] else "check_in",
        )
        for row in rows
    ]
    assert upgraded == expected
    assert len(answered) == 1 and answered[0].pain == 5


def test_a_database_from_a_newer_app_version_is_refused_untouched(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "diary.sqlite3")
    open_engine(url).dispose()
    with sqlite3.connect(tmp_path / "diary.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from-the-future'")
    with pytest.raises(StoreUnavailable, match="newer version"):
        open_engine(url)
    with sqlite3.connect(tmp_path / "diary.sqlite3") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("from-the-future",)
        ]


def test_the_database_url_comes_from_the_environment_then_secrets_then_the_sqlite_default() -> None:
    assert database_url({}, None) == f"sqlite:///{DEFAULT_SQLITE_PATH}"
    assert DEFAULT_SQLITE_PATH == REPO_DIR / "data" / "diary.sqlite3"
    assert database_url({}, {"database_url": "postgresql+psycopg://a@h/d"}) == "postgresql+psycopg://a@h/d"
    assert database_url({}, {"database": {"url": "postgres://a@h/d"}}) == "postgresql+psycopg://a@h/d"
    environ = {"BACK_IN_ACTION_DATABASE_URL": "postgresql://e@h/d"}
    assert database_url(environ, {"database_url": "sqlite:///x"}) == "postgresql+psycopg://e@h/d"


def test_an_unsupported_or_malformed_database_url_is_rejected_in_words() -> None:
    with pytest.raises(InvalidInput, match="database URL"):
        open_engine("not a url at all")
    with pytest.raises(InvalidInput, match="not supported"):
        open_engine("mysql://u@h/d")


def closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_postgresql_server_that_refuses_the_connection_is_temporary_try_again() -> None:
    with pytest.raises(StoreUnavailable) as raised:
        open_engine(f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/nothing")
    assert raised.value.temporary is True
    assert "Try again in a moment" in str(raised.value)


def test_an_unknown_database_host_is_permanent_and_points_at_the_configuration() -> None:
    with pytest.raises(StoreUnavailable) as raised:
        open_engine("postgresql+psycopg://postgres:secret-password@no-such-host.invalid/diary")
    assert raised.value.temporary is False
    message = str(raised.value)
    assert "no-such-host.invalid" in message and "configuration" in message
    assert "secret-password" not in message and "Try again in a moment" not in message


@pytest.mark.postgres
def test_a_user_the_database_does_not_know_is_permanent_and_points_at_the_configuration(
    postgres_url: str,
) -> None:
    unknown_user = sa.make_url(postgres_url).set(username="nobody-here")
    with pytest.raises(StoreUnavailable) as raised:
        open_engine(unknown_user.render_as_string(hide_password=False))
    assert raised.value.temporary is False
    assert "user name, password or database name" in str(raised.value)


def test_a_file_that_is_not_a_database_is_permanent_and_named(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    path.write_bytes(b"These are my notes, not a database. " * 200)
    with pytest.raises(StoreUnavailable) as raised:
        open_engine(sqlite_url(path))
    assert raised.value.temporary is False
    assert f"The diary file {path} is not a diary database" in str(raised.value)
    assert path.read_bytes().startswith(b"These are my notes")


def test_a_read_only_diary_file_is_permanent_and_says_to_make_it_writable(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    open_engine(sqlite_url(path)).dispose()
    # Tests run as root, which ignores file permissions, so SQLite is asked to open the file read-only:
    # the same refusal a read-only file, folder or volume gives.
    engine = open_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(StoreUnavailable) as raised:
            SqlDiary(engine).add(entry())
    finally:
        engine.dispose()
    assert raised.value.temporary is False
    assert f"The diary file {path} can be read but not written" in str(raised.value)
    assert "writable" in str(raised.value)


def test_a_full_disk_is_permanent_and_says_to_free_space(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    engine = open_engine(sqlite_url(path))

    # SQLite's page limit gives the very error a full disk gives (SQLITE_FULL).
    @sa.event.listens_for(engine, "connect")
    def _no_room(dbapi_connection: object, record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA max_page_count = 12")
        cursor.close()

    engine.dispose()  # new connections get the limit
    try:
        with pytest.raises(StoreUnavailable) as raised:
            SqlDiary(engine).import_check_ins(
                "alice", [entry(hours=hours, note="n" * 1500) for hours in range(200)]
            )
    finally:
        engine.dispose()
    assert raised.value.temporary is False
    assert "disk that holds it is full" in str(raised.value) and "Free some disk space" in str(raised.value)


def test_a_locked_database_is_temporary_try_again(tmp_path: Path) -> None:
    from sqlalchemy.exc import DBAPIError

    from rehab_core.store import unavailable

    path = tmp_path / "diary.sqlite3"
    open_engine(sqlite_url(path)).dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    impatient = sa.create_engine(sqlite_url(path), connect_args={"timeout": 0})
    try:
        with pytest.raises(DBAPIError) as raised, impatient.begin() as connection:
            connection.execute(sa.text("INSERT INTO alembic_version VALUES ('x')"))
    finally:
        impatient.dispose()
        holder.close()
    error = unavailable(raised.value, impatient.url)
    assert error.temporary is True
    assert (
        str(error)
        == f"The diary file {path} is busy with another change. Try again in a moment. Nothing was changed."
    )


def test_store_unavailable_is_temporary_unless_told_otherwise() -> None:
    assert StoreUnavailable("x").temporary is True
    assert StoreUnavailable("x", temporary=False).temporary is False


# ---- a diary file that vanishes or is replaced while the app runs ---------------------------


def sqlite_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]


def test_a_diary_file_deleted_while_the_app_runs_refuses_the_next_save_instead_of_losing_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "diary.sqlite3"
    engine = open_engine(sqlite_url(path))
    repository = SqlDiary(engine)
    try:
        repository.add(entry(hours=1))
        for file in sqlite_files(path):
            file.unlink(missing_ok=True)
        with pytest.raises(StoreUnavailable) as raised:
            repository.add(entry(hours=2))
        with pytest.raises(StoreUnavailable):
            repository.list("alice")
        with pytest.raises(StoreUnavailable):
            repository.import_check_ins("alice", [entry(hours=3)])
    finally:
        engine.dispose()
    assert raised.value.temporary is False
    assert f"The diary file {path.resolve()} was deleted or replaced while the app was running" in str(
        raised.value
    )
    assert "nothing was saved" in str(raised.value) and "Restart the app" in str(raised.value)
    assert not path.exists()  # nothing was written into a stray new file


def test_a_diary_file_replaced_while_the_app_runs_refuses_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    engine = open_engine(sqlite_url(path))
    repository = SqlDiary(engine)
    other = tmp_path / "restored-backup.sqlite3"
    backup = open_engine(sqlite_url(other))
    SqlDiary(backup).add(entry("alice", hours=5, note="from the backup"))
    backup.dispose()
    try:
        repository.add(entry(hours=1))
        os.replace(other, path)
        with pytest.raises(StoreUnavailable, match="deleted or replaced") as raised:
            repository.add(entry(hours=2, note="typed after the swap"))
    finally:
        engine.dispose()
    assert raised.value.temporary is False
    reopened = open_engine(sqlite_url(path))
    try:
        # Refused means refused: the entry is in no file. (What else the file holds after a swap
        # under a running app is SQLite's business: its old write-ahead log may mix in.)
        assert "typed after the swap" not in [check_in.note for check_in in SqlDiary(reopened).list("alice")]
    finally:
        reopened.dispose()


# ---- moving between databases ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("export", [to_csv, to_json], ids=["csv", "json"])
def test_a_diary_exported_from_sqlite_imports_into_postgresql_unchanged(
    tmp_path: Path, postgres_url: str, export: object
) -> None:
    diary = [
        *demo_check_ins("local-owner", today=date(2025, 3, 21)),
        entry("local-owner", note="=SUM(A1:A2) and ünïcödé ✓\nsecond line", movement_pain={"bird-dog": 3}),
    ]
    sqlite_engine, postgres_engine = (
        open_engine(sqlite_url(tmp_path / "d.sqlite3")),
        open_engine(postgres_url),
    )
    try:
        SqlDiary(sqlite_engine).import_check_ins("local-owner", diary)
        exported = export(SqlDiary(sqlite_engine).list("local-owner"))  # type: ignore[operator]
        moved = parse_import(exported, f"diary.{export.__name__[3:]}", "account-sub")  # type: ignore[attr-defined]
        target = SqlDiary(postgres_engine)
        assert target.import_check_ins("account-sub", moved) == len(diary)
        assert target.import_check_ins("account-sub", moved) == 0
        assert target.list("account-sub") == [
            replace(c, owner="account-sub") for c in SqlDiary(sqlite_engine).list("local-owner")
        ]
    finally:
        sqlite_engine.dispose()
        postgres_engine.dispose()


def test_delete_before_removes_only_that_owners_check_ins_from_before_the_moment(
    repository: DiaryRepository,
) -> None:
    old, kept = [entry(hours=hours) for hours in range(3)], [entry(hours=hours) for hours in range(3, 6)]
    theirs = entry("bob", hours=1)
    for check_in in (*old, *kept, theirs):
        repository.add(check_in)
    assert repository.delete_before("alice", START + timedelta(hours=3)) == 3
    assert repository.list("alice") == kept
    assert repository.list("bob") == [theirs]
    assert repository.delete_before("alice", START) == 0
    with pytest.raises(InvalidInput, match="before must have a time zone"):
        repository.delete_before("alice", datetime(2025, 3, 1))
