"""Whole user journeys over HTTP: the real application against the project's local Bot API server.

Every assertion is about what a person sees in a chat: messages, buttons, photos, alerts.
"""

from __future__ import annotations

import re

import pytest

from bot.offline.telegram_server import BotApiServer
from tests.helpers import answer_all, bot_texts, join_round, last_bot_message, setup_team, wait_text


async def test_named_round_with_four_managers(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=4, lead_language="de")
    await lead.send_text(team, "/newround quick")
    announcement = await wait_text(server, team, "Neue Runde")
    url = announcement.buttons[0][0].url
    assert re.fullmatch(r"https://t\.me/maturity_test_bot\?start=[A-Za-z0-9_-]{16,64}", url)
    levels = [[2, 2, 3, 4, 4, 5], [2, 3, 3, 4, 3, 4], [5, 2, 3, 4, 4, 1], [1, 2, "?", 4, 3, 5]]
    for manager, answers in zip(managers, levels, strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, answers, comment_after={1: f"Kommentar von {manager.first_name}"})
        summary = await wait_text(server, manager, "Danke")
        assert "6." in summary.text
    await wait_text(server, team, "4 von 4 abgeschlossen")
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "Wie es weitergeht", timeout=30)
    chat = server.chat(team)
    photos = [m for m in chat if m.photos]
    assert len(photos) == 3 and len({p.media_group_id for p in photos}) == 1, "the three charts, one album"
    text = "\n".join(bot_texts(server, team))
    for manager in managers:
        assert manager.first_name in text
        assert f"Kommentar von {manager.first_name}" in text
    assert "Krippendorff" in text
    await server.wait_for(lambda: "Diese Runde ist geschlossen" in announcement.content)
    assert not announcement.buttons


async def test_anonymous_round_shows_no_names(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=4, lead_language="en")
    await lead.send_text(team, "/newround quick anonymous")
    announcement = await wait_text(server, team, "Anonymous round")
    url = announcement.buttons[0][0].url
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        await answer_all(
            server, manager, [1 + index, 3, 5 - index, 2, 4, 3], comment_after={0: "secret thought"}
        )
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    text = "\n".join(bot_texts(server, team))
    assert "secret thought" in text
    for manager in managers:
        assert manager.first_name not in text
    assert "4 managers answered" in text
    assert "Who rates systematically differently" not in text


async def test_non_admin_and_outsider_are_refused(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    member = managers[0]
    await member.send_text(team, "/newround")
    refusal = await wait_text(server, team, "Only admins")
    assert refusal.reply_to_user == member
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    outsider = server.add_user("Olga", language_code="en")
    await outsider.send_text(None, "/start " + url.rsplit("=", 1)[1])
    await wait_text(server, outsider, "Only members of the team's group")
    await lead.send_text(team, "/status")
    status = await wait_text(server, team, "Started: 0")
    assert "Olga" not in status.text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/newround nosuch", "I don't know the catalogue “nosuch”"),
        ("/newround quick soon", "I don't understand “soon”"),
        ("/newround quick 3x", "I can't read the deadline “3x”"),
        ("/newround quick 2m", "too soon"),
    ],
)
async def test_bad_newround_arguments_get_specific_answers(
    server: BotApiServer, bot, command: str, expected: str
) -> None:
    lead, team, _ = await setup_team(server, managers=0, lead_language="en")
    await lead.send_text(team, command)
    await wait_text(server, team, expected)
    await lead.send_text(team, "/status")
    await wait_text(server, team, "No round is open")


async def test_second_round_while_one_is_open(server: BotApiServer, bot) -> None:
    lead, team, _ = await setup_team(server, managers=0, lead_language="en")
    await lead.send_text(team, "/newround quick")
    await wait_text(server, team, "New round")
    await lead.send_text(team, "/newround")
    await wait_text(server, team, "A round is already open")


async def test_too_few_answers_keep_the_round_open(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, managers[0], url)
    await answer_all(server, managers[0], [3, 3, 3, 3, 3, 3])
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "a comparison needs ratings from at least two managers")
    await lead.send_text(team, "/status")
    await wait_text(server, team, "Started: 1 · finished: 1")


async def test_cancel_asks_first_and_stale_buttons_are_refused(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, managers[0], url)
    question = await wait_text(server, managers[0], "1/6")
    await lead.send_text(team, "/cancelround")
    confirm = await wait_text(server, team, "Really discard")
    refused = await managers[0].press(confirm, "Yes")
    assert "Only admins" in (refused.answer_text or "")
    await lead.press(confirm, "Yes")
    await wait_text(server, team, "The round has been discarded")
    pressed = await managers[0].press(question, "3")
    assert "discarded" in (pressed.answer_text or "")
    assert await answers_in_db(bot) == 0


async def answers_in_db(app) -> int:
    answers = 0
    for round_ in range(1, 5):
        answers += sum(len(v) for v in (await app.bot_data.db.round_answers(round_)).values())
    return answers


async def test_forged_buttons_change_nothing(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, managers[0], url)
    question = await wait_text(server, managers[0], "1/6")
    for data in [
        "a:1:view-1:9",
        "a:999:view-1:3",
        "a:1:nosuch:3",
        "garbage",
        "x:1:y",
        "a:1:view-1:3" + "0" * 60,
    ]:
        pressed = await managers[0].press_data(question, data)
        assert pressed.answer_text, data
    await managers[1].start()
    own_message = await wait_text(server, managers[1], "Hello")
    outsider_press = await managers[1].press_data(own_message, "a:1:view-1:3")
    assert "does not belong to your round" in (outsider_press.answer_text or "")
    assert await bot.bot_data.db.round_answers(1) == {}


async def test_comments_need_an_answer_and_media_gets_a_hint(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    manager = managers[0]
    await manager.send_text(None, "hello?")
    await wait_text(server, manager, "You are not in an open round")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, manager, url)
    await manager.send_text(None, "too early")
    await wait_text(server, manager, "Please answer a statement first")
    await manager.send_sticker(None)
    await wait_text(server, manager, "I can't use pictures")
    question = await wait_text(server, manager, "1/6")
    await manager.press(question, "4")
    await manager.send_text(None, "x" * 1001)
    await wait_text(server, manager, "at most 1000 characters")
    await manager.send_text(None, "first part")
    await wait_text(server, manager, "Comment saved on statement 1")
    await manager.send_text(None, "second part")
    await wait_text(server, manager, "Added to your comment on statement 1")
    assert list((await bot.bot_data.db.round_comments(1)).values()) == ["first part\nsecond part"]


async def test_deadline_closes_the_round(server: BotApiServer, bot, clock) -> None:
    lead, team, managers = await setup_team(server, managers=2, lead_language="en")
    await lead.send_text(team, "/newround quick 2d")
    url = (await wait_text(server, team, "Deadline")).buttons[0][0].url
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        await answer_all(server, manager, [1 + 3 * index, 2, 3, 4, 5, 3][: 6 - index])
    clock.advance(1.2 * 86_400)
    await wait_text(server, managers[1], "Reminder")
    clock.advance(1 * 86_400)
    await wait_text(server, team, "What to do next", timeout=30)
    text = "\n".join(bot_texts(server, team))
    assert "answered" in text and "5 of 6" in text


async def test_language_and_help(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    await managers[0].send_text(team, "/language de")
    await wait_text(server, team, "Only admins")
    await lead.send_text(team, "/language fr")
    await wait_text(server, team, "/language de")
    await lead.send_text(team, "/language de")
    await wait_text(server, team, "deutsche Nachrichten")
    await lead.send_text(team, "/help")
    help_message = await wait_text(server, team, "Einrichten")
    for command in (
        "/newround",
        "/status",
        "/remind",
        "/closeround",
        "/cancelround",
        "/results",
        "/language",
    ):
        assert command in help_message.text
    assert last_bot_message(server, team) is help_message
