"""audit records name their hash scheme: plain SHA-256 or keyed HMAC-SHA256 (issue 13)

Existing records keep their plain SHA-256 ("sha256") and still verify; records written once
a key is configured are "hmac-sha256".

Revision ID: b13a0002a0d1
Revises: b13a0001c0de
Create Date: 2026-11-25 23:20:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = 'b13a0002a0d1'
down_revision: Union[str, None] = 'b13a0001c0de'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scheme', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='sha256'))


def downgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_column('scheme')
