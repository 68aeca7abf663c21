"""How the bot takes updates from Telegram, by long polling or through a webhook, and how it stops cleanly.

Webhook: python-telegram-bot serves it (``Updater.start_webhook``, tornado) and registers it with
``setWebhook``. The path and the secret token are derived from the bot's token (HMAC-SHA256), so they are
unguessable without the token, yet the same after every restart: a reverse proxy in front needs no change.
Telegram sends the secret in ``X-Telegram-Bot-Api-Secret-Token`` with every request; python-telegram-bot
refuses a request without it or with another one (403) before anything is read.

A clean stop (``stop_cleanly``), on SIGTERM or SIGINT:

1. The intake closes: nothing new is taken (``BoundedIntake.close``).
2. The poller stops. A batch cut off by the closed intake stays unconfirmed, and Telegram hands it out
   again after the restart. A webhook's server closes; requests that were not taken fail, and Telegram
   delivers those updates again later.
3. The updates taken get a few seconds to finish, each as usual: its answer committed, then the reply.
   They must: Telegram's offsets confirm every update below them, so the poller's getUpdates after a
   batch had confirmed it (and a webhook's 200 its update) as soon as it was taken, before it finished.
4. With polling, one more getUpdates confirms what finished of a cut-off batch, and nothing else
   (``PerChatUpdateProcessor.confirmable_offset``). Handling an update twice changes nothing, should one
   come again all the same.
5. If time ran out, what had not started does not start and what runs is cancelled, and one log line says
   how many updates were left. Nothing half-done stays behind (each change is one transaction, and a close
   is recorded before its results are posted, so the next start completes it), but such an update is not
   delivered again: a press left that way gets no answer, and its sender presses again.
6. The application stops: the timer stops and the jobs and background tasks get as long again to
   finish; then those still running are cancelled (they are started through ``stoppable`` and
   ``in_background``, so the stop knows them) and the timer cannot start more. The caller closes the
   database, which nothing uses any more.

This module imports nothing of the bot (``tests/test_architecture.py``).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import logging
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram.error import TelegramError
from telegram.ext import Application

from bot.infra.ordering import BoundedIntake, PerChatUpdateProcessor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (``url``), where the bot listens for them, and the secret it sends."""

    url: str
    listen: str
    port: int
    secret_token: str

    @property
    def path(self) -> str:
        """The path the bot serves: the public URL's (a reverse proxy passes it on unchanged)."""
        return urlsplit(self.url).path


def _derived(token: str, purpose: str) -> str:
    return hmac.new(token.encode(), f"maturity-bot webhook {purpose}".encode(), hashlib.sha256).hexdigest()


def webhook_for(token: str, public_url: str, listen: str, port: int) -> Webhook:
    """The webhook of this bot at ``public_url``: a secret last path segment and a secret token, both
    derived from the bot's token."""
    url = f"{public_url.rstrip('/')}/{_derived(token, 'path')[:32]}"
    return Webhook(url, listen, port, _derived(token, "secret token"))


async def start_intake(
    app: Application,  # type: ignore[type-arg]
    *,
    allowed_updates: Sequence[str],
    webhook: Webhook | None,
    poll_timeout: int,
    error_callback: Callable[[TelegramError], None],
) -> None:
    """Long polling (no webhook), or the webhook served and registered with Telegram."""
    assert app.updater is not None
    if webhook is None:
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=poll_timeout,
            allowed_updates=list(allowed_updates),
            error_callback=error_callback,
        )
        return
    await app.updater.start_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret_token,
        allowed_updates=list(allowed_updates),
    )


#: The timer jobs and background tasks running now, per application: a clean stop cancels those still
#: running when its time runs out, before the database closes.
_running: weakref.WeakKeyDictionary[Any, set[asyncio.Task[Any]]] = weakref.WeakKeyDictionary()

JobCallback = Callable[[Any], Awaitable[None]]


def _track(app: Application, task: asyncio.Task[Any]) -> None:  # type: ignore[type-arg]
    running = _running.setdefault(app, set())
    running.add(task)
    task.add_done_callback(running.discard)


def stoppable(callback: JobCallback) -> JobCallback:
    """A job callback that a clean stop can cancel when its time runs out (register timer jobs so).

    python-telegram-bot shields a running job's own task from its scheduler, so cancelling the scheduler
    does not end the job; this wrapper knows the task and lets the stop end it.
    """

    @functools.wraps(callback)
    async def run(context: Any) -> None:
        task = asyncio.current_task()
        assert task is not None
        _track(context.application, task)
        await callback(context)

    return run


def in_background(
    app: Application,  # type: ignore[type-arg]
    coroutine: Coroutine[Any, Any, Any],
    *,
    update: object = None,
    name: str | None = None,
) -> asyncio.Task[Any]:
    """``app.create_task``, and a clean stop cancels the task when its time runs out."""
    task = app.create_task(coroutine, update=update, name=name)
    _track(app, task)
    return task


#: How long cancelled jobs may take to unwind (a cancelled task ends at its next await).
UNWIND_SECONDS = 1.0
#: How long the last getUpdates that confirms the finished updates may take: the stop must stay short.
CONFIRM_SECONDS = 1.0


async def _cancel_running(app: Application) -> int:  # type: ignore[type-arg]
    """Stop the timer, cancel the jobs and background tasks still running, and wait (briefly) until they
    have unwound; how many there were.

    ``Application.stop`` waits for the jobs running when it begins and then for background tasks; a job
    that fires meanwhile is left running (python-telegram-bot shields it from the scheduler's shutdown),
    and when the stop's time ran out it was cut off before the scheduler stopped at all. Either way, without
    this, jobs would go on running, or starting, after the database closed.
    """
    if app.job_queue is not None:
        await app.job_queue.stop(wait=False)
    left = set(_running.pop(app, set()))
    for task in left:
        task.cancel()
    if left:
        await asyncio.wait(left, timeout=UNWIND_SECONDS)
    return len(left)


async def stop_cleanly(app: Application, *, grace: float, polling: bool) -> None:  # type: ignore[type-arg]
    """Stop taking updates, let those taken finish (at most ``grace`` seconds, and as long again for the
    jobs), confirm to Telegram only what finished, and stop the application (see the module docstring)."""
    intake: Any = app.update_queue
    processor: Any = app.update_processor
    if isinstance(intake, BoundedIntake):
        intake.close()
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if isinstance(intake, BoundedIntake):
        intake.refuse_waiting()
    try:
        await asyncio.wait_for(app.update_queue.join(), grace)
    except TimeoutError:
        left = processor.abandon() if isinstance(processor, PerChatUpdateProcessor) else "some"
        logger.warning(
            "stopping: %s updates were not finished within %.0f s and are dropped; their senders saw no "
            "answer and can repeat",
            left,
            grace,
        )
    if polling and isinstance(processor, PerChatUpdateProcessor):
        offset = processor.confirmable_offset()
        if offset is not None:
            try:
                await asyncio.wait_for(
                    app.bot.get_updates(offset=offset, limit=1, timeout=0), CONFIRM_SECONDS
                )
            except (TelegramError, TimeoutError) as exc:
                # unconfirmed, they come again at the next start; handling one twice changes nothing
                logger.warning("stopping: could not confirm the finished updates to Telegram: %r", exc)
    if app.running:
        try:
            await asyncio.wait_for(app.stop(), grace)
        except TimeoutError:
            logger.warning("stopping: jobs still running after %.0f s are cancelled", grace)
    cancelled = await _cancel_running(app)
    if cancelled:
        logger.warning("stopping: cancelled %d jobs still running", cancelled)
