"""``maturity-bot backup PATH``: a consistent copy of the live database, taken while the bot runs."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.offline.telegram_server import BotApiServer
from tests.helpers import answer_all, join_round, setup_team, wait_text


async def _backup(db_path: Path, target: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        str(target),
        "--database",
        str(db_path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode or 0, out.decode(), err.decode()


async def test_backup_while_the_bot_runs_holds_every_committed_answer(
    server: BotApiServer, bot, db_path: Path, tmp_path: Path
) -> None:
    lead, team, managers = await setup_team(server, managers=2, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, managers[0], url)
    await answer_all(server, managers[0], [1, 2, 3, 4, 5, "?"], comment_after={2: "kept in the copy"})
    await join_round(server, managers[1], url)
    await answer_all(server, managers[1], [2, 2])
    target = tmp_path / "copy.db"
    code, out, err = await _backup(db_path, target)
    assert code == 0, err
    assert out.startswith(f"backed up {db_path} to {target}")
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 8
        assert copy.execute("SELECT text FROM comments").fetchall() == [("kept in the copy",)]
    # the bot goes on answering after the backup
    question = await join_round(server, managers[1], url)
    await managers[1].press(question, "4")
    await server.wait_for(lambda: question.text.startswith("4/6"))


async def test_backup_refuses_to_overwrite_and_names_missing_files(tmp_path: Path) -> None:
    existing = tmp_path / "exists.db"
    existing.write_bytes(b"")
    code, _, err = await _backup(tmp_path / "live.db", tmp_path / "new.db")
    assert code == 2 and "no such file" in err
    sqlite3.connect(tmp_path / "live.db").close()
    code, _, err = await _backup(tmp_path / "live.db", existing)
    assert code == 2 and "will not overwrite" in err
