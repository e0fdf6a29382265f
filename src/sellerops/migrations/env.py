"""Alembic environment: uses the connection handed over by sellerops.core.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sellerops.core.config import get_settings
from sellerops.core.db import make_engine
from sellerops.core.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the plain `alembic` command line, for developers writing revisions
    url = config.get_main_option("sqlalchemy.url") or get_settings().effective_database_url
    with make_engine(url).connect() as conn:
        _run(conn)
