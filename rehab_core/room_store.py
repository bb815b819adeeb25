"""Workshop rooms in the diary database: the rooms and their anonymous counts (SQLAlchemy 2).

Every change of a count is one atomic SQL statement (an INSERT ... ON CONFLICT DO UPDATE that
adds to the stored number, or an UPDATE ... SET joined = joined + 1), so a hundred phones
answering at once lose nothing, on SQLite and on PostgreSQL, from any number of app replicas.
Only the holder of a room's facilitator key can reset, close or switch it: the store checks the
key itself, whatever the page asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from rehab_core import rooms
from rehab_core.errors import InvalidInput
from rehab_core.rooms import RoomState
from rehab_core.store import begin, unavailable

metadata = sa.MetaData()
# The shape migration 0003 builds; queries are written against this mirror of it.
rooms_table = sa.Table(
    "rooms",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("key_digest", sa.String(64), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=False), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=False), nullable=True),
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("joined", sa.Integer, nullable=False, server_default="0"),
    sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
    sa.Column("activity", sa.String(128), nullable=False, server_default=rooms.ASSESSMENT),
    sa.Index("ix_rooms_expires_at", "expires_at"),
)
room_counts_table = sa.Table(
    "room_counts",
    metadata,
    sa.Column("code", sa.String(16), sa.ForeignKey("rooms.code", ondelete="CASCADE"), primary_key=True),
    sa.Column("generation", sa.Integer, primary_key=True),
    sa.Column("activity", sa.String(128), primary_key=True),
    sa.Column("item", sa.String(255), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)
_MAX_ITEM = 255
_MAX_ACTIVITY = 128
_CODE_TRIES = 20


class NotFacilitator(Exception):  # noqa: N818  # reads as a state, like InvalidInput
    """The key given is not the room's facilitator key (or the room is gone)."""


class JoinResult(StrEnum):
    JOINED = "joined"
    FULL = "full"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no such room, or its day is over


@dataclass(frozen=True)
class OpenedRoom:
    """A new room: its code for everyone, its key for the facilitator only (never stored as such)."""

    code: str
    key: str
    expires_at: datetime


@dataclass(frozen=True)
class Room:
    """A room as the pages see it: never its key."""

    code: str
    state: RoomState
    joined: int
    capacity: int
    generation: int  # goes up at every reset: counts of an older generation are never shown
    activity: str
    expires_at: datetime


def utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(f"a room's time must have a time zone, got {moment.isoformat()}")
    return moment.astimezone(UTC).replace(tzinfo=None)


def _upsert_counts(dialect: str) -> sa.Insert:
    """INSERT a row per item, or add to the row already there: one statement, atomic in both databases."""
    table = room_counts_table
    keys = [table.c.code, table.c.generation, table.c.activity, table.c.item]
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg_insert = postgresql.insert(table)
        return pg_insert.on_conflict_do_update(
            index_elements=keys, set_={"n": table.c.n + pg_insert.excluded.n}
        )
    from sqlalchemy.dialects import sqlite

    sqlite_insert = sqlite.insert(table)
    return sqlite_insert.on_conflict_do_update(
        index_elements=keys, set_={"n": table.c.n + sqlite_insert.excluded.n}
    )


class RoomStore:
    """Rooms and their counts in the app's database (the engine of rehab_core.database.open_engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _transaction(self, *, writes: bool = True) -> Iterator[Connection]:
        """One transaction, or StoreUnavailable saying (as for the diary) what went wrong."""
        try:
            with begin(self.engine, writes=writes) as connection:
                yield connection
        except IntegrityError:
            raise
        except DBAPIError as error:
            raise unavailable(error, self.engine.url) from error

    # ---- the facilitator ----

    def open_room(self, now: datetime, capacity: int = rooms.DEFAULT_CAPACITY) -> OpenedRoom:
        """A new room with a fresh code and key; rooms whose time is over are removed first."""
        if not 1 <= capacity <= rooms.MAX_CAPACITY:
            raise InvalidInput(f"capacity: a room holds 1 to {rooms.MAX_CAPACITY:,} people, got {capacity}")
        self.remove_expired(now)
        opened_at = utc_naive(now)
        key = rooms.new_facilitator_key()
        for _ in range(_CODE_TRIES):
            code = rooms.new_code()
            try:
                with self._transaction() as connection:
                    connection.execute(
                        rooms_table.insert(),
                        {
                            "code": code,
                            "key_digest": rooms.key_digest(key),
                            "opened_at": opened_at,
                            "expires_at": rooms.expiry(opened_at),
                            "closed_at": None,
                            "capacity": capacity,
                            "joined": 0,
                            "generation": 0,
                            "activity": rooms.ASSESSMENT,
                        },
                    )
            except IntegrityError:
                continue  # that code is taken: draw another
            return OpenedRoom(code, key, rooms.expiry(opened_at).replace(tzinfo=UTC))
        raise RuntimeError(f"no free room code after {_CODE_TRIES} tries")  # a billion codes: never

    def is_facilitator(self, code: str, key: object) -> bool:
        """True when key is the facilitator key of the room with this code (open, closed, not removed)."""
        with self._transaction(writes=False) as connection:
            digest = connection.execute(
                sa.select(rooms_table.c.key_digest).where(rooms_table.c.code == code)
            ).scalar_one_or_none()
        if digest is None:
            rooms.key_matches(key, rooms.key_digest(""))  # the time a wrong key takes
            return False
        return rooms.key_matches(key, digest)

    def _as_facilitator(self, connection: Connection, code: str, key: object) -> None:
        digest = connection.execute(
            sa.select(rooms_table.c.key_digest).where(rooms_table.c.code == code)
        ).scalar_one_or_none()
        if digest is None or not rooms.key_matches(key, digest):
            raise NotFacilitator(f"only the facilitator of room {rooms.format_code(code)} can change it")

    def reset(self, code: str, key: object) -> None:
        """Start the room's counts again from zero (the joined count stays: the people are still there)."""
        with self._transaction() as connection:
            self._as_facilitator(connection, code, key)
            connection.execute(
                rooms_table.update()
                .where(rooms_table.c.code == code)
                .values(generation=rooms_table.c.generation + 1)
            )
            # Older generations are never shown again: they go at once.
            connection.execute(
                room_counts_table.delete().where(
                    room_counts_table.c.code == code,
                    room_counts_table.c.generation
                    < sa.select(rooms_table.c.generation).where(rooms_table.c.code == code).scalar_subquery(),
                )
            )

    def close(self, code: str, key: object, now: datetime) -> None:
        """End the room: nobody joins or adds to it any more; its counts go an hour later."""
        closed_at = utc_naive(now)
        with self._transaction() as connection:
            self._as_facilitator(connection, code, key)
            expires_at = connection.execute(
                sa.select(rooms_table.c.expires_at).where(rooms_table.c.code == code)
            ).scalar_one()
            connection.execute(
                rooms_table.update()
                .where(rooms_table.c.code == code, rooms_table.c.closed_at.is_(None))
                .values(closed_at=closed_at, expires_at=rooms.expiry_after_closing(expires_at, closed_at))
            )

    def switch(self, code: str, key: object, activity: str) -> None:
        """Show another activity on the room's projector."""
        _check_name(activity, "activity", _MAX_ACTIVITY)
        with self._transaction() as connection:
            self._as_facilitator(connection, code, key)
            connection.execute(
                rooms_table.update().where(rooms_table.c.code == code).values(activity=activity)
            )

    # ---- everyone ----

    def room(self, code: str, now: datetime) -> Room | None:
        """The room with this code, or None when there is none (or it has been removed)."""
        with self._transaction(writes=False) as connection:
            row = connection.execute(sa.select(rooms_table).where(rooms_table.c.code == code)).one_or_none()
        if row is None:
            return None
        stored = row._mapping
        return Room(
            code=stored["code"],
            state=rooms.state_of(stored["expires_at"], stored["closed_at"], utc_naive(now)),
            joined=int(stored["joined"]),
            capacity=int(stored["capacity"]),
            generation=int(stored["generation"]),
            activity=str(stored["activity"]),
            expires_at=stored["expires_at"].replace(tzinfo=UTC),
        )

    def join(self, code: str, now: datetime) -> JoinResult:
        """One more person in the room, if it is open and not full: one atomic UPDATE decides."""
        moment = utc_naive(now)
        table = rooms_table
        with self._transaction() as connection:
            taken = connection.execute(
                table.update()
                .where(
                    table.c.code == code,
                    table.c.closed_at.is_(None),
                    table.c.expires_at > moment,
                    table.c.joined < table.c.capacity,
                )
                .values(joined=table.c.joined + 1)
            ).rowcount
        if taken:
            return JoinResult.JOINED
        found = self.room(code, now)
        if found is None or found.state is RoomState.EXPIRED:
            return JoinResult.UNKNOWN
        if found.state is RoomState.CLOSED:
            return JoinResult.CLOSED
        return JoinResult.FULL

    def add(self, code: str, generation: int, activity: str, items: Sequence[str], now: datetime) -> bool:
        """Add one to each item's count, in one statement; False (nothing added) if the room is not open.

        generation is the one the person's answer belongs to: an answer given before a reset
        lands in the old generation, which is never shown.
        """
        _check_name(activity, "activity", _MAX_ACTIVITY)
        for item in items:
            _check_name(item, "item", _MAX_ITEM)
        if not items:
            return False
        moment = utc_naive(now)
        table = rooms_table
        rows = [
            {"code": code, "generation": generation, "activity": activity, "item": item, "n": 1}
            for item in dict.fromkeys(items)  # each item once per answer
        ]
        with self._transaction() as connection:
            is_open = connection.execute(
                sa.select(table.c.code).where(
                    table.c.code == code, table.c.closed_at.is_(None), table.c.expires_at > moment
                )
            ).scalar_one_or_none()
            if is_open is None:
                return False
            connection.execute(_upsert_counts(self.engine.dialect.name), rows)
        return True

    def counts(self, code: str, generation: int) -> dict[str, dict[str, int]]:
        """The room's counts of one generation: activity -> item -> how many."""
        table = room_counts_table
        with self._transaction(writes=False) as connection:
            rows = connection.execute(
                sa.select(table.c.activity, table.c.item, table.c.n).where(
                    table.c.code == code, table.c.generation == generation
                )
            ).all()
        found: dict[str, dict[str, int]] = {}
        for activity, item, n in rows:
            found.setdefault(activity, {})[item] = int(n)
        return found

    def remove_expired(self, now: datetime) -> int:
        """Delete every room whose time is over, with its counts; how many rooms went."""
        moment = utc_naive(now)
        with self._transaction() as connection:
            gone = sa.select(rooms_table.c.code).where(rooms_table.c.expires_at <= moment)
            # Counts first: SQLite enforces the cascade only with foreign keys on, and this needs neither.
            connection.execute(room_counts_table.delete().where(room_counts_table.c.code.in_(gone)))
            return int(
                connection.execute(rooms_table.delete().where(rooms_table.c.expires_at <= moment)).rowcount
            )


def _check_name(value: object, name: str, longest: int) -> None:
    if not isinstance(value, str) or not value or len(value) > longest:
        raise InvalidInput(f"{name}: expected a name of 1 to {longest} characters, got {value!r:.60}")
