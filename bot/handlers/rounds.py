"""Round commands in the team's group: /newround /status /remind /closeround /cancelround /results
/language, and the cancel confirmation. Who may act is checked here; the work happens in the flows."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import callbacks
from bot.context import Context
from bot.domain.rounds import DEFAULT_CATALOGUE, DeadlineError, Round, looks_like_deadline, parse_deadline
from bot.flows.catalogues import Unavailable, available_ids, choose_catalogue
from bot.flows.chat import topic_of
from bot.flows.closing import close_round, post_results, results_on_their_way
from bot.flows.rounds import cancel_round, refresh_announcement, send_reminders, start_round
from bot.handlers.common import (
    group_language,
    is_admin,
    quoted,
    refuse_arguments,
    require_admin,
    team_and_lang,
)
from bot.infra.lifecycle import in_background
from bot.texts import LANGUAGES, t
from bot.views.html import th
from bot.views.rounds import cancel_confirmation, reminders_sent_text, status_text

logger = logging.getLogger(__name__)

ANONYMOUS_WORDS = {"anonymous", "anonym", "anon"}


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
    catalogue_id = catalogue_id or DEFAULT_CATALOGUE
    team = await services.db.team_by_chat(chat.id)
    chosen = await choose_catalogue(services, team, catalogue_id)
    if isinstance(chosen, Unavailable):
        available = ", ".join(await available_ids(services, team))
        await message.reply_html(th(lang, chosen.value, name=quoted(catalogue_id), available=available))
        return
    await start_round(
        context.application,
        message,
        chosen.catalogue,
        lang,
        opened_by=user.id if user else 0,
        deadline_at=deadline_at,
        anonymous=anonymous,
        version=chosen.version,
    )


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
    answers = await services.db.round_answers(round_.id)
    unreachable = await services.db.unreachable_users(p.user_id for p in participants)
    answered = {user_id: len(by_statement) for user_id, by_statement in answers.items()}
    await message.reply_html(
        status_text(catalogue, round_, participants, answered, unreachable, lang, services.timezone)
    )


async def remind_unfinished(update: Update, context: Context) -> None:
    """/remind: a private reminder to everyone who started but has not finished."""
    message = update.effective_message
    assert message is not None
    found = await _admin_round(update, context, "remind", open_only=True)
    if found is None:
        return
    round_, lang = found
    reached, unreachable = await send_reminders(context.application, round_.id)
    await message.reply_html(reminders_sent_text(reached, unreachable, round_.anonymous, lang))


async def close_round_command(update: Update, context: Context) -> None:
    """/closeround: close the open round and post the results."""
    message = update.effective_message
    assert message is not None
    found = await _admin_round(update, context, "closeround", open_only=False)
    if found is None:
        return
    round_, lang = found
    if not round_.is_open or round_.id in context.bot_data.closing_now:
        await message.reply_html(th(lang, "close.already_closing"))
        return
    # the results go out in the background: the group's next command is answered meanwhile, not after them
    in_background(
        context.application,
        close_round(context.application, round_.id, reason="lead"),
        update=update,
        name=f"close:{round_.id}",
    )


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
    view = cancel_confirmation(round_, len(participants), lang)
    await message.reply_html(view.text, reply_markup=view.keyboard)


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
    await query.answer()
    cancelled = await cancel_round(context.application, round_, lang)
    await _edit_plain(query.message, th(lang, "cancel.done" if cancelled else "cancel.not_open"))


async def _edit_plain(message: object, text: str) -> None:
    """Edit the confirmation question into its outcome; a message that can no longer be edited is harmless."""
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
    if await results_on_their_way(services, chat_id):
        await message.reply_html(th(lang, "results.on_their_way"))
        return
    team = await services.db.team_by_chat(chat_id)
    round_ = await services.db.latest_closed_round(team.id) if team else None
    if round_ is None:
        await message.reply_html(th(lang, "results.none"))
        return
    await post_results(
        context.application, round_.id, resend=True, thread_id=topic_of(message), reply_to=message.message_id
    )


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
        await refresh_announcement(context.application, round_.id)
    await message.reply_html(th(choice, "language.set"))
