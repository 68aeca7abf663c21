"""The group's message budget, end to end: the real application against the local Bot API server, which
counts every message of a group in any window and refuses calls with 429 at a rate.

People's commands are answered within seconds of the results, before the bot's own background messages;
the group never gets more than its 20 messages in any minute; flood control on a third of all sends and
edits delays people but loses nothing and logs no error (the autouse fixture in conftest fails a test that
logs one).
"""

from __future__ import annotations

import asyncio
import logging

from bot.app import running
from bot.infra.ratelimit import BACKGROUND, PROGRESS, REPLY, FloodLimits, MessageRateLimiter
from bot.offline.telegram_server import BotApiServer, RateLimits, SimChat, SimUser
from tests.helpers import CHARTS, answer_all, join_round, local_application, setup_team, wait_text

QUICK_LEVELS = [[1, 2, 3, 4, 5, 3], [4, 2, 3, 1, 5, 2], [2, 2, 3, 4, 4, 5], [5, 1, 3, 4, 2, 3]]
#: every method that puts a message into a chat or changes one
MESSAGE_METHODS = [
    "sendMessage",
    "sendMediaGroup",
    "sendPhoto",
    "sendDocument",
    "sendPoll",
    "editMessageText",
]


async def open_quick_round(server: BotApiServer, lead: SimUser, team: SimChat) -> str:
    await lead.send_text(team, "/newround quick")
    announcement = await wait_text(server, team, "New round")
    return announcement.buttons[0][0].url


async def answered(
    server: BotApiServer, person: SimUser, team: SimChat, command: str, contains: str
) -> float:
    """Send a command to the group; seconds until the bot's answer containing ``contains`` appeared."""
    loop = asyncio.get_running_loop()
    sent = await person.send_text(team, command)
    began = loop.time()
    await server.wait_for_message(team, contains, after=sent, timeout=30)
    return loop.time() - began


async def test_commands_right_after_the_results_are_answered_within_seconds(
    server: BotApiServer, bot
) -> None:
    lead, team, managers = await setup_team(server, managers=4)
    url = await open_quick_round(server, lead, team)
    for manager, levels in zip(managers, QUICK_LEVELS, strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await wait_text(server, team, "4 of 4 finished")
    for manager in managers[:3]:  # the team is active in the group
        assert await answered(server, manager, team, "/status", "Started: 4") < 5
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    # the previous limiter (a bucket of 10, then one message every 6 s) answered these after 6–21 s
    assert await answered(server, lead, team, "/newround quick", "New round") < 5
    assert await answered(server, managers[0], team, "/status", "Started: 0") < 5
    assert await answered(server, managers[1], team, "/results", "Krippendorff") < 8
    await server.wait_idle()
    assert server.busiest_window(team) <= 20
    assert server.limit_breaches() == []


async def test_a_persons_command_goes_before_waiting_results(
    server: BotApiServer, db_path, clock, catalogues
) -> None:
    """With the group's budget spent, a reply waits less than the results queued before it.

    The "minute" is scaled to 8 s (and the budget to 6 messages) in both the bot and the server, so the
    rule shows within seconds; the pace per chat is Telegram's."""
    limits = FloodLimits(group_messages=6, group_period=8.0, progress_room=3)
    server.rate.limits = RateLimits(per_group=6, per_group_window=8.0)
    limiter = MessageRateLimiter(limits)
    app = local_application(server, db_path, clock, catalogues, rate_limiter=limiter)
    async with running(app, poll_timeout=1):
        lead, team, managers = await setup_team(server, managers=2)
        url = await open_quick_round(server, lead, team)
        for manager, levels in zip(managers, QUICK_LEVELS, strict=False):
            await join_round(server, manager, url)
            await answer_all(server, manager, levels)
        await server.wait_idle()
        loop = asyncio.get_running_loop()

        def in_window() -> int:
            now = loop.time()
            return sum(r.messages for r in server.counted if r.chat_id == team.id and r.at > now - 8.0)

        while in_window() < 5:  # five of six used: the results album (three messages) has to wait
            before = server.last_message(team)
            await lead.send_text(team, "/help")
            await server.wait_for_message(team, "/newround", after=before)
        await lead.send_text(team, "/closeround")
        await server.wait_for(lambda: limiter.waiting(team.id)[BACKGROUND] >= 1, what="results waiting")
        status = await managers[0].send_text(team, "/status")
        reply = await server.wait_for_message(team, "Round:", after=status, timeout=10)
        # rather than a second copy of what is arriving, out of the same budget: a line saying so
        asked = await managers[1].send_text(team, "/results")
        note = await server.wait_for_message(team, "arriving in this chat", after=asked, timeout=10)
        assert note.reply_to is asked
        await wait_text(server, team, "What to do next", timeout=30)
        album = [m for m in server.chat(team) if m.photos]
        assert len(album) == CHARTS and album[0].message_id > note.message_id > reply.message_id
        await server.wait_idle()
        assert limiter.overtaken == 0
    assert server.limit_breaches() == []
    assert server.busiest_window(team, 8.0) <= 6


async def test_twenty_managers_reach_their_summary_while_a_third_of_messages_get_429(
    server: BotApiServer, bot
) -> None:
    lead = server.add_user("Lena", language_code="en")
    managers = [server.add_user(f"Manager{i}", language_code="en") for i in range(20)]
    team = server.add_group("Busy team", creator=lead, members=managers)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    url = await open_quick_round(server, lead, team)
    flood = server.faults.inject(MESSAGE_METHODS, "flood", times=None, rate=1 / 3, seed=2, retry_after=1)

    async def journey(index: int, manager: SimUser) -> None:
        await join_round(server, manager, url)
        await answer_all(server, manager, QUICK_LEVELS[index % len(QUICK_LEVELS)])
        await wait_text(server, manager, "Thank you!", timeout=30)

    async def status_meanwhile() -> None:
        await asyncio.sleep(2)
        sent = await lead.send_text(team, "/status")
        await server.wait_for_message(team, "Round:", after=sent, timeout=60)

    await asyncio.gather(*(journey(i, m) for i, m in enumerate(managers)), status_meanwhile())
    assert flood.hits >= 40  # a third of well over a hundred messages
    assert len(await bot.bot_data.db.round_answers(1)) == 20
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=60)
    await server.wait_for(
        lambda: any("round is closed" in m.content for m in server.bot_messages(team)), timeout=30
    )
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    texts = [m.text for m in server.bot_messages(team) if m.text]
    assert len(texts) == len(set(texts))  # nothing twice
    assert not any("did not answer" in t for t in texts)
    assert server.limit_breaches() == []


async def test_progress_edits_are_fewer_than_changes_and_end_on_the_latest(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=6)
    url = await open_quick_round(server, lead, team)
    announcement = server.bot_messages(team)[-1]

    async def journey(index: int, manager: SimUser) -> None:
        await join_round(server, manager, url)
        await answer_all(server, manager, QUICK_LEVELS[index % len(QUICK_LEVELS)])

    await asyncio.gather(*(journey(i, m) for i, m in enumerate(managers)))
    await server.wait_for(lambda: "6 of 6 finished" in announcement.content, timeout=20)
    edits = [
        c for c in server.calls("editMessageText") if c.params.get("message_id") == announcement.message_id
    ]
    assert 1 <= len(edits) < 12  # six joins and six finishes, debounced and coalesced
    assert announcement.buttons  # still open, still the button


async def test_when_flood_control_outlasts_a_replys_budget_the_person_is_told(
    server: BotApiServer, db_path, clock, catalogues, caplog
) -> None:
    """The budget is scaled down to 2 s (a minute for real): one WARNING line, no error, and the person
    learns that Telegram did not answer."""
    limiter = MessageRateLimiter(flood_budget={REPLY: 2.0, BACKGROUND: 10.0, PROGRESS: 2.0})
    app = local_application(server, db_path, clock, catalogues, rate_limiter=limiter)
    async with running(app, poll_timeout=1):
        lead, team, _ = await setup_team(server, managers=1)
        flood = server.faults.inject("sendMessage", "flood", times=2, retry_after=1, chat_id=team.id)
        sent = await lead.send_text(team, "/status")
        told = await server.wait_for_message(team, "Telegram did not answer", after=sent, timeout=15)
        assert told.reply_to is sent and flood.hits == 2
    gave_up = [r for r in caplog.records if r.name == "bot.infra.ratelimit" and r.levelno == logging.WARNING]
    assert len(gave_up) == 1 and gave_up[0].exc_info is None
