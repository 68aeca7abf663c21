"""Webhook delivery as Telegram does it: each pending update is POSTed to the URL set with ``setWebhook``.

What the Bot API documents and its server (telegram-bot-api's ``WebhookActor``) does:

* the body is the Update as JSON; ``X-Telegram-Bot-Api-Secret-Token`` carries the ``secret_token`` given to
  ``setWebhook``, when one was;
* an update counts as delivered (confirmed, gone) only when the bot answered with a 2xx status; any other
  answer, a refused connection or a timeout leaves it pending, is noted in ``getWebhookInfo``
  (``last_error_date``, ``last_error_message``) and is tried again later, with growing pauses;
* up to ``max_connections`` requests are in flight at once, but updates of one chat (one user, for updates
  without a chat) go one after another: the next leaves only once the one before was confirmed, so a bot
  sees each chat's updates in order;
* while a webhook is set, ``getUpdates`` is refused with 409.

Unlike Telegram, which takes only HTTPS on ports 443, 80, 88 and 8443, this server delivers to any http(s)
URL, as a self-hosted Bot API server started with ``--local`` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

log = logging.getLogger(__name__)

#: Seconds before a failed delivery is tried again the first time; each further failure doubles it.
FIRST_RETRY = 1.0
#: The longest pause between two tries of the same update, in seconds.
LONGEST_RETRY = 60.0
#: Seconds the bot has to answer one delivery.
DELIVERY_TIMEOUT = 10.0


@dataclass
class WebhookConfig:
    """What ``setWebhook`` was given."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    allowed_updates: list[str] | None = None


@dataclass
class Delivery:
    """One attempt to deliver an update: when (event loop time), its id, and the HTTP status or the error
    that ended it."""

    at: float
    update_id: int
    url: str
    status: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class WebhookState:
    """The webhook in force, where its delivery stands, and every attempt made (for tests)."""

    config: WebhookConfig | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    first_retry: float = FIRST_RETRY
    #: queue key -> (loop time before which it waits, consecutive failures)
    backoff: dict[object, tuple[float, int]] = field(default_factory=dict)
    #: update ids being delivered now, and their queue keys
    in_flight: dict[int, object] = field(default_factory=dict)


def queue_key(update: dict[str, Any]) -> object:
    """The queue an update waits in: its chat, else its sender, else (a poll) the update alone."""
    for kind, payload in update.items():
        if kind == "update_id" or not isinstance(payload, dict):
            continue
        message = payload.get("message") if kind == "callback_query" else payload
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return ("chat", message["chat"].get("id"))
        for who in ("from", "user"):
            if isinstance(payload.get(who), dict):
                return ("user", payload[who].get("id"))
    return ("update", update.get("update_id"))


class WebhookDeliverer:
    """The task that POSTs pending updates while a webhook is set, in the server's event loop."""

    def __init__(
        self,
        state: WebhookState,
        pending: Callable[[], list[dict[str, Any]]],
        confirm: Callable[[int], None],
        notify: Callable[[], None],
        wait_change: Callable[[float | None], Any],
        clock: Callable[[], float],
    ) -> None:
        self._state = state
        self._pending = pending
        self._confirm = confirm
        self._notify = notify
        self._wait_change = wait_change
        self._clock = clock
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self._deliveries: set[asyncio.Task[None]] = set()
        self._stopping = False

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=DELIVERY_TIMEOUT))
        self._task = asyncio.get_running_loop().create_task(self._run(), name="webhook delivery")

    async def stop(self) -> None:
        # the flag as well as the cancel: Python 3.11's wait_for can swallow a cancel that coincides with
        # the change it waited for
        self._stopping = True
        tasks = [t for t in (self._task, *self._deliveries) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            wake = self._start_due(loop.time())
            await self._wait_change(None if wake is None else max(0.0, wake - loop.time()))

    def _start_due(self, now: float) -> float | None:
        """Start a delivery for each update whose turn it is; returns when a waiting retry falls due."""
        state = self._state
        config = state.config
        if config is None:
            return None
        busy = set(state.in_flight.values())
        soonest: float | None = None
        for update in self._pending():
            key = queue_key(update)
            if update["update_id"] in state.in_flight or key in busy:
                busy.add(key)
                continue
            busy.add(key)  # later updates of this queue wait for this one
            until, _ = state.backoff.get(key, (0.0, 0))
            if until > now:
                soonest = until if soonest is None else min(soonest, until)
                continue
            if len(state.in_flight) >= config.max_connections:
                break
            state.in_flight[update["update_id"]] = key
            task = asyncio.get_running_loop().create_task(self._deliver(config, update, key))
            self._deliveries.add(task)
            task.add_done_callback(self._deliveries.discard)
        return soonest

    async def _deliver(self, config: WebhookConfig, update: dict[str, Any], key: object) -> None:
        state = self._state
        headers = {"Content-Type": "application/json"}
        if config.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = config.secret_token
        status: int | None = None
        error: str | None = None
        started = asyncio.get_running_loop().time()
        assert self._session is not None
        try:
            async with self._session.post(config.url, json=update, headers=headers) as response:
                status = response.status
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {response.reason}"
        except TimeoutError:
            error = "Read timeout expired"
        except aiohttp.ClientConnectorError:
            error = "Connection refused"
        except aiohttp.ClientError as exc:
            error = f"Connection error: {type(exc).__name__}"
        finally:
            state.in_flight.pop(update["update_id"], None)
        state.deliveries.append(Delivery(started, update["update_id"], config.url, status, error))
        if error is None:
            state.backoff.pop(key, None)
            self._confirm(update["update_id"])
            return
        _, failures = state.backoff.get(key, (0.0, 0))
        pause = min(LONGEST_RETRY, state.first_retry * 2**failures)
        state.backoff[key] = (asyncio.get_running_loop().time() + pause, failures + 1)
        state.last_error_date = int(self._clock())
        state.last_error_message = error
        log.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
        self._notify()  # the loop schedules the retry
