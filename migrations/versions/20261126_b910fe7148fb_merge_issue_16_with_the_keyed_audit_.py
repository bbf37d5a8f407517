"""merge issue 16 with the keyed audit chain

Revision ID: b910fe7148fb
Revises: 6ce9c746fcb3, b13a0002a0d1
Create Date: 2026-11-26 00:12:24.894721

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'b910fe7148fb'
down_revision: Union[str, None] = ('6ce9c746fcb3', 'b13a0002a0d1')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
