"""After the results: the priority poll, its end with the ranking and the lighthouse proposal, and the
review reminders of the lighthouse project.

Like ``bot.flows.closing`` this sits between the handlers (and the timer job) and the domain: it reads the
database, asks ``bot.domain.priorities``, renders with ``bot.views.followup`` and calls the Bot API. The
database is the schedule: a poll recorded but not sent, a poll whose time is up, a ranking not posted, a
review that is due: the job finds each of them, also after a restart.

Order of writes, as for the results: what Telegram was asked to do is recorded once it answered, so a
crash in between repeats a message rather than losing it (Telegram offers no way to ask whether a send
arrived). A permanent refusal (the bot may not send polls there) is recorded too, so it is not retried
every half minute.
"""

from __future__ import annotations

import logging

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import App, Services
from bot.domain.analysis import RoundAnalysis, analyse
from bot.domain.catalogue import Catalogue
from bot.domain.followup import Lighthouse, PollOption, PriorityPoll, Review
from bot.domain.priorities import (
    POLL_MIN_OPTIONS,
    CandidateKind,
    Ranked,
    candidate_for,
    poll_candidates,
    proposal,
    rank,
    rank_counts,
)
from bot.domain.rounds import Round, RoundStatus
from bot.flows.chat import busy, in_round_topic, say_in_round
from bot.flows.round_data import load_round_data
from bot.infra.ratelimit import BACKGROUND
from bot.infra.workers import run_in_worker
from bot.views.followup import (
    poll_options,
    poll_question,
    ranking_text,
    recheck_keyboard,
    review_reminder_text,
)
from bot.views.html import th

logger = logging.getLogger(__name__)

#: Seconds (bot clock) before something Telegram failed to take is tried again.
RETRY_SECONDS = 60.0


# ------------------------------------------------------------------------------------------- reading


async def round_analysis(services: Services, round_: Round) -> tuple[Catalogue, RoundAnalysis]:
    """The round's catalogue (as it asked it) and its analysis, computed again from the stored answers.

    The analysis is deterministic and quick, so it is not stored: the poll's options, the standing and the
    canvas read it fresh and always agree. It runs in the worker process all the same: with many managers
    it takes long enough that every other chat would notice the wait.
    """
    catalogue = services.catalogue_of(round_)
    if catalogue is None:
        raise LookupError(f"catalogue {round_.catalogue_id!r} of round {round_.id} is not loaded")
    data = await load_round_data(services, round_)
    return catalogue, await run_in_worker(analyse, data.matrix)


async def standing(services: Services, poll: PriorityPoll) -> tuple[Round, Catalogue, tuple[Ranked, ...]]:
    """The poll's options with their votes, most first: from the recorded voters, or from Telegram's
    counts for an anonymous poll (which has no voters)."""
    round_ = await services.db.round(poll.round_id)
    assert round_ is not None
    catalogue, analysis = await round_analysis(services, round_)
    candidates = [candidate_for(analysis, o.statement_id, CandidateKind(o.kind)) for o in poll.options]
    if poll.anonymous:
        counts = poll.counts or tuple(0 for _ in candidates)
        return round_, catalogue, rank_counts(candidates, counts)
    return round_, catalogue, rank(candidates, await services.db.poll_votes(poll.id))


async def voter_names(services: Services, ranked: tuple[Ranked, ...]) -> dict[int, str]:
    """Display names of everyone who voted (people who deleted their data are no longer among them)."""
    names: dict[int, str] = {}
    for voter in sorted({v for r in ranked for v in r.voters}):
        record = await services.db.user(voter)
        if record is not None:
            names[voter] = " ".join(part for part in (record.first_name, record.last_name) if part)
    return names


async def top_priority(services: Services, team_id: int) -> tuple[Catalogue, str] | None:
    """The statement the team voted first (the bot's lighthouse proposal), if its latest poll has votes."""
    poll = await services.db.latest_priority_poll(team_id)
    if poll is None:
        return None
    _, catalogue, ranked = await standing(services, poll)
    top = proposal(ranked)
    return (catalogue, top.candidate.statement_id) if top else None


# ------------------------------------------------------------------------------------------- the poll


async def open_priority_poll(
    app: App, round_id: int, analysis: RoundAnalysis | None = None
) -> PriorityPoll | None:
    """After a round's results: record the poll "Which should we tackle first?" and send it to the group.

    Once per round (a second call finds the first poll). With fewer than two candidates the group is told
    that there is nothing to poll; the lighthouse project can still be set. ``analysis``: the round's, as
    the close just built it for the results (else it is computed again).
    """
    with busy(app.bot_data, "poll", round_id) as free:
        return await _open_priority_poll(app, round_id, analysis) if free else None


async def _open_priority_poll(app: App, round_id: int, analysis: RoundAnalysis | None) -> PriorityPoll | None:
    services = app.bot_data
    round_ = await services.db.round(round_id)
    if round_ is None or round_.status is not RoundStatus.CLOSED:
        return None
    existing = await services.db.priority_poll_of_round(round_id)
    if existing is not None:
        return existing if existing.message_id is not None else await _send_poll(app, existing)
    if analysis is None:
        _, analysis = await round_analysis(services, round_)
    found = poll_candidates(analysis)
    if len(found) < POLL_MIN_OPTIONS:
        await say_in_round(app, round_, th(round_.language, "poll.none"))
        return None
    now = services.now()
    poll = await services.db.create_priority_poll(
        round_id,
        [PollOption(c.statement_id, c.kind.value) for c in found],
        anonymous=round_.anonymous,
        opened_at=now,
        closes_at=now + services.poll_hours * 3600,
    )
    if poll is None:  # recorded meanwhile by another process's close of the same round
        return await services.db.priority_poll_of_round(round_id)
    return await _send_poll(app, poll)


async def send_poll(app: App, poll: PriorityPoll) -> PriorityPoll | None:
    """Send a recorded poll; on a temporary failure the job tries again, on a refusal the group is told."""
    with busy(app.bot_data, "poll", poll.round_id) as free:
        return await _send_poll(app, poll) if free else None


async def _send_poll(app: App, poll: PriorityPoll) -> PriorityPoll | None:
    services = app.bot_data
    round_ = await services.db.round(poll.round_id)
    catalogue = services.catalogue_of(round_) if round_ is not None else None
    if round_ is None or catalogue is None:
        return None
    lang = round_.language
    try:
        message = await in_round_topic(
            app,
            round_,
            lambda thread: app.bot.send_poll(
                round_.chat_id,
                poll_question(poll, lang),
                poll_options(poll, catalogue, lang),
                is_anonymous=poll.anonymous,
                allows_multiple_answers=True,
                message_thread_id=thread,
                rate_limit_args=BACKGROUND,
            ),
        )
    except (BadRequest, Forbidden) as exc:
        # permanent: no right to send polls, the group is gone; tell the group once and stop trying
        logger.info("priority poll of round %s refused: %s", round_.id, exc)
        await services.db.close_priority_poll(poll.id, services.now())
        await services.db.mark_ranking_posted(poll.id, services.now())
        await say_in_round(app, round_, th(lang, "poll.failed", reason=str(exc)))
        return None
    except TelegramError as exc:
        services.followup_retry_at[("poll", poll.id)] = services.now() + RETRY_SECONDS
        logger.warning("priority poll of round %s not sent (%s); trying again later", round_.id, exc)
        return None
    assert message.poll is not None
    await services.db.set_poll_sent(poll.id, message.poll.id, message.message_id)
    services.followup_retry_at.pop(("poll", poll.id), None)
    return await services.db.priority_poll_of_round(round_.id)


async def end_priority_poll(app: App, poll: PriorityPoll) -> bool:
    """Stop the poll in Telegram, keep its final counts, post the ranking with the lighthouse proposal.

    False if Telegram could not be reached (the poll stays open; the caller says so or the job retries)
    or the poll had ended already.
    """
    with busy(app.bot_data, "ranking", poll.id) as free:
        return await _end_priority_poll(app, poll) if free else False


async def _end_priority_poll(app: App, poll: PriorityPoll) -> bool:
    services = app.bot_data
    counts: tuple[int, ...] | None = None
    if poll.message_id is not None:
        try:
            stopped = await app.bot.stop_poll(poll.chat_id, poll.message_id)
            counts = tuple(option.voter_count for option in stopped.options)
        except BadRequest as exc:
            # already closed, or the message was deleted: what was recorded is all there is
            logger.info("stopping poll %s: %s", poll.id, exc)
        except Forbidden as exc:
            logger.info("stopping poll %s: the bot was removed (%s)", poll.id, exc)
        except TelegramError as exc:
            logger.warning("stopping poll %s failed (%s); it stays open", poll.id, exc)
            services.followup_retry_at[("stop", poll.id)] = services.now() + RETRY_SECONDS
            return False
    if not await services.db.close_priority_poll(poll.id, services.now(), counts if poll.anonymous else None):
        return False
    ended = await services.db.priority_poll_of_round(poll.round_id)
    assert ended is not None
    await _post_ranking(app, ended)
    return True


async def post_ranking(app: App, poll: PriorityPoll) -> bool:
    """The ranking of an ended poll and the lighthouse proposal; recorded as posted once Telegram has it."""
    with busy(app.bot_data, "ranking", poll.id) as free:
        return await _post_ranking(app, poll) if free else False


async def _post_ranking(app: App, poll: PriorityPoll) -> bool:
    services = app.bot_data
    round_, catalogue, ranked = await standing(services, poll)
    names = {} if poll.anonymous else await voter_names(services, ranked)
    text = ranking_text(poll, catalogue, ranked, names, round_.language, final=True)
    try:
        await in_round_topic(
            app,
            round_,
            lambda thread: app.bot.send_message(
                poll.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
                reply_to_message_id=poll.message_id,
                message_thread_id=thread,
            ),
        )
    except Forbidden as exc:
        logger.info("ranking of poll %s not posted: %s", poll.id, exc)
        return False
    except TelegramError as exc:
        services.followup_retry_at[("ranking", poll.id)] = services.now() + RETRY_SECONDS
        logger.warning("ranking of poll %s not posted (%s); trying again later", poll.id, exc)
        return False
    await services.db.mark_ranking_posted(poll.id, services.now())
    services.followup_retry_at.pop(("ranking", poll.id), None)
    return True


# --------------------------------------------------------------------------------------------- reviews


async def remind_review(app: App, lighthouse: Lighthouse, review: Review) -> bool:
    """Announce a due review in the group: ask the owner for a status, offer a re-check round."""
    with busy(app.bot_data, "review", lighthouse.id * 100 + review.months) as free:
        return await _remind_review(app, lighthouse, review) if free else False


async def _remind_review(app: App, lighthouse: Lighthouse, review: Review) -> bool:
    services = app.bot_data
    team = await services.db.team(lighthouse.team_id)
    lang = (team.language if team else None) or "en"
    text = review_reminder_text(lighthouse, review, lang)
    # in the forum topic of the round the project came from (the General topic if that round is gone)
    round_ = await services.db.round(lighthouse.round_id) if lighthouse.round_id is not None else None

    async def send(thread: int | None) -> Message:
        return await app.bot.send_message(
            lighthouse.chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=recheck_keyboard(lighthouse, lang),
            message_thread_id=thread,
            rate_limit_args=BACKGROUND,
        )

    try:
        sent = await (in_round_topic(app, round_, send) if round_ is not None else send(None))
    except TelegramError as exc:
        services.followup_retry_at[("review", lighthouse.id * 100 + review.months)] = (
            services.now() + RETRY_SECONDS
        )
        logger.warning("review reminder of lighthouse %s not sent (%s)", lighthouse.id, exc)
        return False
    await services.db.mark_review_reminded(lighthouse.id, review.months, services.now(), sent.message_id)
    return True
