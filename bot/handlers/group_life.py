"""The bot's life in a chat: added to a group (it introduces itself), promoted, removed (the team's rounds
pause), blocked or unblocked in a private chat, the group upgraded to a supergroup, and private commands
sent in the group by mistake."""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import Forbidden, TelegramError

from bot.context import Context
from bot.flows.chat import say_in_round
from bot.flows.closing import retry_closes
from bot.flows.rounds import refresh_announcement
from bot.handlers.common import group_language
from bot.views.html import th

logger = logging.getLogger(__name__)


async def bot_membership_changed(update: Update, context: Context) -> None:
    """The bot was added to a group (introduce itself), promoted, or removed (pause the team's rounds)."""
    change: ChatMemberUpdated | None = update.my_chat_member
    assert change is not None
    chat = change.chat
    if chat.type == ChatType.CHANNEL:
        if change.new_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR):
            try:
                await context.bot.leave_chat(chat.id)
            except TelegramError as exc:
                logger.debug("could not leave channel: %s", exc)
        return
    if chat.type == ChatType.PRIVATE:
        # blocked (or unblocked) in a private chat: who is blocked is not asked anything
        blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
        await context.bot_data.db.set_reachable(chat.id, not blocked)
        return
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    services = context.bot_data
    old, new = change.old_chat_member.status, change.new_chat_member.status
    lang = await group_language(context, chat.id, change.from_user)
    present = {ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR}
    if new in present:
        team = await services.db.upsert_team(chat.id, chat.title or "", services.now())
        await services.db.set_bot_present(chat.id, True)
    else:
        await services.db.set_bot_present(chat.id, False)
        return
    paused = await services.db.current_round(team.id) if old not in present else None
    try:
        if paused is not None:
            # removed and added again: the round was paused (no deadline, no reminder), now it goes on
            await say_in_round(context.application, paused, th(lang, "group.round_resumed"))
            await refresh_announcement(context.application, paused.id)
            await retry_closes(context.application)
        elif old not in present:
            key = "group.hello_admin" if new == ChatMemberStatus.ADMINISTRATOR else "group.hello"
            await context.bot.send_message(chat.id, th(lang, key), parse_mode=ParseMode.HTML)
        elif new == ChatMemberStatus.ADMINISTRATOR and old != ChatMemberStatus.ADMINISTRATOR:
            await context.bot.send_message(chat.id, th(lang, "group.thanks_admin"), parse_mode=ParseMode.HTML)
    except Forbidden as exc:
        logger.info("could not greet chat %s: %s", chat.id, exc)


async def group_migrated(update: Update, context: Context) -> None:
    """A group became a supergroup: its team, rounds and history follow the new chat id."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id:
        await context.bot_data.db.migrate_chat(message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        # the new supergroup's first message; whichever of the two is handled first moves the team
        await context.bot_data.db.migrate_chat(message.migrate_from_chat_id, message.chat_id)


async def private_command_in_group(update: Update, context: Context) -> None:
    """/start or /answers in a group: the questionnaire happens in the private chat."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    lang = await group_language(context, chat.id, update.effective_user)
    await message.reply_html(th(lang, "group.private_only", bot=context.bot_data.bot_username))
