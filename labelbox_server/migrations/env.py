"""Alembic environment for labelbox_server.

Used programmatically (`labelbox_server.db.migrate.upgrade`, which passes the engine in
`config.attributes["engine"]`) or from the `alembic` command line with a config whose
`script_location` is this directory and `sqlalchemy.url` is set.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, text

from labelbox_server.db.models import Base
from labelbox_server.db.session import make_engine

config = context.config
target_metadata = Base.metadata

# Servers sharing one PostgreSQL database may start at once: migrate one at a time.
POSTGRES_MIGRATION_LOCK = 74_657_201


def _sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    """Turn SQLite's foreign-key enforcement off while the migrations run, and on again.

    Batch migrations rebuild a table (copy it, drop it, rename the copy), which enforcement
    refuses while other tables reference it. PRAGMA foreign_keys is a no-op inside a
    transaction, so it goes to the driver connection (autocommit) outside of the migration's
    transaction (on SQLite, Alembic commits each migration on its own); `_check_foreign_keys`
    then verifies every reference still holds."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        raise RuntimeError(f"the migrations broke foreign keys: {violations[:5]}")


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
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                _sqlite_foreign_keys(connection, enabled=False)
            try:
                context.configure(connection=connection, target_metadata=target_metadata)
                with context.begin_transaction():
                    if connection.dialect.name == "postgresql":
                        connection.execute(
                            text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": POSTGRES_MIGRATION_LOCK},
                        )
                    context.run_migrations()
                    if sqlite:
                        _check_foreign_keys(connection)
            finally:
                if sqlite:
                    if connection.in_transaction():  # reads after the last migration's commit
                        connection.commit()
                    _sqlite_foreign_keys(connection, enabled=True)
    finally:
        if owned:
            engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
