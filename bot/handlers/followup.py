"""After the results, in the team's group: votes on priorities, /priorities, /closepoll, the lighthouse
project (/lighthouse), the owner's status at a review, and the re-check round offered with it.

Thin handlers: they read the update, check who may do what, and leave the work to ``bot.flows.followup``,
the domain (``priorities``, ``lighthouse``) and storage.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update, User

from bot import callbacks
from bot.context import Context
from bot.domain.lighthouse import (
    DEFAULT_REVIEW_MONTHS,
    MAX_STATUS_LENGTH,
    LighthouseSyntaxError,
    parse_lighthouse,
    review_dates,
    statement_ids,
)
from bot.flows.catalogues import catalogue_for_recheck
from bot.flows.chat import is_group_member
from bot.flows.followup import end_priority_poll, standing, top_priority, voter_names
from bot.flows.round_data import catalogue_of_round
from bot.flows.rounds import start_round
from bot.handlers.common import (
    command_text,
    group_language,
    is_admin,
    quoted,
    refuse_arguments,
    require_admin,
    team_and_lang,
)
from bot.views.followup import (
    lighthouse_saved_text,
    lighthouse_text,
    months_text,
    no_lighthouse_text,
    poll_until,
    ranking_text,
)
from bot.views.html import th

logger = logging.getLogger(__name__)


# ------------------------------------------------------------------------------------------ the poll


async def record_poll_answer(update: Update, context: Context) -> None:
    """A member voted in (or changed or retracted a vote of) a priority poll: stored, nothing said."""
    answer = update.poll_answer
    assert answer is not None
    services = context.bot_data
    poll = await services.db.priority_poll_by_telegram_id(answer.poll_id)
    if poll is None:
        return  # not one of ours (or its round was deleted)
    voter = answer.user or answer.voter_chat
    if voter is None:
        return
    if isinstance(voter, User):
        await services.db.upsert_user(
            voter.id, voter.first_name, voter.last_name, voter.username, voter.language_code, services.now()
        )
    await services.db.record_poll_answer(poll.id, voter.id, answer.option_ids, services.now())


async def record_poll_state(update: Update, context: Context) -> None:
    """Telegram's new state of a poll the bot sent: the counts are the only record of anonymous votes."""
    state = update.poll
    assert state is not None
    services = context.bot_data
    poll = await services.db.priority_poll_by_telegram_id(state.id)
    if poll is None or not poll.anonymous:
        return
    await services.db.set_poll_counts(poll.id, [option.voter_count for option in state.options])


async def show_priorities(update: Update, context: Context) -> None:
    """/priorities: the standing of the poll (open), or its ranking (ended)."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if await refuse_arguments(update, context, lang, "priorities"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    poll = await services.db.latest_priority_poll(team.id) if team else None
    if poll is None:
        await message.reply_html(th(lang, "poll.no_poll"))
        return
    _, catalogue, ranked = await standing(services, poll)
    names = {} if poll.anonymous else await voter_names(services, ranked)
    until = poll_until(poll, services.timezone, lang)
    text = ranking_text(poll, catalogue, ranked, names, lang, final=poll.closed_at is not None, until=until)
    await message.reply_html(text, disable_web_page_preview=True)


async def close_poll(update: Update, context: Context) -> None:
    """/closepoll (admins): end the open priority poll now and post the ranking."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    if await refuse_arguments(update, context, lang, "closepoll"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    poll = await services.db.latest_priority_poll(team.id) if team else None
    if poll is None or not poll.is_open:
        await message.reply_html(th(lang, "poll.not_open"))
        return
    if not await end_priority_poll(context.application, poll):
        current = await services.db.priority_poll_of_round(poll.round_id)
        if current is not None and current.is_open:
            await message.reply_html(th(lang, "poll.stop_failed"))


# -------------------------------------------------------------------------------- the lighthouse project


async def lighthouse(update: Update, context: Context) -> None:
    """/lighthouse: show the project; /lighthouse <title> + lines (admins): set it."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    text = command_text(message)
    if not text:
        current = await services.db.current_lighthouse(team.id) if team else None
        if current is None:
            top = await top_priority(services, team.id) if team else None
            await message.reply_html(no_lighthouse_text(top, lang))
            return
        catalogue = await catalogue_of_round(services, current.round_id, current.catalogue_id)
        await message.reply_html(lighthouse_text(current, catalogue, lang, services.timezone))
        return
    if not await require_admin(update, context, lang):
        return
    sender = update.effective_user
    if sender is not None and not sender.is_bot:
        # so that "Owner: @name" finds admins too, not only people who answered a round
        await services.db.upsert_user(
            sender.id,
            sender.first_name,
            sender.last_name,
            sender.username,
            sender.language_code,
            services.now(),
        )
    latest = await services.db.latest_closed_round(team.id) if team else None
    catalogue = services.whole_catalogue_of(latest) if latest else None
    if team is None or latest is None or catalogue is None:
        await message.reply_html(th(lang, "lh.need_round"))
        return
    try:
        draft = parse_lighthouse(text, statement_count=len(catalogue.statements))
        ids = statement_ids(draft.statements, [s.id for s in catalogue.statements])
    except LighthouseSyntaxError as exc:
        await message.reply_html(
            th(lang, f"lh.error.{exc.code.value}", value=quoted(exc.value or ""), limit=exc.limit or "")
        )
        return
    if not ids:
        top = await top_priority(services, team.id)
        ids = (top[1],) if top else ()
    if not ids:
        await message.reply_html(th(lang, "lh.need_statements"))
        return
    owner = await _owner(update, context, draft.owner_ref, lang)
    if owner is None:
        return
    owner_user, defaulted = owner
    previous = await services.db.current_lighthouse(team.id)
    now = services.now()
    months = draft.review_months or DEFAULT_REVIEW_MONTHS
    saved = await services.db.set_lighthouse(
        team_id=team.id,
        round_id=latest.id,
        catalogue_id=catalogue.id,
        title=draft.title,
        goal=draft.goal,
        owner_id=owner_user.id,
        owner_name=owner_user.full_name,
        statement_ids=ids,
        created_by=update.effective_user.id if update.effective_user else 0,
        now=now,
        reviews=list(zip(months, review_dates(now, months, services.timezone), strict=True)),
    )
    replaced = previous.title if previous is not None else None
    await message.reply_html(
        lighthouse_saved_text(saved, catalogue, lang, services.timezone, replaced, defaulted)
    )


async def _owner(
    update: Update, context: Context, reference: str | None, lang: str
) -> tuple[User, bool] | None:
    """Who owns the project: the person replied to, a mention, an @username the bot knows, or else the
    sender (said so). Must be a member of the group and not a bot; None after saying why not."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    services = context.bot_data
    candidate: User | None = None
    defaulted = False
    mentioned = next(
        (e.user for e in message.entities if e.type == MessageEntity.TEXT_MENTION and e.user), None
    )
    if mentioned is not None:
        candidate = mentioned
    elif reference:
        if not reference.startswith("@"):
            await message.reply_html(th(lang, "lh.error.owner_not_mention", value=quoted(reference)))
            return None
        record = await services.db.user_by_username(reference)
        if record is None:
            await message.reply_html(th(lang, "lh.owner_unknown", owner=quoted(reference)))
            return None
        candidate = User(
            record.id, record.first_name, False, last_name=record.last_name, username=record.username
        )
    elif message.reply_to_message is not None and message.reply_to_message.from_user is not None:
        candidate = message.reply_to_message.from_user
    else:
        candidate, defaulted = update.effective_user, True
    if candidate is None:
        await message.reply_html(th(lang, "lh.error.owner_not_mention", value=""))
        return None
    if candidate.is_bot:
        await message.reply_html(th(lang, "lh.owner_bot"))
        return None
    if not defaulted and await is_group_member(context.bot, chat.id, candidate.id) is False:
        await message.reply_html(th(lang, "lh.owner_not_member", owner=candidate.full_name))
        return None
    return candidate, defaulted


# ---------------------------------------------------------------------------------------------- reviews


async def record_review_status(update: Update, context: Context) -> None:
    """A reply to a review reminder: the owner's status is recorded; anyone else is thanked and told who
    gives it. Replies to other messages of the bot are ordinary conversation and ignored."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert message is not None and chat is not None and message.reply_to_message is not None
    services = context.bot_data
    team = await services.db.team_by_chat(chat.id)
    if team is None or user is None:
        return
    found = await services.db.review_by_message(team.id, message.reply_to_message.message_id)
    if found is None:
        return
    project, review = found
    lang = await group_language(context, chat.id, user)
    owner_gone = project.owner_id is None
    if user.id != project.owner_id and not (owner_gone and await is_admin(update, context)):
        await message.reply_html(th(lang, "review.owner_only", owner=project.owner_name or "–"))
        return
    text = (message.text or "").strip()
    if len(text) > MAX_STATUS_LENGTH:
        await message.reply_html(th(lang, "review.status_too_long", limit=MAX_STATUS_LENGTH))
        return
    key = "review.status_updated" if review.status_text else "review.status_saved"
    await services.db.record_review_status(project.id, review.months, text, user.id, services.now())
    await message.reply_html(th(lang, key, title=project.title, months=months_text(review.months, lang)))


async def open_recheck_round(update: Update, context: Context) -> None:
    """The re-check button under a review reminder (admins): a round on the project's statements or on
    the whole catalogue, announced in the group."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.Recheck)
    services = context.bot_data
    message = query.message
    if chat is None or not isinstance(message, Message):
        await query.answer()
        return
    lang = await group_language(context, chat.id, user)
    project = await services.db.lighthouse(data.lighthouse_id)
    team = await services.db.team_by_chat(chat.id)
    current = await services.db.current_lighthouse(team.id) if team else None
    if project is None or current is None or current.id != project.id:
        await query.answer(th(lang, "recheck.stale"), show_alert=True)
        return
    if not await is_admin(update, context):
        await query.answer(th(lang, "group.admins_only_short"), show_alert=True)
        return
    chosen = await catalogue_for_recheck(services, team, project.catalogue_id, project.round_id)
    if chosen is None:
        await query.answer(th(lang, "recheck.stale"), show_alert=True)
        return
    if team is not None and await services.db.current_round(team.id) is not None:
        await query.answer(th(lang, "recheck.round_open"), show_alert=True)
        return
    await query.answer(th(lang, "recheck.opened"))
    await start_round(
        context.application,
        message,
        chosen.catalogue,
        lang,
        opened_by=user.id,
        statement_ids=project.statement_ids if data.statements_only else None,
        heading=th(lang, "ann.recheck", title=project.title),
        version=chosen.version,
    )
