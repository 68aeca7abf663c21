"""A round from opening to the last reminder: open it and announce it, keep the announcement's progress
current, remind the managers who have not finished, and cancel it.

The announcement's progress edits are debounced: a burst of joins and finishes becomes one edit a few
seconds later. Each is a ``PROGRESS`` call for the rate limiter: it goes only while the group's budget has
room to spare, and one still waiting is replaced by the next (only the latest count is sent), so progress
never holds back a reply or the results. Reminders are background work.
"""

from __future__ import annotations

import logging

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CallbackContext

from bot.context import App, Services
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import Round, new_round_token, reminder_time
from bot.domain.team_catalogues import CatalogueVersion
from bot.flows.chat import topic_of
from bot.infra.lifecycle import stoppable
from bot.infra.ratelimit import BACKGROUND, PROGRESS, REPLY, Priority
from bot.storage.repository import RoundAlreadyOpen
from bot.texts import language_of
from bot.views.html import th
from bot.views.rounds import announcement_view, reminder_view

logger = logging.getLogger(__name__)

#: Seconds to wait before editing the announcement, collecting every change meanwhile.
ANNOUNCEMENT_DELAY = 3.0


async def start_round(
    app: App,
    message: Message,
    catalogue: Catalogue,
    lang: str,
    *,
    opened_by: int,
    deadline_at: float | None = None,
    anonymous: bool = False,
    statement_ids: tuple[str, ...] | None = None,
    heading: str | None = None,
    rerate_of: int | None = None,
    version: CatalogueVersion | None = None,
) -> Round | None:
    """Open a round in the group of ``message`` and post its announcement as a reply to it (in a group with
    topics, the round belongs to the topic of ``message``: everything about it is posted there).

    Shared by /newround, the re-check button under a review reminder and /rerate (``statement_ids``: only
    those statements; ``heading``: a line above the announcement saying what the round is for;
    ``rerate_of``: the round whose disputed points it re-rates). ``version``: the stored version of
    ``catalogue`` (a team's own, or the one an earlier round used); without one, ``catalogue`` is a
    built-in one, stored as a snapshot, so that the round keeps it as it is now. None, after saying so,
    when the team has a round open already.
    """
    services = app.bot_data
    now = services.now()
    chat = message.chat
    team = await services.db.upsert_team(chat.id, chat.title or "", now)
    if team.language is None:
        await services.db.set_team_language(team.id, lang)
    current = await services.db.current_round(team.id)
    if current is not None:
        await message.reply_html(th(lang, "newround.already_open"))
        return None
    if version is None:
        version = await services.db.builtin_snapshot(catalogue, now)
    try:
        round_ = await services.db.open_round(
            team_id=team.id,
            token=new_round_token(),
            catalogue_id=catalogue.id,
            catalogue_version=version.version,
            anonymous=anonymous,
            language=lang,
            opened_by=opened_by,
            opened_at=now,
            deadline_at=deadline_at,
            remind_at=reminder_time(now, deadline_at),
            statement_ids=statement_ids,
            rerate_of=rerate_of,
            thread_id=topic_of(message),
            catalogue_version_id=version.row,
        )
    except RoundAlreadyOpen:
        await message.reply_html(th(lang, "newround.already_open"))
        return None
    asked = services.catalogue_of(round_)
    assert asked is not None
    view = announcement_view(asked, round_, [], services.bot_username, lang, services.timezone, heading)
    sent = await message.reply_html(view.text, reply_markup=view.keyboard)
    await services.db.set_announcement(round_.id, sent.message_id)
    return round_


# ---------------------------------------------------------------------------------- the announcement


def schedule_announcement_update(app: App, round_id: int) -> None:
    """Edit the announcement to the round's progress in a few seconds (once, however many changes come)."""
    services = app.bot_data
    if round_id in services.announcement_pending or app.job_queue is None:
        return
    services.announcement_pending.add(round_id)
    app.job_queue.run_once(
        stoppable(_update_announcement), ANNOUNCEMENT_DELAY, data=round_id, name=f"announce:{round_id}"
    )


async def _update_announcement(context: CallbackContext) -> None:  # type: ignore[type-arg]
    assert context.job is not None
    round_id: int = context.job.data  # type: ignore[assignment]
    app: App = context.application  # type: ignore[assignment]
    app.bot_data.announcement_pending.discard(round_id)
    await refresh_announcement(app, round_id)


async def refresh_announcement(app: App, round_id: int) -> None:
    """Edit the announcement to the round's current progress (unchanged or deleted is harmless)."""
    services = app.bot_data
    round_ = await services.db.round(round_id)
    if round_ is None or round_.announcement_id is None or not round_.is_open:
        return
    catalogue = services.catalogue_of(round_)
    if catalogue is None:
        return
    participants = await services.db.participants(round_id)
    view = announcement_view(
        catalogue, round_, participants, services.bot_username, round_.language, services.timezone
    )
    try:
        await app.bot.edit_message_text(
            view.text,
            chat_id=round_.chat_id,
            message_id=round_.announcement_id,
            parse_mode=ParseMode.HTML,
            reply_markup=view.keyboard,
            rate_limit_args=PROGRESS,
        )
    except (BadRequest, Forbidden) as exc:
        logger.debug("announcement of round %s not updated: %s", round_id, exc)
    except TelegramError as exc:
        # the next change edits it again; nobody waits for this one
        logger.info("announcement of round %s not updated: %s: %s", round_id, type(exc).__name__, exc)


async def mark_announcement(app: App, round_: Round, key: str, lang: str, priority: Priority = REPLY) -> None:
    """Replace the announcement by a closing line (``ann.closed``, ``ann.cancelled``): its button is gone.

    ``priority``: ``BACKGROUND`` when the close does it; a progress edit still waiting is dropped for it."""
    if round_.announcement_id is None:
        return
    try:
        await app.bot.edit_message_text(
            th(lang, key),
            chat_id=round_.chat_id,
            message_id=round_.announcement_id,
            parse_mode=ParseMode.HTML,
            rate_limit_args=priority,
        )
    except (BadRequest, Forbidden) as exc:
        logger.debug("announcement of round %s not updated: %s", round_.id, exc)
    except TelegramError as exc:
        # the results (or the cancellation) stand; only the old button stays, and it is refused politely
        logger.info("announcement of round %s not marked: %s: %s", round_.id, type(exc).__name__, exc)


# ------------------------------------------------------------------------------------------- reminders


async def send_reminders(app: App, round_id: int) -> tuple[list[str], list[str]]:
    """Remind unfinished participants privately; returns the names reached and the names unreachable."""
    services = app.bot_data
    round_ = await services.db.round(round_id)
    assert round_ is not None
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    team = await services.db.team(round_.team_id)
    answers = await services.db.round_answers(round_id)
    reached: list[str] = []
    unreachable: list[str] = []
    for participant in await services.db.participants(round_id):
        if participant.finished_at is not None:
            continue
        lang = await _person_language(services, participant.user_id)
        view = reminder_view(
            catalogue,
            round_,
            team.title if team else "",
            len(answers.get(participant.user_id, {})),
            services.bot_username,
            lang,
            services.timezone,
        )
        try:
            await app.bot.send_message(
                participant.user_id,
                view.text,
                parse_mode=ParseMode.HTML,
                reply_markup=view.keyboard,
                rate_limit_args=BACKGROUND,
            )
        except Forbidden:
            await services.db.set_reachable(participant.user_id, False)
            unreachable.append(participant.display_name)
            continue
        reached.append(participant.display_name)
    return reached, unreachable


async def _person_language(services: Services, user_id: int) -> str:
    """The language a person's app had when the bot last saw them."""
    record = await services.db.user(user_id)
    return language_of(record.language_code if record else None)


async def cancel_round(app: App, round_: Round, lang: str) -> bool:
    """Discard an open round (nobody sees its answers) and close its announcement; False if not open."""
    services = app.bot_data
    if not await services.db.cancel_round(round_.id, services.now()):
        return False
    await mark_announcement(app, round_, "ann.cancelled", lang)
    return True
