"""Initial schema: profiles, contact cards (encrypted whole), preferences, change log.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('profile_changes',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('profile_id', sa.String(length=64), nullable=False),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_profile_changes'))
    )
    with op.batch_alter_table('profile_changes', schema=None) as batch_op:
        batch_op.create_index('ix_profile_changes_profile_id', ['profile_id'], unique=False)

    op.create_table('profiles',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('organization', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('offering', sa.Text(), nullable=False),
    sa.Column('seeking', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('target_markets', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('hall', sa.Text(), nullable=False),
    sa.Column('guardian_consent', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profiles'))
    )
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profiles_role'), ['role'], unique=False)

    op.create_table('contact_cards',
    sa.Column('profile_id', sa.String(length=64), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.id'], name=op.f('fk_contact_cards_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_contact_cards'))
    )
    op.create_table('preferences',
    sa.Column('profile_id', sa.String(length=64), nullable=False),
    sa.Column('personalized_recommendations', sa.Boolean(), nullable=False),
    sa.Column('discoverable', sa.Boolean(), nullable=False),
    sa.Column('share_contact_card', sa.Boolean(), nullable=False),
    sa.Column('do_not_track', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.id'], name=op.f('fk_preferences_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_preferences'))
    )


def downgrade() -> None:
    op.drop_table('preferences')
    op.drop_table('contact_cards')
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profiles_role'))

    op.drop_table('profiles')
    with op.batch_alter_table('profile_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_profile_changes_profile_id')

    op.drop_table('profile_changes')
