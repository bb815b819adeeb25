"""Alembic migrations of the diary database, run by store.open_engine; every schema change is a revision."""
