"""Indexes for the paged lists: deliveries by state and post, sent deliveries by time.

Revision ID: b14c0a7e5d21
Revises: b13a0002a0d1
Create Date: 2026-11-25 23:30:00
"""

from collections.abc import Sequence
from typing import Union

from alembic import op

revision: str = "b14c0a7e5d21"
down_revision: Union[str, None] = "b13a0002a0d1"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Posts in a state (lists, counts, the review queue) without reading every delivery.
    op.create_index("ix_delivery_status_post", "delivery", ["status", "post_id"])
    # The archive, newest first: sent deliveries in time order.
    op.create_index("ix_delivery_status_sent_at", "delivery", ["status", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_delivery_status_sent_at", table_name="delivery")
    op.drop_index("ix_delivery_status_post", table_name="delivery")
