"""merge the trust work

Revision ID: fc1be178b508
Revises: 1c9df42f6218, 47f721e2953f
Create Date: 2026-11-25 23:12:00.417414

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'fc1be178b508'
down_revision: Union[str, None] = ('1c9df42f6218', '47f721e2953f')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
