"""The questionnaire as a manager meets it, and the group commands around it, over real HTTP."""

from __future__ import annotations

import asyncio
import json

from bot.app import running
from bot.infra.ordering import BoundedIntake
from bot.offline.telegram_server import BotApiServer
from tests.helpers import CHARTS, answer_all, join_round, local_application, setup_team, wait_text


def _decoded(value: object) -> dict:
    """A parameter as the bot sent it: an object in a JSON body, a JSON string in form fields."""
    return value if isinstance(value, dict) else json.loads(str(value))


async def test_commands_are_registered_for_groups_and_private_chats_in_both_languages(
    server: BotApiServer, bot
) -> None:
    registered = {
        (
            _decoded(c.params["scope"])["type"] if c.params.get("scope") else None,
            c.params.get("language_code"),
        )
        for c in server.calls("setMyCommands", ok=True)
    }
    for scope in ("all_private_chats", "all_group_chats"):
        for lang in ("de", "en", None):
            assert (scope, lang) in registered
    german = server.add_user("Dora", language_code="de")
    team = server.add_group("Team", creator=german)
    names = [c["command"] for c in server.commands_for(german, team)]
    assert {"newround", "status", "closeround", "results", "help"} <= set(names)
    private = [c["description"] for c in server.commands_for(german, None)]
    assert any("Daten" in d for d in private)


async def test_bot_added_as_member_introduces_itself_and_asks_for_admin(server: BotApiServer, bot) -> None:
    lead = server.add_user("Lena", language_code="en")
    team = server.add_group("Team", creator=lead)
    await server.add_bot_to_group(team, by=lead, as_admin=False)
    hello = await wait_text(server, team, "make me an admin")
    assert "/newround" in hello.text
    await server.promote_bot(team, by=lead)
    await wait_text(server, team, "Thanks for making me an admin")


async def test_statement_message_shape_back_button_and_changing_answers(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    manager = managers[0]
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    question = await join_round(server, manager, url)
    intro = server.bot_messages(manager)[-2]
    assert "6 statements" in intro.text and "stay private until the round closes" in intro.text
    assert "with your name" in intro.text
    assert question.text.startswith("1/6 · ")
    buttons = [b.text for row in question.buttons for b in row]
    assert [b[0] for b in buttons[:5]] == ["1", "2", "3", "4", "5"]
    assert "?" in buttons[5]
    assert not any("Back" in b for b in buttons), "no back button on the first statement"
    for level in ("1 ", "2 ", "3 ", "4 ", "5 "):
        assert level.strip() in question.text
    pressed = await manager.press(question, "4")
    assert pressed.answer_text and "Saved: 4" in pressed.answer_text
    await server.wait_for(lambda: question.text.startswith("2/6"))
    assert any("Back" in b.text for row in question.buttons for b in row)
    await manager.press(question, "◀")
    await server.wait_for(lambda: question.text.startswith("1/6"))
    assert "Your answer: 4" in question.text
    assert any(b.text.startswith("4") and "✓" in b.text for row in question.buttons for b in row)
    await manager.press(question, "2")
    await server.wait_for(lambda: question.text.startswith("2/6"))
    assert await bot.bot_data.db.answers_of(1, manager.id) == {"view-1": 2}


async def test_same_link_resumes_and_old_buttons_still_work(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=1, lead_language="en")
    manager = managers[0]
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    first = await join_round(server, manager, url)
    await answer_all(server, manager, [3, 3])
    again = await join_round(server, manager, url)
    assert again is not first and again.text.startswith("3/6")
    assert "Welcome back" in server.bot_messages(manager)[-2].text
    await manager.press(first, "5")
    await server.wait_for(lambda: not first.text.startswith("3/6"))
    assert (await bot.bot_data.db.answers_of(1, manager.id))["view-2"] == 3
    assert len(await bot.bot_data.db.answers_of(1, manager.id)) == 3


async def test_finishing_shows_a_summary_that_lets_you_change_any_answer(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await join_round(server, managers[0], url)
    await answer_all(server, managers[0], [1, 2, 3, 4, 5, "?"])
    summary = await wait_text(server, managers[0], "Thank you")
    assert "→ 5 · Leading" in summary.text and "can't judge" in summary.text
    assert "tap its number" in summary.text
    numbers = [b.text for row in summary.buttons for b in row]
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    await managers[0].press(summary, "3")
    await server.wait_for(lambda: summary.text.startswith("3/6"))
    await managers[0].press(summary, "1")
    await server.wait_for(lambda: "Thank you" in summary.text)
    assert (await bot.bot_data.db.answers_of(1, managers[0].id))["people-1"] == 1


async def test_remind_results_and_buttons_of_a_closed_round(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=3, lead_language="en")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    await lead.send_text(team, "/results")
    await wait_text(server, team, "There is no closed round yet")
    for manager, levels in zip(managers[:2], ([2, 3, 4, 5, 1, 2], [4, 3, 2, 1, 5, 4]), strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    late = await join_round(server, managers[2], url)
    await managers[1].send_text(team, "/remind")
    await wait_text(server, team, "Only admins")
    await lead.send_text(team, "/remind")
    await wait_text(server, team, "Sent 1 reminder")
    reminder = await wait_text(server, managers[2], "Reminder")
    assert "0 of 6" in reminder.text and reminder.buttons[0][0].url == url
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_for(lambda: any(m.poll for m in server.bot_messages(team)), what="the priority poll")
    closed_at = next(m for m in server.chat(team) if m.text == "/closeround")
    first_results_count = len(
        [m for m in server.bot_messages(team) if m.message_id > closed_at.message_id and m.poll is None]
    )
    pressed = await managers[2].press(late, "3")
    assert "closed" in (pressed.answer_text or "")
    await managers[2].open_url(url)
    await wait_text(server, managers[2], "already closed")
    command = await managers[0].send_text(team, "/results")
    await server.wait_for_message(team, "What to do next", after=command, timeout=30)
    again = [m for m in server.bot_messages(team) if m.message_id > command.message_id]
    assert len([m for m in again if m.photos]) == CHARTS, "the charts are posted again with the results"
    assert len(again) == first_results_count, "the results again, without a second poll"
    assert not [m for m in again if m.poll]


async def test_help_in_private_and_unknown_commands(server: BotApiServer, bot) -> None:
    person = server.add_user("Pia", language_code="de-CH")
    await person.send_text(None, "/help")
    help_text = await wait_text(server, person, "Einrichten")
    assert "/start" in help_text.text and "/newround" in help_text.text
    await person.send_text(None, "/frobnicate")
    await wait_text(server, person, "Diesen Befehl kenne ich nicht")
    await person.send_text(None, "/status")
    await wait_text(server, person, "funktioniert in der Gruppe")
    await person.start()
    await wait_text(server, person, "«Jetzt bewerten»")


async def test_presses_beyond_the_intake_limit_wait_at_telegram_and_all_get_answered(
    server: BotApiServer, db_path, clock, catalogues
) -> None:
    """Eight managers press at once while the bot may hold two unfinished updates: it never holds more,
    the other presses stay unconfirmed at Telegram meanwhile, and every manager gets the next statement."""
    app = local_application(server, db_path, clock, catalogues, intake_limit=2)
    async with running(app, poll_timeout=1):
        lead, team, managers = await setup_team(server, managers=8)
        await lead.send_text(team, "/newround quick")
        url = (await wait_text(server, team, "New round")).buttons[0][0].url
        questions = [await join_round(server, manager, url) for manager in managers]
        intake = app.update_queue
        assert isinstance(intake, BoundedIntake)
        most, waited_at_telegram = 0, False

        async def watch() -> None:
            nonlocal most, waited_at_telegram
            while True:
                most = max(most, intake.unfinished)
                pending = [u for u in server.updates if "callback_query" in u]
                waited_at_telegram |= intake.unfinished == 2 and len(pending) > 2
                await asyncio.sleep(0)

        watcher = asyncio.create_task(watch())
        await asyncio.gather(*(m.press(q, "3") for m, q in zip(managers, questions, strict=True)))
        for question in questions:
            await server.wait_for(lambda q=question: q.content.startswith("2/6"), what="statement 2")
        watcher.cancel()
    assert most == 2
    assert waited_at_telegram
