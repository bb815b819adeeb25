"""Workshop rooms in the diary database: the rooms and their anonymous counts (SQLAlchemy 2).

Every change of a count is one atomic SQL statement (an INSERT ... ON CONFLICT DO UPDATE that
adds to the stored number, or an UPDATE ... SET joined = joined + 1), so a hundred phones
answering at once lose nothing, on SQLite and on PostgreSQL, from any number of app replicas.
Only the holder of a room's facilitator key can reset, close, switch or resize it: the store
checks the key itself, whatever the page asked.

A room's seats (one per browser in it, by the digest of the browser's token) are kept as rows of
the counts table under the activity rooms.SEATS, so a browser is counted once however many tabs
or reloads it makes, and leaving gives its seat back. The projector's snapshots (see
rooms.step_snapshot) are rows under rooms.shown_activity(activity), written in the same
transaction as the answer that reached a step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
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


def _insert(dialect: str) -> postgresql.Insert | sqlite.Insert:
    return (
        postgresql.insert(room_counts_table) if dialect == "postgresql" else sqlite.insert(room_counts_table)
    )


_KEYS = [
    room_counts_table.c.code,
    room_counts_table.c.generation,
    room_counts_table.c.activity,
    room_counts_table.c.item,
]


def _upsert_counts(dialect: str, *, replace: bool = False) -> sa.Insert:
    """INSERT a row per item, or add to (replace: overwrite) the row already there: one atomic statement."""
    insert = _insert(dialect)
    n = insert.excluded.n if replace else room_counts_table.c.n + insert.excluded.n
    return insert.on_conflict_do_update(index_elements=_KEYS, set_={"n": n})


def _insert_seat(dialect: str) -> sa.Insert:
    """INSERT a seat row, or nothing when the browser already has it (rowcount says which)."""
    return _insert(dialect).on_conflict_do_nothing(index_elements=_KEYS)


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
                    room_counts_table.c.activity != rooms.SEATS,  # the people are still there
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

    def set_capacity(self, code: str, key: object, capacity: int) -> None:
        """Let the room hold `capacity` people: never fewer than are in it now."""
        with self._transaction() as connection:
            self._as_facilitator(connection, code, key)
            joined = connection.execute(
                sa.select(rooms_table.c.joined).where(rooms_table.c.code == code)
            ).scalar_one()
            if not max(1, joined) <= capacity <= rooms.MAX_CAPACITY:
                raise InvalidInput(
                    f"capacity: this room can hold {max(1, joined)} to {rooms.MAX_CAPACITY:,} people "
                    f"({joined} are in it now), got {capacity}"
                )
            connection.execute(
                rooms_table.update().where(rooms_table.c.code == code).values(capacity=capacity)
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

    def join(self, code: str, now: datetime, seat: str) -> JoinResult:
        """Give this browser (seat: rooms.seat_digest of its token) a place in the room, once.

        A browser already in the room is JOINED again without counting twice; a new one takes a
        place if the room is open and not full (one atomic UPDATE decides), and its seat row is
        written in the same transaction. A browser joins one room at a time: its seat in any
        other room is given back first.
        """
        _check_name(seat, "seat", 64)
        moment = utc_naive(now)
        table = rooms_table
        item = rooms.seat_item(seat)
        with self._transaction() as connection:
            if self._has_seat(connection, code, item):
                return JoinResult.JOINED
            self._give_back_seats(connection, item, except_code=code)
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
                written = connection.execute(
                    _insert_seat(self.engine.dialect.name),
                    {"code": code, "generation": 0, "activity": rooms.SEATS, "item": item, "n": 1},
                ).rowcount
                if not written:  # another tab of the same browser took the seat a moment ago
                    connection.execute(
                        table.update().where(table.c.code == code).values(joined=table.c.joined - 1)
                    )
        if taken:
            return JoinResult.JOINED
        found = self.room(code, now)
        if found is None or found.state is RoomState.EXPIRED:
            return JoinResult.UNKNOWN
        if found.state is RoomState.CLOSED:
            return JoinResult.CLOSED
        return JoinResult.FULL

    def leave(self, code: str, seat: str) -> bool:
        """Give this browser's seat in the room back (one person fewer); False when it had none."""
        _check_name(seat, "seat", 64)
        with self._transaction() as connection:
            return self._give_back(connection, code, rooms.seat_item(seat))

    def seat_room(self, seat: str, now: datetime) -> str | None:
        """The code of the open room this browser has a seat in, if any (a reload finds its room)."""
        _check_name(seat, "seat", 64)
        moment = utc_naive(now)
        table, counts = rooms_table, room_counts_table
        with self._transaction() as connection:
            return connection.execute(
                sa.select(table.c.code)
                .join(counts, counts.c.code == table.c.code)
                .where(
                    counts.c.activity == rooms.SEATS,
                    counts.c.item == rooms.seat_item(seat),
                    table.c.closed_at.is_(None),
                    table.c.expires_at > moment,
                )
                .limit(1)
            ).scalar_one_or_none()

    @staticmethod
    def _has_seat(connection: Connection, code: str, item: str) -> bool:
        seats = room_counts_table
        return (
            connection.execute(
                sa.select(seats.c.n).where(
                    seats.c.code == code, seats.c.activity == rooms.SEATS, seats.c.item == item
                )
            ).scalar_one_or_none()
            is not None
        )

    @staticmethod
    def _give_back(connection: Connection, code: str, item: str) -> bool:
        seats = room_counts_table
        gone = connection.execute(
            seats.delete().where(seats.c.code == code, seats.c.activity == rooms.SEATS, seats.c.item == item)
        ).rowcount
        if gone:
            connection.execute(
                rooms_table.update()
                .where(rooms_table.c.code == code, rooms_table.c.joined > 0)
                .values(joined=rooms_table.c.joined - 1)
            )
        return bool(gone)

    def _give_back_seats(self, connection: Connection, item: str, *, except_code: str) -> None:
        seats = room_counts_table
        elsewhere = connection.execute(
            sa.select(seats.c.code).where(
                seats.c.activity == rooms.SEATS, seats.c.item == item, seats.c.code != except_code
            )
        ).scalars()
        for other in list(elsewhere):
            self._give_back(connection, other, item)

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
        counts = room_counts_table
        with self._transaction() as connection:
            # FOR UPDATE (PostgreSQL; SQLite's write lock does the same): one answer at a time per
            # room, so a snapshot is taken of exactly the counts that reached its step.
            is_open = connection.execute(
                sa.select(table.c.code)
                .where(table.c.code == code, table.c.closed_at.is_(None), table.c.expires_at > moment)
                .with_for_update()
            ).scalar_one_or_none()
            if is_open is None:
                return False
            connection.execute(_upsert_counts(self.engine.dialect.name), rows)
            now_counts = {
                str(item): int(n)
                for item, n in connection.execute(
                    sa.select(counts.c.item, counts.c.n).where(
                        counts.c.code == code,
                        counts.c.generation == generation,
                        counts.c.activity == activity,
                    )
                )
            }
            snapshot = rooms.step_snapshot(now_counts, list(dict.fromkeys(items)))
            if snapshot:
                shown = rooms.shown_activity(activity)
                _check_name(shown, "activity", _MAX_ACTIVITY)
                connection.execute(
                    _upsert_counts(self.engine.dialect.name, replace=True),
                    [
                        {"code": code, "generation": generation, "activity": shown, "item": item, "n": n}
                        for item, n in snapshot.items()
                    ],
                )
        return True

    def counts(self, code: str, generation: int) -> dict[str, dict[str, int]]:
        """The room's counts of one generation: activity -> item -> how many."""
        table = room_counts_table
        with self._transaction(writes=False) as connection:
            rows = connection.execute(
                sa.select(table.c.activity, table.c.item, table.c.n).where(
                    table.c.code == code, table.c.generation == generation, table.c.activity != rooms.SEATS
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
