"""The webhook's address and secret: unguessable without the token, the same after a restart; a timer job
cut off by a clean stop. (Polling, the webhook and the clean stop of a process run end to end in
test_journeys_webhook.py and test_restart.py.)"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from pathlib import Path

import pytest

from bot.app import running
from bot.domain.catalogue import Catalogue
from bot.infra.lifecycle import stoppable, webhook_for
from bot.offline.telegram_server import BotApiServer
from tests.helpers import (
    CHARTS,
    TOKEN,
    Clock,
    answer_all,
    join_round,
    local_application,
    setup_team,
    wait_text,
)

OTHER = "987654321:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def test_the_webhook_path_and_secret_come_from_the_token() -> None:
    hook = webhook_for(TOKEN, "https://bot.example.org/telegram/", "0.0.0.0", 8443)
    assert hook == webhook_for(TOKEN, "https://bot.example.org/telegram", "0.0.0.0", 8443)
    assert re.fullmatch(r"https://bot\.example\.org/telegram/[0-9a-f]{32}", hook.url)
    assert hook.path == "/telegram/" + hook.url.rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{64}", hook.secret_token)  # what Telegram allows: 1-256 of A-Za-z0-9_-
    other = webhook_for(OTHER, "https://bot.example.org/telegram", "0.0.0.0", 8443)
    assert other.path != hook.path and other.secret_token != hook.secret_token
    assert hook.secret_token not in hook.url and TOKEN.split(":")[1] not in hook.url + hook.secret_token
    assert (hook.listen, hook.port) == ("0.0.0.0", 8443)


def test_a_webhook_at_the_root_of_a_domain() -> None:
    hook = webhook_for(TOKEN, "https://bot.example.org", "127.0.0.1", 8080)
    assert re.fullmatch(r"/[0-9a-f]{32}", hook.path)


async def test_a_timer_job_cut_off_by_a_clean_stop_ends_before_the_database_closes(
    server: BotApiServer,
    db_path: Path,
    clock: Clock,
    catalogues: dict[str, Catalogue],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A deadline's close hangs in the timer job (Telegram does not answer). python-telegram-bot shields a
    running job from its scheduler's stop, so the stop itself gives the job its seconds and then cancels
    it: nothing touches the database after it closed (no error logged), and the close, recorded before
    anything was posted, completes after the restart, once."""
    caplog.set_level(logging.WARNING, logger="bot.infra.lifecycle")
    async with running(local_application(server, db_path, clock, catalogues), poll_timeout=1, stop_seconds=1):
        lead, team, managers = await setup_team(server, managers=2)
        await lead.send_text(team, "/newround quick 1d")
        url = (await wait_text(server, team, "New round")).buttons[0][0].url
        for manager in managers:
            await join_round(server, manager, url)
            await answer_all(server, manager, [1, 2, 3, 4, 5, 3])
        await server.wait_idle()
        held = server.faults.inject("sendMediaGroup", "timeout", hold=60, chat_id=team.id)
        clock.advance(2 * 86_400)
        await server.wait_for(lambda: held.hits == 1, timeout=30)
    assert "stopping: jobs still running after 1 s are cancelled" in caplog.text
    assert "stopping: cancelled 1 jobs still running" in caplog.text
    with sqlite3.connect(db_path) as connection:
        state = connection.execute("SELECT status, results_parts_sent FROM rounds").fetchone()
    assert state == ("closing", 0)
    server.faults.clear()
    async with running(local_application(server, db_path, clock, catalogues), poll_timeout=1):
        await wait_text(server, team, "What to do next", timeout=30)
        await server.wait_idle()
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS


async def test_a_job_that_fires_while_the_stop_waits_for_another_is_cancelled_before_the_database_closes(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    """Application.stop waits for the jobs running when it begins; one that fires meanwhile is shielded
    from the scheduler's shutdown and would outlive the stop. The stop cancels it, though its own time did
    not run out, so it never reads the closed database."""
    events: list[str] = []

    async def slow(context: object) -> None:
        await asyncio.sleep(1.0)
        events.append("slow done")

    async def late(context: object) -> None:
        events.append("late started")
        try:
            await asyncio.sleep(5.0)
        except asyncio.CancelledError:
            events.append("late cancelled")
            raise
        app = context.application  # type: ignore[attr-defined]
        await app.bot_data.db.team_by_chat(1)
        events.append("late read the database")

    async with running(
        local_application(server, db_path, clock, catalogues), poll_timeout=1, stop_seconds=3
    ) as app:
        assert app.job_queue is not None
        app.job_queue.run_once(stoppable(slow), 0.0)
        await asyncio.sleep(0.1)
        app.job_queue.run_once(stoppable(late), 0.3)
    assert events == ["late started", "slow done", "late cancelled"]
