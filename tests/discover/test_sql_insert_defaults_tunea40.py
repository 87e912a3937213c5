"""An app seeding its default settings with an SQL INSERT held in a multi-line string binds each value to the column
it fills: a model-named column's quoted value is that setting's model. Other columns, placeholders and rows whose
values do not line up with the columns are not read. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_a_rust_insert_of_default_settings(tmp_path: Path) -> None:
    text = ("pub async fn seed(pool: &SqlitePool) -> Result<()> {\n"
            "    let query = r#\"\n"
            "        INSERT INTO settings (id, provider, model, embedModel, theme)\n"
            "        VALUES ('1', 'openai', 'gpt-4o-mini', 'text-embedding-3-small', 'dark')\n"
            "        ON CONFLICT(id) DO NOTHING\n"
            "    \"#;\n"
            "    sqlx::query(query).execute(pool).await?;\n"
            "    Ok(())\n"
            "}\n")
    got = found(tmp_path, "src/db/seed.rs", text)
    assert {(4, "gpt-4o-mini"), (4, "text-embedding-3-small")} <= got
    assert not {raw for _, raw in got} & {"openai", "dark", "1"}


def test_misaligned_rows_and_placeholders_are_not_read(tmp_path: Path) -> None:
    text = ("pub fn q() -> &'static str {\n"
            "    r#\"\n"
            "        INSERT INTO settings (id, model, theme)\n"
            "        VALUES ('1', 'gpt-4o-mini')\n"
            "        INSERT INTO runs (id, model)\n"
            "        VALUES (?, ?)\n"
            "    \"#\n"
            "}\n")
    got = found(tmp_path, "src/db/q.rs", text)
    assert (4, "gpt-4o-mini") not in got
