"""The beliefs loop end to end over HTTP: the extremes asked why in private, their reasons in the group,
re-rating the disputed points, and the beliefs the team records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.app import running
from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser
from tests.helpers import answer_all, bot_texts, join_round, local_application, setup_team, wait_text

#: quick catalogue (6 statements): statement 1 split 1 1 5 5 (a disagreement), statement 2 with Dario two
#: levels below the others (a dissent), the rest agreed.
LEVELS = [
    [1, 4, 3, 3, 3, 3],
    [1, 4, 3, 3, 3, 3],
    [5, 4, 3, 3, 3, 3],
    [5, 2, 3, 3, 3, 3],
]


async def close_with_disputes(
    server: BotApiServer, lang: str = "en", anonymous: bool = False
) -> tuple[SimUser, SimChat, list[SimUser], SimMessage]:
    """A round of four managers with one disagreement and one dissent, closed; returns the album's first
    message (the results) as well."""
    lead, team, managers = await setup_team(server, managers=4, lead_language=lang)
    await lead.send_text(team, "/newround quick" + (" anonymous" if anonymous else ""))
    announcement = await wait_text(server, team, "📋")
    url = announcement.buttons[0][0].url
    for manager, levels in zip(managers, LEVELS, strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next" if lang == "en" else "Wie es weitergeht", timeout=30)
    # the poll follows once the close is finished (the results are posted in the background)
    await server.wait_for(lambda: any(m.poll for m in server.bot_messages(team)), what="the poll")
    album = next(m for m in server.chat(team) if m.photos)
    return lead, team, managers, album


def questions_of(server: BotApiServer, manager: SimUser) -> list[SimMessage]:
    return [m for m in server.bot_messages(manager) if "Why do you see it this way?" in m.content]


async def test_the_extremes_are_asked_why_and_their_reasons_reach_the_group(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, album = await close_with_disputes(server)
    anna, ben, clara, dario = managers
    first = {
        m.first_name: await server.wait_for(lambda m=m: questions_of(server, m), what="a question")
        for m in managers
    }
    assert "You rated <b>1</b>" not in first["Anna"][0].content  # plain text as people see it
    assert (
        "You rated 1; the others rated 1, 5, 5. What do you see that makes it a 1?"
        in first["Anna"][0].content
    )
    assert (
        "You rated 5; the others rated 1, 1, 5. What do you see that makes it a 5?"
        in first["Dario"][0].content
    )
    assert "(1/2)" in first["Dario"][0].content and "(1/1)" in first["Anna"][0].content
    for message in (first["Anna"][0], first["Clara"][0]):
        assert [b.text for row in message.buttons for b in row] == ["Skip this one", "Stop asking me"]
    for text in bot_texts(server, anna) + bot_texts(server, ben):
        assert "Dario" not in text and "Clara" not in text, "questions never name anyone"

    await anna.send_text(None, "Our onboarding loses customers in the first week")
    await wait_text(server, anna, "Noted for statement 1")
    await wait_text(server, anna, "That was my last question")

    await ben.press(first["Ben"][0], "Skip this one")
    assert ben.answers[-1].text == "Skipped."
    await server.wait_for(lambda: not first["Ben"][0].buttons, what="the question without its buttons")
    # a skip is not final: replying to the question gives the reason after all
    await ben.send_text(None, "Changed my mind: support tickets", reply_to=first["Ben"][0])
    await wait_text(server, ben, "Noted for statement 1")

    await clara.send_text(None, "x" * 600)
    await wait_text(server, clara, "That is 600 characters; a reason has at most 500")
    await clara.send_text(None, "Key accounts tell us every quarter how happy they are")
    await wait_text(server, clara, "Noted for statement 1")

    await dario.send_text(None, "first thought")
    await wait_text(server, dario, "Noted for statement 1")
    second = await server.wait_for(
        lambda: len(questions_of(server, dario)) == 2 and questions_of(server, dario)[1]
    )
    assert "Statement 2" in second.content and "You rated 2; the others rated 4, 4, 4." in second.content
    await dario.send_text(None, "We win every tender we bid for", reply_to=first["Dario"][0])
    await wait_text(server, dario, "Changed for statement 1")
    await dario.press(second, "Stop asking me")
    assert dario.answers[-1].text == "Understood: no more questions about this round."

    reasons = await wait_text(server, team, "Why the judgments differ", timeout=15)
    assert reasons.reply_to is album, "the reasons reply to the results"
    text = reasons.content
    assert "Anna Muster (1): Our onboarding loses customers in the first week" in text
    assert "Ben Muster (1): Changed my mind: support tickets" in text
    assert "Clara Muster (5): Key accounts tell us every quarter how happy they are" in text
    assert "Dario Muster (5): We win every tender we bid for" in text and "first thought" not in text
    assert "Dario Muster (2): no reason given" in text
    assert text.index("Anna Muster (1)") < text.index("Dario Muster (2)"), "the most disputed statement first"
    assert "/rerate" in text

    await lead.send_text(team, "/reasons")
    again = await server.wait_for_message(team, "Why the judgments differ", after=reasons)
    assert again.content == reasons.content
    before = server.last_message(anna)
    await anna.send_text(None, "one more thought")
    answer = await server.wait_for_message(anna, after=before)
    assert "Noted" not in answer.content, "after the reasons are posted a text is no reason"


async def test_an_anonymous_round_shows_reasons_without_names_and_forgets_who_gave_them(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, managers, _ = await close_with_disputes(server, anonymous=True)
    anna, ben, clara, dario = managers
    for manager in managers:
        await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
    assert "without names" in questions_of(server, anna)[0].content
    await anna.send_text(None, "Onboarding loses them")
    await wait_text(server, anna, "Noted")

    await lead.send_text(team, "/reasons")
    so_far = await wait_text(server, team, "(so far)")
    assert "Onboarding loses them" in so_far.content
    assert "Still asked: 3 managers." in so_far.content
    for manager in managers:
        assert manager.first_name not in so_far.content

    await ben.send_text(None, "Support tickets say otherwise")
    await clara.press(questions_of(server, clara)[0], "Stop asking me")
    await dario.press(questions_of(server, dario)[0], "Stop asking me")
    final = await server.wait_for_message(team, "Why the judgments differ", after=so_far, timeout=15)
    assert "(so far)" not in final.content
    assert (
        "(1): Onboarding loses them" in final.content
        and "(1): Support tickets say otherwise" in final.content
    )
    for manager in managers:
        assert manager.first_name not in final.content
    with sqlite3.connect(db_path) as db:
        linked = db.execute("SELECT COUNT(*) FROM reason_questions WHERE user_id IS NOT NULL").fetchone()[0]
    assert linked == 0, "nothing ties a reason to a person once they are posted"


async def test_reasons_are_posted_when_the_window_ends_and_nobody_blocked_is_asked(
    server: BotApiServer, bot, clock
) -> None:
    lead, team, managers = await setup_team(server, managers=4)
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "📋")).buttons[0][0].url
    for manager, levels in zip(managers, LEVELS, strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    managers[1].block_bot()
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    for manager in (managers[0], managers[2], managers[3]):
        await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
    assert not questions_of(server, managers[1])
    await managers[0].send_text(None, "Onboarding")
    await wait_text(server, managers[0], "Noted")
    clock.advance(25 * 3600)
    final = await wait_text(server, team, "Why the judgments differ", timeout=15)
    assert "Anna Muster (1): Onboarding" in final.content
    assert "Ben" not in final.content, "Ben blocked the bot and was not asked"
    assert "Clara Muster (5): no reason given" in final.content
    before = server.last_message(managers[2])
    await managers[2].send_text(None, "too late")
    answer = await server.wait_for_message(managers[2], after=before)
    assert "Noted" not in answer.content


async def test_reasons_edges(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    await lead.send_text(team, "/reasons")
    await wait_text(server, team, "There are no results yet")
    await lead.send_text(team, "/reasons please")
    await wait_text(server, team, "/reasons")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "📋")).buttons[0][0].url
    for manager in managers:
        await join_round(server, manager, url)
        await answer_all(server, manager, [3, 3, 3, 3, 3, 3])
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_idle()
    assert not questions_of(server, managers[0]), "nothing disputed: nobody is asked"
    await lead.send_text(team, "/reasons")
    await wait_text(server, team, "Nobody was asked for reasons about the last round")


async def test_someone_elses_question_buttons_are_refused_and_a_settled_one_changes_nothing(
    server: BotApiServer, bot
) -> None:
    _, _, managers, _ = await close_with_disputes(server)
    anna, ben = managers[0], managers[1]
    question = await server.wait_for(lambda: questions_of(server, anna) and questions_of(server, anna)[0])
    ben_question = await server.wait_for(lambda: questions_of(server, ben) and questions_of(server, ben)[0])
    skip = question.buttons[0][0].data
    await ben.press_data(ben_question, skip)
    assert ben.answers[-1].show_alert and "does not belong to your round" in ben.answers[-1].text
    await anna.press(question, "Skip this one")
    assert anna.answers[-1].text == "Skipped."
    await anna.press_data(question, skip)
    assert anna.answers[-1].text == "This question is settled already."


async def test_a_restart_in_the_middle_of_the_reasons_loses_no_question_and_asks_none_twice(
    server: BotApiServer, db_path: Path, clock, catalogues
) -> None:
    app = local_application(server, db_path, clock, catalogues)
    async with running(app, poll_timeout=1):
        lead, team, managers = await setup_team(server, managers=4)
        anna, ben, clara, dario = managers
        await lead.send_text(team, "/newround quick")
        url = (await wait_text(server, team, "📋")).buttons[0][0].url
        for manager, levels in zip(managers, LEVELS, strict=True):
            await join_round(server, manager, url)
            await answer_all(server, manager, levels)
        # every question to Anna fails at Telegram (502) until the restart: it stays planned, unsent
        fault = server.faults.inject("sendMessage", "server_error", status=502, chat_id=anna.id, times=None)
        await lead.send_text(team, "/closeround")
        await wait_text(server, team, "What to do next", timeout=30)
        for manager in (ben, clara, dario):
            await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
        await dario.send_text(None, "We win every tender")
        await server.wait_for(lambda: len(questions_of(server, dario)) == 2, what="Dario's second question")
        await server.wait_for(lambda: fault.hits >= 2, what="the timer trying Anna's question again")
        await server.wait_idle()
    asked = {m.first_name: len(questions_of(server, m)) for m in managers}
    assert asked == {"Anna": 0, "Ben": 1, "Clara": 1, "Dario": 2}
    server.faults.clear()

    app = local_application(server, db_path, clock, catalogues)
    async with running(app, poll_timeout=1):
        await server.wait_for(
            lambda: questions_of(server, anna), what="Anna's question, sent after the restart"
        )
        await server.wait_idle()
        assert {m.first_name: len(questions_of(server, m)) for m in (ben, clara, dario)} == {
            "Ben": 1,
            "Clara": 1,
            "Dario": 2,
        }, "nobody is asked twice"
        await anna.send_text(None, "Onboarding")
        await wait_text(server, anna, "Noted")
        await dario.send_text(None, "Procurement buys on price", reply_to=questions_of(server, dario)[1])
        await wait_text(server, dario, "Noted for statement 2")
        await ben.press(questions_of(server, ben)[0], "Stop asking me")
        await clara.press(questions_of(server, clara)[0], "Skip this one")
        final = await wait_text(server, team, "Why the judgments differ", timeout=15)
        assert "Dario Muster (5): We win every tender" in final.content
        assert "Dario Muster (2): Procurement buys on price" in final.content
        assert "Anna Muster (1): Onboarding" in final.content
        await server.wait_idle()
    assert len([m for m in server.bot_messages(team) if "Why the judgments differ" in m.content]) == 1


async def answer_reasons(server: BotApiServer, managers: list[SimUser]) -> None:
    """Every manager asked answers each question in turn ("reason of <name> <n>") until thanked."""
    for manager in managers:
        for index in range(3):
            await server.wait_for(
                lambda m=manager, i=index: len(questions_of(server, m)) > i, what="a question"
            )
            await manager.send_text(None, f"reason of {manager.first_name} {index + 1}")
            done = await server.wait_for(
                lambda m=manager, i=index: _last_or_next(server, m, i), what="the next question or thanks"
            )
            if done == "thanks":
                break


def _last_or_next(server: BotApiServer, manager: SimUser, index: int) -> str | None:
    if any("That was my last question" in text for text in bot_texts(server, manager)):
        return "thanks"
    return "next" if len(questions_of(server, manager)) > index + 1 else None


async def test_re_rating_the_disputed_points_shows_what_converged_and_what_is_still_contested(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, _ = await close_with_disputes(server)
    for manager in managers:
        await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
    await answer_reasons(server, managers)
    reasons = await wait_text(server, team, "Why the judgments differ", timeout=15)

    await managers[0].send_text(team, "/rerate")
    await server.wait_for_message(team, "Only admins", after=reasons)
    await lead.send_text(team, "/rerate now")
    await server.wait_for_message(team, "/rerate", after=reasons)
    await lead.send_text(team, "/rerate")
    announcement = await server.wait_for_message(team, "Re-rating", after=reasons)
    assert "the 2 disputed points of the round of" in announcement.content
    url = announcement.buttons[0][0].url
    polls_before = len([m for m in server.bot_messages(team) if m.poll])

    anna = managers[0]
    first = await join_round(server, anna, url)
    assert first.content.startswith("1/2")
    assert "Before: 2× level 1 · 2× level 5" in first.content
    assert "Your earlier rating: 1" in first.content
    assert "Anna Muster (1): reason of Anna 1" in first.content
    assert "Dario Muster (5): reason of Dario 1" in first.content
    # statement 1 converges on 3; statement 2 stays a dissent (Dario 2, the others 4)
    await answer_all(server, anna, [3, 4])
    for manager, levels in zip(managers[1:], [[3, 4], [3, 4], [3, 2]], strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await lead.send_text(team, "/closeround")
    results = await wait_text(server, team, "Re-rated: before → after", timeout=30)
    text = results.content
    assert "1 of 2 disputed points converged (50%)" in text
    assert "before 2× level 1 · 2× level 5, AD_M 2.00, disagreement" in text
    assert "after 4× level 3, AD_M 0.00, agreement" in text
    assert "Moved: Anna Muster 1 → 3, Ben Muster 1 → 3, Clara Muster 5 → 3, Dario Muster 5 → 3" in text
    assert "Nobody changed their rating." in text
    assert "Still contested: 2." in text and "/belief" in text
    await server.wait_idle()
    assert len([m for m in server.bot_messages(team) if m.poll]) == polls_before, "a re-rating opens no poll"
    await lead.send_text(team, "/history")
    # the group has had many messages this minute: Telegram's pace may hold the reply back
    history = await wait_text(server, team, "re-rating counts as part of its round", timeout=60)
    assert "One round so far" in history.content, "the re-rating is no round of its own"
    for manager in managers:
        assert len(questions_of(server, manager)) <= 2, "nobody is asked why again after a re-rating"


async def test_an_anonymous_re_rating_shows_no_names_and_no_one_s_earlier_rating(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, _ = await close_with_disputes(server, anonymous=True)
    for manager in managers:
        await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
    await answer_reasons(server, managers)
    await wait_text(server, team, "Why the judgments differ", timeout=15)
    await lead.send_text(team, "/rerate")
    announcement = await wait_text(server, team, "Re-rating")
    assert "Anonymous round" in announcement.content
    first = await join_round(server, managers[0], announcement.buttons[0][0].url)
    assert "Before: 2× level 1 · 2× level 5" in first.content
    assert "Your earlier rating" not in first.content
    assert "(1): reason of Anna 1" in first.content and "Anna" not in first.content.replace(
        "reason of Anna", ""
    )


async def test_re_rating_edges(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    await lead.send_text(team, "/rerate")
    await wait_text(server, team, "There is no closed round to re-rate yet")
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "📋")).buttons[0][0].url
    await lead.send_text(team, "/rerate")
    await wait_text(server, team, "There is no closed round to re-rate yet")
    for manager in managers:
        await join_round(server, manager, url)
        await answer_all(server, manager, [3, 3, 3, 3, 3, 3])
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_idle()
    await lead.send_text(team, "/rerate")
    await wait_text(server, team, "Nothing was disputed in the last round")


async def test_beliefs_are_recorded_listed_with_their_convergence_and_deleted_by_admins(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, _ = await close_with_disputes(server)
    anna = managers[0]
    await anna.send_text(team, "/belief 1 Our customers don't know what they want")
    saved = await wait_text(server, team, "Recorded for statement 1")
    await anna.send_text(team, "/belief 2 <b>Support</b> is a cost centre")
    await server.wait_for_message(team, "Recorded for statement 2", after=saved)

    await anna.send_text(team, "/beliefs")
    listing = await wait_text(server, team, "The team's beliefs")
    assert listing.content.index("Support") < listing.content.index("customers don't know"), "newest first"
    assert "<b>Support</b> is a cost centre" in listing.content, "shown as typed, never as markup"
    assert listing.content.count("not rated again since") == 2

    # a re-rating in which statement 1 converges and statement 2 does not
    for manager in managers:
        await server.wait_for(lambda m=manager: questions_of(server, m), what="a question")
    await answer_reasons(server, managers)
    await lead.send_text(team, "/rerate")
    url = (await wait_text(server, team, "Re-rating", timeout=60)).buttons[0][0].url
    for manager, levels in zip(managers, [[3, 4], [3, 4], [3, 4], [3, 2]], strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await lead.send_text(team, "/closeround")
    await wait_text(server, team, "Re-rated: before → after", timeout=60)
    await anna.send_text(team, "/beliefs")
    # the group has had about 20 messages this minute: Telegram's pace holds the reply back
    listing = await server.wait_for_message(team, "The team's beliefs", after=listing, timeout=60)
    assert "converged since 18 Nov 2026" in listing.content
    assert "still disputed" in listing.content

    delete_first = listing.buttons[0][0]
    assert delete_first.text == "🗑 1"
    await anna.press(listing, "🗑 1")
    assert anna.answers[-1].show_alert and "Only admins" in anna.answers[-1].text
    await lead.press(listing, "🗑 1")
    assert lead.answers[-1].text.startswith("Deleted: “<b>Support</b>")
    await server.wait_for(lambda: "Support" not in listing.content, what="the list without the belief")
    await lead.press_data(listing, delete_first.data)
    assert lead.answers[-1].text == "That belief is deleted already."
    # another group's admin cannot delete this team's beliefs with a forged button
    other = server.add_group("Another team", creator=lead, members=[])
    await server.add_bot_to_group(other, by=lead, as_admin=True)
    await lead.send_text(other, "/beliefs")
    empty = await wait_text(server, other, "No beliefs recorded yet")
    remaining = listing.buttons[0][0].data
    await lead.press_data(empty, remaining)
    assert lead.answers[-1].show_alert and "does not belong" in lead.answers[-1].text
    assert "customers don't know" in listing.content


async def test_belief_input_errors_are_named_and_store_nothing(server: BotApiServer, bot) -> None:
    _, team, managers, _ = await close_with_disputes(server)
    anna = managers[0]
    await anna.send_text(team, "/belief")
    await wait_text(server, team, "Record a belief like this: /belief 7")
    await anna.send_text(team, "/belief 99 something")
    await wait_text(server, team, "“99” is not a statement number (1–6)")
    await anna.send_text(team, "/belief 2")
    await wait_text(server, team, "Add the belief after the number: /belief 2")
    await anna.send_text(team, "/belief 1 " + "x" * 301)
    await wait_text(server, team, "A belief has at most 300 characters; this one has 301")
    await anna.send_text(team, "/beliefs")
    await wait_text(server, team, "No beliefs recorded yet")


async def test_belief_before_any_closed_round_and_a_forged_delete_button(server: BotApiServer, bot) -> None:
    lead, team, _ = await setup_team(server, managers=1)
    await lead.send_text(team, "/belief 1 something")
    await wait_text(server, team, "Beliefs belong to the statements of a closed round; there is none yet.")
    await lead.send_text(team, "/beliefs")
    listing = await wait_text(server, team, "No beliefs recorded yet")
    await lead.press_data(listing, "v:1")
    assert lead.answers[-1].show_alert and lead.answers[-1].text == "That belief is deleted already."
