"""The check-in's answer to "any new warning sign since last time?": one column, no for every older row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # The server default fills every existing row (nobody was asked before this question existed)
    # and keeps the column NOT NULL; both SQLite and PostgreSQL add such a column in place.
    with op.batch_alter_table("check_ins") as batch:
        batch.add_column(sa.Column("new_warning_sign", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("check_ins") as batch:
        batch.drop_column("new_warning_sign")
