"""Webhook mode, end to end: the local Bot API server POSTs every update to the bot's webhook (served by
python-telegram-bot), a whole round runs over it, forged requests are refused and change nothing, and
updates Telegram could not deliver while the bot was down arrive after the restart."""

from __future__ import annotations

import asyncio
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx

from bot.app import ALLOWED_UPDATES, running
from bot.domain.catalogue import Catalogue
from bot.infra.lifecycle import Webhook, webhook_for
from bot.offline.telegram_server import BotApiServer
from tests.helpers import (
    TOKEN,
    Clock,
    answer_all,
    clean_environment,
    join_round,
    local_application,
    setup_team,
    wait_text,
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def local_webhook() -> Webhook:
    port = free_port()
    return webhook_for(TOKEN, f"http://127.0.0.1:{port}/telegram", "127.0.0.1", port)


def unpaced(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """Without the rate limiter: results, poll and commands within seconds (pacing: test_journeys_faults)."""
    return local_application(server, db_path, clock, catalogues, rate_limiter=False)


async def test_a_whole_round_over_the_webhook(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    hook = local_webhook()
    async with running(unpaced(server, db_path, clock, catalogues), webhook=hook):
        (registered,) = server.calls("setWebhook")
        assert registered.params["url"] == hook.url and hook.path.startswith("/telegram/")
        assert len(hook.path) > len("/telegram/") + 30  # unguessable
        assert registered.params["secret_token"] == hook.secret_token
        assert sorted(registered.params["allowed_updates"]) == sorted(ALLOWED_UPDATES)
        lead, team, managers = await setup_team(server, managers=3)
        await lead.send_text(team, "/newround quick")
        url = (await wait_text(server, team, "New round")).buttons[0][0].url
        for index, manager in enumerate(managers):
            await join_round(server, manager, url)
            await answer_all(server, manager, [1 + index, 2, 3, 4, 5, 3], comment_after={1: f"note {index}"})
        await lead.send_text(team, "/closeround")
        await wait_text(server, team, "What to do next", timeout=30)
        poll = await server.wait_for(
            lambda: next((m for m in server.bot_messages(team) if m.poll is not None), None), timeout=30
        )
        await managers[0].vote(poll, [0])
        await lead.send_text(team, "/closepoll")
        await wait_text(server, team, "the poll has ended")
    assert server.calls("getUpdates") == []
    deliveries = server.webhook.deliveries
    assert all(d.ok for d in deliveries)
    assert sorted(d.update_id for d in deliveries) == [u["update_id"] for u in server.emitted_updates]
    assert not server.updates
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM answers").fetchone() == (18,)
        assert connection.execute("SELECT COUNT(*) FROM comments").fetchone() == (3,)


async def test_forged_requests_are_refused_and_change_nothing(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    hook = local_webhook()
    async with running(unpaced(server, db_path, clock, catalogues), webhook=hook):
        lead, team, _managers = await setup_team(server, managers=2)
        await lead.send_text(team, "/newround quick")
        await wait_text(server, team, "New round")
        await server.wait_idle()
        # what Telegram would deliver if the lead sent /closeround, under a new update id
        genuine = next(u for u in reversed(server.emitted_updates) if "message" in u)
        forged = {
            "update_id": genuine["update_id"] + 1000,
            "message": {
                **genuine["message"],
                "message_id": 999,
                "text": "/closeround",
                "entities": [{"type": "bot_command", "offset": 0, "length": 11}],
            },
        }
        calls_before = len(server.requests)
        async with httpx.AsyncClient(timeout=5) as client:
            refused = [
                await client.post(hook.url, json=forged),
                await client.post(
                    hook.url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
                ),
                await client.post(
                    hook.url.rsplit("/", 1)[0] + "/guessed-path",
                    json=forged,
                    headers={"X-Telegram-Bot-Api-Secret-Token": hook.secret_token},
                ),
            ]
            assert [r.status_code for r in refused] == [403, 403, 404]
            await asyncio.sleep(0.5)
            assert len(server.requests) == calls_before  # the bot did nothing
            with sqlite3.connect(db_path) as connection:
                assert connection.execute("SELECT status FROM rounds").fetchone() == ("open",)
            # the same request with the secret is taken: the refusals were the secret's doing
            accepted = await client.post(
                hook.url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": hook.secret_token}
            )
            assert accepted.status_code == 200
            await wait_text(server, team, "at least two")  # /closeround ran: too few ratings to close


async def test_updates_arrive_after_a_restart_once_telegram_retries(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    server.webhook.first_retry = 0.05
    hook = local_webhook()
    async with running(unpaced(server, db_path, clock, catalogues), webhook=hook):
        lead, team, (anna, _ben) = await setup_team(server, managers=2)
        await lead.send_text(team, "/newround quick")
        url = (await wait_text(server, team, "New round")).buttons[0][0].url
        question = await join_round(server, anna, url)
    pressed = await anna.press(question, "4", wait=False)  # the bot is down: Telegram cannot deliver
    await server.wait_for(lambda: any(d.error == "Connection refused" for d in server.webhook.deliveries))
    assert len(server.updates) == 1
    async with running(unpaced(server, db_path, clock, catalogues), webhook=hook):
        await server.wait_for(lambda: pressed.answered, timeout=15)
        assert pressed.answer_text is not None and pressed.answer_text.startswith("Saved")
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT level FROM answers").fetchall() == [(4,)]


async def test_maturity_bot_run_serves_the_webhook_from_its_settings(
    server: BotApiServer, tmp_path: Path
) -> None:
    """The command line wires MATURITY_WEBHOOK_URL and MATURITY_WEBHOOK_LISTEN up; SIGTERM stops it."""
    port = free_port()
    environment = clean_environment(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        MATURITY_DB=str(tmp_path / "maturity.db"),
        MATURITY_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        MATURITY_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=environment, stdout=output, stderr=output
        )
    try:
        (registered,) = await server.wait_for(lambda: server.calls("setWebhook"), timeout=60)
        expected = webhook_for(TOKEN, f"http://127.0.0.1:{port}/telegram", "127.0.0.1", port)
        assert registered.params["url"] == expected.url
        anna = server.add_user("Anna", language_code="de")
        await anna.send_text(None, "/help")
        await server.wait_for_message(anna, "/newround", timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
    text = log.read_text()
    assert code == 0, text
    assert "running (a webhook on 127.0.0.1:" in text and "Traceback" not in text and TOKEN not in text
    assert server.calls("getUpdates") == []


def test_a_plain_http_webhook_needs_a_self_hosted_bot_api_server(tmp_path: Path) -> None:
    environment = clean_environment(
        TELEGRAM_BOT_TOKEN=TOKEN, MATURITY_WEBHOOK_URL="http://bot.example.org/telegram"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "maturity-bot: MATURITY_WEBHOOK_URL must be https:// (plain http only with a self-hosted Bot API "
        "server, TELEGRAM_API_BASE_URL)"
    )
