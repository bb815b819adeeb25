"""Workshop rooms and their anonymous counts: two new tables, nothing of the diary changed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("code", sa.String(16), nullable=False),
        # The SHA-256 of the facilitator's secret, never the secret itself.
        sa.Column("key_digest", sa.String(64), nullable=False),
        # Instants in UTC without a zone, as the diary keeps them.
        sa.Column("opened_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("joined", sa.Integer, nullable=False, server_default="0"),
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
        sa.Column("activity", sa.String(128), nullable=False, server_default="assessment"),
        sa.PrimaryKeyConstraint("code", name="pk_rooms"),
    )
    op.create_index("ix_rooms_expires_at", "rooms", ["expires_at"])
    # Only counts: no person, no time, no answer of anyone's.
    op.create_table(
        "room_counts",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("activity", sa.String(128), nullable=False),
        sa.Column("item", sa.String(255), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("code", "generation", "activity", "item", name="pk_room_counts"),
        sa.ForeignKeyConstraint(["code"], ["rooms.code"], name="fk_room_counts_room", ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("room_counts")
    op.drop_index("ix_rooms_expires_at", table_name="rooms")
    op.drop_table("rooms")
