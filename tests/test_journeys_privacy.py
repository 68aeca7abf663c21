"""Privacy end to end: /privacy in both languages, /deletemydata refused and confirmed, retention, logs."""

from __future__ import annotations

import logging

import pytest

from bot.app import build_application, running
from bot.offline.telegram_server import BotApiServer
from tests.helpers import TOKEN, answer_all, join_round, setup_team, wait_text


async def test_privacy_in_both_languages(server: BotApiServer, bot) -> None:
    german = server.add_user("Greta", language_code="de")
    english = server.add_user("Emma", language_code="en")
    await german.send_text(None, "/privacy")
    await wait_text(server, german, "Datenschutz")
    await english.send_text(None, "/privacy")
    text = (await wait_text(server, english, "Privacy")).text
    assert "/deletemydata" in text


async def test_delete_my_data_asks_first_then_deletes(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, manager, url)
    await answer_all(server, manager, [3, 3], comment_after={0: "private thought"})
    await manager.send_text(None, "/deletemydata")
    question = await wait_text(server, manager, "Really delete?")
    await manager.press(question, "No")
    await server.wait_for(lambda: "Nothing was deleted" in question.content)
    assert len(await bot.bot_data.db.answers_of(1, manager.id)) == 2
    await manager.send_text(None, "/deletemydata")
    question = await wait_text(server, manager, "Really delete?")
    await manager.press(question, "Yes")
    await server.wait_for(lambda: "Done: left and deleted 1 open round" in question.content)
    db = bot.bot_data.db
    assert await db.round_answers(1) == {} and await db.round_comments(1) == {}
    assert await db.user(manager.id) is None


async def test_retention_deletes_old_finished_rounds(
    server: BotApiServer, db_path, clock, catalogues
) -> None:
    app = build_application(
        TOKEN,
        db_path,
        catalogues,
        base_url=server.base_url,
        clock=clock,
        deadline_check_seconds=0.05,
        retention_months=1,
        retention_check_seconds=0.1,
    )
    async with running(app, poll_timeout=1):
        lead, team, _ = await setup_team(server, managers=0)
        await lead.send_text(team, "/newround quick")
        confirm_text = "Really discard"
        await wait_text(server, team, "New round")
        await lead.send_text(team, "/cancelround")
        confirm = await wait_text(server, team, confirm_text)
        await lead.press(confirm, "Yes")
        await wait_text(server, team, "discarded")
        assert await app.bot_data.db.round(1) is not None
        clock.advance(40 * 86_400)
        for _ in range(100):
            if await app.bot_data.db.round(1) is None:
                break
            await server.wait_idle(quiet=0.1)
        assert await app.bot_data.db.round(1) is None


async def test_token_never_in_debug_logs(server: BotApiServer, bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore"):  # as bot.cli.run.configure_logging sets them
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        lead, team, (manager,) = await setup_team(server, managers=1)
        await lead.send_text(team, "/newround quick")
        url = (await wait_text(server, team, "New round")).buttons[0][0].url
        await join_round(server, manager, url)
        await answer_all(server, manager, [3], comment_after={0: "a personal remark"})
    finally:
        for name in ("httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    assert caplog.records
    assert TOKEN not in caplog.text
    assert TOKEN.split(":", 1)[1] not in caplog.text
