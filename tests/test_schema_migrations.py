"""Schema migrations from every earlier version keep the data; a damaged or unwritable file stops ``run``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import aiosqlite
import pytest

from bot.context import Services
from bot.domain.catalogue import Catalogue
from bot.storage.repository import Repository
from bot.storage.schema import MIGRATIONS, SCHEMA_VERSION, configure, migrate
from tests.helpers import TOKEN


async def database_at(path: Path, version: int) -> None:
    """A database built by an older bot: migrations 1..version, with a round, answers and a comment."""
    async with aiosqlite.connect(path, isolation_level=None) as db:
        await configure(db)
        await migrate(db, target=version)
        await db.execute("INSERT INTO teams (id, chat_id, title, created_at) VALUES (1, -100, 'Team', 1.0)")
        await db.execute(
            "INSERT INTO rounds (id, team_id, token, catalogue_id, catalogue_version, anonymous, language, "
            "status, opened_by, opened_at) VALUES (1, 1, 'tokentokentokentoken', 'quick', '1', 0, 'en', "
            "'open', 7, 1.0)"
        )
        await db.execute(
            "INSERT INTO participants (round_id, user_id, rater_label, display_name, joined_at, "
            "last_active_at, last_statement_id) VALUES (1, 7, 'm1', 'Anna', 1.0, 1.0, 'view-1')"
        )
        await db.execute(
            "INSERT INTO answers (round_id, user_id, statement_id, level, answered_at) "
            "VALUES (1, 7, 'view-1', 4, 1.0)"
        )
        await db.execute(
            "INSERT INTO comments (round_id, user_id, statement_id, text, updated_at) "
            "VALUES (1, 7, 'view-1', 'earlier', 1.0)"
        )


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
async def test_every_earlier_version_migrates_with_its_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    await database_at(path, version)
    repo = await Repository.open(path)
    try:
        assert await repo.answers_of(1, 7) == {"view-1": 4}
        assert await repo.round_comments(1) == {(7, "view-1"): "earlier"}
        saved = await repo.save_comment(1, 7, "view-1", "more", 2.0, 1000, message=(7, 99))
        assert saved == ("earlier\nmore", True)
        assert await repo.save_comment(1, 7, "view-1", "more", 3.0, 1000, message=(7, 99)) == (
            "earlier\nmore",
            True,
        )
    finally:
        await repo.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


async def test_a_round_from_before_stored_catalogues_keeps_the_built_in_one(
    tmp_path: Path, catalogues: dict[str, Catalogue]
) -> None:
    """The last migration: rounds opened before catalogue versions were stored refer to none and are
    asked from the built-in file of their catalogue id, as before."""
    path = tmp_path / "old.db"
    await database_at(path, SCHEMA_VERSION - 1)
    repo = await Repository.open(path)
    try:
        round_ = await repo.round(1)
        assert round_ is not None and round_.catalogue_version_id is None
        services = Services(catalogues=catalogues, repo=repo)
        assert services.catalogue_of(round_) is catalogues["quick"]
    finally:
        await repo.close()


def run_bot(tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "MATURITY_DB": str(db),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_corrupt_database_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "maturity.db"
    db.write_bytes(b"this is not a database" * 200)
    result = run_bot(tmp_path, db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in result.stderr, result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_bot(tmp_path, folder / "maturity.db")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
