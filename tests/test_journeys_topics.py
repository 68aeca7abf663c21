"""Forum topics, end to end: in a supergroup with topics everything about a round goes to the topic it was
opened in (announcement, progress, replies, results, poll, ranking, review reminders), a restart keeps the
topic, and a deleted topic sends the round to the General topic with one log line."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.app import running
from bot.domain.catalogue import Catalogue
from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser
from tests.helpers import CHARTS, MANAGER_NAMES, Clock, answer_all, join_round, local_application, wait_text

DAY = 86_400.0
LEVELS = [[1, 1, 2, 3, 4, 4], [2, 5, 1, 3, 4, 5], [1, 1, 2, 4, 3, 4]]


def unpaced_bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """Without the rate limiter: a round's results, its poll and many commands within seconds (pacing is
    tested in test_journeys_faults.py)."""
    return local_application(server, db_path, clock, catalogues, rate_limiter=False)


async def forum_team(server: BotApiServer) -> tuple[SimUser, SimChat, list[SimUser], int]:
    """A supergroup with topics, the bot as admin, and a topic "Maturity check" opened by the lead."""
    lead = server.add_user("Lena", last_name="Lead", username="lena", language_code="en")
    people = [server.add_user(name, last_name="Muster", language_code="en") for name in MANAGER_NAMES[:3]]
    team = server.add_group("Leadership team", supergroup=True, forum=True, creator=lead, members=people)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    await server.wait_for_message(team, "/newround")
    topic = await server.create_topic(team, "Maturity check", by=lead)
    return lead, team, people, topic


async def open_and_answer(server: BotApiServer, lead: SimUser, team: SimChat, people, topic: int, extra=""):
    command = await lead.send_text(team, "/newround quick" + extra, topic=topic)
    announcement = await server.wait_for_message(team, "New round", after=command)
    for manager, levels in zip(people, LEVELS, strict=True):
        await join_round(server, manager, announcement.buttons[0][0].url)
        await answer_all(server, manager, levels)
    return announcement


def bot_messages_after(server: BotApiServer, team: SimChat, after: SimMessage) -> list[SimMessage]:
    return [m for m in server.bot_messages(team) if m.message_id > after.message_id]


async def test_everything_about_a_round_goes_to_its_topic(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        lead, team, people, topic = await forum_team(server)
        opening = server.chat(team)[-1]
        announcement = await open_and_answer(server, lead, team, people, topic)
        assert announcement.thread_id == topic
        await server.wait_for(lambda: "3 finished" in announcement.content, timeout=10)  # progress edits
        await lead.send_text(team, "/status", topic=topic)
        status = await wait_text(server, team, "finished")
        assert status.thread_id == topic
        await lead.send_text(team, "/closeround", topic=topic)
        poll = await server.wait_for(
            lambda: next((m for m in server.bot_messages(team) if m.poll is not None), None), timeout=30
        )
        await people[0].vote(poll, [0])
        await lead.send_text(team, "/closepoll")  # from the General topic: the ranking goes to the round's
        ranking = await wait_text(server, team, "the poll has ended")
        await lead.send_text(team, "/lighthouse Faster answers\nOwner: @lena\nReviews: 1", topic=topic)
        recorded = await wait_text(server, team, "Recorded")
        await lead.send_text(team, "/results", topic=topic)
        await server.wait_for(
            lambda: len([m for m in server.bot_messages(team) if m.photos]) == 2 * CHARTS, timeout=30
        )
        clock.advance(40 * DAY)
        reminder = await wait_text(server, team, "Review after 1 month: Faster answers")
        round_messages = bot_messages_after(server, team, opening)
        assert [m for m in round_messages if m.photos] and len(round_messages) > 10
        assert {m.thread_id for m in round_messages} == {topic}, [
            (m.thread_id, m.content[:40]) for m in round_messages if m.thread_id != topic
        ]
        assert poll.thread_id == ranking.thread_id == recorded.thread_id == reminder.thread_id == topic
        general = [m for m in server.bot_messages(team) if m.thread_id is None]
        assert len(general) == 1 and "admin" in general[0].content  # the bot's hello when it was added


async def test_a_restart_keeps_the_topic(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        lead, team, people, topic = await forum_team(server)
        announcement = await open_and_answer(server, lead, team, people, topic, extra=" 1d")
    clock.advance(2 * DAY)
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        await wait_text(server, team, "What to do next", timeout=30)
        poll = await server.wait_for(
            lambda: next((m for m in server.bot_messages(team) if m.poll is not None), None), timeout=30
        )
    results = bot_messages_after(server, team, announcement)
    assert len([m for m in results if m.photos]) == CHARTS and poll in results
    assert {m.thread_id for m in results} == {topic}


async def test_a_deleted_topic_falls_back_to_the_general_topic_with_one_log_line(
    server: BotApiServer,
    db_path: Path,
    clock: Clock,
    catalogues: dict[str, Catalogue],
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        lead, team, people, topic = await forum_team(server)
        announcement = await open_and_answer(server, lead, team, people, topic)
        await server.delete_topic(team, topic)
        with caplog.at_level(logging.INFO, logger="bot"):
            await lead.send_text(team, "/closeround")
            poll = await server.wait_for(
                lambda: next((m for m in server.bot_messages(team) if m.poll is not None), None), timeout=30
            )
            await lead.send_text(team, "/closepoll")
            await wait_text(server, team, "the poll has ended")
        results = bot_messages_after(server, team, announcement)
        assert len([m for m in results if m.photos]) == CHARTS and poll in results
        assert {m.thread_id for m in results} == {None}
        gone = [r for r in caplog.records if "is gone" in r.getMessage()]
        assert len(gone) == 1 and gone[0].levelno == logging.WARNING
        assert f"topic {topic} of chat {team.id}" in gone[0].getMessage()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT thread_id FROM rounds").fetchall() == [(None,)]
