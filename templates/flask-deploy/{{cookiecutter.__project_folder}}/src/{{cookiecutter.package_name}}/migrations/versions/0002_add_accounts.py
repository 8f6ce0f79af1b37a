"""Add accounts: users, their API tokens, sign-in attempts; notes get an
author and an idempotency key.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("session_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_api_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("digest", name=op.f("uq_api_tokens_digest")),
    )
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(op.f("ix_sign_in_attempts_at"), "sign_in_attempts", ["at"])
    # batch: SQLite cannot add a constraint to a table, so Alembic rebuilds it there.
    with op.batch_alter_table("notes") as notes:
        notes.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        notes.add_column(
            sa.Column("idempotency_key", sa.String(length=255), nullable=True)
        )
        notes.create_foreign_key(
            op.f("fk_notes_author_id_users"),
            "users",
            ["author_id"],
            ["id"],
            ondelete="SET NULL",
        )
        notes.create_unique_constraint(
            op.f("uq_notes_author_id_idempotency_key"), ["author_id", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("notes") as notes:
        notes.drop_constraint(
            op.f("uq_notes_author_id_idempotency_key"), type_="unique"
        )
        notes.drop_constraint(op.f("fk_notes_author_id_users"), type_="foreignkey")
        notes.drop_column("idempotency_key")
        notes.drop_column("author_id")
    op.drop_index(op.f("ix_sign_in_attempts_at"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    op.drop_table("api_tokens")
    op.drop_table("users")
