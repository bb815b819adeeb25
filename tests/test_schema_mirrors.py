"""The store's table mirrors (the SQLAlchemy tables queries are written against) match what the
migrations build, on SQLite and on PostgreSQL: a column added to one and not the other fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rehab_core import room_store, store
from rehab_core.database import upgrade

MIRRORS = (store.metadata, room_store.metadata)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def _differences(url: str) -> list[Any]:
    engine = sa.create_engine(url)
    try:
        upgrade(engine)
        mirrors = sa.MetaData()
        for metadata in MIRRORS:
            for table in metadata.tables.values():
                table.to_metadata(mirrors)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _parent: name != "alembic_version",
                },
            )
            return list(compare_metadata(context, mirrors))
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_the_stores_table_mirrors(migrated_url: str) -> None:
    assert _differences(migrated_url) == []


def test_a_mirror_column_the_migrations_never_made_is_found(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = sa.MetaData()
    store.check_ins_table.to_metadata(extra)
    extra.tables["check_ins"].append_column(sa.Column("mood", sa.Integer, nullable=True))
    monkeypatch.setattr("tests.test_schema_mirrors.MIRRORS", (extra, room_store.metadata))
    differences = _differences(migrated_url)
    assert [(change[0], change[-1].name) for change in differences] == [("add_column", "mood")]
