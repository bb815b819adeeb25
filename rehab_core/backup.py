"""A backup of a SQLite diary that holds every save: SQLite's online backup API, never a file copy.

Copying `diary.sqlite3` with a file manager can miss saves still in its `-wal` file, or catch a
page half written. The backup API reads one consistent snapshot through SQLite itself, while the
app keeps running. `make backup` runs `python -m rehab_core.backup [FOLDER]`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine, make_url

from rehab_core.database import REPO_DIR, database_url

DEFAULT_BACKUP_DIR = REPO_DIR / "backups"
SECRETS_PATH = REPO_DIR / ".streamlit" / "secrets.toml"


class NoSqliteDiary(Exception):  # noqa: N818  # reads as a state
    """The diary is not a SQLite file (PostgreSQL has its own backups); the message says what to do."""


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database URL, or None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database.removeprefix("file:").split("?", 1)[0])


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> int:
    """Copy source into target through the backup API; how many check-ins the copy holds."""
    source.backup(target)
    found = target.execute("PRAGMA integrity_check").fetchone()
    if found is None or found[0] != "ok":
        raise sqlite3.DatabaseError(f"the backup failed its integrity check: {found}")
    try:
        return int(target.execute("SELECT count(*) FROM check_ins").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # a database made before the first migration


def backup_bytes(engine: Engine) -> bytes:
    """The whole SQLite diary as the bytes of one database file, every save included."""
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection), "backup_bytes needs a SQLite engine"
        with closing(sqlite3.connect(":memory:")) as target:
            _copy(source, target)
            data = bytearray(target.serialize())
        # Header bytes 18 and 19 say 2 (WAL) as the diary's do; 1 (a rollback journal) makes the
        # download one self-contained file wherever it is opened.
        data[18:20] = b"\x01\x01"
        return bytes(data)
    finally:
        raw.close()


def backup_file(source_path: Path, folder: Path, now: datetime | None = None) -> tuple[Path, int]:
    """Back the SQLite diary at source_path up into folder; the new file and its check-ins.

    The copy is written under a temporary name and renamed when complete, so a backup file that
    exists is a whole one.
    """
    if not source_path.is_file():
        raise FileNotFoundError(f"there is no diary file at {source_path}")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target_path = folder / f"{source_path.stem}-{stamp}.sqlite3"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".sqlite3")
    os.close(handle)
    try:
        with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(temporary)) as target:
            count = _copy(source, target)
            # The copy keeps no write-ahead log of its own: one self-contained file.
            target.execute("PRAGMA journal_mode=DELETE")
        os.replace(temporary, target_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target_path, count


def _secrets(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_BACKUP_DIR
    url = database_url(secrets=_secrets(SECRETS_PATH))
    path = sqlite_path(url)
    if path is None:
        print(
            "The diary is kept in PostgreSQL, not in a SQLite file: back it up with pg_dump "
            "(or your host's backups). Nothing was written.",
            file=sys.stderr,
        )
        return 2
    try:
        written, count = backup_file(path, folder)
    except (OSError, sqlite3.Error) as error:
        print(f"No backup was made: {error}", file=sys.stderr)
        return 1
    print(f"Backed up {count:,} check-in{'' if count == 1 else 's'} from {path} to {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
