"""Updates of different chats run concurrently; updates of one chat run in the order Telegram sent them;
the bot takes no more updates from Telegram than it is working on; and it knows which it finished, so a
clean stop confirms to Telegram only those.

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


class IntakeClosed(Exception):
    """The bot is stopping: an update offered now is not taken, and Telegram delivers it again later."""


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

    A stopping bot closes the intake (``close``): from then on an update offered waits (the poller is about
    to be stopped, so its batch stays unconfirmed) until ``refuse_waiting`` turns it away with
    ``IntakeClosed`` (a webhook request then fails, and Telegram delivers the update again later).
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit
        self._unfinished = 0
        self._closed = False
        self._room: deque[asyncio.Future[None]] = deque()

    @property
    def unfinished(self) -> int:
        """Updates taken from Telegram whose handlers have not finished yet."""
        return self._unfinished

    def close(self) -> None:
        """Take no more updates."""
        self._closed = True

    def refuse_waiting(self) -> None:
        """Turn away every update still waiting to be taken (``IntakeClosed``)."""
        while self._room:
            waiter = self._room.popleft()
            if not waiter.done():
                waiter.set_exception(IntakeClosed())

    async def put(self, item: object) -> None:
        while isinstance(item, Update) and (self._closed or self._unfinished >= self._limit):
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
        while self._room and self._unfinished < self._limit and not self._closed:
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
    """One FIFO lock per chat (or per user where an update has no chat), and a start gate for all.

    It also keeps the ledger a clean stop needs: which updates it was handed (in Telegram's order) and which
    of them finished, so ``confirmable_offset`` tells the getUpdates offset that confirms only finished
    ones; and ``abandon`` lets a stop that ran out of time end the rest.
    """

    def __init__(self, max_concurrent_updates: int = 256, starts_per_turn: int = 8) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._gate = StartGate(starts_per_turn)
        #: update id -> the task handling it, for every update handed over and not finished
        self._unfinished: dict[int, asyncio.Task[Any] | None] = {}
        self._highest: int | None = None
        self._abandoned = False
        self._started: set[int] = set()
        self._skipped: set[int] = set()

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """As python-telegram-bot does, noting the update as handed over, and as finished once its handlers
        ran (handlers' errors go to the error handler; what raises here was cancelled at a stop)."""
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is not None:
            self._unfinished[update_id] = asyncio.current_task()
            self._highest = update_id if self._highest is None else max(self._highest, update_id)
        await super().process_update(update, coroutine)
        if update_id is not None and update_id not in self._skipped:
            del self._unfinished[update_id]
            self._started.discard(update_id)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _key(update)
        if key is None:
            await self._gate.enter()
            await self._run(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await self._gate.enter()
                await self._run(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def _run(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the handlers, unless the bot gave up on what had not started when it stopped."""
        if self._abandoned:
            if isinstance(update, Update):
                self._skipped.add(update.update_id)
            close = getattr(coroutine, "close", None)
            if close is not None:
                close()
            return
        if isinstance(update, Update):
            self._started.add(update.update_id)
        await coroutine

    # ------------------------------------------------------------------------------- a clean stop

    @property
    def unfinished(self) -> int:
        """Updates handed over whose handlers have not finished."""
        return len(self._unfinished)

    def confirmable_offset(self) -> int | None:
        """The getUpdates ``offset`` that confirms every finished update and none that is not: the oldest
        unfinished one, else the one after the newest (None: no update was handed over yet).

        Updates not handed over yet (still in the intake) are newer than all handed over, as the intake
        hands them over in Telegram's order."""
        if self._unfinished:
            return min(self._unfinished)
        return None if self._highest is None else self._highest + 1

    def abandon(self) -> int:
        """Give up at a stop that ran out of time: handlers still waiting for their turn do not start (they
        skip once their turn comes, which is soon: the running ones are cancelled and let go of their chats),
        and those running are cancelled (their work is left undone, never half-committed: each change is
        one transaction). Returns how many updates were left unfinished."""
        self._abandoned = True
        for update_id in self._started:
            task = self._unfinished.get(update_id)
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        return len(self._unfinished)

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
