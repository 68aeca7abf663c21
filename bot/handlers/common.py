"""Shared handler pieces: languages, safe edits, /help, and the one error handler."""

from __future__ import annotations

import html
import logging

from telegram import Message, Update, User
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.services import Context
from bot.texts import language_of
from bot.views import View, help_text, th

logger = logging.getLogger(__name__)


def user_language(user: User | None) -> str:
    """The language a person sees: Telegram's language of their app, German or English."""
    return language_of(user.language_code if user else None)


async def group_language(context: Context, chat_id: int, user: User | None) -> str:
    """The group's language: as set with /language, else the language of whoever speaks to the bot."""
    team = await context.bot_data.db.team_by_chat(chat_id)
    if team is not None and team.language:
        return team.language
    return user_language(user)


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
    into objects nobody reads: a tenth of the bot's CPU per answered statement under load (py-spy,
    BENCHMARKS.md). ``Bot._post`` is the call every ``Bot`` method ends in (defaults, rate limiter and
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


async def chat_language(update: Update, context: Context) -> str:
    """The group's language in a group, the person's own in a private chat."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        return await group_language(context, chat.id, update.effective_user)
    return user_language(update.effective_user)


async def show_help(update: Update, context: Context) -> None:
    """/help in a group or a private chat."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    in_group = chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
    lang = await chat_language(update, context)
    await message.reply_html(help_text(lang, in_group), disable_web_page_preview=True)


async def show_privacy(update: Update, context: Context) -> None:
    """/privacy: what is stored, why, for how long, and how to delete it."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    lang = await chat_language(update, context)
    months = context.bot_data.retention_months
    retention = (
        th(lang, "privacy.retention_months", months=months) if months else th(lang, "privacy.retention_off")
    )
    await message.reply_html(th(lang, "privacy.text", retention=retention))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not know: point to /help (in groups only when addressed to us)."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if chat.type != ChatType.PRIVATE:
        return
    await message.reply_html(th(user_language(update.effective_user), "unknown_command"))


async def handle_error(update: object, context: Context) -> None:
    """Log first, then tell the user something went wrong (never the details)."""
    error = context.error
    if isinstance(error, Forbidden):
        logger.info("Telegram refused a message: %s", error)
        return
    if isinstance(error, TelegramError) and "query is too old" in str(error).lower():
        return
    if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, BadRequest):
        # Telegram or the network failed; what the update changed is committed. One line, no traceback,
        # and the sender is told (a send is not repeated: it may have arrived although the answer did not).
        logger.warning("Telegram failed while handling an update: %s: %s", type(error).__name__, error)
        key = "error.telegram"
    else:
        logger.error("error while handling an update", exc_info=error)
        key = "error.generic"
    if isinstance(update, Update) and update.effective_message is not None:
        lang = user_language(update.effective_user)
        try:
            await update.effective_message.reply_html(th(lang, key))
        except TelegramError:
            logger.info("could not report the error to chat %s", update.effective_message.chat_id)


def escape(text: str) -> str:
    return html.escape(text, quote=False)
