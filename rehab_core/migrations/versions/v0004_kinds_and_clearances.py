"""What each diary entry records (check-in, assessment or session), the background warning signs
answered yes at an assessment, and the day a person was checked and told they can exercise.

Older rows keep their meaning: before this revision the app made the plan from the latest entry
that rated any movement, so every such row becomes an assessment and every other row a check-in.
Their background answers are empty: the older safety check asked every sign and saved nothing
while one was ticked, so a saved assessment had none.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("check_ins") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="check_in"))
        batch.add_column(sa.Column("background_signs", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("cleared_on", sa.Date, nullable=True))
    rated = "movement_pain::text" if op.get_bind().dialect.name == "postgresql" else "movement_pain"
    op.execute(f"UPDATE check_ins SET kind = 'assessment' WHERE {rated} <> '{{}}'")


def downgrade() -> None:
    with op.batch_alter_table("check_ins") as batch:
        batch.drop_column("cleared_on")
        batch.drop_column("background_signs")
        batch.drop_column("kind")
