"""Database: migrations create the schema and keep data; API keys are stored hashed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from labelbox_server import LocalServer
from labelbox_server.db import migrate
from labelbox_server.db.models import ApiKey, Base, MetadataSchema, Role
from labelbox_server.db.session import make_engine
from labelbox_server.domain.api_keys import hash_key
from labelbox_server.provisioning import initialize


@pytest.fixture
def database_url(tmp_path: Path, new_database_url: Callable[[], str | None]) -> str:
    return new_database_url() or f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_migrations_create_exactly_the_models(engine: Engine) -> None:
    migrate.upgrade(engine)
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert migrate.current_revision(engine) == head
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert set(inspect(engine).get_table_names()) >= {
        "organizations",
        "users",
        "api_keys",
        "roles",
        "projects",
        "project_members",
        "datasets",
        "project_datasets",
        "labeling_frontends",
        "metadata_schemas",
    }


def test_seed_data(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.connect() as connection:
        roles = connection.scalars(select(Role.name).order_by(Role.rank)).all()
        assert roles == ["None", "Labeler", "Reviewer", "Team Manager", "Admin"]
        schemas = {
            row.id: (row.name, row.kind, row.parent_id)
            for row in connection.execute(select(MetadataSchema))
        }
    assert schemas["cko8s9r5v0001h2dk9elqdidh"] == ("tag", "CustomMetadataString", None)
    assert schemas["cko8sbczn0002h2dkdaxb5kal"][:2] == ("split", "CustomMetadataEnum")
    options = {
        name for name, _, parent in schemas.values() if parent == "cko8sbczn0002h2dkdaxb5kal"
    }
    assert options == {"train", "test", "valid"}
    assert schemas["cko8sdzv70006h2dk8jg64zvb"][:2] == ("captureDateTime", "CustomMetadataDateTime")
    assert schemas["ckpyije740000yxdk81pbgjdc"][:2] == ("embedding", "CustomMetadataEmbedding")
    for precomputed in (
        "ckrzang79000008l6hb5s6za1",
        "ckwv9uzy90000wayj7yb6h31u",
        "ckrzao09x000108l67vrcdnh3",
        "ckrzao5r3000208l6e4wr0zb6",
    ):
        assert schemas[precomputed][1] == "CustomMetadataEmbedding"


def test_data_survives_upgrades(database_url: str, engine: Engine) -> None:
    created = initialize(database_url)
    migrate.upgrade(engine)  # again: a no-op that keeps the data
    initialize(database_url)
    with engine.connect() as connection:
        count = connection.scalar(text("SELECT count(*) FROM organizations"))
        assert count == 2
        owner = connection.scalar(
            select(ApiKey.user_id).where(ApiKey.key_hash == hash_key(created.api_key))
        )
        assert owner == created.user_id


def test_downgrade_and_upgrade(engine: Engine) -> None:
    migrate.upgrade(engine)
    from alembic import command

    command.downgrade(migrate.alembic_config(engine), "base")
    assert "projects" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert "projects" in inspect(engine).get_table_names()


def test_api_keys_are_stored_hashed(server: LocalServer) -> None:
    key = server.api_key
    engine = make_engine(server.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(ApiKey)).all()
            everything = [
                repr(row)
                for table in Base.metadata.sorted_tables
                for row in connection.execute(select(table))
            ]
    finally:
        engine.dispose()
    assert hash_key(key) in {row.key_hash for row in rows}
    assert key[:6] in {row.prefix for row in rows}
    assert not any(key in value for value in everything)
    if server.database_url.startswith("sqlite"):
        for path in server.data_dir.glob("labelbox.db*"):
            assert key.encode() not in path.read_bytes(), path
