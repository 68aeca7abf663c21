"""The small Bot API helpers every flow and handler uses: say something, post into a round's forum topic,
edit a message into a view, and ask Telegram who belongs to a group.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from telegram import Bot, Message
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.context import App, Services
from bot.domain.rounds import Round
from bot.views.html import View

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}

#: What Telegram answers a message sent into a forum topic that was deleted.
THREAD_NOT_FOUND = "message thread not found"


async def say(bot: Bot, chat_id: int, text: str) -> None:
    """Tell a chat something in passing; a failure is one log line (nobody is waiting for this message)."""
    try:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
    except TelegramError as exc:
        logger.info("could not tell chat %s: %s", chat_id, exc)


def topic_of(message: Message) -> int | None:
    """The forum topic a message was sent in (None: a group without topics, or the General topic)."""
    return message.message_thread_id if message.is_topic_message else None


async def in_round_topic(app: App, round_: Round, send: Callable[[int | None], Awaitable[_T]]) -> _T:
    """Post something about a round where the round lives: ``send(thread_id)`` with the forum topic it was
    opened in (None: no topic).

    A topic deleted meanwhile makes Telegram refuse with "message thread not found": then the message goes
    to the General topic, the team's rounds of that topic are moved there for good (a restart keeps it),
    and that is said in one log line.
    """
    services = app.bot_data
    thread = round_.thread_id
    if thread is None or (round_.chat_id, thread) in services.topics_gone:
        return await send(None)
    try:
        return await send(thread)
    except BadRequest as exc:
        if THREAD_NOT_FOUND not in str(exc).lower():
            raise
    services.topics_gone.add((round_.chat_id, thread))
    await services.db.forget_topic(round_.chat_id, thread)
    logger.warning(
        "topic %s of chat %s is gone (deleted?): round %s and the others of that topic post to the "
        "General topic from now on",
        thread,
        round_.chat_id,
        round_.id,
    )
    return await send(None)


async def say_in_round(app: App, round_: Round, text: str) -> None:
    """``say`` in the round's topic (see ``in_round_topic``)."""
    try:
        await in_round_topic(
            app,
            round_,
            lambda thread: app.bot.send_message(
                round_.chat_id, text, parse_mode=ParseMode.HTML, message_thread_id=thread
            ),
        )
    except TelegramError as exc:
        logger.info("could not tell chat %s: %s", round_.chat_id, exc)


async def is_group_member(bot: Bot, chat_id: int, user_id: int) -> bool | None:
    """Whether the user belongs to the group; None when Telegram will not tell us (bot not in the group)."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except (Forbidden, BadRequest) as exc:
        if "user not found" in str(exc).lower() or "participant_id_invalid" in str(exc).lower():
            return False
        logger.info("membership check in chat %s failed: %s", chat_id, exc)
        return None
    if member.status in MEMBER_STATUSES:
        return True
    return member.status == ChatMemberStatus.RESTRICTED and bool(getattr(member, "is_member", False))


async def edit_view(message: object, view: View) -> None:
    """Edit a bot message into ``view``; an unchanged or vanished message is harmless.

    An edit is idempotent, so one that got no answer (5xx, dropped connection) is made once more; if the
    first had arrived, the second is "not modified". Sends are never repeated like this.
    """
    if not isinstance(message, Message):
        return
    for attempt in (1, 2):
        try:
            await _edit_message_text(message, view)
            return
        except BadRequest as exc:
            text = str(exc).lower()
            if "not modified" in text:
                return
            if "message to edit not found" in text or "message can't be edited" in text:
                await message.get_bot().send_message(
                    message.chat_id, view.text, parse_mode=ParseMode.HTML, reply_markup=view.keyboard
                )
                return
            raise
        except NetworkError as exc:
            if attempt == 2:
                raise
            logger.info("edit in chat %s failed (%s), trying once more", message.chat_id, exc)


async def _edit_message_text(message: Message, view: View) -> None:
    """editMessageText without turning Telegram's answer into a ``Message``.

    ``Message.edit_text`` parses the edited message that Telegram returns (text, entities, every button)
    into objects nobody reads, a noticeable share of the bot's CPU per answered statement under load
    (BENCHMARKS.md). ``Bot._post`` is the call every ``Bot`` method ends in (defaults, rate limiter and
    errors included); only the parsing of the result is left out.
    """
    await message.get_bot()._post(
        "editMessageText",
        {
            "chat_id": message.chat_id,
            "message_id": message.message_id,
            "text": view.text,
            "parse_mode": ParseMode.HTML,
            "reply_markup": view.markup,
        },
    )


@contextmanager
def busy(services: Services, kind: str, key: int) -> Iterator[bool]:
    """Mark a piece of work (a poll, a ranking, a review, the reasons) as running; yields False if it is
    running already in this process (a handler and the timer job may reach the same work at once)."""
    token = (kind, key)
    if token in services.work_running:
        yield False
        return
    services.work_running.add(token)
    try:
        yield True
    finally:
        services.work_running.discard(token)
