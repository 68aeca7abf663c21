"""Accounting of sent messages against Telegram's documented broadcasting limits.

Telegram's bot FAQ asks bots to avoid more than one message per second in a single chat, more than 20
messages per minute in one group, and more than about 30 messages per second overall; beyond that they
get 429 answers. The server records every successful send (one record per API call: an album is one
call, since Telegram paces calls, and counting its photos apart would flag every album) and reports each
send that broke a limit, or, with ``enforce_limits``, refuses it with 429 like Telegram.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass

SEND_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "sendmediagroup",
        "senddocument",
        "sendsticker",
        "sendanimation",
        "sendaudio",
        "sendvideo",
        "sendvoice",
        "copymessage",
        "forwardmessage",
    }
)


@dataclass(frozen=True)
class RateLimits:
    """The limits checked; defaults are Telegram's documented ones."""

    per_chat: int = 1
    per_chat_window: float = 1.0
    per_group: int = 20
    per_group_window: float = 60.0
    overall: int = 30
    overall_window: float = 1.0


@dataclass(frozen=True)
class SendRecord:
    """One successful send: when (event-loop seconds), where, by which method, how many messages."""

    at: float
    chat_id: int
    chat_type: str
    method: str
    messages: int


@dataclass(frozen=True)
class LimitBreach:
    """A send that made a window hold more sends than a limit allows.

    ``rule`` is "per_chat", "per_group" or "overall"; ``chat_id`` is None for "overall".
    """

    rule: str
    chat_id: int | None
    window_start: float
    window_end: float
    count: int
    limit: int


class RateAccounting:
    """The record of sends and the checks against ``RateLimits``."""

    def __init__(self, limits: RateLimits | None = None) -> None:
        self.limits = limits or RateLimits()
        self.records: list[SendRecord] = []

    def record(self, record: SendRecord) -> None:
        self.records.append(record)

    def _rules(self) -> list[tuple[str, int, float]]:
        limits = self.limits
        return [
            ("per_chat", limits.per_chat, limits.per_chat_window),
            ("per_group", limits.per_group, limits.per_group_window),
            ("overall", limits.overall, limits.overall_window),
        ]

    @staticmethod
    def _key(rule: str, record: SendRecord) -> tuple[str, int] | None:
        """The window a record counts in for a rule; None when the rule does not apply to it."""
        if rule == "overall":
            return ("overall", 0)
        if rule == "per_group" and record.chat_type not in ("group", "supergroup", "channel"):
            return None
        return (rule, record.chat_id)

    def breaches(self) -> list[LimitBreach]:
        """Every send that exceeded a limit, in time order within each rule."""
        found: list[LimitBreach] = []
        ordered = sorted(self.records, key=lambda r: r.at)
        for rule, limit, window in self._rules():
            windows: dict[tuple[str, int], deque[float]] = defaultdict(deque)
            for record in ordered:
                key = self._key(rule, record)
                if key is None:
                    continue
                times = windows[key]
                times.append(record.at)
                while times and times[0] <= record.at - window:
                    times.popleft()
                if len(times) > limit:
                    chat_id = None if rule == "overall" else record.chat_id
                    found.append(LimitBreach(rule, chat_id, times[0], record.at, len(times), limit))
        return found

    def retry_after(self, chat_id: int, chat_type: str, now: float) -> int | None:
        """Seconds until one more send to ``chat_id`` stays within every limit; None if it does now."""
        probe = SendRecord(now, chat_id, chat_type, "", 1)
        wait = 0.0
        for rule, limit, window in self._rules():
            key = self._key(rule, probe)
            if key is None:
                continue
            recent = sorted(r.at for r in self.records if self._key(rule, r) == key and r.at > now - window)
            if len(recent) + 1 > limit:
                oldest_that_must_expire = recent[len(recent) - limit]
                wait = max(wait, oldest_that_must_expire + window - now)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def count(self, chat_id: int | None = None) -> int:
        """Sends recorded, to one chat or overall."""
        return sum(1 for r in self.records if chat_id is None or r.chat_id == chat_id)
