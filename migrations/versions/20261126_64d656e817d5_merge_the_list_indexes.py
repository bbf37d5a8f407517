"""merge the list indexes

Revision ID: 64d656e817d5
Revises: 8f96243dc36b, b14c0a7e5d21
Create Date: 2026-11-26 00:21:53.935747

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '64d656e817d5'
down_revision: Union[str, None] = ('8f96243dc36b', 'b14c0a7e5d21')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
