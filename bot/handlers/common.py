"""What every handler shares: languages, who may act (admins, arguments, buttons in one's own chat),
answering a button press, /help, unknown commands, and the one error handler."""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update, User
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import Context
from bot.domain.rounds import Team
from bot.texts import language_of, t
from bot.views.common import help_text
from bot.views.html import th

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


async def chat_language(update: Update, context: Context) -> str:
    """The group's language in a group, the person's own in a private chat."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        return await group_language(context, chat.id, update.effective_user)
    return user_language(update.effective_user)


# ------------------------------------------------------------------------------------ who may act


ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}


async def is_admin(update: Update, context: Context) -> bool:
    """Whether the sender administers this group (an anonymous admin posting as the group counts)."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert chat is not None
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.info("admin check in chat %s failed: %s", chat.id, exc)
        return False
    return member.status in ADMIN_STATUSES


async def require_admin(update: Update, context: Context, lang: str) -> bool:
    """Whether the sender is an admin; if not, they are told that only admins may do this."""
    if await is_admin(update, context):
        return True
    assert update.effective_message is not None
    await update.effective_message.reply_html(th(lang, "group.admins_only"))
    return False


#: How much of a user's argument a reply quotes back (a 4000-character word would overflow the reply).
QUOTED_ARGUMENT_CHARS = 40


def quoted(word: str) -> str:
    """A user's word as a reply quotes it back: at most ``QUOTED_ARGUMENT_CHARS`` characters."""
    return word if len(word) <= QUOTED_ARGUMENT_CHARS else word[: QUOTED_ARGUMENT_CHARS - 1] + "…"


async def refuse_arguments(update: Update, context: Context, lang: str, command: str) -> bool:
    """Commands that act at once take no arguments: ``/closeround now please`` changes nothing, says so."""
    if not context.args:
        return False
    assert update.effective_message is not None
    await update.effective_message.reply_html(th(lang, "command.no_arguments", command=command))
    return True


async def team_and_lang(update: Update, context: Context) -> tuple[int, str]:
    """The group's chat id and language."""
    chat = update.effective_chat
    assert chat is not None
    return chat.id, await group_language(context, chat.id, update.effective_user)


def command_text(message: Message) -> str:
    """What follows the command, line breaks kept (``context.args`` splits on every space)."""
    text = message.text or ""
    entity = next(
        (e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None
    )
    return text[entity.length :].strip() if entity else ""


def in_own_private_chat(query: object, user_id: int) -> bool:
    """Whether a pressed button sits in the presser's private chat with the bot, where the questionnaire
    and /deletemydata put theirs; such data forged onto a group message (or an inline message) is refused,
    so it can neither answer nor edit the group's announcement into a questionnaire."""
    message = getattr(query, "message", None)
    return message is not None and message.chat.type == ChatType.PRIVATE and message.chat.id == user_id


async def group_button(update: Update, context: Context) -> tuple[Team, str] | None:
    """A button under a group's message (a list with delete or retire buttons): the group's team and its
    language; None, after a polite alert, when the button is anywhere else or the group has no team."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None
    if chat is None:
        await answer_query(query, t(user_language(update.effective_user), "q.not_your_button"), alert=True)
        return None
    lang = await group_language(context, chat.id, update.effective_user)
    team = await context.bot_data.db.team_by_chat(chat.id)
    if team is None:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return None
    return team, lang


async def answer_query(query: object, text: str | None = None, alert: bool = False) -> None:
    """Answer a callback query; a query that is too old is harmless (the user has moved on)."""
    try:
        await query.answer(text, show_alert=alert)  # type: ignore[attr-defined]
    except TelegramError as exc:
        # only the toast is lost: the answer is committed and the message is still edited
        logger.info("callback answer not delivered: %s", exc)


# ------------------------------------------------------------------------------------ everywhere


async def show_help(update: Update, context: Context) -> None:
    """/help in a group or a private chat."""
    message = update.effective_message
    assert message is not None
    lang = await chat_language(update, context)
    await message.reply_html(help_text(lang), disable_web_page_preview=True)


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
