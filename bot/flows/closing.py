"""Closing a round and posting its results to the group, exactly once.

open → closing (committed) → membership re-check → analysis → charts (worker process) → parts posted, each
recorded in the database → closed. A restart finds rounds still ``closing`` and continues after the last
recorded part, so results are neither posted twice nor skipped.

The results are the bot's own background work (``BACKGROUND`` for the rate limiter): a person's command
in the same group goes before the next part. When Telegram fails a part with a 5xx or no answer, the part is
posted again after a short pause that grows (``Services.results_retry_delays``: 1, 2, 4, 8 s); flood
control is waited out by the rate limiter. If that is not enough (or the bot was removed), the round stays
``closing`` and the deadline job tries again after ``CLOSE_RETRY_SECONDS``, from the first part not
recorded. A part whose answer was lost after Telegram had posted it is posted again: Telegram offers no way
to ask whether it arrived, and a part shown twice loses less than a part never shown.

Once the results are up, the priority poll follows (``bot.flows.followup``), from the same analysis.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import InputMediaPhoto
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, NetworkError, TelegramError

from bot.context import App, Services
from bot.domain.round_data import narrowed
from bot.domain.rounds import MIN_MANAGERS_TO_CLOSE, Round, RoundStatus, managers_with_ratings
from bot.flows.beliefs import ask_next_questions, plan_reasons_for, post_reasons_when_complete
from bot.flows.chat import in_round_topic, is_group_member, say_in_round
from bot.flows.followup import open_priority_poll
from bot.flows.round_data import load_round_data
from bot.flows.rounds import mark_announcement
from bot.infra.ratelimit import BACKGROUND, REPLY
from bot.infra.workers import run_in_worker
from bot.views.html import th
from bot.views.results import Results, build_results

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Seconds (of the bot's clock) before a close whose results posting failed is tried again.
CLOSE_RETRY_SECONDS = 60.0


async def close_round(app: App, round_id: int, reason: str) -> bool:
    """Close a round (lead's command or deadline) and post the results; False if it could not close."""
    services = app.bot_data
    if round_id in services.closing_now:
        return False
    services.closing_now.add(round_id)
    try:
        if not await services.db.begin_close(round_id, reason, services.now()):
            return False
        round_ = await services.db.round(round_id)
        assert round_ is not None
        await _exclude_leavers(app, round_)
        answers = await services.db.round_answers(round_id)
        if managers_with_ratings(answers) < MIN_MANAGERS_TO_CLOSE:
            await services.db.reopen(round_id)
            if reason == "deadline":
                await services.db.clear_deadline(round_id)
            count = managers_with_ratings(answers)
            await say_in_round(app, round_, th(round_.language, "close.too_few", count=count))
            return False
        await _post_or_retry_later(app, round_id)
        return True
    finally:
        services.closing_now.discard(round_id)


async def _exclude_leavers(app: App, round_: Round) -> None:
    """Re-check membership at close: answers of people who left the group meanwhile are excluded."""
    services = app.bot_data
    participants = await services.db.participants(round_.id)
    # a few checks in flight (getChatMember is not a message; no flood limit applies): one round trip per
    # participant in sequence was most of the time before the first result. The limit is shared by all
    # closes, so that many rounds closing at once do not make the managers still answering wait.
    at_once = services.membership_checks

    async def check(user_id: int) -> bool | None:
        async with at_once:
            return await is_group_member(app.bot, round_.chat_id, user_id)

    members = await asyncio.gather(*(check(p.user_id) for p in participants))
    leavers = [p.user_id for p, member in zip(participants, members, strict=True) if member is False]
    if leavers:
        await services.db.set_excluded(round_.id, leavers)


async def post_results(
    app: App,
    round_id: int,
    resend: bool = False,
    *,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> Results:
    """Post the results: the three charts as one album, then the text parts. Resumable after a crash.

    They go to the round's forum topic. ``resend`` is /results, a reply to a person: posted into
    ``thread_id`` (the topic it was asked in), replying to ``reply_to`` (the command), not recorded and not
    repeated on failure. Returns what was posted, so that the priority poll is built from the same
    analysis."""
    services = app.bot_data
    round_ = await services.db.round(round_id)
    assert round_ is not None
    lang = round_.language
    data = await load_round_data(services, round_)
    earlier = await services.db.latest_closed_round(round_.team_id, before=round_.id)
    previous = None
    if earlier is not None and earlier.catalogue_id == round_.catalogue_id:
        previous = narrowed(await load_round_data(services, earlier), data.matrix.statements)
    rerated = None
    if round_.rerate_of is not None:
        before = await services.db.round(round_.rerate_of)
        if before is not None and services.catalogue_of(before) is not None:
            rerated = narrowed(await load_round_data(services, before), data.matrix.statements)
    results = await run_in_worker(build_results, data, previous, lang, services.timezone, rerated)
    parts_done = 0 if resend else round_.results_parts_sent
    if not resend and round_.status is RoundStatus.CLOSING:
        # whom to ask why is planned before the close is finished (an anonymous round still knows then),
        # and before the results go out, so the last part and the round's end stay close together
        await plan_reasons_for(app, round_, data, results.analysis)
    bot = app.bot
    priority = REPLY if resend else BACKGROUND
    retry_delays = () if resend else services.results_retry_delays

    async def post(send: Callable[[int | None], Awaitable[_T]], part: int) -> _T:
        """One part where it belongs (the asker's topic, or the round's), posted again after a 5xx."""

        async def once() -> _T:
            return await (send(thread_id) if resend else in_round_topic(app, round_, send))

        return await _posted(once, round_id, part, retry_delays)

    try:
        if parts_done < 1:
            pictures = [
                InputMediaPhoto(results.charts[0], caption=results.caption, parse_mode=ParseMode.HTML),
                *(InputMediaPhoto(chart) for chart in results.charts[1:]),
            ]
            album = await post(
                lambda thread: bot.send_media_group(
                    round_.chat_id,
                    pictures,
                    message_thread_id=thread,
                    reply_to_message_id=reply_to,
                    rate_limit_args=priority,
                ),
                1,
            )
            if not resend:
                await services.db.record_results_part(round_id, 1)
                await services.db.set_results_message(round_id, album[0].message_id)
        for index, text in enumerate(results.messages, start=2):
            if index <= parts_done:
                continue
            await post(
                lambda thread, text=text: bot.send_message(
                    round_.chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    disable_web_page_preview=True,
                    message_thread_id=thread,
                    reply_to_message_id=reply_to,
                    rate_limit_args=priority,
                ),
                index,
            )
            if not resend:
                await services.db.record_results_part(round_id, index)
    except ChatMigrated as exc:
        # the group became a supergroup before we saw the service message: follow it, then retry
        await services.db.migrate_chat(round_.chat_id, exc.new_chat_id)
        raise
    if not resend and round_.status is RoundStatus.CLOSING:
        await services.db.finish_close(round_id)
        await mark_announcement(app, round_, "ann.closed", round_.language, BACKGROUND)
    return results


async def _posted(
    send: Callable[[], Awaitable[_T]], round_id: int, part: int, retry_delays: tuple[float, ...]
) -> _T:
    """Post one results part and return what Telegram answered; after a 5xx or a lost answer, post it again
    after each of ``retry_delays`` seconds.

    A refusal (400, 403, the group migrated) is final and raised at once; flood control never reaches here
    (the rate limiter waits it out)."""
    for delay in (*retry_delays, None):
        try:
            return await send()
        except BadRequest:
            raise
        except NetworkError as exc:
            if delay is None:
                raise
            logger.info(
                "results part %d of round %s failed (%s: %s); posting it again in %.0f s",
                part,
                round_id,
                type(exc).__name__,
                exc,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable: the last try raises")


async def _post_or_retry_later(app: App, round_id: int) -> bool:
    """Post the results of a closing round; if Telegram fails, leave it for the deadline job to retry.

    True when the round is closed now. A failure is one log line: the round stays ``closing`` with its
    posted parts recorded, and ``retry_closes`` continues after ``CLOSE_RETRY_SECONDS``.
    """
    services = app.bot_data
    try:
        results = await post_results(app, round_id)
    except TelegramError as exc:
        services.close_retry_at[round_id] = services.now() + CLOSE_RETRY_SECONDS
        logger.warning(
            "results of round %s not completely posted (%s: %s); trying again in %.0f s",
            round_id,
            type(exc).__name__,
            exc,
            CLOSE_RETRY_SECONDS,
        )
        return False
    services.close_retry_at.pop(round_id, None)
    round_ = await services.db.round(round_id)
    if round_ is not None and round_.rerate_of is None:
        # the next steps of the method: the team votes on what to tackle first, and the managers at the
        # extremes of each difference are asked why
        await open_priority_poll(app, round_id, results.analysis)
        await ask_next_questions(app, round_id)
        await post_reasons_when_complete(app, round_id)
    return True


async def results_on_their_way(services: Services, chat_id: int) -> bool:
    """Whether the group's round is closing: its results are being posted (or wait for a retry).

    /results and /canvas say so then rather than post a second copy of what is arriving, or an older
    round's, in the same seconds (and out of the same budget of 20 messages a minute)."""
    team = await services.db.team_by_chat(chat_id)
    current = await services.db.current_round(team.id) if team else None
    return current is not None and current.status is RoundStatus.CLOSING


async def retry_closes(app: App) -> None:
    """Closes whose posting failed earlier (and the bot is still in the group): try again when due."""
    services = app.bot_data
    now = services.now()
    for round_ in await services.db.rounds_with_status(RoundStatus.CLOSING):
        if now < services.close_retry_at.get(round_.id, 0.0):
            continue
        await resume_close(app, round_)


async def resume_closing(app: App) -> None:
    """After a restart: finish every close that was under way."""
    services = app.bot_data
    for round_ in await services.db.rounds_with_status(RoundStatus.CLOSING):
        logger.info("resuming the close of round %s", round_.id)
        await resume_close(app, round_)


async def resume_close(app: App, round_: Round) -> None:
    """Continue a close from where it stopped; nothing while it runs elsewhere or the bot is absent."""
    services = app.bot_data
    team = await services.db.team(round_.team_id)
    if round_.id in services.closing_now or team is None or not team.bot_present:
        return
    services.closing_now.add(round_.id)
    try:
        if round_.results_parts_sent == 0:
            await _exclude_leavers(app, round_)
        if managers_with_ratings(await services.db.round_answers(round_.id)) < MIN_MANAGERS_TO_CLOSE:
            await services.db.reopen(round_.id)
            return
        await _post_or_retry_later(app, round_.id)
    finally:
        services.closing_now.discard(round_.id)
