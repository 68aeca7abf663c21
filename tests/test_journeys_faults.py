"""Telegram failing in every way it can, against the real application over HTTP.

Each test injects faults into the project's local Bot API server and checks what people see: nothing sent
twice, nothing lost, the bot still polling. The autouse fixture in conftest fails any test during which
the bot or python-telegram-bot logged an ERROR.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.app import build_application, running
from bot.flows.closing import CLOSE_RETRY_SECONDS
from bot.offline.telegram_server import BotApiServer, SimChat, SimUser
from tests.helpers import CHARTS, TOKEN, answer_all, bot_texts, join_round, setup_team, wait_text


async def open_quick_round(server: BotApiServer, lead: SimUser, team: SimChat, extra: str = "") -> str:
    await lead.send_text(team, f"/newround quick {extra}".strip())
    announcement = await wait_text(server, team, "New round")
    return announcement.buttons[0][0].url


def duplicates(server: BotApiServer, where: SimChat | SimUser) -> list[str]:
    """Bot text messages that appear more than once (results parts, questions, intros); albums aside."""
    counts = Counter(m.text for m in server.bot_messages(where) if m.text)
    return [text[:60] for text, count in counts.items() if count > 1]


async def two_managers_answered(server: BotApiServer) -> tuple[SimUser, SimChat]:
    """A team whose two managers answered every statement of a quick round, ready to close; the bot idle."""
    lead, team, managers = await setup_team(server, managers=2)
    url = await open_quick_round(server, lead, team)
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        await answer_all(server, manager, [1 + 3 * index, 2, 3, 4, 5, 3])
    await server.wait_idle()
    return lead, team


async def closed_round(server: BotApiServer, team: SimChat) -> None:
    """Wait for the last results part and then the announcement marked closed (after the commit)."""
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_for(lambda: any("round is closed" in m.content for m in server.bot_messages(team)))


async def test_flood_control_is_waited_out_and_nothing_is_sent_twice(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    for method in ("sendMessage", "answerCallbackQuery", "editMessageText"):
        server.faults.inject(method, "flood", retry_after=1, chat_id=None)
    question = await join_round(server, manager, url)
    first = statement_of(question)
    pressed = await manager.press(question, "3", timeout=15)
    assert pressed.answer_text and "3" in pressed.answer_text
    await server.wait_for(lambda: question.content.startswith("2/6"), timeout=15)
    assert [f.hits for f in server.faults.faults] == [1, 1, 1]
    assert len(server.calls("sendMessage", ok=False)) == 1
    assert duplicates(server, manager) == []
    assert await bot.bot_data.db.answers_of(1, manager.id) == {first: 3}


async def test_server_errors_on_answer_and_edit_are_harmless(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    question = await join_round(server, manager, url)
    server.faults.inject("answerCallbackQuery", "server_error", status=502)
    server.faults.inject("editMessageText", "server_error", status=500)
    await manager.press(question, "4", wait=False)
    await server.wait_for(lambda: question.content.startswith("2/6"))
    assert len(server.calls("editMessageText", ok=False)) == 1
    assert list((await bot.bot_data.db.answers_of(1, manager.id)).values()) == [4]
    assert duplicates(server, manager) == []
    second = await manager.press(question, "2")
    assert "2" in (second.answer_text or "")


async def test_an_edit_whose_answer_was_lost_is_made_once_more(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    question = await join_round(server, manager, url)
    server.faults.inject("editMessageText", "drop", after_processing=True)
    await manager.press(question, "5")
    await server.wait_for(lambda: question.content.startswith("2/6"))
    await server.wait_idle()
    edits = server.calls("editMessageText")
    assert len(edits) == 2 and "not modified" in (edits[1].description or "")
    assert len(server.bot_messages(manager)) == 2  # intro and the one questionnaire message


async def test_a_send_whose_answer_was_lost_is_not_repeated(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    server.faults.inject("sendMessage", "drop", after_processing=True, chat_id=manager.id)
    await manager.open_url(url)
    await wait_text(server, manager, "Telegram did not answer just now")
    await server.wait_idle()
    texts = bot_texts(server, manager)
    assert len(texts) == 2 and "Hello" in texts[0], texts  # the intro arrived once; no question, no resend
    question = await join_round(server, manager, url)
    assert question.content.startswith("1/6")
    assert duplicates(server, manager) == []


async def test_polling_survives_get_updates_failures(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    question = await join_round(server, manager, url)
    server.faults.inject("getUpdates", "server_error", status=502)
    server.faults.inject("getUpdates", "drop")
    server.faults.inject("getUpdates", "timeout", hold=0.2)
    await server.wait_for(lambda: not server.faults.pending, timeout=15)
    pressed = await manager.press(question, "1", timeout=15)
    assert pressed.answered
    await server.wait_for(lambda: question.content.startswith("2/6"))


async def test_a_502_on_a_results_part_is_posted_again_within_seconds_and_once(
    server: BotApiServer, bot
) -> None:
    lead, team = await two_managers_answered(server)
    server.faults.inject("sendMessage", "server_error", status=502, chat_id=team.id)
    loop = asyncio.get_running_loop()
    before = len(server.requests)
    await lead.send_text(team, "/closeround")
    failed_at = (await server.wait_for(lambda: server.faults.faults[0].hits == 1)) and loop.time()
    await closed_round(server, team)
    text_parts = [
        c for c in server.requests[before:] if c.method == "sendMessage" and c.params["chat_id"] == team.id
    ]
    assert [c.status for c in text_parts] == [502, 200]
    assert text_parts[1].at - failed_at < 5  # seconds, not the minute of the timer's retry
    assert (await bot.bot_data.db.round(1)).status == "closed"
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    assert duplicates(server, team) == []


async def test_failed_results_part_is_posted_later_without_repeating_parts(
    server: BotApiServer, bot, clock
) -> None:
    """When posting again within seconds does not help either, the timer job takes over."""
    bot.bot_data.results_retry_delays = ()
    lead, team = await two_managers_answered(server)
    # the media group goes through; the first text part fails with a 5xx twice (close, first retry)
    server.faults.inject("sendMessage", "server_error", status=500, times=2, chat_id=team.id)
    await lead.send_text(team, "/closeround")
    await server.wait_for(lambda: server.faults.faults[0].hits == 1)
    await server.wait_idle()
    round_ = await bot.bot_data.db.round(1)
    assert round_.status == "closing" and round_.results_parts_sent == 1
    clock.advance(CLOSE_RETRY_SECONDS + 1)
    await server.wait_for(lambda: server.faults.faults[0].hits == 2)
    await server.wait_idle()
    assert (await bot.bot_data.db.round(1)).status == "closing"
    clock.advance(CLOSE_RETRY_SECONDS + 1)
    await closed_round(server, team)
    assert (await bot.bot_data.db.round(1)).status == "closed"
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    assert duplicates(server, team) == []


async def test_lost_answer_to_a_results_part_posts_it_again_at_most(server: BotApiServer, bot) -> None:
    """A part Telegram posted but whose answer was lost is posted again: never skipped, at most twice."""
    lead, team = await two_managers_answered(server)
    server.faults.inject("sendMediaGroup", "drop", after_processing=True)
    await lead.send_text(team, "/closeround")
    await server.wait_for(lambda: server.faults.faults[0].hits == 1)
    assert (await bot.bot_data.db.round(1)).results_parts_sent == 0
    await closed_round(server, team)
    assert len([m for m in server.chat(team) if m.photos]) == 2 * CHARTS  # the album twice, every part once
    assert duplicates(server, team) == []


async def test_flood_on_the_results_album_is_waited_out(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    url = await open_quick_round(server, lead, team)
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        await answer_all(server, manager, [2 + index, 2, 3, 4, 5, 3])
    server.faults.inject("sendMediaGroup", "flood", retry_after=1)
    await lead.send_text(team, "/closeround")
    await closed_round(server, team)
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    assert duplicates(server, team) == []


async def test_many_rounds_closing_at_once_keep_telegrams_limits(server: BotApiServer, bot, clock) -> None:
    teams = []
    for number in range(5):
        lead, team, managers = await setup_team(server, managers=2)
        url = await open_quick_round(server, lead, team, "2d")
        for index, manager in enumerate(managers):
            await join_round(server, manager, url)
            await answer_all(server, manager, [1 + 3 * index, 2, 3, 4, 5, 3 - index % 2 + number % 2])
        teams.append(team)
    await server.wait_idle()
    first_close = len(server.sends)
    clock.advance(2 * 86_400 + 1)
    for team in teams:
        await closed_round(server, team)
    group_ids = {team.id for team in teams}
    closing_sends = [s for s in server.sends[first_close:] if s.chat_id in group_ids]
    assert len(closing_sends) >= 5 * 2
    breaches = [b for b in server.limit_breaches() if b.rule != "per_chat"]
    assert breaches == []
    per_chat = [b for b in server.limit_breaches() if b.rule == "per_chat" and b.chat_id in group_ids]
    assert per_chat == []
    for team in teams:
        assert duplicates(server, team) == []


async def test_participant_who_blocked_the_bot_is_shown_unreachable(server: BotApiServer, bot) -> None:
    lead, team, (anna, ben) = await setup_team(server, managers=2)
    url = await open_quick_round(server, lead, team)
    for manager in (anna, ben):
        await join_round(server, manager, url)
    anna.block_bot()
    await lead.send_text(team, "/remind")
    reminded = await wait_text(server, team, "Sent 1 reminder")
    assert "Unreachable (blocked the bot or never started it): Anna Muster" in reminded.text
    assert "Ben" not in reminded.text
    await lead.send_text(team, "/status")
    status = await wait_text(server, team, "Started: 2")
    assert "Unreachable (blocked the bot or never started it): Anna Muster" in status.text
    question = server.bot_messages(ben)[-2]
    pressed = await ben.press(question, "3")
    assert pressed.answered
    anna.unblock_bot()
    await join_round(server, anna, url)
    before = server.last_message(team)
    await lead.send_text(team, "/status")
    status = await server.wait_for_message(team, "Started: 2", after=before)
    assert "Unreachable" not in status.text


def statement_of(question) -> str:
    """The statement id the questionnaire message shows, from its answer buttons' data."""
    return question.buttons[0][0].data.split(":")[2]


async def test_bot_removed_pauses_the_round_and_readding_resumes_it(server: BotApiServer, bot, clock) -> None:
    lead, team, (anna, ben, clara) = await setup_team(server, managers=3)
    url = await open_quick_round(server, lead, team, "2d")
    await join_round(server, anna, url)
    await answer_all(server, anna, [1, 2, 3, 4, 5, 1])
    await join_round(server, ben, url)
    await server.remove_bot_from_group(team, by=lead)
    await server.wait_idle()
    await clara.open_url(url)
    await wait_text(server, clara, "I can't check right now whether you belong to the group")
    await answer_all(server, ben, [5, 4, 3, 2, 1, 5])  # answers in the private chat go on being stored
    clock.advance(3 * 86_400)  # the deadline and the reminder pass while the bot is absent
    await server.wait_idle(quiet=0.3)
    round_ = await bot.bot_data.db.round(1)
    assert round_.status == "open" and round_.reminded_at is None
    assert not any(m.photos for m in server.chat(team))
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    await wait_text(server, team, "I'm back. The open round goes on")
    await closed_round(server, team)  # the deadline passed: the round closes now, with both managers
    text = "\n".join(bot_texts(server, team))
    assert "Anna Muster" in text and "Ben Muster" in text
    assert duplicates(server, team) == []


async def test_supergroup_migration_keeps_team_round_and_history(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    url = await open_quick_round(server, lead, team)
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        await answer_all(server, manager, [1 + index, 2, 3, 4, 5, 3])
    await lead.send_text(team, "/closeround")
    await closed_round(server, team)
    old_id = team.id
    url = await open_quick_round(server, lead, team)
    await join_round(server, managers[0], url)
    supergroup = await server.migrate_to_supergroup(team, by=lead)
    await server.wait_idle()
    assert (await bot.bot_data.db.team_by_chat(supergroup.id)) is not None
    assert (await bot.bot_data.db.team_by_chat(old_id)) is None
    await lead.send_text(supergroup, "/status")
    await wait_text(server, supergroup, "Started: 1")
    for index, manager in enumerate(managers):
        if index:
            await join_round(server, manager, url)  # the membership check asks the new chat
        await answer_all(server, manager, [5 - index, 4, 3, 2, 1, 3])
    await lead.send_text(supergroup, "/closeround")
    await wait_text(server, supergroup, "What to do next", timeout=30)
    await server.wait_idle()  # the announcement lives in the old chat: its edit fails, harmlessly
    assert (await bot.bot_data.db.round(2)).status == "closed"
    assert len([m for m in server.chat(supergroup) if m.photos]) == CHARTS
    assert len([m for m in server.chat(old_id) if m.photos]) == CHARTS  # the first round's, nothing more
    await lead.send_text(supergroup, "/results")
    await server.wait_for(lambda: len([m for m in server.chat(supergroup) if m.photos]) == 2 * CHARTS)


async def test_not_modified_too_old_and_deleted_messages_are_harmless(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    question = await join_round(server, manager, url)
    first = statement_of(question)
    shown = await manager.press_data(question, f"s:1:{first}")  # the statement already shown
    assert shown.answered
    await server.wait_idle()
    assert any("not modified" in (c.description or "") for c in server.calls("editMessageText", ok=False))
    too_old = await manager.press(question, "2", wait=False)
    too_old.expire()
    await server.wait_for(lambda: question.content.startswith("2/6"))
    assert not too_old.answered
    second = statement_of(question)
    await manager.press(question, "3", wait=False)
    question.deleted = True  # the manager deleted the questionnaire before the bot could edit it
    fresh = await server.wait_for(
        lambda: next((m for m in server.bot_messages(manager) if m.content.startswith("3/6")), None)
    )
    assert fresh is not question
    assert await bot.bot_data.db.answers_of(1, manager.id) == {first: 2, second: 3}


async def test_two_fast_presses_store_one_answer_and_the_latest_wins(server: BotApiServer, bot) -> None:
    lead, team, (manager,) = await setup_team(server, managers=1)
    url = await open_quick_round(server, lead, team)
    question = await join_round(server, manager, url)
    first = statement_of(question)
    await manager.press(question, "2", wait=False)
    await manager.press(question, "5", wait=False)
    await server.wait_idle()
    assert await bot.bot_data.db.answers_of(1, manager.id) == {first: 5}
    assert question.content.startswith("2/6")


async def test_fifty_managers_answering_at_once(server: BotApiServer, bot) -> None:
    lead = server.add_user("Lena", language_code="en")
    managers = [server.add_user(f"Manager{i}", language_code="en") for i in range(50)]
    team = server.add_group("Big team", creator=lead, members=managers)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    url = await open_quick_round(server, lead, team)
    questions = await asyncio.gather(*(join_round(server, m, url) for m in managers))
    first = statement_of(questions[0])

    async def press_twice(index: int) -> None:
        # two presses on statement 1 before the bot can answer either: the later one must win
        await managers[index].press(questions[index], str(1 + index % 5), wait=False)
        await managers[index].press(questions[index], str(5 - index % 5), wait=False)

    await asyncio.gather(*(press_twice(index) for index in range(50)))
    await server.wait_idle(quiet=0.5, timeout=30)
    answers = await bot.bot_data.db.round_answers(1)
    assert len(answers) == 50
    for index, manager in enumerate(managers):
        assert answers[manager.id] == {first: 5 - index % 5}
    assert server.limit_breaches() == []


async def test_leavers_are_excluded_and_counted(server: BotApiServer, bot) -> None:
    lead, team, (anna, ben, clara) = await setup_team(server, managers=3)
    url = await open_quick_round(server, lead, team)
    for manager, levels in (
        (anna, [1, 1, 1, 1, 1, 1]),
        (ben, [3, 3, 3, 3, 3, 3]),
        (clara, [4, 4, 4, 4, 4, 4]),
    ):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels, comment_after={0: f"thought of {manager.first_name}"})
    await anna.leave(team)
    await lead.send_text(team, "/closeround")
    await closed_round(server, team)
    text = "\n".join(bot_texts(server, team))
    assert "The answers of 1 person who has left the group are not counted." in text
    assert "Anna" not in text and "thought of Anna" not in text
    assert "thought of Ben" in text
    assert (await bot.bot_data.db.round(1)).excluded_count == 1
    assert set(await bot.bot_data.db.round_answers(1)) == {ben.id, clara.id}


async def test_updates_delivered_again_after_a_restart_change_nothing(
    server: BotApiServer, db_path, clock, catalogues
) -> None:
    """Telegram re-delivers what a bot did not confirm: answers stay, the comment is not extended twice."""

    def app():
        return build_application(
            TOKEN, db_path, catalogues, base_url=server.base_url, clock=clock, deadline_check_seconds=0.05
        )

    async with running(app(), poll_timeout=1) as first_run:
        lead, team, (manager,) = await setup_team(server, managers=1)
        url = await open_quick_round(server, lead, team)
        before = len(server.emitted_updates)
        question = await join_round(server, manager, url)
        (first,) = [statement_of(question)]
        await manager.press(question, "2")
        await server.wait_for(lambda: question.content.startswith("2/6"))
        second = statement_of(question)
        await manager.press(question, "4")
        await server.wait_for(lambda: question.content.startswith("3/6"))
        await manager.send_text(None, "only once")
        await wait_text(server, manager, "Comment saved")
        await server.wait_idle()
        db = first_run.bot_data.db
        answers, comments = await db.answers_of(1, manager.id), await db.round_comments(1)
    assert answers == {first: 2, second: 4} and comments == {(manager.id, second): "only once"}
    server.redeliver(server.emitted_updates[before:])  # /start, both presses, the comment
    async with running(app(), poll_timeout=1) as restarted:
        await server.wait_for(lambda: not server.updates)
        await server.wait_idle()
        db = restarted.bot_data.db
        assert await db.answers_of(1, manager.id) == answers
        assert await db.round_comments(1) == comments
        assert len(await db.participants(1)) == 1
