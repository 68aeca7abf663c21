"""``maturity-bot check`` against the local Bot API server: one line per finding, exit 0 / 1 / 2 for all well,
warnings and errors, ``--json``, and never the token."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.infra.lifecycle import webhook_for
from bot.offline.telegram_server import BotApiServer
from bot.storage.repository import Repository
from bot.storage.schema import SCHEMA_VERSION
from tests.helpers import BOT_USERNAME, TOKEN, maturity_bot

DATA = Path(__file__).parent / "data" / "catalogues"


async def check(tmp_path: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """``maturity-bot check`` in a subprocess; the token never shows."""
    code, out, err = await maturity_bot(tmp_path, "check", *args, **env)
    assert TOKEN not in out + err
    return code, out, err


def against(server: BotApiServer, db: Path, **more: str) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "MATURITY_DB": str(db),
        **more,
    }


async def database_with_teams(path: Path, *chats: Any) -> None:
    repo = await Repository.open(path)
    for chat in chats:
        await repo.upsert_team(chat.id, chat.title, 0.0)
    await repo.close()


async def team(server: BotApiServer, title: str, **bot: Any) -> Any:
    lead = server.add_user("Lena")
    chat = server.add_group(title, supergroup=True, creator=lead)
    if bot:
        await server.add_bot_to_group(chat, by=lead, **bot)
    return chat


async def test_all_well(server: BotApiServer, tmp_path: Path) -> None:
    db = tmp_path / "maturity.db"
    leads = await team(server, "Leads", as_admin=True)
    await database_with_teams(db, leads)
    code, out, err = await check(tmp_path, **against(server, db))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "ok      settings: valid (long polling)",
        "ok      catalogues: 2 catalogues loaded: customer-centricity, quick",
        f"ok      database: {db}, schema version {SCHEMA_VERSION} (current), writable, 1 team",
        f"ok      telegram: the bot is @{BOT_USERNAME} (Maturity Check)",
        "ok      updates: long polling, no webhook set (2 updates waiting)",  # the bot was added
        "ok      privacy: privacy mode is on: in its groups the bot receives commands and replies to its "
        "own messages (as an admin it sees more, and ignores it)",
        f'ok      team: "Leads" ({leads.id}): the bot is an admin',
    ]


async def test_warnings_exit_1(tmp_path: Path) -> None:
    async with BotApiServer(TOKEN, bot_username=BOT_USERNAME, bot_name="Maturity", privacy_mode=False) as api:
        db = tmp_path / "maturity.db"
        member = await team(api, "Member only", as_admin=False)
        removed = await team(api, "Removed", as_admin=True)
        await api.remove_bot_from_group(removed)
        await database_with_teams(db, member, removed)
        async with httpx.AsyncClient() as client:
            await client.post(f"{api.api_url}/setWebhook", json={"url": "https://127.0.0.1:9/elsewhere"})
        code, out, _ = await check(tmp_path, **against(api, db))
    lines = out.splitlines()
    assert code == 1
    assert "warning updates: a webhook is set (https://127.0.0.1:9/elsewhere) although long polling" in out
    assert any(line.startswith("warning privacy: privacy mode is off") for line in lines)
    assert f'warning team: "Member only" ({member.id}): the bot is in it but no admin; make it one' in lines
    assert f'warning team: "Removed" ({removed.id}): the bot is not in it (Forbidden: bot was kicked' in out
    assert not [line for line in lines if line.startswith("error")]


async def test_a_webhook_configured_against_what_telegram_has(server: BotApiServer, tmp_path: Path) -> None:
    db = tmp_path / "maturity.db"
    await database_with_teams(db)
    env = against(
        server, db, MATURITY_WEBHOOK_URL="http://127.0.0.1:9/tg", MATURITY_WEBHOOK_LISTEN="127.0.0.1:9"
    )
    code, out, _ = await check(tmp_path, **env)
    assert code == 1 and "warning updates: a webhook is configured but none is set" in out
    hook = webhook_for(TOKEN, "http://127.0.0.1:9/tg", "127.0.0.1", 9)
    async with httpx.AsyncClient() as client:
        await client.post(f"{server.api_url}/setWebhook", json={"url": hook.url})
    code, out, _ = await check(tmp_path, "--json", **env)
    result = json.loads(out)
    updates = next(f for f in result["findings"] if f["check"] == "updates")
    assert updates == {"check": "updates", "level": "ok", "message": updates["message"]}
    assert updates["message"].startswith("webhook set at http://127.0.0.1:9/tg")
    assert hook.url.rsplit("/", 1)[1] not in out  # the secret path is not shown
    assert (code, result["status"]) == (0, "ok")


async def test_errors_exit_2_and_the_rest_is_still_checked(server: BotApiServer, tmp_path: Path) -> None:
    db = tmp_path / "maturity.db"
    await database_with_teams(db)
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    operator = tmp_path / "ours"
    operator.mkdir()
    (operator / "quick.toml").write_bytes(
        (DATA / "minimal.toml").read_bytes().replace(b'"minimal"', b'"quick"')
    )
    code, out, _ = await check(
        tmp_path, "--json", **against(server, db, MATURITY_QUESTIONS_DIR=str(operator))
    )
    result = json.loads(out)
    assert (code, result["status"]) == (2, "error")
    levels = {(f["check"], f["level"]) for f in result["findings"]}
    assert {("catalogues", "error"), ("database", "error"), ("telegram", "ok")} <= levels
    database = next(f for f in result["findings"] if f["check"] == "database")
    assert f"schema version {SCHEMA_VERSION + 1}, written by a newer maturity-bot" in database["message"]
    catalogue = next(f for f in result["findings"] if f["check"] == "catalogues")
    assert 'catalogue id "quick" is also used by' in catalogue["message"]


async def test_a_token_telegram_rejects_and_a_missing_token(server: BotApiServer, tmp_path: Path) -> None:
    other = "987654321:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    env = against(server, tmp_path / "maturity.db")
    code, out, _ = await check(tmp_path, **{**env, "TELEGRAM_BOT_TOKEN": other})
    assert code == 2 and "error   telegram: Telegram rejected TELEGRAM_BOT_TOKEN" in out
    assert other not in out
    assert "warning database: " in out and "does not exist yet; run creates it" in out
    del env["TELEGRAM_BOT_TOKEN"]
    code, out, _ = await check(tmp_path, **env)
    assert code == 2
    assert out.splitlines()[0] == "error   settings: TELEGRAM_BOT_TOKEN is missing"
    assert "telegram:" not in out


async def test_an_unwritable_database_is_an_error(server: BotApiServer, tmp_path: Path) -> None:
    db = tmp_path / "frozen.db"
    await database_with_teams(db)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(db)], check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        code, out, _ = await check(tmp_path, **against(server, db))
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=False)
    assert code == 2
    assert "error   database:" in out
