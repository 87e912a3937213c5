"""Migrations (issue 17): Alembic builds exactly the schema the code maps, and upgrades keep the data."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import head_revision


def test_migrations_build_the_mapped_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import text

    from modelmap.server.db import Base, make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    migrate(engine)  # running it again (every start does) changes nothing
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"


def test_upgrade_from_the_first_revision_keeps_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    import modelmap.server.db as db

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO teams (id, name, created_at) VALUES (1, 'payments', '2026-12-01')"))
        conn.execute(text("INSERT INTO projects (id, repo, team_id, created_at) "
                          "VALUES (1, 'acme/app', 1, '2026-12-01')"))
    db.migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT repo FROM projects")).scalar_one() == "acme/app"
        indexes = {row[1] for row in conn.execute(text("PRAGMA index_list('usages')"))}
        assert "ix_usages_snapshot_model" in indexes
