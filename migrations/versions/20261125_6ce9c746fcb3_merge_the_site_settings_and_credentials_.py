"""merge the site settings and credentials with main

Revision ID: 6ce9c746fcb3
Revises: 13a4a8dda0a9, fc1be178b508
Create Date: 2026-11-25 23:35:16.120499

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '6ce9c746fcb3'
down_revision: Union[str, None] = ('13a4a8dda0a9', 'fc1be178b508')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
