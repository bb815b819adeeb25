"""Where diaries live: one small repository interface over SQLite or PostgreSQL (SQLAlchemy 2) or memory."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from rehab_core.diary import FIELDS, YES_NO_FIELDS, CheckIn, InvalidCheckIn, fields_of, validate
from rehab_core.diary_files import export_problem
from rehab_core.errors import InvalidInput

# A refused batch names its first problems only: a file of thousands of bad rows makes no
# message of megabytes.
_BATCH_PROBLEMS_SHOWN = 20
_NOTHING_SAVED = "Nothing was changed."
_LOG = logging.getLogger("back_in_action.store")
_CONFIGURATION = (
    "the database address in the app's configuration (BACK_IN_ACTION_DATABASE_URL, "
    "or database_url in .streamlit/secrets.toml)"
)


class StoreUnavailable(Exception):  # noqa: N818  # reads as a state, like InvalidInput
    """The database cannot be used right now; the message says what to do and is safe to show a person.

    `temporary` is True when waiting and trying again can help (the database is busy, restarting
    or not answering), False when someone has to act first (disk full, a read-only volume, a
    file that is not a database, a wrong address or sign-in, a diary file deleted or replaced).
    """

    def __init__(self, message: str, *, temporary: bool = True) -> None:
        super().__init__(message)
        self.temporary = temporary


class DiaryFull(StoreUnavailable):
    """A save or an import would make the diary larger than one of its own files can carry.

    Refused so that every export of a diary can be imported again (rehab_core.diary_files); nothing
    was written. Someone must act (keep a copy, then delete older check-ins), so it is not temporary.
    """

    def __init__(self, problem: str, *, importing: bool) -> None:
        done = "Nothing was imported" if importing else "Not saved"
        super().__init__(
            f"{done}: your diary is full ({problem}), and nothing in it changed. On My progress, download "
            "it as CSV or JSON to keep a copy, then delete the check-ins before a date to make room.",
            temporary=False,
        )


def _ensure_room(existing: Sequence[CheckIn], changed: Sequence[CheckIn], *, importing: bool = False) -> None:
    """DiaryFull unless the diary, with `changed` added or put in place of the same ids, still fits a file."""
    by_id = {check_in.id: check_in for check_in in existing}
    by_id.update((check_in.id, check_in) for check_in in changed)
    problem = export_problem(list(by_id.values()))
    if problem is not None:
        raise DiaryFull(problem, importing=importing)


@dataclass(frozen=True)
class _Fault:
    """A kind of database error: a pattern of the driver's message, and what to tell the person."""

    sign: re.Pattern[str]
    temporary: bool
    message: str  # {where} names the database


# First match wins; the messages come from SQLite (sqlite3) and PostgreSQL (psycopg 3).
_FAULTS: tuple[_Fault, ...] = (
    _Fault(
        re.compile("database or disk is full|no space left on device|could not extend file|disk full"),
        False,
        "{where} cannot grow: the disk that holds it is full. Free some disk space, then try again.",
    ),
    _Fault(
        re.compile("readonly database|read-only file system|read-only transaction"),
        False,
        "{where} can be read but not written: the file, its folder or the disk is read-only. "
        "Make it writable (or point the app at a writable place), then restart the app.",
    ),
    _Fault(
        re.compile("is not a database|database disk image is malformed"),
        False,
        "{where} is not a diary database, or it is damaged. Move it aside (keep it: it may be a "
        "backup), restore a good copy or let the app start a new diary, then restart the app.",
    ),
    _Fault(
        re.compile("disk i/o error|input/output error"),
        False,
        "{where} could not be read or written: the disk reported an error (its files may have "
        "been made unwritable, moved, or the disk may be failing or unplugged). Check the disk "
        "and the file's permissions, then restart the app.",
    ),
    _Fault(
        re.compile("unable to open database file"),
        False,
        "{where} cannot be opened: its folder is missing or the app may not use it. "
        "Check the folder and its permissions, then restart the app.",
    ),
    _Fault(
        re.compile(
            "failed to resolve host|could not translate host name|name or service not known"
            "|nodename nor servname|temporary failure in name resolution"
        ),
        False,
        "{where} cannot be found: no computer answers to that name. Check " + _CONFIGURATION + ", "
        "then restart the app. (If the name is right, the network may be down.)",
    ),
    _Fault(
        re.compile(
            'authentication failed|no pg_hba.conf entry|(role|database) "[^"]*" does not exist'
            "|permission denied for database"
        ),
        False,
        "{where} refused the app: its user name, password or database name is wrong, or the user "
        "may not use it. Check " + _CONFIGURATION + ", then restart the app.",
    ),
    _Fault(
        re.compile("database is locked|database table is locked|deadlock|could not serialize"),
        True,
        "{where} is busy with another change. Try again in a moment.",
    ),
)
_TEMPORARY = "{where} did not answer (it may be restarting or busy). Try again in a moment."


def _where(url: URL | None) -> str:
    """The database as a person can find it: its file, or its host; never a password."""
    if url is None:
        return "The diary database"
    if url.get_backend_name() == "sqlite":
        # A URI file name (file:path?mode=ro) names the same file.
        path = (url.database or "").removeprefix("file:").split("?", 1)[0]
        return f"The diary file {path}" if path and path != ":memory:" else "The diary database"
    return f"The diary database on {url.host}" if url.host else "The diary database"


def unavailable(error: DBAPIError, url: URL | None = None) -> StoreUnavailable:
    """The person-facing StoreUnavailable for a database error: what happened and what to do."""
    said = str(error.orig if error.orig is not None else error).lower()
    where = _where(url)
    for fault in _FAULTS:
        if fault.sign.search(said):
            return StoreUnavailable(
                f"{fault.message.format(where=where)} {_NOTHING_SAVED}", temporary=fault.temporary
            )
    return StoreUnavailable(f"{_TEMPORARY.format(where=where)} {_NOTHING_SAVED}", temporary=True)


@dataclass(frozen=True)
class _FileIdentity:
    """Which file a SQLite diary is: its path and the (device, inode) it had when the engine opened."""

    path: Path
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> _FileIdentity | None:
        try:
            found = path.stat()
        except FileNotFoundError:
            return None
        return cls(path, found.st_dev, found.st_ino)


# Engines on a SQLite file, and the file each opened. A write through an engine whose file was
# deleted or replaced goes to the old file (still open) or to a new empty one, and is lost on
# restart: so every read and write checks first, and every write again after its commit.
_WATCHED_FILES: weakref.WeakKeyDictionary[Engine, _FileIdentity] = weakref.WeakKeyDictionary()


def watch_sqlite_file(engine: Engine) -> None:
    """Remember the file a SQLite engine opened, so SqlDiary notices if it vanishes or is replaced."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    identity = _FileIdentity.of(Path(database).resolve())
    if identity is not None:
        _WATCHED_FILES[engine] = identity


def _check_file(engine: Engine, *, after_write: bool = False) -> None:
    expected = _WATCHED_FILES.get(engine)
    if expected is None:
        return
    if _FileIdentity.of(expected.path) == expected:
        return
    if after_write:
        raise StoreUnavailable(
            f"The diary file {expected.path} was deleted or replaced while this was being saved, "
            "so the save may not be kept. Restart the app, then check your diary and save again "
            "what is missing.",
            temporary=False,
        )
    raise StoreUnavailable(
        f"The diary file {expected.path} was deleted or replaced while the app was running, so "
        "nothing can be saved to it safely and nothing was saved. Restart the app to use the "
        "file now at that place (if it was deleted by mistake, restore it from a backup first).",
        temporary=False,
    )


# An execution option: the transaction only reads (database.py then begins it without the write lock).
READS_ONLY = "back_in_action_reads_only"


@contextmanager
def begin(engine: Engine, *, writes: bool = True) -> Iterator[Connection]:
    """A transaction on engine, committed at the end; one with writes=False only reads.

    On SQLite a reading transaction takes no lock (WAL gives it a snapshot), so reads never queue
    behind a writer; a writing one takes the write lock at its start.
    """
    with engine.connect() as connection:
        if not writes:
            connection.execution_options(**{READS_ONLY: True})
        with connection.begin():
            yield connection


# The save count (PRAGMA user_version, raised by every write) each SQLite engine last saw settled
# in its database file. A lower one later means an older copy of the file was put back under the
# app. It is read from the file's own header, since SQLite's page cache would hide the change.
_SAVES_SETTLED: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
_SETTLED_LOCK = threading.Lock()
_USER_VERSION_AT = 60  # bytes 60-63 of a SQLite file's header, big-endian
_RECHECKS, _RECHECK_PAUSE_S = 3, 0.02


def _saves_in_file(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return 0  # missing or unreadable: _check_file and the driver name that
    return int.from_bytes(header[_USER_VERSION_AT : _USER_VERSION_AT + 4], "big") if len(header) == 100 else 0


def _check_not_older(engine: Engine) -> None:
    """StoreUnavailable when the file holds fewer saves than the app already put in it."""
    watched = _WATCHED_FILES.get(engine)
    if watched is None:
        return
    with _SETTLED_LOCK:
        settled = _SAVES_SETTLED.get(engine, 0)
    saves = _saves_in_file(watched.path)
    # A read that meets a checkpoint writing the header can see it half written: only a count
    # that stays lower is an older file.
    for _ in range(_RECHECKS):
        if saves >= settled:
            return
        time.sleep(_RECHECK_PAUSE_S)
        saves = _saves_in_file(watched.path)
    if saves < settled:
        raise StoreUnavailable(
            f"The diary file {watched.path} now holds fewer saves ({saves:,}) than it did a moment "
            f"ago ({settled:,}): an older copy was put in its place while the app was running. "
            "Nothing was saved. Stop the app, keep both copies, put back the one you want, then "
            "start the app again.",
            temporary=False,
        )


def _count_save(connection: Connection) -> None:
    """Raise the file's save count in this write's own transaction."""
    if connection.engine not in _WATCHED_FILES:
        return
    saves = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
    # A pragma takes no bound parameter; this is a whole number read just above.
    connection.exec_driver_sql(f"PRAGMA user_version = {saves + 1:d}")


def _settle(engine: Engine) -> None:
    """After a write on a SQLite file: copy it from the WAL into the file itself, and check the WAL.

    SQLite writes a commit to the -wal file first and copies it into the database file only every
    thousand pages or so; a backup that copies the database file alone would miss every save
    since. A passive checkpoint after each write copies them at once (it never waits for a
    reader). If the -wal or -shm files were deleted under the app, the connections still write to
    the deleted ones: the save is kept only if the checkpoint copied it into the database file,
    and the pool is closed so the next connection makes fresh ones.
    """
    watched = _WATCHED_FILES.get(engine)
    if watched is None:
        return
    # The driver's own connection: a checkpoint cannot run inside the transaction SQLAlchemy begins.
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        busy, in_log, copied = cursor.fetchone() or (1, -1, -1)
        cursor.close()
        gone = _deleted_companions(watched.path)
    finally:
        raw.close()
    if not busy and 0 <= in_log == copied:
        # Everything is in the database file now, its save count too.
        saves = _saves_in_file(watched.path)
        with _SETTLED_LOCK:
            _SAVES_SETTLED[engine] = max(_SAVES_SETTLED.get(engine, 0), saves)
    if not gone:
        return
    engine.dispose()
    if busy or in_log < 0 or copied < in_log:
        raise StoreUnavailable(
            f"The diary's {' and '.join(gone)} file{'s were' if len(gone) > 1 else ' was'} deleted "
            f"while the app was running (next to {watched.path}), so the last save may not be kept. "
            "Restart the app, then check your diary and save again what is missing.",
            temporary=False,
        )
    _LOG.warning(
        "the diary's %s file(s) next to %s were deleted while the app ran; every save was already "
        "in the database file, and the app opened fresh ones",
        " and ".join(gone),
        watched.path,
    )


def _deleted_companions(path: Path) -> list[str]:
    """Which of the database's -wal and -shm files this process holds open after they were deleted."""
    names = {f"{path}-wal": "-wal", f"{path}-shm": "-shm"}
    descriptors = Path("/proc/self/fd")
    if not descriptors.is_dir():
        return [suffix for name, suffix in names.items() if not Path(name).exists()]
    gone: set[str] = set()
    for descriptor in descriptors.iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue  # closed meanwhile
        if target.endswith(" (deleted)") and target.removesuffix(" (deleted)") in names:
            gone.add(names[target.removesuffix(" (deleted)")])
    return sorted(gone, reverse=True)


class DiaryRepository(Protocol):
    """What pages use to keep a diary, whatever holds it."""

    def add(self, check_in: CheckIn) -> None: ...

    def update(self, check_in: CheckIn) -> None: ...

    def delete(self, owner: str, check_in_id: str) -> None: ...

    def list(
        self, owner: str, start: datetime | None = None, end: datetime | None = None
    ) -> list[CheckIn]: ...

    def delete_owner(self, owner: str) -> int: ...

    def delete_before(self, owner: str, before: datetime) -> int: ...

    def import_check_ins(self, owner: str, check_ins: Sequence[CheckIn]) -> int: ...


metadata = sa.MetaData()
# The shape that migrations/ builds; queries are written against this mirror of it.
check_ins_table = sa.Table(
    "check_ins",
    metadata,
    sa.Column("owner", sa.String(255), primary_key=True),
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("at_utc", sa.DateTime(timezone=False), nullable=False),
    sa.Column("utc_offset_seconds", sa.Integer, nullable=False),
    sa.Column("pain", sa.SmallInteger, nullable=False),
    sa.Column("movement_pain", sa.JSON, nullable=False),
    sa.Column("sessions_done", sa.SmallInteger, nullable=False),
    sa.Column("ice", sa.Boolean, nullable=False),
    sa.Column("heat", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("new_warning_sign", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("kind", sa.String(16), nullable=False, server_default="check_in"),
    sa.Column("background_signs", sa.JSON, nullable=False, server_default="[]"),
    sa.Column("cleared_on", sa.Date, nullable=True),
    sa.Index("ix_check_ins_owner_at", "owner", "at_utc"),
)


def _to_row(check_in: CheckIn) -> dict[str, Any]:
    # The instant in UTC plus the person's offset then, so the local day and time come back exactly.
    row = fields_of(check_in)
    at = row.pop("at")
    row["at_utc"] = at.astimezone(UTC).replace(tzinfo=None)
    row["utc_offset_seconds"] = int((at.utcoffset() or timedelta(0)).total_seconds())
    row["movement_pain"] = dict(check_in.movement_pain)
    row["background_signs"] = list(check_in.background_signs)
    return row


def _from_row(row: sa.Row[Any]) -> CheckIn:
    stored = row._mapping
    zone = timezone(timedelta(seconds=stored["utc_offset_seconds"]))
    fields = {name: stored[name] for name in FIELDS if name != "at"}
    fields["at"] = stored["at_utc"].replace(tzinfo=UTC).astimezone(zone)
    fields["movement_pain"] = dict(fields["movement_pain"])
    fields["background_signs"] = tuple(fields["background_signs"])
    for name in YES_NO_FIELDS:
        fields[name] = bool(fields[name])
    return CheckIn(**fields)


def _utc_naive(moment: datetime | None, name: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(f"{name} must have a time zone, got {moment.isoformat()}")
    return moment.astimezone(UTC).replace(tzinfo=None)


def _checked_batch(owner: str, check_ins: Sequence[CheckIn]) -> list[CheckIn]:
    """Every check-in validated and owned by owner, later repeats of an id dropped; else InvalidInput."""
    problems: list[str] = []
    problem_count = 0
    seen: set[str] = set()
    batch: list[CheckIn] = []
    for number, check_in in enumerate(check_ins, start=1):
        try:
            checked = validate(check_in)
        except InvalidCheckIn as error:
            found = [f"check-in {number}, {problem}" for problem in error.problems]
        else:
            found = (
                []
                if checked.owner == owner
                else [f"check-in {number}, field 'owner': belongs to another diary"]
            )
        if found:
            problem_count += len(found)
            problems.extend(found[: _BATCH_PROBLEMS_SHOWN - len(problems)])
            continue
        if checked.id not in seen:
            seen.add(checked.id)
            batch.append(checked)
    if problem_count:
        more = problem_count - len(problems)
        raise InvalidInput(
            "nothing was imported: " + "; ".join(problems) + (f"; and {more:,} more" if more else "")
        )
    return batch


def _insert_new(dialect: str) -> sa.Insert:
    """INSERT that skips rows whose (owner, id) is already stored, returning the ids it did insert."""
    table = check_ins_table
    keys = [table.c.owner, table.c.id]
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys).returning(table.c.id)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys).returning(table.c.id)


class SqlDiary:
    """The diary repository over SQLAlchemy 2: a SQLite file or PostgreSQL (psycopg 3)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _transaction(self, *, writes: bool = True) -> Iterator[Connection]:
        """One transaction on the diary the app will read next, or StoreUnavailable saying why not."""
        _check_file(self.engine)
        _check_not_older(self.engine)
        try:
            with begin(self.engine, writes=writes) as connection:
                if writes:
                    _count_save(connection)
                yield connection
            if writes:
                _settle(self.engine)
        except IntegrityError:
            raise
        except DBAPIError as error:
            raise unavailable(error, self.engine.url) from error
        if writes:
            # A save counts only once it is in the file the next run reads.
            _check_file(self.engine, after_write=True)

    def add(self, check_in: CheckIn) -> None:
        row = _to_row(validate(check_in))
        try:
            with self._transaction() as connection:
                _ensure_room(self._diary_for_write(connection, check_in.owner), [check_in])
                connection.execute(check_ins_table.insert(), row)
        except IntegrityError:
            raise InvalidInput(
                f"field 'id': a check-in with id {check_in.id} is already in the diary"
            ) from None

    def update(self, check_in: CheckIn) -> None:
        row = _to_row(validate(check_in))
        table = check_ins_table
        with self._transaction() as connection:
            _ensure_room(self._diary_for_write(connection, check_in.owner), [check_in])
            result = connection.execute(
                table.update().where(table.c.owner == check_in.owner, table.c.id == check_in.id), row
            )
            if result.rowcount == 0:
                raise InvalidInput(f"field 'id': there is no check-in with id {check_in.id} in this diary")

    def _diary_for_write(self, connection: Connection, owner: str) -> list[CheckIn]:
        """The owner's check-ins, read inside a write that no other write to this diary can overlap.

        SQLite's writing transaction holds the database's write lock from its start; PostgreSQL
        takes a lock on the owner for the rest of the transaction. So the size check of a save or
        an import (_ensure_room) sees every write before it: two tabs importing at once cannot both
        pass it and leave the diary larger than one file can carry.
        """
        if self.engine.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:owner, 0))"), {"owner": owner}
            )
        table = check_ins_table
        query = sa.select(table).where(table.c.owner == owner).order_by(table.c.at_utc, table.c.id)
        return [_from_row(row) for row in connection.execute(query).all()]

    def delete(self, owner: str, check_in_id: str) -> None:
        table = check_ins_table
        with self._transaction() as connection:
            connection.execute(table.delete().where(table.c.owner == owner, table.c.id == check_in_id))

    def list(self, owner: str, start: datetime | None = None, end: datetime | None = None) -> list[CheckIn]:
        """The owner's check-ins with start <= at < end, oldest first."""
        table = check_ins_table
        query = sa.select(table).where(table.c.owner == owner)
        low, high = _utc_naive(start, "start"), _utc_naive(end, "end")
        if low is not None:
            query = query.where(table.c.at_utc >= low)
        if high is not None:
            query = query.where(table.c.at_utc < high)
        with self._transaction(writes=False) as connection:
            rows = connection.execute(query.order_by(table.c.at_utc, table.c.id)).all()
        return [_from_row(row) for row in rows]

    def delete_owner(self, owner: str) -> int:
        with self._transaction() as connection:
            result = connection.execute(check_ins_table.delete().where(check_ins_table.c.owner == owner))
            return int(result.rowcount)

    def delete_before(self, owner: str, before: datetime) -> int:
        """Delete the owner's check-ins from before `before` (room for new ones); returns how many."""
        table = check_ins_table
        moment = _utc_naive(before, "before")
        with self._transaction() as connection:
            result = connection.execute(table.delete().where(table.c.owner == owner, table.c.at_utc < moment))
            return int(result.rowcount)

    def import_check_ins(self, owner: str, check_ins: Sequence[CheckIn]) -> int:
        """Add the check-ins in one transaction, skipping ids already in the diary; returns rows added."""
        batch = _checked_batch(owner, check_ins)
        if not batch:
            return 0
        rows = [_to_row(check_in) for check_in in batch]
        with self._transaction() as connection:
            existing = self._diary_for_write(connection, owner)
            known = {check_in.id for check_in in existing}
            new = [check_in for check_in in batch if check_in.id not in known]
            _ensure_room(existing, new, importing=True)
            # RETURNING lists only the rows that went in, so skipped ids are not counted, even when
            # another session imports the same file at the same moment.
            added = connection.execute(_insert_new(self.engine.dialect.name), rows).all()
        return len(added)


class MemoryDiary:
    """The same repository held in memory: the `session` ownership mode and demo data."""

    def __init__(self) -> None:
        self._by_owner: dict[str, dict[str, CheckIn]] = {}
        self._lock = threading.Lock()

    def add(self, check_in: CheckIn) -> None:
        checked = validate(check_in)
        with self._lock:
            diary = self._by_owner.setdefault(checked.owner, {})
            if checked.id in diary:
                raise InvalidInput(f"field 'id': a check-in with id {checked.id} is already in the diary")
            _ensure_room(list(diary.values()), [checked])
            diary[checked.id] = checked

    def update(self, check_in: CheckIn) -> None:
        checked = validate(check_in)
        with self._lock:
            diary = self._by_owner.get(checked.owner, {})
            if checked.id not in diary:
                raise InvalidInput(f"field 'id': there is no check-in with id {checked.id} in this diary")
            _ensure_room(list(diary.values()), [checked])
            diary[checked.id] = checked

    def delete(self, owner: str, check_in_id: str) -> None:
        with self._lock:
            self._by_owner.get(owner, {}).pop(check_in_id, None)

    def list(self, owner: str, start: datetime | None = None, end: datetime | None = None) -> list[CheckIn]:
        """The owner's check-ins with start <= at < end, oldest first."""
        _utc_naive(start, "start")
        _utc_naive(end, "end")
        with self._lock:
            entries = list(self._by_owner.get(owner, {}).values())
        chosen = [
            entry
            for entry in entries
            if (start is None or entry.at >= start) and (end is None or entry.at < end)
        ]
        return sorted(chosen, key=lambda entry: (entry.at, entry.id))

    def delete_owner(self, owner: str) -> int:
        with self._lock:
            return len(self._by_owner.pop(owner, {}))

    def delete_before(self, owner: str, before: datetime) -> int:
        _utc_naive(before, "before")
        with self._lock:
            diary = self._by_owner.get(owner, {})
            old = [check_in_id for check_in_id, entry in diary.items() if entry.at < before]
            for check_in_id in old:
                del diary[check_in_id]
        return len(old)

    def import_check_ins(self, owner: str, check_ins: Sequence[CheckIn]) -> int:
        batch = _checked_batch(owner, check_ins)
        with self._lock:
            diary = self._by_owner.setdefault(owner, {})
            added = [check_in for check_in in batch if check_in.id not in diary]
            _ensure_room(list(diary.values()), added, importing=True)
            diary.update((check_in.id, check_in) for check_in in added)
        return len(added)
