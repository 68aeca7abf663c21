"""Telegram's flood limits as a budget the bot spends on purpose: replies to people first, the bot's own
background messages after them, progress edits only with room to spare; and flood control waited out.

What counts. Telegram's limits are about messages (the Bot FAQ: about one a second in a chat, 20 a minute
in a group, about 30 a second overall; its developers, tdlib issues #2592 and #3034: an edit in a group
shares the limits of sending). So every send counts, and an edit in a group or channel; an edit in a
private chat (the questionnaire, in reply to a press), an answered button or a membership check does not
and goes straight through, keeping only the flood control below. An album counts as its messages in a
group's minute and overall, and as one call in the chat's pace. A call Telegram refused (400, 403) does not
count; one that got no answer or a 5xx does, since it may have arrived.

The limits, exactly:

* **a group's minute**: at most ``group_messages`` (20) in any ``group_period`` (60 s). A window, not a
  leaky bucket: a bucket that may never exceed 20 in a minute has to drain at 10 a minute after a burst of
  10, which halves the budget. A message is counted from when it is started until ``group_period`` after
  Telegram's answer arrived: Telegram counts it somewhere in between, so the bot's window always covers
  Telegram's and no margin is needed for the network's jitter;
* **a chat's pace**: a burst of ``chat_burst`` (3) calls, then ``chat_rate`` (one) a second (a leaky
  bucket, as Telegram's FAQ describes it: "short bursts that go over this limit" are tolerated);
* **overall**: at most ``overall_messages`` (30) in any ``overall_period`` (1 s), counted like a group's.

Priorities. A call that counts waits in its chat's queue, ordered by ``Priority`` and then by arrival:
a reply to a person (the default: every call that does not say otherwise, so a new group message of any
feature is a reply) before the bot's own background work (results parts, the poll, reminders, which say
so with ``rate_limit_args=BACKGROUND``, the argument every python-telegram-bot method accepts and hands to
the rate limiter), before progress edits (``PROGRESS``). Nothing of lower rank overtakes the head of its
chat's queue; across chats, the overall limit serves the most urgent head first. A progress edit goes
only while the group keeps ``progress_room`` of its minute free after it and the chat's pace is idle, so
it never holds back a reply or a result. A waiting edit of a message is superseded by a newer edit of the
same message (editMessageText by editMessageText, say): only the latest state is sent, and the superseded
call returns what the newer one returned.

Flood control. A 429 means Telegram did not do the call; it is waited out (the whole chat pauses for
``retry_after``) and retried, for as long as a person could still be waiting (``FLOOD_BUDGET``: a minute
for a reply, longer for background work), then raised. Each retry is one INFO line, giving up one WARNING
line, never an error with a traceback.
"""

from __future__ import annotations

import asyncio
import copy
import enum
import heapq
import itertools
import logging
import math
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)


class Priority(enum.Enum):
    """Who waits for a Bot API call; passed as ``rate_limit_args`` (none given: ``REPLY``)."""

    #: a person asked and waits: a reply to a command, a confirmation, an alert
    REPLY = 0
    #: the bot's own work nobody is waiting for this second: results parts, the poll, reminders
    BACKGROUND = 1
    #: a progress edit (the announcement's live count): only with room to spare, superseded by a newer one
    PROGRESS = 2


REPLY, BACKGROUND, PROGRESS = Priority.REPLY, Priority.BACKGROUND, Priority.PROGRESS

#: Seconds a call keeps waiting out flood control (429) before it gives up, by priority: as long as a
#: person could still be waiting for a reply; longer for background work, which nobody watches arrive.
FLOOD_BUDGET = {REPLY: 60.0, BACKGROUND: 300.0, PROGRESS: 60.0}

#: Methods that put new messages into a chat.
SENDS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendMediaGroup",
        "sendDocument",
        "sendSticker",
        "sendAnimation",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendPoll",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)
#: Methods that change a message; in a group they count like sends.
EDITS = frozenset(
    {"editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup", "stopPoll"}
)


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's documented limits, which ``MessageRateLimiter`` keeps."""

    group_messages: int = 20
    group_period: float = 60.0
    overall_messages: int = 30
    overall_period: float = 1.0
    chat_burst: int = 3
    #: calls a second in one chat once its burst is spent
    chat_rate: float = 1.0
    #: a progress edit goes only while this many of the group's messages stay free after it: a close's
    #: results (an album, up to four texts, the poll, the closed announcement) and a few replies
    progress_room: int = 12


TELEGRAM_LIMITS = FloodLimits()


def counts_against_limits(endpoint: str, data: dict[str, Any]) -> bool:
    """Whether a call is a message Telegram's flood limits count: any send, or an edit in a group."""
    if endpoint in SENDS:
        return True
    if endpoint in EDITS:
        return _is_group(data.get("chat_id"))
    return False


def _chat_key(chat_id: object) -> int | str | None:
    """A chat as the limiter knows it: its id, or its "@username" (a channel or public supergroup)."""
    if chat_id is None or isinstance(chat_id, int):
        return chat_id
    try:
        return int(str(chat_id))
    except ValueError:
        return str(chat_id)


def _is_group(chat_id: object) -> bool:
    """A group, supergroup or channel: a negative id, or an "@username"."""
    key = _chat_key(chat_id)
    return isinstance(key, str) or (key is not None and key < 0)


def _weight(endpoint: str, data: dict[str, Any]) -> int:
    """Messages a call puts into a chat: an album's photos, forwarded or copied messages, else one."""
    if endpoint == "sendMediaGroup":
        return max(1, len(data.get("media") or ()))
    if endpoint in ("forwardMessages", "copyMessages"):
        return max(1, len(data.get("message_ids") or ()))
    return 1


def _retry_after(error: RetryAfter) -> float:
    """Telegram's ``retry_after`` in seconds (read without python-telegram-bot's deprecation warning)."""
    value = getattr(error, "_retry_after", None)  # a timedelta since python-telegram-bot 22.2
    if isinstance(value, timedelta):
        return value.total_seconds() + 0.1
    return float(error.retry_after) + 0.1  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------- bookkeeping


class _Slot:
    """One message in a window: counted from its start; ``end`` is when Telegram's answer came."""

    __slots__ = ("end", "weight")

    def __init__(self, weight: int) -> None:
        self.weight = weight
        self.end: float | None = None


class _Window:
    """The messages of the last ``period`` seconds (each until ``period`` after its answer)."""

    __slots__ = ("period", "slots")

    def __init__(self, period: float) -> None:
        self.period = period
        self.slots: list[_Slot] = []

    def used(self, now: float) -> int:
        horizon = now - self.period
        self.slots = [s for s in self.slots if s.end is None or s.end > horizon]
        return sum(s.weight for s in self.slots)

    def room_at(self, now: float, weight: int, limit: int) -> float | None:
        """When ``weight`` more messages keep the window at ``limit`` or below: ``now``, a later time, or
        None while that depends on a message still in flight (its answer wakes the scheduler)."""
        excess = self.used(now) + weight - limit
        if excess <= 0:
            return now
        for end, weight in sorted((s.end, s.weight) for s in self.slots if s.end is not None):
            excess -= weight
            if excess <= 0:
                return end + self.period
        return None

    def add(self, slot: _Slot) -> None:
        self.slots.append(slot)

    def remove(self, slot: _Slot) -> None:
        if slot in self.slots:
            self.slots.remove(slot)


class _Ticket:
    """One call that counts, from its first wait for the budget until Telegram answered it."""

    __slots__ = (
        "born",
        "chat",
        "edit",
        "endpoint",
        "followers",
        "granted",
        "priority",
        "seq",
        "slot",
        "superseded_by",
        "weight",
    )

    def __init__(
        self, chat: _Chat, endpoint: str, weight: int, priority: Priority, seq: int, edit: Hashable | None
    ) -> None:
        self.chat = chat
        self.endpoint = endpoint
        self.weight = weight
        self.priority = priority
        #: its place in the queue (it may take an older place: that of an edit it superseded)
        self.seq = seq
        #: when it was made: of two edits of one message, the later made carries the latest state
        self.born = seq
        #: (method, message id) of an edit, which a newer edit of the same message supersedes
        self.edit = edit
        self.granted: asyncio.Future[None] | None = None
        self.slot: _Slot | None = None
        self.superseded_by: _Ticket | None = None
        #: callers whose superseded edits wait for this call's outcome
        self.followers: list[asyncio.Future[Any]] = []

    @property
    def order(self) -> tuple[int, int]:
        return (self.priority.value, self.seq)


class _Chat:
    """A chat's queue, pace, pause after a 429, and (groups) the minute's window."""

    __slots__ = ("edits", "key", "paused_until", "queue", "tat", "version", "window")

    def __init__(self, key: object, window: _Window | None) -> None:
        self.key = key
        self.window = window
        self.queue: list[tuple[int, int, int, _Ticket]] = []
        #: the pace's theoretical arrival time (GCRA): the bucket is empty from then on
        self.tat = -math.inf
        self.paused_until = -math.inf
        self.edits: dict[Hashable, _Ticket] = {}
        #: bumped whenever the chat's head or limits change, so older scheduler entries are ignored
        self.version = 0

    def head(self) -> _Ticket | None:
        while self.queue and (self.queue[0][-1].granted is None or self.queue[0][-1].granted.done()):
            heapq.heappop(self.queue)
        return self.queue[0][-1] if self.queue else None

    def idle(self, now: float) -> bool:
        return (
            not self.queue
            and self.tat <= now
            and self.paused_until <= now
            and (self.window is None or not self.window.used(now))
        )


# --------------------------------------------------------------------------------------------- the limiter


class MessageRateLimiter(BaseRateLimiter[Priority]):
    """Telegram's limits as described in this module's docstring; ``limits=None`` paces nothing (the demo,
    journeys that fill a group within seconds): every call goes at once, with flood control."""

    def __init__(
        self,
        limits: FloodLimits | None = TELEGRAM_LIMITS,
        flood_budget: dict[Priority, float] | None = None,
    ) -> None:
        self.limits = limits
        self.flood_budget = dict(FLOOD_BUDGET if flood_budget is None else flood_budget)
        self._chats: dict[object, _Chat] = {}
        self._overall = _Window(limits.overall_period if limits else 1.0)
        self._seq = itertools.count()
        #: chats whose head may go as far as its chat is concerned: (priority, seq, version, tie, chat)
        self._ready: list[tuple[int, int, int, int, _Chat]] = []
        #: chats whose head may go at a known time: (time, version, tie, chat)
        self._timers: list[tuple[float, int, int, _Chat]] = []
        self._tie = itertools.count()
        self._wake: asyncio.TimerHandle | None = None
        self._wake_at = math.inf
        self._pump_pending = False
        #: grants of a background or progress call in a chat while a reply of that chat waited (stays 0)
        self.overtaken = 0

    async def initialize(self) -> None:
        """Nothing to set up: chats are tracked as they appear."""

    def waiting(self, chat_id: int | str) -> dict[Priority, int]:
        """The calls waiting for a chat's budget right now, by priority (for logs, tests, the benchmark)."""
        counts = dict.fromkeys(Priority, 0)
        chat = self._chats.get(_chat_key(chat_id))
        for *_, ticket in chat.queue if chat is not None else ():
            if ticket.granted is not None and not ticket.granted.done():
                counts[ticket.priority] += 1
        return counts

    async def shutdown(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    # ------------------------------------------------------------------------------ python-telegram-bot

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        priority = rate_limit_args if isinstance(rate_limit_args, Priority) else REPLY
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.flood_budget[priority]
        chat_id = data.get("chat_id")
        ticket: _Ticket | None = None
        if self.limits is not None and counts_against_limits(endpoint, data):
            edit = (endpoint, data.get("message_id")) if endpoint in EDITS else None
            ticket = _Ticket(
                self._chat(chat_id), endpoint, _weight(endpoint, data), priority, next(self._seq), edit
            )
        tries = 0
        while True:
            tries += 1
            if ticket is not None:
                await self._acquire(ticket)
                if ticket.superseded_by is not None:
                    return await self._follow(ticket.superseded_by)
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = _retry_after(exc)
                if ticket is not None:
                    self._release(ticket, delivered=False, pause=wait)
                if loop.time() + wait > deadline:
                    logger.warning(
                        "flood control: %s to chat %s not done after %d tries; gave up (Telegram asks "
                        "for %.0f s more)",
                        endpoint,
                        chat_id,
                        tries,
                        wait,
                    )
                    self._settle(ticket, error=exc)
                    raise
                logger.info(
                    "flood control: %s to chat %s waits %.1f s as Telegram asks, then tries again",
                    endpoint,
                    chat_id,
                    wait,
                )
                if ticket is None:
                    await asyncio.sleep(wait)
                continue
            except (BadRequest, Forbidden, ChatMigrated) as exc:
                # refused: nothing arrived, so nothing counts
                if ticket is not None:
                    self._release(ticket, delivered=False)
                self._settle(ticket, error=exc)
                raise
            except BaseException as exc:
                # no answer, 5xx, cancelled: it may have arrived, so it counts
                if ticket is not None:
                    self._release(ticket, delivered=True)
                self._settle(ticket, error=exc)
                raise
            if ticket is not None:
                self._release(ticket, delivered=True)
            self._settle(ticket, result=result)
            return result

    # ------------------------------------------------------------------------------------- the queue

    def _chat(self, chat_id: object) -> _Chat:
        key = _chat_key(chat_id)
        chat = self._chats.get(key)
        if chat is None:
            if len(self._chats) > 1024:
                now = asyncio.get_running_loop().time()
                self._chats = {k: c for k, c in self._chats.items() if not c.idle(now)}
            assert self.limits is not None
            window = _Window(self.limits.group_period) if _is_group(chat_id) else None
            chat = self._chats[key] = _Chat(key, window)
        return chat

    async def _acquire(self, ticket: _Ticket) -> None:
        """Wait until the ticket may go (its slot is then counted), or until a newer edit superseded it."""
        loop = asyncio.get_running_loop()
        chat = ticket.chat
        now = loop.time()
        if ticket.edit is not None:
            waiting = chat.edits.get(ticket.edit)
            if (
                waiting is not None
                and waiting is not ticket
                and waiting.granted is not None
                and not waiting.granted.done()
            ):
                if waiting.born > ticket.born:
                    # this edit comes back after a 429, and a newer state of the message waits already
                    waiting.followers.extend(ticket.followers)
                    ticket.followers.clear()
                    ticket.superseded_by = waiting
                    return
                # only the latest state is sent: the waiting edit follows this one, which takes its place
                ticket.priority = min(ticket.priority, waiting.priority, key=lambda p: p.value)
                ticket.seq = min(ticket.seq, waiting.seq)
                ticket.followers.extend(waiting.followers)
                waiting.followers.clear()
                waiting.superseded_by = ticket
                waiting.granted.set_result(None)
            chat.edits[ticket.edit] = ticket
        ticket.granted = loop.create_future()
        assert self.limits is not None
        if (
            not chat.queue
            and not self._ready
            and self._ready_at(chat, ticket, now) == now
            and self._overall.room_at(now, ticket.weight, self.limits.overall_messages) == now
        ):
            self._grant(ticket, now)  # nobody waits and there is room: the common case, without the queue
            return
        heapq.heappush(chat.queue, (*ticket.order, next(self._tie), ticket))
        self._reschedule(chat, now)
        self._pump_soon()
        try:
            await ticket.granted
        except asyncio.CancelledError:
            if ticket.slot is not None:  # granted, then cancelled: it never went out
                self._release(ticket, delivered=False)
            elif not ticket.granted.done():
                ticket.granted.cancel()
                self._reschedule(chat, loop.time())
                self._pump_soon()
            raise

    def _ready_at(self, chat: _Chat, ticket: _Ticket, now: float) -> float | None:
        """When the chat lets ``ticket`` go (pause, pace, the group's minute): None while that depends on a
        message of the chat still in flight."""
        limits = self.limits
        assert limits is not None
        progress = ticket.priority is PROGRESS
        at = max(now, chat.paused_until)
        tolerance = 0.0 if progress else (limits.chat_burst - 1) / limits.chat_rate
        at = max(at, chat.tat - tolerance)
        if chat.window is not None:
            limit = limits.group_messages - (limits.progress_room if progress else 0)
            room = chat.window.room_at(now, ticket.weight, limit)
            if room is None:
                return None
            at = max(at, room)
        return at

    def _reschedule(self, chat: _Chat, now: float) -> None:
        """File the chat's head under ready or under a timer (older entries of the chat become stale)."""
        chat.version += 1
        head = chat.head()
        if head is None:
            return
        at = self._ready_at(chat, head, now)
        if at is None:
            return  # an answer of this chat wakes it
        if at <= now:
            heapq.heappush(self._ready, (*head.order, chat.version, next(self._tie), chat))
        else:
            heapq.heappush(self._timers, (at, chat.version, next(self._tie), chat))
            self._arm(at)

    def _pump_soon(self) -> None:
        if not self._pump_pending:
            self._pump_pending = True
            asyncio.get_running_loop().call_soon(self._pump)

    def _arm(self, at: float) -> None:
        if at >= self._wake_at:
            return
        if self._wake is not None:
            self._wake.cancel()
        self._wake_at = at
        self._wake = asyncio.get_running_loop().call_at(at, self._on_timer)

    def _on_timer(self) -> None:
        self._wake, self._wake_at = None, math.inf
        self._pump()

    def _pump(self) -> None:
        """Grant whatever may go now, most urgent first; arm the timer for the next that may go later."""
        self._pump_pending = False
        assert self.limits is not None
        now = asyncio.get_running_loop().time()
        while self._timers and self._timers[0][0] <= now:
            _, version, _, chat = heapq.heappop(self._timers)
            if version == chat.version:
                self._reschedule(chat, now)
        while self._ready:
            _, _, version, _, chat = self._ready[0]
            head = chat.head()
            if version != chat.version or head is None:
                heapq.heappop(self._ready)
                continue
            room = self._overall.room_at(now, head.weight, self.limits.overall_messages)
            if room is None:
                break  # an answer wakes it
            if room > now:
                self._arm(room)
                break
            heapq.heappop(self._ready)
            heapq.heappop(chat.queue)
            self._grant(head, now)
            self._reschedule(chat, now)
        if self._timers:
            self._arm(self._timers[0][0])

    def _grant(self, ticket: _Ticket, now: float) -> None:
        limits = self.limits
        assert limits is not None and ticket.granted is not None
        chat = ticket.chat
        if ticket.priority is not REPLY and any(
            waiting.priority is REPLY and waiting.granted is not None and not waiting.granted.done()
            for *_, waiting in chat.queue
            if waiting is not ticket
        ):
            self.overtaken += 1
        ticket.slot = _Slot(ticket.weight)
        self._overall.add(ticket.slot)
        if chat.window is not None:
            chat.window.add(ticket.slot)
        chat.tat = max(chat.tat, now) + 1 / limits.chat_rate
        if ticket.edit is not None and chat.edits.get(ticket.edit) is ticket:
            del chat.edits[ticket.edit]
        ticket.granted.set_result(None)

    def _release(self, ticket: _Ticket, *, delivered: bool, pause: float = 0.0) -> None:
        """Telegram answered (or did not): count the message until a period after now, or not at all; a
        429 pauses the chat, and the ticket waits again with its old place in the queue."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot, chat = ticket.slot, ticket.chat
        ticket.slot = None
        if slot is not None:
            if delivered:
                slot.end = now
            else:
                self._overall.remove(slot)
                if chat.window is not None:
                    chat.window.remove(slot)
        if pause:
            chat.paused_until = max(chat.paused_until, now + pause)
        self._reschedule(chat, now)
        self._pump_soon()

    # ------------------------------------------------------------------------------------ superseded edits

    async def _follow(self, newer: _Ticket) -> Any:
        """A superseded edit returns what the edit that replaced it returns (or raises what it raised)."""
        outcome: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        newer.followers.append(outcome)
        result = await outcome
        return copy.deepcopy(result)

    @staticmethod
    def _settle(ticket: _Ticket | None, *, result: Any = None, error: BaseException | None = None) -> None:
        if ticket is None:
            return
        for follower in ticket.followers:
            if follower.done():
                continue
            if error is not None:
                follower.set_exception(error)
            else:
                follower.set_result(result)
        ticket.followers.clear()
