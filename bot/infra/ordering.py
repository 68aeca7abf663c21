"""Updates of different chats run concurrently; updates of one chat run in the order Telegram sent them;
and the bot takes no more updates from Telegram than it is working on.

Twenty managers answering at once must not wait for each other, but one manager's ``/start`` has to be
handled before the comment they type a second later, and of two fast presses the later one must win.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class BoundedIntake(asyncio.Queue[object]):
    """python-telegram-bot's update queue, taking a new update only while fewer than ``limit`` are unfinished.

    The poller fetches a batch (up to 100 updates), puts each into this queue and only then confirms the
    batch to Telegram with its next getUpdates. python-telegram-bot's own queue never makes it wait: when
    more presses come in than the bot answers (a thousand managers pressing without pause), every one of
    them moves from Telegram into the bot's memory, confirmed and gone from Telegram, and a crash loses
    them all. Here ``put`` waits while ``limit`` updates are unfinished, so the poller pauses, its batch
    stays unconfirmed, and the surplus waits at Telegram, where it survives a restart; the bot still has
    ``limit`` updates to work on, and its throughput did not suffer (BENCHMARKS.md).

    An update is unfinished from ``put`` until python-telegram-bot calls ``task_done`` after its handlers
    (every update passes through ``Application.process_update``, even one no handler takes). Only
    ``Update`` objects wait: the application's own stop signal passes at once.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit
        self._unfinished = 0
        self._room: deque[asyncio.Future[None]] = deque()

    @property
    def unfinished(self) -> int:
        """Updates taken from Telegram whose handlers have not finished yet."""
        return self._unfinished

    async def put(self, item: object) -> None:
        while isinstance(item, Update) and self._unfinished >= self._limit:
            waiter = asyncio.get_running_loop().create_future()
            self._room.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake_next()  # woken, then cancelled: the room goes to the next in line
                raise
        self.put_nowait(item)

    def put_nowait(self, item: object) -> None:
        super().put_nowait(item)
        self._unfinished += 1

    def task_done(self) -> None:
        super().task_done()
        self._unfinished -= 1
        self._wake_next()

    def _wake_next(self) -> None:
        while self._room and self._unfinished < self._limit:
            waiter = self._room.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return


class StartGate:
    """At most ``per_turn`` updates start their handlers in one turn of the event loop.

    getUpdates hands over up to 100 presses at once and python-telegram-bot starts a task for each in the
    same turn; their first steps (dispatch, the database, the first request) then all run in one turn of
    the loop, and everything else waits for that turn: a timer, the answer to a request another chat is
    waiting for. Letting them start a few per turn, in arrival order, spreads the same work over several
    turns, so other work gets in between; the total work is unchanged. The longest stall of the loop fell
    by about half, with throughput and latency unchanged; fewer per turn cost throughput, more helped less
    (BENCHMARKS.md).
    """

    def __init__(self, per_turn: int) -> None:
        self._per_turn = per_turn
        self._started = 0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._turn_pending = False

    async def enter(self) -> None:
        """Return at once while this turn has room and nobody waits; otherwise wait for a later turn."""
        if self._started < self._per_turn and not self._waiting:
            self._started += 1
            self._next_turn_soon()
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        self._next_turn_soon()
        await waiter  # a cancelled waiter is skipped when its turn comes

    def _next_turn_soon(self) -> None:
        if not self._turn_pending:
            self._turn_pending = True
            asyncio.get_running_loop().call_soon(self._next_turn)

    def _next_turn(self) -> None:
        """Once per turn while there is work: let the next ``per_turn`` waiters start, oldest first."""
        self._turn_pending = False
        self._started = 0
        while self._waiting and self._started < self._per_turn:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)
                self._started += 1
        if self._waiting or self._started:
            self._next_turn_soon()


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """One FIFO lock per chat (or per user where an update has no chat), and a start gate for all."""

    def __init__(self, max_concurrent_updates: int = 256, starts_per_turn: int = 8) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._gate = StartGate(starts_per_turn)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _key(update)
        if key is None:
            await self._gate.enter()
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await self._gate.enter()
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        """Nothing to set up: locks are created on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None
