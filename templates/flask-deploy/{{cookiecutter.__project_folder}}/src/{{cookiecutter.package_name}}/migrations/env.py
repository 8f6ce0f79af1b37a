"""How Alembic reaches the database: through the Flask application's engine."""

import logging.config

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name:
    logging.config.fileConfig(config.config_file_name)

extension = current_app.extensions["migrate"]
engine = extension.db.engine
target_metadata = extension.db.metadata


def run_migrations_offline() -> None:
    """`flask db upgrade --sql`: print the SQL instead of running it."""
    context.configure(
        url=engine.url.render_as_string(hide_password=False),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # The application's statement timeout (config.py) is for requests;
            # a migration rebuilding an index on a large table may need longer.
            connection.exec_driver_sql("SET statement_timeout = 0")
            # But waiting for a table's lock stops after 10 s, or every request
            # that touches the table would queue behind the migration meanwhile.
            connection.exec_driver_sql("SET lock_timeout = '10s'")
            connection.commit()  # else Alembic joins this transaction, never committed
        context.configure(
            connection=connection, target_metadata=target_metadata, compare_type=True
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
