"""The beliefs loop: a manager's reason in the private chat, the skip and stop buttons under a question,
/reasons, /rerate, /belief and /beliefs in the group, and deleting a belief. Thin: the work is in
``bot.flows.beliefs``.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot import callbacks
from bot.context import Context
from bot.domain.beliefs import MAX_BELIEF_LENGTH, MAX_REASON_LENGTH, BeliefError
from bot.flows.beliefs import (
    ReasonOutcome,
    RerateRefusal,
    after_answer,
    belief_lines,
    give_reason,
    open_rerate,
    post_reasons,
    question_for_text,
    record_belief,
    skip_question,
    statement_number,
)
from bot.flows.chat import edit_view
from bot.flows.closing import results_on_their_way
from bot.handlers.common import (
    answer_query,
    command_text,
    group_button,
    in_own_private_chat,
    is_admin,
    quoted,
    refuse_arguments,
    require_admin,
    team_and_lang,
    user_language,
)
from bot.texts import t
from bot.views.beliefs import belief_saved_text, beliefs_view
from bot.views.html import th

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------- in the private chat


async def take_reason(update: Update, context: Context) -> None:
    """A text in the private chat that answers a question why: stored, confirmed, the next question.

    Runs before the comment handler (a group of its own in ``app.py``): a text that answers no question
    falls through to it and becomes a comment, as always.
    """
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.text is not None
    services = context.bot_data
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    question = await question_for_text(services, user.id, reply_to)
    if question is None:
        return
    lang = user_language(user)
    text = message.text.strip()
    outcome = await give_reason(context.application, question, text)
    number = await statement_number(services, question)
    if outcome is ReasonOutcome.TOO_LONG:
        await message.reply_html(th(lang, "reasons.too_long", length=len(text), limit=MAX_REASON_LENGTH))
    elif outcome is ReasonOutcome.CLOSED:
        await message.reply_html(th(lang, "reasons.closed"))
    elif outcome is ReasonOutcome.CHANGED:
        await message.reply_html(th(lang, "reasons.changed", number=number or "–"))
    else:
        await message.reply_html(th(lang, "reasons.saved", number=number or "–"))
        await after_answer(context.application, question)
    raise ApplicationHandlerStop


async def skip_or_stop_questions(update: Update, context: Context) -> None:
    """The buttons under a question: skip this one (the next one follows), or stop asking me."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.ReasonAction)
    lang = user_language(user)
    services = context.bot_data
    question = await services.db.reason_question(data.question_id)
    if not in_own_private_chat(query, user.id) or question is None or question.user_id != user.id:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    done = await skip_question(context.application, question, data.stop)
    key = ("reasons.stopped" if data.stop else "reasons.skipped") if done else "reasons.settled"
    await answer_query(query, t(lang, key))
    if isinstance(query.message, Message):
        try:
            await query.message.edit_reply_markup(None)
        except TelegramError as exc:
            logger.debug("question %s keeps its buttons: %s", question.id, exc)


# ------------------------------------------------------------------------------------------ the group


async def show_reasons(update: Update, context: Context) -> None:
    """/reasons: the reasons of the team's latest round with reasons (so far while they are collected,
    with who is still asked; afterwards, the final ones again)."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if await refuse_arguments(update, context, lang, "reasons"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    rounds = await services.db.closed_rounds(team.id) if team else []
    if not rounds:
        await message.reply_html(th(lang, "reasons.no_results"))
        return
    for round_ in reversed(rounds):
        if await services.db.reason_round(round_.id) is not None:
            if await post_reasons(context.application, round_.id, final=False, reply_to=message):
                return
            break
    await message.reply_html(th(lang, "reasons.none_asked"))


async def rerate(update: Update, context: Context) -> None:
    """/rerate (admins): a round over the disputed statements of the last closed round."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    _, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    if await refuse_arguments(update, context, lang, "rerate"):
        return
    if await results_on_their_way(context.bot_data, message.chat_id):
        await message.reply_html(th(lang, "results.on_their_way"))
        return
    outcome = await open_rerate(context.application, message, lang, user.id if user else 0)
    if isinstance(outcome, RerateRefusal):
        await message.reply_html(th(lang, outcome.value))


async def record_belief_command(update: Update, context: Context) -> None:
    """/belief <statement number> <text> (anyone in the group): a belief the discussion surfaced."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    if team is None:
        await message.reply_html(th(lang, "belief.no_round"))
        return
    result = await record_belief(services, team, command_text(message), user.id if user else None)
    if isinstance(result, BeliefError):
        latest = await services.db.latest_closed_round(team.id)
        catalogue = services.whole_catalogue_of(latest) if latest else None
        await message.reply_html(
            th(
                lang,
                f"belief.{result.code}",
                value=quoted(result.value),
                count=len(catalogue.statements) if catalogue else 0,
                limit=MAX_BELIEF_LENGTH,
            )
        )
        return
    belief, number = result
    await message.reply_html(belief_saved_text(number, belief.text, lang))


async def list_beliefs(update: Update, context: Context) -> None:
    """/beliefs: the team's beliefs, newest first, with a delete button each (for admins)."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if await refuse_arguments(update, context, lang, "beliefs"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    view = beliefs_view(await belief_lines(services, team.id, lang) if team else [], lang)
    await message.reply_html(view.text, reply_markup=view.keyboard)


async def delete_belief(update: Update, context: Context) -> None:
    """A delete button under /beliefs: admins only; the list is shown again without it."""
    query = update.callback_query
    assert query is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.DeleteBelief)
    services = context.bot_data
    found = await group_button(update, context)
    if found is None:
        return
    team, lang = found
    belief = await services.db.belief(data.belief_id)
    if belief is not None and belief.team_id != team.id:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    if not await is_admin(update, context):
        await answer_query(query, t(lang, "group.admins_only_short"), alert=True)
        return
    if belief is None or not await services.db.delete_belief(belief.id, services.now()):
        await answer_query(query, t(lang, "beliefs.gone"), alert=True)
    else:
        await answer_query(query, t(lang, "beliefs.deleted", text=belief.text[:150]))
    await edit_view(query.message, beliefs_view(await belief_lines(services, team.id, lang), lang))
