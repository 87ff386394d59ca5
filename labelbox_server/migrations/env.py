"""Alembic environment for labelbox_server.

Used programmatically (`labelbox_server.db.migrate.upgrade`, which passes the engine in
`config.attributes["engine"]`) or from the `alembic` command line with a config whose
`script_location` is this directory and `sqlalchemy.url` is set.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from labelbox_server.db.models import Base
from labelbox_server.db.session import make_engine

config = context.config
target_metadata = Base.metadata

# Servers sharing one PostgreSQL database may start at once: migrate one at a time.
POSTGRES_MIGRATION_LOCK = 74_657_201


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    owned = not isinstance(engine, Engine)
    if owned:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("set sqlalchemy.url to run the migrations")
        engine = make_engine(url)
    assert isinstance(engine, Engine)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_MIGRATION_LOCK}
                    )
                context.run_migrations()
    finally:
        if owned:
            engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
