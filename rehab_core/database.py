"""Opening the diary database: its address, the engine and its SQLite settings, and the schema migrations."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from rehab_core.errors import InvalidInput
from rehab_core.store import READS_ONLY, StoreUnavailable, unavailable, watch_sqlite_file

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_DIR / "data" / "diary.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_URL_VARIABLE = "BACK_IN_ACTION_DATABASE_URL"
# How long a writer waits for another one to finish before SQLite gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Any number, the same in every replica: replicas starting together take turns to migrate.
_MIGRATION_LOCK_KEY = 0x0BAC_C0DE


def database_url(environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> str:
    """The diary database: the environment variable, else the secrets file, else the SQLite file in data/."""
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
    watch_sqlite_file(engine)
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
        # A transaction that only reads begins deferred: in WAL it reads its snapshot without
        # any lock, so a page never waits behind a writer. Any other takes the write lock up front
        # (IMMEDIATE), so one that reads and then writes waits its turn (busy timeout) instead
        # of failing with "database is locked" halfway.
        if connection.get_execution_options().get(READS_ONLY):
            connection.exec_driver_sql("BEGIN DEFERRED")
        else:
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
    except CommandError:
        raise StoreUnavailable(
            "The diary database was made by a newer version of Back in Action, so this version "
            "cannot read it safely. Update the app; nothing was changed.",
            temporary=False,
        ) from None
    except IntegrityError:
        raise
    except DBAPIError as error:
        raise unavailable(error, engine.url) from error


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None before the first migration."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
