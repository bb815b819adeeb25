"""The first diary schema: one table of check-ins, keyed by owner and check-in id.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("id", sa.String(32), nullable=False),
        # The instant in UTC (no zone, so SQLite and PostgreSQL compare it the same way) plus the
        # person's UTC offset at that moment, so the local day and time come back exactly.
        sa.Column("at_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("utc_offset_seconds", sa.Integer, nullable=False),
        sa.Column("pain", sa.SmallInteger, nullable=False),
        sa.Column("movement_pain", sa.JSON, nullable=False),
        sa.Column("sessions_done", sa.SmallInteger, nullable=False),
        sa.Column("ice", sa.Boolean, nullable=False),
        sa.Column("heat", sa.Boolean, nullable=False),
        # Text, never a sized string: a note is stored whole.
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("owner", "id", name="pk_check_ins"),
    )
    op.create_index("ix_check_ins_owner_at", "check_ins", ["owner", "at_utc"])


def downgrade() -> None:
    op.drop_index("ix_check_ins_owner_at", table_name="check_ins")
    op.drop_table("check_ins")
