"""Hostile and broken input end to end: forged buttons, odd deep links, junk arguments, channels, edits, bots.

Each case gets a clear, polite answer or is ignored, changes nothing in the database, and logs no error
(the autouse ``no_error_logs`` fixture in conftest fails a test otherwise).
"""

from __future__ import annotations

import pytest

from bot.offline.telegram_server import BotApiServer, SimChat, SimUser
from tests.helpers import answer_all, join_round, setup_team, wait_text

NOT_YOURS = "This button does not belong to your round"


async def snapshot(app, rounds: int = 3) -> dict[str, object]:
    """Everything a hostile input could change: answers, participants, comments and state of each round."""
    db = app.bot_data.db
    state: dict[str, object] = {}
    for round_id in range(1, rounds + 1):
        round_ = await db.round(round_id)
        state[f"round {round_id}"] = None if round_ is None else (round_.status, round_.anonymous)
        state[f"answers {round_id}"] = await db.round_answers(round_id)
        state[f"participants {round_id}"] = [
            (p.user_id, p.finished_at) for p in await db.participants(round_id)
        ]
        state[f"comments {round_id}"] = await db.round_comments(round_id)
    return state


async def second_team(server: BotApiServer) -> tuple[SimUser, SimChat, SimUser]:
    """Another group with its own lead and one manager, the bot as admin."""
    lead = server.add_user("Otto", last_name="Other", language_code="en")
    manager = server.add_user("Paula", last_name="Other", language_code="en")
    team = server.add_group("Other team", creator=lead, members=[manager])
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    await server.wait_for_message(team, "/newround")
    return lead, team, manager


async def open_round(server: BotApiServer, lead: SimUser, team: SimChat, args: str = "quick") -> str:
    sent = await lead.send_text(team, f"/newround {args}")
    announcement = await server.wait_for_message(team, "New round", after=sent)
    return announcement.buttons[0][0].url


#: Quiet time that outlasts the bot's pace of one message a second per chat, so "no further reply" holds.
PACED_QUIET = 1.1


async def reply_to(server: BotApiServer, where: SimChat | SimUser, sent) -> str:
    """The bot's first message in a chat after ``sent`` (sends are paced per chat, so wait for it)."""
    reply = await server.wait_for(
        lambda: next((m for m in server.bot_messages(where) if m.message_id > sent.message_id), None),
        what=f"a reply to {sent.content[:40]!r}",
    )
    return reply.content


async def replies_after(server: BotApiServer, where: SimChat | SimUser, sent) -> list[str]:
    """Every message of the bot in a chat after ``sent``, once the bot has been quiet long enough."""
    await server.wait_idle(quiet=PACED_QUIET)
    return [m.content for m in server.bot_messages(where) if m.message_id > sent.message_id]


async def polling(server: BotApiServer) -> None:
    """Wait for the bot's first getUpdates: from then on the server knows the update types it wants."""
    await server.wait_for(lambda: server.calls("getUpdates"), what="the bot polling")


# ------------------------------------------------------------------------------------------- buttons


async def test_forged_callback_data_of_every_shape(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1)
    await join_round(server, anna, await open_round(server, lead, team))
    await answer_all(server, anna, [3])
    other_lead, other_team, paula = await second_team(server)
    await join_round(server, paula, await open_round(server, other_lead, other_team))
    question = await wait_text(server, anna, "2/6")
    before = await snapshot(bot)
    forged = [
        "a:2:view-1:3",  # round 2 belongs to another group
        "s:2:view-1",
        "f:2",
        "d:2:view-1",
        "a:1:view-1:0",  # levels out of range
        "a:1:view-1:6",
        "a:1:view-1:9",
        "a:1:nosuch:3",  # statements the catalogue does not have
        "s:1:nosuch",
        "d:1:nosuch",
        "a:999:view-1:3",  # a round that does not exist
        "garbage",
        "a:1:view-1:3:extra",
        "🙂:1",
        "a:1:view-1:3" + " " * 52,  # exactly 64 bytes
        "x" * 64,
        "x" * 65,
        "a:1:view-1:3" + "0" * 200,
        "x:1:y",  # the cancel confirmation of a group, pressed in a private chat
        "x:1:n",
    ]
    for data in forged:
        pressed = await anna.press_data(question, data)
        assert NOT_YOURS in (pressed.answer_text or ""), data
        assert pressed.show_alert, data
    assert await snapshot(bot) == before
    assert question.content.startswith("2/6")


async def test_private_buttons_pressed_in_a_group_change_nothing(server: BotApiServer, bot) -> None:
    """Questionnaire and delete-my-data data forged onto the group's announcement: refused, not edited."""
    lead, team, (anna,) = await setup_team(server, managers=1)
    url = await open_round(server, lead, team)
    announcement = await wait_text(server, team, "New round")
    await join_round(server, anna, url)
    await answer_all(server, anna, [3], comment_after={0: "keep me"})
    before, text = await snapshot(bot), announcement.content
    for data in ["a:1:view-1:5", "s:1:view-1", "f:1", "d:1:view-1", "p:y", "p:n"]:
        pressed = await anna.press_data(announcement, data)
        assert NOT_YOURS in (pressed.answer_text or ""), data
    assert await snapshot(bot) == before
    assert (await bot.bot_data.db.user(anna.id)) is not None
    await server.wait_idle()
    assert announcement.content == text


async def test_cancel_confirmation_from_non_admins_and_other_groups(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1)
    await join_round(server, anna, await open_round(server, lead, team))
    other_lead, other_team, _ = await second_team(server)
    await open_round(server, other_lead, other_team)
    await lead.send_text(team, "/cancelround")
    confirm = await wait_text(server, team, "Really discard")
    before = await snapshot(bot)
    for data in ["x:1:y", "x:1:n"]:
        pressed = await anna.press_data(confirm, data)
        assert "Only admins" in (pressed.answer_text or ""), data
    # an admin of group 1 pressing data that names round 2 (of the other group)
    pressed = await lead.press_data(confirm, "x:2:y")
    assert NOT_YOURS in (pressed.answer_text or "")
    # the other group's admin, on a message of their own group, naming round 1
    other_message = await wait_text(server, other_team, "New round")
    pressed = await other_lead.press_data(other_message, "x:1:y")
    assert NOT_YOURS in (pressed.answer_text or "")
    pressed = await other_lead.press_data(other_message, "x:999:y")
    assert NOT_YOURS in (pressed.answer_text or "")
    assert await snapshot(bot) == before
    assert confirm.content.startswith("Really discard")


async def test_delete_my_data_confirmed_twice(server: BotApiServer, bot) -> None:
    lead, team, (anna, ben) = await setup_team(server, managers=2)
    url = await open_round(server, lead, team)
    await join_round(server, anna, url)
    await answer_all(server, anna, [3, 4])
    await join_round(server, ben, url)
    await answer_all(server, ben, [2])
    await anna.send_text(None, "/deletemydata")
    confirm = await wait_text(server, anna, "delete")
    first = await anna.press(confirm, data="p:y")
    assert first.answered
    await server.wait_idle()
    after_first = await snapshot(bot)
    assert anna.id not in after_first["answers 1"]  # type: ignore[operator]
    assert ben.id in after_first["answers 1"]  # type: ignore[operator]
    second = await anna.press_data(confirm, "p:y")
    assert second.answered
    await server.wait_idle()
    assert await snapshot(bot) == after_first


async def test_buttons_of_closed_and_cancelled_rounds(server: BotApiServer, bot) -> None:
    lead, team, (anna, ben) = await setup_team(server, managers=2)
    url = await open_round(server, lead, team)
    for manager in (anna, ben):
        await join_round(server, manager, url)
        await answer_all(server, manager, [3, 3, 3, 3, 3, 3])
    summary = await wait_text(server, anna, "Thank you")
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    before = await snapshot(bot)
    for data in ["a:1:view-1:5", "s:1:view-1", "f:1", "d:1:view-1"]:
        pressed = await anna.press_data(summary, data)
        assert "This round is closed" in (pressed.answer_text or ""), data
    url = await open_round(server, lead, team)
    await join_round(server, anna, url)
    question = await wait_text(server, anna, "1/6")
    await lead.send_text(team, "/cancelround")
    await lead.press(await wait_text(server, team, "Really discard"), "Yes")
    await wait_text(server, team, "The round has been discarded")
    before = await snapshot(bot)
    for data in ["a:2:view-1:5", "s:2:view-1", "f:2"]:
        pressed = await anna.press_data(question, data)
        assert "discarded" in (pressed.answer_text or ""), data
    assert await snapshot(bot) == before


# ------------------------------------------------------------------------------------------- deep links


async def test_deep_link_payloads(server: BotApiServer, bot) -> None:
    lead, team, (anna, ben) = await setup_team(server, managers=2)
    closed_url = await open_round(server, lead, team)
    for manager in (anna, ben):
        await join_round(server, manager, closed_url)
        await answer_all(server, manager, [2, 2, 2, 2, 2, 2])
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    cancelled_url = await open_round(server, lead, team)
    await lead.send_text(team, "/cancelround")
    await lead.press(await wait_text(server, team, "Really discard"), "Yes")
    await wait_text(server, team, "The round has been discarded")
    cases = {
        "A" * 20: "I don't know this link",  # well formed, in no round
        "short": "I don't know this link",
        "bad$chars-in-this-one": "I don't know this link",
        "x" * 65: "I don't know this link",
        "x" * 4000: "I don't know this link",
        "ünïcödé-päylöäd-123": "I don't know this link",
        "‮RTL-override-payload-1": "I don't know this link",
        closed_url.rsplit("=", 1)[1]: "This round is already closed",
        cancelled_url.rsplit("=", 1)[1]: "This round was discarded",
    }
    before = await snapshot(bot)
    people = []
    for index, (payload, expected) in enumerate([*cases.items(), (None, "Hello!")]):
        person = server.add_user(f"Visitor {index}", language_code="en")  # own chat: replies are not paced
        people.append(person)
        sent = await person.start(payload)
        assert expected in await reply_to(server, person, sent), (payload or "")[:30]
    await server.wait_idle(quiet=PACED_QUIET)
    assert all(len(server.bot_messages(person)) == 1 for person in people)
    assert await snapshot(bot) == before
    for person in people:
        assert await bot.bot_data.db.participant(1, person.id) is None
        assert await bot.bot_data.db.participant(2, person.id) is None


# ------------------------------------------------------------------------------------------- commands


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/newround a b c d", "I don't understand “b”"),
        ("/newround 3d 4d", "Please give one deadline only"),
        ("/newround quick 3d anonymous extra", "I don't understand “extra”"),
        ("/newround " + "q" * 4000, "I don't know the catalogue"),
        ("/newround quick " + "3" * 4000, "I can't read the deadline"),
        ("/newround quick " + "x " * 1990, "I don't understand"),
        ("/newround ‮kciuq", "I don't know the catalogue “‮kciuq”"),
        ("/newround שאלון", "I don't know the catalogue “שאלון”"),
        ("/language xx yy", "Usage: /language de or /language en"),
        ("/language de en", "Usage: /language de or /language en"),
        ("/language " + "d" * 4000, "Usage: /language de or /language en"),
        ("/language עברית", "Usage: /language de or /language en"),
        ("/status junk", "No round is open"),
        ("/closeround now please", "/closeround takes no arguments"),
        ("/cancelround " + "x" * 4000, "/cancelround takes no arguments"),
        ("/remind all of them", "/remind takes no arguments"),
    ],
)
async def test_commands_with_junk_arguments(server: BotApiServer, bot, command: str, expected: str) -> None:
    lead, team, _ = await setup_team(server, managers=0)
    sent = await lead.send_text(team, command)
    reply = await reply_to(server, team, sent)
    assert expected in reply and len(reply) < 1000, reply
    assert len(await replies_after(server, team, sent)) == 1
    team_row = await bot.bot_data.db.team_by_chat(team.id)
    assert team_row is not None and team_row.language in (None, "en")
    assert await bot.bot_data.db.round(1) is None


async def test_junk_arguments_leave_an_open_round_alone(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1)
    await join_round(server, anna, await open_round(server, lead, team))
    await answer_all(server, anna, [4])
    before = await snapshot(bot)
    commands = [
        ("/closeround now please", "/closeround takes no arguments"),
        ("/cancelround yes", "/cancelround takes no arguments"),
        ("/remind everyone", "/remind takes no arguments"),
    ]
    first = None
    for command, expected in commands:
        sent = await lead.send_text(team, command)
        first = first or sent
        assert expected in await reply_to(server, team, sent), command
    assert len(await replies_after(server, team, first)) == len(commands)
    assert await snapshot(bot) == before


async def test_commands_addressed_to_another_bot_are_ignored(server: BotApiServer, bot) -> None:
    lead, team, _ = await setup_team(server, managers=0)
    sent = await lead.send_text(team, "/newround@otherbot quick")
    await lead.send_text(team, "/status@otherbot")
    await lead.send_text(team, "/cancelround@OtherBot now")
    assert await replies_after(server, team, sent) == []
    assert await bot.bot_data.db.round(1) is None
    await lead.send_text(team, "/newround@maturity_test_bot quick")
    await wait_text(server, team, "New round")


# ------------------------------------------------------------------------------------------- comments


async def test_comment_limit_is_told_and_extending_past_it_is_refused(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1)
    await anna.open_url(await open_round(server, lead, team))
    await wait_text(server, anna, "at most 1000 characters per statement")  # told before anything goes wrong
    question = await wait_text(server, anna, "1/6")
    await anna.press(question, "4")
    await anna.send_text(None, "y" * 1000)
    await wait_text(server, anna, "Comment saved on statement 1")
    sent = await anna.send_text(None, "z")
    reply = await reply_to(server, anna, sent)
    assert "already" in reply and "1002 characters" in reply and "at most 1000" in reply, reply
    sent = await anna.send_text(None, "w" * 4000)
    reply = await reply_to(server, anna, sent)
    assert "5001 characters" in reply and "at most 1000" in reply, reply
    assert list((await bot.bot_data.db.round_comments(1)).values()) == ["y" * 1000]


async def test_comment_too_long_on_its_own(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1, manager_language="de")
    await join_round(server, anna, await open_round(server, lead, team))
    question = await server.wait_for_message(anna, "1/6")
    await anna.press(question, "4")
    sent = await anna.send_text(None, "ä" * 1001)
    reply = await reply_to(server, anna, sent)
    assert "höchstens 1000 Zeichen" in reply and "(1001 Zeichen)" in reply, reply
    assert await bot.bot_data.db.round_comments(1) == {}


# ------------------------------------------------------------------------------------------- channels, edits


async def test_bot_added_to_a_channel_leaves_it(server: BotApiServer, bot) -> None:
    owner = server.add_user("Carla", language_code="en")
    channel = server.add_channel("News", creator=owner)
    await server.add_bot_to_group(channel, by=owner, as_admin=True)
    await server.wait_for(lambda: not channel.member(server.bot).present, what="the bot leaving")
    await server.wait_idle()
    assert server.bot_messages(channel) == []
    assert await bot.bot_data.db.team_by_chat(channel.id) is None


async def test_channel_posts_are_ignored(server: BotApiServer, bot) -> None:
    """Channel posts are not among the updates the bot asks for; delivered anyway, they are ignored."""
    owner = server.add_user("Carla", language_code="en")
    channel = server.add_channel("News", creator=owner)
    await polling(server)
    server.set_member(channel, server.bot, "administrator")  # silently, as if added before the bot ran
    await owner.send_text(channel, "/newround quick")
    await owner.send_text(channel, "hello")
    dropped = [u for u in server.dropped_updates if "channel_post" in u]
    assert len(dropped) == 2
    server.redeliver(dropped)  # a bot polling for every update type would get them
    await server.wait_for(lambda: not server.updates, what="the posts fetched")
    await server.wait_idle(quiet=PACED_QUIET)
    assert server.bot_messages(channel) == []
    assert await bot.bot_data.db.team_by_chat(channel.id) is None


async def test_edited_messages_are_ignored(server: BotApiServer, bot) -> None:
    """Edits change nothing: a comment stays as first sent, an edited command is not run again."""
    lead, team, (anna,) = await setup_team(server, managers=1)
    command = await lead.send_text(team, "/newround quick")
    await join_round(server, anna, (await wait_text(server, team, "New round")).buttons[0][0].url)
    await anna.press(await server.wait_for_message(anna, "1/6"), "4")
    comment = await anna.send_text(None, "first thought")
    await wait_text(server, anna, "Comment saved on statement 1")
    before = await snapshot(bot)
    await anna.edit_text(comment, "second thought")
    await lead.edit_text(command, "/cancelround")
    edited = [u for u in server.dropped_updates if "edited_message" in u]
    assert len(edited) == 2  # the bot does not ask for edited messages
    server.redeliver(edited)  # delivered anyway, they are ignored
    await server.wait_for(lambda: not server.updates, what="the edits fetched")
    await server.wait_idle(quiet=PACED_QUIET)
    assert await snapshot(bot) == before
    assert not any("discard" in text for text in [m.content for m in server.bot_messages(team)])
    assert list((await bot.bot_data.db.round_comments(1)).values()) == ["first thought"]


# ------------------------------------------------------------------------------------------- bots


async def test_bots_never_take_part(server: BotApiServer, bot) -> None:
    lead, team, (anna,) = await setup_team(server, managers=1)
    helper_bot = server.add_user("HelperBot", username="helper_bot", is_bot=True)
    server.set_member(team, helper_bot, "member")
    url = await open_round(server, lead, team)
    await join_round(server, anna, url)
    payload = url.rsplit("=", 1)[1]
    # Telegram never delivers a bot's message to another bot; forge one as a bot polling any update would
    # see it, with the human's /start as the model.
    sent = await anna.start(payload)
    await server.wait_idle()
    template = next(
        u
        for u in reversed(server.emitted_updates)
        if u.get("message", {}).get("message_id") == sent.message_id
    )
    forged = {
        "update_id": template["update_id"] + 10_000,
        "message": {
            **template["message"],
            "from": helper_bot.json(),
            "chat": {"id": helper_bot.id, "type": "private", "first_name": helper_bot.first_name},
        },
    }
    sends = len(server.calls("sendMessage"))
    server.redeliver([forged])
    await server.wait_for(lambda: not server.updates, what="the forged update fetched")
    await server.wait_idle()
    assert len(server.calls("sendMessage")) == sends  # no answer: a bot cannot be written to anyway
    assert await bot.bot_data.db.participant(1, helper_bot.id) is None
    assert await bot.bot_data.db.user(helper_bot.id) is None
    participants = await bot.bot_data.db.participants(1)
    assert [p.user_id for p in participants] == [anna.id]
