"""Where diaries live: one small repository interface over SQLite or PostgreSQL (SQLAlchemy 2) or memory."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from rehab_core.diary import CheckIn, InvalidCheckIn, validate
from rehab_core.errors import InvalidInput

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_DIR / "data" / "diary.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_URL_VARIABLE = "BACK_IN_ACTION_DATABASE_URL"
# How long a writer waits for another one to finish before SQLite gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Any number, the same in every replica: replicas starting together take turns to migrate.
_MIGRATION_LOCK_KEY = 0x0BAC_C0DE
_UNAVAILABLE = (
    "The diary is unavailable for a moment (the database did not answer). "
    "Nothing was changed; please try again shortly."
)


class StoreUnavailable(Exception):  # noqa: N818  # reads as a state, like InvalidInput
    """The database cannot be reached or used right now; the message is safe to show to a person."""


class DiaryRepository(Protocol):
    """What pages use to keep a diary, whatever holds it."""

    def add(self, check_in: CheckIn) -> None: ...

    def update(self, check_in: CheckIn) -> None: ...

    def delete(self, owner: str, check_in_id: str) -> None: ...

    def list(
        self, owner: str, start: datetime | None = None, end: datetime | None = None
    ) -> list[CheckIn]: ...

    def delete_owner(self, owner: str) -> int: ...

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
)


def database_url(environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> str:
    """The diary database: the environment variable, else the secrets file, else the SQLite file in data/."""
    import os

    environ = os.environ if environ is None else environ
    url = environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not url and secrets is not None:
        url = _secret_url(secrets)
    if not url:
        return f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Hosting services hand out postgres:// addresses; psycopg 3 is the driver installed here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_url(secrets: Mapping[str, Any]) -> str:
    value = secrets.get("database_url")
    if isinstance(value, str) and value.strip():
        return value.strip()
    section = secrets.get("database")
    if isinstance(section, Mapping):
        nested = section.get("url")
        if isinstance(nested, str) and nested.strip():
            return nested.strip()
    return ""


def open_engine(url: str) -> Engine:
    """An engine on the diary database with its schema migrated to the newest revision."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidInput(
            "database URL: not a database address; use sqlite:///path/to/file.sqlite3 "
            "or postgresql+psycopg://user:password@host/database"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        _tune_sqlite(engine)
    elif backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    else:
        raise InvalidInput(f"database URL: {backend!r} is not supported; use SQLite or PostgreSQL")
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # SQLAlchemy then sends BEGIN itself (below), so DDL and reads join the transaction too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets readers and one writer work at once; the busy timeout makes other writers wait
        # their turn instead of failing; NORMAL sync in WAL never corrupts and keeps every commit
        # through a crash of the app (only a power cut may undo the last moments).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a transaction that reads and then writes
        # waits its turn (busy timeout) instead of failing with "database is locked" halfway.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    """Alembic's settings for the diary migrations, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the diary schema to revision in one transaction; rows are carried over, never dropped."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except CommandError as error:
        raise StoreUnavailable(
            "The diary database was made by a newer version of Back in Action, so this version "
            f"cannot read it safely. Update the app; nothing was changed. ({error})"
        ) from None
    except (OperationalError, DBAPIError) as error:
        if isinstance(error, IntegrityError):
            raise
        raise StoreUnavailable(_UNAVAILABLE) from error


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None before the first migration."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def _to_row(check_in: CheckIn) -> dict[str, Any]:
    offset = check_in.at.utcoffset() or timedelta(0)
    return {
        "owner": check_in.owner,
        "id": check_in.id,
        "at_utc": check_in.at.astimezone(UTC).replace(tzinfo=None),
        "utc_offset_seconds": round(offset.total_seconds()),
        "pain": check_in.pain,
        "movement_pain": dict(check_in.movement_pain),
        "sessions_done": check_in.sessions_done,
        "ice": check_in.ice,
        "heat": check_in.heat,
        "note": check_in.note,
    }


def _from_row(row: sa.Row[Any]) -> CheckIn:
    zone = timezone(timedelta(seconds=row.utc_offset_seconds))
    return CheckIn(
        id=row.id,
        owner=row.owner,
        at=row.at_utc.replace(tzinfo=UTC).astimezone(zone),
        pain=row.pain,
        movement_pain=dict(row.movement_pain),
        sessions_done=row.sessions_done,
        ice=bool(row.ice),
        heat=bool(row.heat),
        note=row.note,
    )


def _utc_naive(moment: datetime | None, name: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(f"{name} must have a time zone, got {moment.isoformat()}")
    return moment.astimezone(UTC).replace(tzinfo=None)


def _checked_batch(owner: str, check_ins: Sequence[CheckIn]) -> list[CheckIn]:
    """Every check-in validated and owned by owner, later repeats of an id dropped; else InvalidInput."""
    problems: list[str] = []
    seen: set[str] = set()
    batch: list[CheckIn] = []
    for number, check_in in enumerate(check_ins, start=1):
        try:
            checked = validate(check_in)
        except InvalidCheckIn as error:
            problems.extend(f"check-in {number}, {problem}" for problem in error.problems)
            continue
        if checked.owner != owner:
            problems.append(f"check-in {number}, field 'owner': belongs to another diary")
            continue
        if checked.id not in seen:
            seen.add(checked.id)
            batch.append(checked)
    if problems:
        raise InvalidInput("nothing was imported: " + "; ".join(problems))
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
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except IntegrityError:
            raise
        except (OperationalError, DBAPIError) as error:
            raise StoreUnavailable(_UNAVAILABLE) from error

    def add(self, check_in: CheckIn) -> None:
        row = _to_row(validate(check_in))
        try:
            with self._transaction() as connection:
                connection.execute(check_ins_table.insert(), row)
        except IntegrityError:
            raise InvalidInput(
                f"field 'id': a check-in with id {check_in.id} is already in the diary"
            ) from None

    def update(self, check_in: CheckIn) -> None:
        row = _to_row(validate(check_in))
        table = check_ins_table
        with self._transaction() as connection:
            result = connection.execute(
                table.update().where(table.c.owner == check_in.owner, table.c.id == check_in.id), row
            )
            if result.rowcount == 0:
                raise InvalidInput(f"field 'id': there is no check-in with id {check_in.id} in this diary")

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
        with self._transaction() as connection:
            rows = connection.execute(query.order_by(table.c.at_utc, table.c.id)).all()
        return [_from_row(row) for row in rows]

    def delete_owner(self, owner: str) -> int:
        with self._transaction() as connection:
            result = connection.execute(check_ins_table.delete().where(check_ins_table.c.owner == owner))
            return int(result.rowcount)

    def import_check_ins(self, owner: str, check_ins: Sequence[CheckIn]) -> int:
        """Add the check-ins in one transaction, skipping ids already in the diary; returns rows added."""
        rows = [_to_row(check_in) for check_in in _checked_batch(owner, check_ins)]
        if not rows:
            return 0
        with self._transaction() as connection:
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
            diary[checked.id] = checked

    def update(self, check_in: CheckIn) -> None:
        checked = validate(check_in)
        with self._lock:
            diary = self._by_owner.get(checked.owner, {})
            if checked.id not in diary:
                raise InvalidInput(f"field 'id': there is no check-in with id {checked.id} in this diary")
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

    def import_check_ins(self, owner: str, check_ins: Sequence[CheckIn]) -> int:
        batch = _checked_batch(owner, check_ins)
        with self._lock:
            diary = self._by_owner.setdefault(owner, {})
            added = [check_in for check_in in batch if check_in.id not in diary]
            diary.update((check_in.id, check_in) for check_in in added)
        return len(added)
