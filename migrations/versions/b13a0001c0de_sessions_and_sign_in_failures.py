"""sessions that end and sign-in failures summarised (issue 13)

Each user gets a random session key (what a cookie names, never the reusable id) and a
session version (raised to end every session); failed sign-ins are counted per hour in
sign_in_failure instead of one audit record each. Existing throttle rows are dropped: their
keys held raw emails, the new ones are hashes.

Revision ID: b13a0001c0de
Revises: fc1be178b508
Create Date: 2026-11-25 22:50:00
"""
import secrets
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import guard.store.types

revision: str = 'b13a0001c0de'
down_revision: Union[str, None] = 'fc1be178b508'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
    connection = op.get_bind()
    ids = [row[0] for row in connection.execute(sa.text('SELECT id FROM user_account'))]
    for user_id in ids:
        connection.execute(
            sa.text('UPDATE user_account SET session_key = :key WHERE id = :id'),
            {'key': secrets.token_hex(16), 'id': user_id},
        )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('session_key', existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False)
        batch_op.create_unique_constraint('uq_user_account_session_key', ['session_key'])

    op.execute('DELETE FROM sign_in_throttle')
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_window_started_at'), ['window_started_at'], unique=False)

    op.create_table('sign_in_failure',
    sa.Column('window_start', guard.store.types.UTCDateTime(), nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('delayed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('window_start', 'account')
    )


def downgrade() -> None:
    op.drop_table('sign_in_failure')
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_window_started_at'))
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint('uq_user_account_session_key', type_='unique')
        batch_op.drop_column('session_version')
        batch_op.drop_column('session_key')
