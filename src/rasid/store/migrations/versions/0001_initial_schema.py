"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 02:08:04.465631
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('outlet', sa.String(length=255), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_doc_id'), ['doc_id'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('loc_name', sa.String(length=255), nullable=True),
    sa.Column('loc_text', sa.Text(), nullable=True),
    sa.Column('admin1', sa.String(length=100), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fat_min', sa.Integer(), nullable=True),
    sa.Column('fat_max', sa.Integer(), nullable=True),
    sa.Column('fat_conservative', sa.Integer(), nullable=True),
    sa.Column('fat_by_source', sa.JSON(), nullable=True),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('actors', sa.Text(), nullable=False),
    sa.Column('search', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_admin1'), ['admin1'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_date_end'), ['date_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_date_start'), ['date_start'], unique=False)
        batch_op.create_index('ix_incidents_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_type'), ['type'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_label'), ['label'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('modality', sa.String(length=20), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.Text(), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_end', sa.Integer(), nullable=True),
    sa.Column('actor1', sa.String(length=64), nullable=True),
    sa.Column('actor2', sa.String(length=64), nullable=True),
    sa.Column('actor1_text', sa.Text(), nullable=True),
    sa.Column('actor2_text', sa.Text(), nullable=True),
    sa.Column('loc_text', sa.Text(), nullable=True),
    sa.Column('loc_name', sa.String(length=255), nullable=True),
    sa.Column('admin1', sa.String(length=100), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('loc_gid', sa.String(length=64), nullable=True),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('loc_start', sa.Integer(), nullable=True),
    sa.Column('loc_end', sa.Integer(), nullable=True),
    sa.Column('fat_total', sa.Integer(), nullable=True),
    sa.Column('fat_civilians', sa.Integer(), nullable=True),
    sa.Column('fat_children', sa.Integer(), nullable=True),
    sa.Column('fat_combatants', sa.Integer(), nullable=True),
    sa.Column('fat_text', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=64), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('search', sa.Text(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_actor1'), ['actor1'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_actor2'), ['actor2'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_admin1'), ['admin1'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_events_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('speaker_start', sa.Integer(), nullable=True),
    sa.Column('speaker_end', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=True),
    sa.Column('cue', sa.Text(), nullable=False),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_document_id'), ['document_id'], unique=False)

    op.create_table('incident_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_reports_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_reports_incident_id'), ['incident_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('incident_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_reports_incident_id'))
        batch_op.drop_index(batch_op.f('ix_incident_reports_event_id'))

    op.drop_table('incident_reports')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_document_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_source'))
        batch_op.drop_index('ix_events_lat_lon')
        batch_op.drop_index(batch_op.f('ix_events_document_id'))
        batch_op.drop_index(batch_op.f('ix_events_doc_id'))
        batch_op.drop_index(batch_op.f('ix_events_date'))
        batch_op.drop_index(batch_op.f('ix_events_admin1'))
        batch_op.drop_index(batch_op.f('ix_events_actor2'))
        batch_op.drop_index(batch_op.f('ix_events_actor1'))

    op.drop_table('events')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_label'))
        batch_op.drop_index(batch_op.f('ix_entities_document_id'))

    op.drop_table('entities')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_type'))
        batch_op.drop_index('ix_incidents_lat_lon')
        batch_op.drop_index(batch_op.f('ix_incidents_date_start'))
        batch_op.drop_index(batch_op.f('ix_incidents_date_end'))
        batch_op.drop_index(batch_op.f('ix_incidents_admin1'))

    op.drop_table('incidents')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_doc_id'))
        batch_op.drop_index(batch_op.f('ix_documents_date'))

    op.drop_table('documents')
