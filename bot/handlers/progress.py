"""The round's announcement in the group shows live progress ("3 of 5 finished").

Edits are debounced: a burst of joins and finishes becomes one edit a few seconds later, which keeps the
bot well inside Telegram's limit of about 20 messages a minute per group.
"""

from __future__ import annotations

import logging

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.services import Context
from bot.views import announcement_view

logger = logging.getLogger(__name__)

#: Seconds to wait before editing the announcement, collecting every change meanwhile.
ANNOUNCEMENT_DELAY = 3.0


def schedule_announcement_update(context: Context, round_id: int) -> None:
    services = context.bot_data
    if round_id in services.announcement_pending or context.job_queue is None:
        return
    services.announcement_pending.add(round_id)
    context.job_queue.run_once(
        _update_announcement, ANNOUNCEMENT_DELAY, data=round_id, name=f"announce:{round_id}"
    )


async def _update_announcement(context: Context) -> None:
    assert context.job is not None
    round_id: int = context.job.data  # type: ignore[assignment]
    context.bot_data.announcement_pending.discard(round_id)
    await refresh_announcement(context, round_id)


async def refresh_announcement(context: Context, round_id: int) -> None:
    """Edit the announcement to the round's current progress (unchanged or deleted is harmless)."""
    services = context.bot_data
    round_ = await services.db.round(round_id)
    if round_ is None or round_.announcement_id is None or not round_.is_open:
        return
    catalogue = services.catalogue_of(round_)
    if catalogue is None:
        return
    participants = await services.db.participants(round_id)
    view = announcement_view(
        catalogue,
        round_,
        participants,
        services.bot_username,
        round_.language,
        services.timezone,
    )
    try:
        await context.bot.edit_message_text(
            view.text,
            chat_id=round_.chat_id,
            message_id=round_.announcement_id,
            parse_mode=ParseMode.HTML,
            reply_markup=view.keyboard,
        )
    except (BadRequest, Forbidden) as exc:
        logger.debug("announcement of round %s not updated: %s", round_id, exc)
