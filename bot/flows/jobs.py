"""The timer: one job looks in the database for what is due (deadlines, reminders, closes to retry, polls,
rankings, reviews) and does it; another deletes old rounds daily.

The database is the schedule, so a restart loses nothing: the first run after it finds whatever came due.
"""

from __future__ import annotations

import logging

from telegram.ext import CallbackContext

from bot.context import App
from bot.flows.beliefs import check_reasons
from bot.flows.closing import close_round, retry_closes
from bot.flows.followup import end_priority_poll, post_ranking, remind_review, send_poll
from bot.flows.rounds import send_reminders

logger = logging.getLogger(__name__)

#: Days a "month" of the retention setting lasts (an average Gregorian month).
DAYS_PER_MONTH = 30.44


async def deadline_job(context: CallbackContext) -> None:  # type: ignore[type-arg]
    """Deadlines and reminders of rounds, then what follows results: polls, rankings, reviews, reasons."""
    app: App = context.application  # type: ignore[assignment]
    await check_deadlines(app)
    await check_followups(app)
    await check_reasons(app)


async def retention_job(context: CallbackContext) -> None:  # type: ignore[type-arg]
    """Daily: delete finished rounds older than the retention setting."""
    app: App = context.application  # type: ignore[assignment]
    services = app.bot_data
    if services.retention_months:
        cutoff = services.now() - services.retention_months * DAYS_PER_MONTH * 86_400
        deleted = await services.db.delete_rounds_before(cutoff)
        if deleted:
            logger.info("retention: deleted %d old rounds", deleted)


async def check_deadlines(app: App) -> None:
    """Close rounds whose deadline passed and send due reminders (the database is the schedule)."""
    services = app.bot_data
    now = services.now()
    for round_ in await services.db.due_reminders(now):
        await services.db.mark_reminded(round_.id, now)
        await send_reminders(app, round_.id)
    for round_ in await services.db.due_deadlines(now):
        await close_round(app, round_.id, reason="deadline")
    await retry_closes(app)


async def check_followups(app: App) -> None:
    """The timer's part: polls to send, polls whose time is up, rankings to post, reviews that are due."""
    services = app.bot_data
    now = services.now()

    def due(kind: str, key: int) -> bool:
        return now >= services.followup_retry_at.get((kind, key), 0.0)

    for poll in await services.db.unsent_priority_polls():
        if due("poll", poll.id):
            await send_poll(app, poll)
    for poll in await services.db.due_priority_polls(now):
        if due("stop", poll.id):
            await end_priority_poll(app, poll)
    for poll in await services.db.unposted_rankings():
        if due("ranking", poll.id):
            await post_ranking(app, poll)
    for lighthouse, review in await services.db.due_reviews(now):
        if due("review", lighthouse.id * 100 + review.months):
            await remind_review(app, lighthouse, review)
