"""Round commands in the team's group. Admin checks live here; the work happens in domain and storage."""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot import callbacks
from bot.closing import close_round, post_results, retry_closes
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import (
    DeadlineError,
    Round,
    format_deadline,
    looks_like_deadline,
    new_round_token,
    parse_deadline,
    reminder_time,
)
from bot.handlers.common import group_language
from bot.handlers.progress import refresh_announcement
from bot.reminders import send_reminders
from bot.services import Context
from bot.storage.repository import RoundAlreadyOpen
from bot.texts import LANGUAGES, t
from bot.views import announcement_view, th

logger = logging.getLogger(__name__)

ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
ANONYMOUS_WORDS = {"anonymous", "anonym", "anon"}


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
    if await is_admin(update, context):
        return True
    assert update.effective_message is not None
    await update.effective_message.reply_html(th(lang, "group.admins_only"))
    return False


#: How much of a user's argument a reply quotes back (a 4000-character word would overflow the reply).
QUOTED_ARGUMENT_CHARS = 40


def quoted(word: str) -> str:
    return word if len(word) <= QUOTED_ARGUMENT_CHARS else word[: QUOTED_ARGUMENT_CHARS - 1] + "…"


async def refuse_arguments(update: Update, context: Context, lang: str, command: str) -> bool:
    """Commands that act at once take no arguments: ``/closeround now please`` changes nothing, says so."""
    if not context.args:
        return False
    assert update.effective_message is not None
    await update.effective_message.reply_html(th(lang, "command.no_arguments", command=command))
    return True


async def team_and_lang(update: Update, context: Context) -> tuple[int, str]:
    chat = update.effective_chat
    assert chat is not None
    return chat.id, await group_language(context, chat.id, update.effective_user)


async def _current_round(context: Context, chat_id: int) -> Round | None:
    """The group's open (or closing) round, if it has one."""
    team = await context.bot_data.db.team_by_chat(chat_id)
    return await context.bot_data.db.current_round(team.id) if team else None


async def _admin_round(
    update: Update, context: Context, command: str, *, open_only: bool
) -> tuple[Round, str] | None:
    """What /remind, /closeround and /cancelround share: an admin, no arguments, and a round to act on.

    Returns the round and the group's language, or None after telling the sender why not.
    """
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return None
    if await refuse_arguments(update, context, lang, command):
        return None
    round_ = await _current_round(context, chat_id)
    if round_ is None or (open_only and not round_.is_open):
        await message.reply_html(th(lang, "status.no_round"))
        return None
    return round_, lang


async def open_round(update: Update, context: Context) -> None:
    """/newround [catalogue] [deadline] [anonymous]: open a round and post its announcement."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert message is not None and chat is not None
    _, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    services = context.bot_data
    now = services.now()
    catalogue_id, deadline_at, anonymous = None, None, False
    for argument in context.args or []:
        word = argument.strip()
        if word.lower() in ANONYMOUS_WORDS:
            anonymous = True
        elif looks_like_deadline(word):
            if deadline_at is not None:
                await message.reply_html(th(lang, "newround.two_deadlines"))
                return
            try:
                deadline_at = parse_deadline(word, now, services.timezone)
            except DeadlineError as exc:
                await message.reply_html(th(lang, exc.key, value=quoted(exc.value)))
                return
        elif catalogue_id is None:
            catalogue_id = word.lower()
        else:
            await message.reply_html(th(lang, "newround.usage", word=quoted(word)))
            return
    catalogue_id = catalogue_id or "customer-centricity"
    catalogue = services.catalogues.get(catalogue_id)
    if catalogue is None:
        await message.reply_html(
            th(
                lang,
                "newround.unknown_catalogue",
                name=quoted(catalogue_id),
                available=", ".join(sorted(services.catalogues)),
            )
        )
        return
    await start_round(
        context,
        message,
        catalogue,
        lang,
        opened_by=user.id if user else 0,
        deadline_at=deadline_at,
        anonymous=anonymous,
    )


async def start_round(
    context: Context,
    message: Message,
    catalogue: Catalogue,
    lang: str,
    *,
    opened_by: int,
    deadline_at: float | None = None,
    anonymous: bool = False,
    statement_ids: tuple[str, ...] | None = None,
    heading: str | None = None,
) -> Round | None:
    """Open a round in the group of ``message`` and post its announcement as a reply to it.

    Shared by /newround and the re-check button under a review reminder (``statement_ids``: only those
    statements; ``heading``: a line above the announcement saying what the round is for). None, after
    saying so, when the team has a round open already.
    """
    services = context.bot_data
    now = services.now()
    chat = message.chat
    team = await services.db.upsert_team(chat.id, chat.title or "", now)
    if team.language is None:
        await services.db.set_team_language(team.id, lang)
    current = await services.db.current_round(team.id)
    if current is not None:
        await message.reply_html(th(lang, "newround.already_open"))
        return None
    try:
        round_ = await services.db.open_round(
            team_id=team.id,
            token=new_round_token(),
            catalogue_id=catalogue.id,
            catalogue_version=catalogue.version,
            anonymous=anonymous,
            language=lang,
            opened_by=opened_by,
            opened_at=now,
            deadline_at=deadline_at,
            remind_at=reminder_time(now, deadline_at),
            statement_ids=statement_ids,
        )
    except RoundAlreadyOpen:
        await message.reply_html(th(lang, "newround.already_open"))
        return None
    asked = services.catalogue_of(round_)
    assert asked is not None
    view = announcement_view(asked, round_, [], services.bot_username, lang, services.timezone)
    text = f"{heading}\n\n{view.text}" if heading else view.text
    sent = await message.reply_html(text, reply_markup=view.keyboard)
    await services.db.set_announcement(round_.id, sent.message_id)
    return round_


async def show_status(update: Update, context: Context) -> None:
    """/status: who started, who finished (names unless anonymous), the deadline."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    services = context.bot_data
    round_ = await _current_round(context, chat_id)
    if round_ is None:
        await message.reply_html(th(lang, "status.no_round"))
        return
    participants = await services.db.participants(round_.id)
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    finished = [p for p in participants if p.finished_at is not None]
    unfinished = [p for p in participants if p.finished_at is None]
    unreachable = await services.db.unreachable_users(p.user_id for p in participants)
    lines = [
        th(lang, "status.title", catalogue=catalogue.title.get(lang)),
        th(lang, "status.counts", started=len(participants), finished=len(finished)),
    ]
    if not round_.anonymous:
        if finished:
            lines.append(th(lang, "status.finished_names", names=", ".join(p.display_name for p in finished)))
        if unfinished:
            answers = await services.db.round_answers(round_.id)
            names = ", ".join(
                f"{p.display_name} ({len(answers.get(p.user_id, {}))}/{len(catalogue.statements)})"
                for p in unfinished
            )
            lines.append(th(lang, "status.unfinished_names", names=names))
        if unreachable:
            names = ", ".join(p.display_name for p in participants if p.user_id in unreachable)
            lines.append(th(lang, "status.unreachable_names", names=names))
    elif unreachable:
        lines.append(th(lang, "status.unreachable_count", count=len(unreachable)))
    if round_.deadline_at is not None:
        lines.append(
            th(lang, "status.deadline", deadline=format_deadline(round_.deadline_at, services.timezone, lang))
        )
    else:
        lines.append(th(lang, "status.no_deadline"))
    await message.reply_html("\n".join(lines))


async def remind_unfinished(update: Update, context: Context) -> None:
    """/remind: a private reminder to everyone who started but has not finished."""
    message = update.effective_message
    assert message is not None
    found = await _admin_round(update, context, "remind", open_only=True)
    if found is None:
        return
    round_, lang = found
    reached, unreachable = await send_reminders(context.application, round_.id)
    if not reached and not unreachable:
        await message.reply_html(th(lang, "remind.nobody"))
        return
    lines = [th(lang, "remind.sent", count=len(reached))]
    if unreachable:
        if round_.anonymous:
            lines.append(th(lang, "remind.unreachable_count", count=len(unreachable)))
        else:
            lines.append(th(lang, "remind.unreachable_names", names=", ".join(unreachable)))
    await message.reply_html("\n".join(lines))


async def close_round_command(update: Update, context: Context) -> None:
    """/closeround: close the open round and post the results."""
    message = update.effective_message
    assert message is not None
    found = await _admin_round(update, context, "closeround", open_only=False)
    if found is None:
        return
    round_, lang = found
    if not round_.is_open:
        await message.reply_html(th(lang, "close.already_closing"))
        return
    await close_round(context.application, round_.id, reason="lead")


async def cancel_round_command(update: Update, context: Context) -> None:
    """/cancelround: ask for confirmation before discarding the round."""
    message = update.effective_message
    assert message is not None
    found = await _admin_round(update, context, "cancelround", open_only=True)
    if found is None:
        return
    round_, lang = found
    services = context.bot_data
    participants = await services.db.participants(round_.id)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "cancel.yes"),
                    callback_data=callbacks.encode(callbacks.ConfirmCancel(round_.id, True)),
                ),
                InlineKeyboardButton(
                    t(lang, "cancel.no"),
                    callback_data=callbacks.encode(callbacks.ConfirmCancel(round_.id, False)),
                ),
            ]
        ]
    )
    await message.reply_html(th(lang, "cancel.confirm", started=len(participants)), reply_markup=keyboard)


async def confirm_cancel(update: Update, context: Context) -> None:
    """A press on the cancel confirmation: only admins decide."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.ConfirmCancel)
    lang = await group_language(context, chat.id, update.effective_user)
    services = context.bot_data
    round_ = await services.db.round(data.round_id)
    if round_ is None or round_.chat_id != chat.id:
        await query.answer(t(lang, "q.not_your_button"), show_alert=True)
        return
    if not await is_admin(update, context):
        await query.answer(t(lang, "group.admins_only_short"), show_alert=True)
        return
    if not data.confirmed:
        await query.answer()
        await _edit_plain(query.message, th(lang, "cancel.kept"))
        return
    cancelled = await services.db.cancel_round(round_.id, services.now())
    await query.answer()
    if not cancelled:
        await _edit_plain(query.message, th(lang, "cancel.not_open"))
        return
    await _edit_plain(query.message, th(lang, "cancel.done"))
    if round_.announcement_id is not None:
        try:
            await context.bot.edit_message_text(
                th(lang, "ann.cancelled"),
                chat_id=round_.chat_id,
                message_id=round_.announcement_id,
                parse_mode=ParseMode.HTML,
            )
        except (BadRequest, Forbidden) as exc:
            logger.debug("announcement not updated after cancel: %s", exc)


async def _edit_plain(message: object, text: str) -> None:
    if isinstance(message, Message):
        try:
            await message.edit_text(text, parse_mode=ParseMode.HTML)
        except BadRequest as exc:
            logger.debug("could not edit: %s", exc)


async def show_results(update: Update, context: Context) -> None:
    """/results: the latest results again."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    round_ = await services.db.latest_closed_round(team.id) if team else None
    if round_ is None:
        await message.reply_html(th(lang, "results.none"))
        return
    await post_results(context.application, round_.id, resend=True)


async def set_language(update: Update, context: Context) -> None:
    """/language de|en: the language of the group's messages."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    _, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    choice = (context.args or [""])[0].lower()
    if choice not in LANGUAGES or len(context.args or []) != 1:
        await message.reply_html(th(lang, "language.usage"))
        return
    services = context.bot_data
    team = await services.db.upsert_team(chat.id, chat.title or "", services.now())
    await services.db.set_team_language(team.id, choice)
    round_ = await services.db.current_round(team.id)
    if round_ is not None:
        await refresh_announcement(context, round_.id)
    await message.reply_html(th(choice, "language.set"))


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
            await context.bot.send_message(
                chat.id, th(lang, "group.round_resumed"), parse_mode=ParseMode.HTML
            )
            await refresh_announcement(context, paused.id)
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
