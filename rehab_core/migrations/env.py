"""Alembic environment: runs the revisions on the connection that database.open_engine hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run the diary migrations through rehab_core.database.open_engine or upgrade()")

# Batch mode lets later revisions alter SQLite tables (copy, move rows, swap) without losing rows.
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
