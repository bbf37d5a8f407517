"""merge the calendar law and the candidates

Revision ID: 1c9df42f6218
Revises: c15c92bbe3fe, 457dd8fe32bb
Create Date: 2026-11-25 23:05:23.119635

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '1c9df42f6218'
down_revision: Union[str, None] = ('c15c92bbe3fe', '457dd8fe32bb')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
