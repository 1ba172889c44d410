"""documents.search: folded title and text, for article search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 02:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search", sa.Text(), nullable=False, server_default=""))
    # fill it for articles stored before this revision
    from rasid.store.repository import search_text

    conn = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                    sa.column("raw", sa.Text), sa.column("search", sa.Text))
    rows = conn.execute(sa.select(docs.c.id, docs.c.title, docs.c.raw)).all()
    for start in range(0, len(rows), 500):
        conn.execute(docs.update().where(docs.c.id == sa.bindparam("_id")).values(search=sa.bindparam("_s")),
                     [{"_id": i, "_s": search_text(t, r).replace("\x00", "\ufffd")} for i, t, r in rows[start:start + 500]])


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("search")
