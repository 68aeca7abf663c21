"""The questionnaire in a manager's private chat. Stateless: progress lives in the database.

Every button names round, statement and level; each press is checked against the database (is the round
open, is this user a participant, does the statement belong to the round's catalogue) and the answer is
committed before the bot replies. The questionnaire message is edited in place: one message that walks
through the statements, so the chat stays short.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot import callbacks
from bot.context import Context
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import (
    MAX_COMMENT_LENGTH,
    Round,
    RoundStatus,
    display_name,
    is_well_formed_token,
    next_statement,
    statement_after,
)
from bot.flows.beliefs import earlier_of
from bot.flows.chat import edit_view, is_group_member
from bot.flows.rounds import schedule_announcement_update
from bot.handlers.common import answer_query, in_own_private_chat, user_language
from bot.texts import t
from bot.views.html import View, th
from bot.views.questionnaire import answer_text, comment_saved_view, intro_view, questionnaire_message

logger = logging.getLogger(__name__)


async def start_questionnaire(update: Update, context: Context) -> None:
    """/start <payload>: join a round after a membership check, then show the first open statement."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    if user.is_bot:
        # Telegram never delivers one bot's message to another, and a reply to a bot fails ("bots can't
        # send messages to bots"): nothing to answer, nothing to store.
        return
    lang = user_language(user)
    services = context.bot_data
    if not context.args:
        await message.reply_html(th(lang, "start.no_payload"))
        return
    payload = context.args[0]
    if payload == callbacks.EXPORT_PAYLOAD:
        # the link under "I cannot write to you yet" after /export: the chat is open now
        await services.db.upsert_user(
            user.id, user.first_name, user.last_name, user.username, user.language_code, services.now()
        )
        await message.reply_html(th(lang, "export.chat_open"))
        return
    round_ = await services.db.round_by_token(payload) if is_well_formed_token(payload) else None
    if round_ is None:
        await message.reply_html(th(lang, "start.unknown_link"))
        return
    if not round_.is_open:
        await message.reply_html(
            th(lang, "start.round_over" if round_.status is not RoundStatus.CANCELLED else "start.cancelled")
        )
        return
    member = await is_group_member(context.bot, round_.chat_id, user.id)
    if member is None:
        await message.reply_html(th(lang, "start.cannot_check"))
        return
    if not member:
        await message.reply_html(th(lang, "start.not_member"))
        return
    now = services.now()
    await services.db.upsert_user(
        user.id, user.first_name, user.last_name, user.username, user.language_code, now
    )
    await services.db.set_reachable(user.id, True)
    _, newly = await services.db.join(round_.id, user.id, display_name(user.first_name, user.last_name), now)
    if newly:
        schedule_announcement_update(context.application, round_.id)
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    team = await services.db.team(round_.team_id)
    answers = await services.db.answers_of(round_.id, user.id)
    await message.reply_html(
        intro_view(
            catalogue,
            round_,
            team.title if team else "",
            user.first_name,
            resumed=not newly,
            lang=lang,
            tz=services.timezone,
        )
    )
    view = await questionnaire_view(
        context, catalogue, round_, user.id, answers, next_statement(_ids(catalogue), answers), lang
    )
    await message.reply_html(view.text, reply_markup=view.keyboard)


def _ids(catalogue: Catalogue) -> list[str]:
    return [s.id for s in catalogue.statements]


async def questionnaire_view(
    context: Context,
    catalogue: Catalogue,
    round_: Round,
    user_id: int,
    answers: dict[str, int | None],
    statement_id: str | None,
    lang: str,
) -> View:
    """The statement to show, or the summary when ``statement_id`` is None (everything answered)."""
    services = context.bot_data
    comments = await services.db.comments_of(round_.id, user_id)
    earlier = await earlier_of(services, round_, user_id)
    return questionnaire_message(
        catalogue, round_, statement_id, answers, comments, lang, services.timezone, earlier
    )


async def _checked_round(
    update: Update, context: Context, round_id: int, statement_id: str | None
) -> tuple[Round, Catalogue] | None:
    """The round a button names, if this user may act on it; otherwise answer the press and say why."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    lang = user_language(user)
    if not in_own_private_chat(query, user.id):
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return None
    services = context.bot_data
    round_ = await services.db.round(round_id)
    participant = await services.db.participant(round_id, user.id) if round_ else None
    if round_ is None or participant is None:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return None
    if not round_.is_open:
        key = "q.round_cancelled" if round_.status is RoundStatus.CANCELLED else "q.round_closed"
        await answer_query(query, t(lang, key), alert=True)
        return None
    catalogue = services.catalogue_of(round_)
    if catalogue is None or (statement_id is not None and statement_id not in _ids(catalogue)):
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return None
    return round_, catalogue


async def answer_statement(update: Update, context: Context) -> None:
    """A level (or "can't judge") pressed: commit it, then show the next statement in the same message.

    The checks of ``_checked_round``, the save and the reads for the next view are one transaction
    (``Repository.press_answer``); the answer is committed before the bot replies.
    """
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.Answer)
    services = context.bot_data
    lang = user_language(user)
    if not in_own_private_chat(query, user.id):
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return

    def statements_of(round_: Round) -> int | None:
        catalogue = services.catalogue_of(round_)
        if catalogue is None or data.statement_id not in _ids(catalogue):
            return None
        return len(catalogue.statements)

    press = await services.db.press_answer(
        data.round_id, user.id, data.statement_id, data.level, services.now(), statements_of
    )
    round_, saved = press.round, press.saved
    if round_ is None or not press.participant:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    if not round_.is_open:
        key = "q.round_cancelled" if round_.status is RoundStatus.CANCELLED else "q.round_closed"
        await answer_query(query, t(lang, key), alert=True)
        return
    if saved is None:  # a statement that is not in the round's catalogue
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    if saved.just_finished:
        schedule_announcement_update(context.application, round_.id)
    upcoming = statement_after(_ids(catalogue), data.statement_id, saved.answers)
    # a re-rating shows each statement's earlier round too (read only for re-ratings)
    earlier = await earlier_of(services, round_, user.id) if round_.rerate_of is not None else None
    view = questionnaire_message(
        catalogue, round_, upcoming, saved.answers, press.comments, lang, services.timezone, earlier
    )
    # the toast and the next statement at once: the manager sees the next statement one round trip to
    # Telegram sooner. The toast never raises, so an edit that fails still leaves the query answered.
    await asyncio.gather(
        answer_query(query, t(lang, "q.saved", answer=answer_text(catalogue, data.level, lang))),
        edit_view(query.message, view),
    )


async def show_statement(update: Update, context: Context) -> None:
    """Back button, or a number in the summary: show that statement with its current answer."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.Show)
    checked = await _checked_round(update, context, data.round_id, data.statement_id)
    if checked is None:
        return
    round_, catalogue = checked
    answers = await context.bot_data.db.answers_of(round_.id, user.id)
    view = await questionnaire_view(
        context, catalogue, round_, user.id, answers, data.statement_id, user_language(user)
    )
    await answer_query(query)
    await edit_view(query.message, view)


async def show_summary(update: Update, context: Context) -> None:
    """The summary button: every answer at a glance."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.Summary)
    checked = await _checked_round(update, context, data.round_id, None)
    if checked is None:
        return
    round_, catalogue = checked
    answers = await context.bot_data.db.answers_of(round_.id, user.id)
    lang = user_language(user)
    view = await questionnaire_view(
        context, catalogue, round_, user.id, answers, next_statement(_ids(catalogue), answers), lang
    )
    await answer_query(query)
    await edit_view(query.message, view)


async def show_my_answers(update: Update, context: Context) -> None:
    """/answers: a fresh questionnaire message for the round the manager works on."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    lang = user_language(user)
    services = context.bot_data
    active = await services.db.active_participation(user.id)
    if active is None:
        await message.reply_html(th(lang, "q.no_open_round"))
        return
    round_, _ = active
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    answers = await services.db.answers_of(round_.id, user.id)
    view = await questionnaire_view(
        context, catalogue, round_, user.id, answers, next_statement(_ids(catalogue), answers), lang
    )
    await message.reply_html(view.text, reply_markup=view.keyboard)


async def add_comment(update: Update, context: Context) -> None:
    """Text in the private chat: a comment on the statement answered last (a second text extends it)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.text is not None
    lang = user_language(user)
    services = context.bot_data
    active = await services.db.active_participation(user.id)
    if active is None:
        await message.reply_html(th(lang, "comment.no_round"))
        return
    round_, participant = active
    if participant.last_statement_id is None:
        await message.reply_html(th(lang, "comment.answer_first"))
        return
    text = message.text.strip()
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    statement_id = participant.last_statement_id
    try:
        saved = await services.db.save_comment(
            round_.id,
            user.id,
            statement_id,
            text,
            services.now(),
            MAX_COMMENT_LENGTH,
            message=(message.chat_id, message.message_id),
        )
    except ValueError as exc:
        # the length is that of the whole comment: an earlier text on the statement plus this one
        length = exc.args[0] if exc.args and isinstance(exc.args[0], int) else len(text)
        key = "comment.too_long" if length == len(text) else "comment.too_long_extended"
        await message.reply_html(th(lang, key, limit=MAX_COMMENT_LENGTH, length=length))
        return
    if saved is None:
        await message.reply_html(th(lang, "comment.no_round"))
        return
    _, extended = saved
    view = comment_saved_view(catalogue, round_, statement_id, extended, lang)
    await message.reply_html(view.text, reply_markup=view.keyboard)


async def delete_comment(update: Update, context: Context) -> None:
    """The delete button under a comment confirmation."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.DeleteComment)
    checked = await _checked_round(update, context, data.round_id, data.statement_id)
    if checked is None:
        return
    lang = user_language(user)
    deleted = await context.bot_data.db.delete_comment(data.round_id, user.id, data.statement_id)
    await answer_query(query, t(lang, "comment.deleted" if deleted else "comment.already_deleted"))
    if deleted and isinstance(query.message, Message):
        try:
            await query.message.edit_text(th(lang, "comment.deleted"), parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            logger.debug("could not edit comment confirmation: %s", exc)


async def hint_for_media(update: Update, context: Context) -> None:
    """Stickers, photos, voice and the like: a hint, not an error."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    await message.reply_html(th(user_language(user), "private.media_hint"))


async def group_command_in_private(update: Update, context: Context) -> None:
    """A group command sent in a private chat: say where it works."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    await message.reply_html(th(user_language(user), "private.group_only"))


async def forged_button(update: Update, context: Context) -> None:
    """Callback data that is not one of ours: answer politely, change nothing."""
    query, user = update.callback_query, update.effective_user
    assert query is not None
    await answer_query(query, t(user_language(user), "q.not_your_button"), alert=True)
