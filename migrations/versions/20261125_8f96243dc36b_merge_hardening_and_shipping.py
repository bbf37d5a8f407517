"""merge hardening and shipping

Revision ID: 8f96243dc36b
Revises: 6ce9c746fcb3, b13a0002a0d1
Create Date: 2026-11-25 23:56:22.578513

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '8f96243dc36b'
down_revision: Union[str, None] = ('6ce9c746fcb3', 'b13a0002a0d1')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
