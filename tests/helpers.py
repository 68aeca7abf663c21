"""Acting as people in the end-to-end tests: a lead, a team group, managers answering."""

from __future__ import annotations

from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser

MANAGER_NAMES = ("Anna", "Ben", "Clara", "Dario", "Eva", "Felix", "Greta", "Hugo")


async def setup_team(
    server: BotApiServer, managers: int, lead_language: str = "en", manager_language: str | None = None
) -> tuple[SimUser, SimChat, list[SimUser]]:
    """A lead (the group's creator), ``managers`` members, and the bot added as admin."""
    lead = server.add_user("Lena", last_name="Lead", username="lena", language_code=lead_language)
    people = [
        server.add_user(name, last_name="Muster", language_code=manager_language or lead_language)
        for name in MANAGER_NAMES[:managers]
    ]
    team = server.add_group("Leadership team", creator=lead, members=people)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    await server.wait_for_message(team, "/newround")
    return lead, team, people


async def wait_text(
    server: BotApiServer, where: SimChat | SimUser, contains: str, timeout: float = 10.0
) -> SimMessage:
    return await server.wait_for_message(where, contains, timeout=timeout)


def bot_texts(server: BotApiServer, where: SimChat | SimUser) -> list[str]:
    return [message.content for message in server.bot_messages(where)]


def last_bot_message(server: BotApiServer, where: SimChat | SimUser) -> SimMessage | None:
    return server.last_message(where)


async def join_round(server: BotApiServer, manager: SimUser, url: str) -> SimMessage:
    """Tap the announcement's link: the private chat opens with /start <payload>; returns the question."""
    sent = await manager.open_url(url)
    assert sent is not None
    return await server.wait_for(
        lambda: next(
            (m for m in server.bot_messages(manager) if m.message_id > sent.message_id and m.buttons), None
        ),
        what="the first statement",
    )


def _question(server: BotApiServer, manager: SimUser) -> SimMessage:
    """The questionnaire message: the bot's latest message with answer buttons."""
    for message in reversed(server.bot_messages(manager)):
        if message.buttons and any(
            b.data and b.data.startswith("a:") for row in message.buttons for b in row
        ):
            return message
    raise AssertionError("no questionnaire message in the chat")


async def answer_all(
    server: BotApiServer,
    manager: SimUser,
    levels: list[int | str],
    comment_after: dict[int, str] | None = None,
) -> None:
    """Answer statements in order (a level, or "?" for can't judge), commenting where asked."""
    comment_after = comment_after or {}
    for index, level in enumerate(levels):
        question = await server.wait_for(
            lambda i=index: _question_at(server, manager, i), what=f"statement {index + 1}"
        )
        await manager.press(question, str(level))
        await server.wait_for(
            lambda i=index, q=question: not q.content.startswith(f"{i + 1}/"),
            what=f"the question after statement {index + 1}",
        )
        if index in comment_after:
            before = server.last_message(manager)
            await manager.send_text(None, comment_after[index])
            await server.wait_for_message(manager, "💬", after=before)


def _question_at(server: BotApiServer, manager: SimUser, index: int) -> SimMessage | None:
    try:
        question = _question(server, manager)
    except AssertionError:
        return None
    return question if question.content.startswith(f"{index + 1}/") else None
