"""Accounting of sent messages against Telegram's documented broadcasting limits.

Telegram's bot FAQ asks bots to avoid more than one message per second in a single chat, more than 20
messages per minute in one group, and more than about 30 messages per second overall; beyond that they
get 429 answers.

The per-chat rule is a leaky bucket, not a one-second window: the FAQ ("My bot is hitting limits, how do I
avoid this?", https://telegra.ph/Hitting-limits-bot-FAQ) says "avoid sending more than one message per
second. We may allow short bursts that go over this limit, but eventually you'll begin receiving 429
errors". A window of one second flagged every reply of two messages (an intro and the first question; a
results album and its text), which Telegram tolerates. So a chat may take a burst of ``per_chat_burst``
sends and then one per second: a breach is a sustained pace above one a second, which is what draws 429s.

Telegram counts messages, and an edit in a group counts like a send there (its developers, tdlib issues
#2592 and #3034: "editing shares the limits of sending"); edits in private chats, made in reply to a
person's press, do not. So the server records every successful send and every edit of a message in a group
or channel, one record per API call. In the windows of a group and overall, an album counts as the messages
it puts into the chat (Telegram sends an album's photos as separate messages, and a 429 on an album names
the message that hit the limit); in a chat's pace it counts once, as one call (the bucket's burst exists
for replies of a few messages at once; counting an album's photos apart would flag every album). The
server reports each record that broke a limit, or, with ``enforce_limits``, refuses the call with 429 like
Telegram. ``busiest`` says how many messages a chat received in its busiest window, e.g. any 60 s.
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
        "sendpoll",
        "sendanimation",
        "sendaudio",
        "sendvideo",
        "sendvoice",
        "copymessage",
        "forwardmessage",
    }
)
#: Methods that change a message; in a group or channel they count like sends.
EDIT_METHODS = frozenset(
    {"editmessagetext", "editmessagecaption", "editmessagemedia", "editmessagereplymarkup", "stoppoll"}
)


#: Sends a bucket may exceed its burst by before it counts as a breach: the bot paces when it starts a
#: request, the server records when it finished, and the two clocks differ by the request's jitter.
BUCKET_TOLERANCE = 0.25


@dataclass(frozen=True)
class RateLimits:
    """The limits checked; defaults are Telegram's documented ones."""

    per_chat: int = 1
    per_chat_window: float = 1.0
    #: sends a chat may take at once before the one-per-second pace applies (1: a strict window)
    per_chat_burst: int = 3
    per_group: int = 20
    per_group_window: float = 60.0
    overall: int = 30
    overall_window: float = 1.0


@dataclass(frozen=True)
class SendRecord:
    """One successful send, or edit in a group: when (event-loop seconds), where, by which method, how many
    messages."""

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

    def _bucket(self) -> bool:
        return self.limits.per_chat_burst > self.limits.per_chat

    def _bucket_breaches(self, ordered: list[SendRecord]) -> list[LimitBreach]:
        """Per chat, a leaky bucket of ``per_chat_burst`` sends draining at ``per_chat`` per window."""
        rate = self.limits.per_chat / self.limits.per_chat_window
        burst = self.limits.per_chat_burst
        found: list[LimitBreach] = []
        state: dict[int, tuple[float, float, float]] = {}  # chat -> (level, last send, burst start)
        for record in ordered:
            level, last, start = state.get(record.chat_id, (0.0, record.at, record.at))
            level = max(0.0, level - (record.at - last) * rate)
            if level == 0.0:
                start = record.at
            level += 1
            state[record.chat_id] = (level, record.at, start)
            if level > burst + BUCKET_TOLERANCE:
                found.append(
                    LimitBreach("per_chat", record.chat_id, start, record.at, math.ceil(level), burst)
                )
        return found

    def _bucket_wait(self, chat_id: int, now: float) -> float:
        """Seconds until the chat's bucket takes one more send."""
        rate = self.limits.per_chat / self.limits.per_chat_window
        level, last = 0.0, None
        for at in sorted(r.at for r in self.records if r.chat_id == chat_id and r.at <= now):
            if last is not None:
                level = max(0.0, level - (at - last) * rate)
            level, last = level + 1, at
        if last is not None:
            level = max(0.0, level - (now - last) * rate)
        return max(0.0, (level + 1 - self.limits.per_chat_burst) / rate)

    def breaches(self) -> list[LimitBreach]:
        """Every send that exceeded a limit, in time order within each rule."""
        found: list[LimitBreach] = []
        ordered = sorted(self.records, key=lambda r: r.at)
        if self._bucket():
            found.extend(self._bucket_breaches(ordered))
        for rule, limit, window in self._rules():
            if rule == "per_chat" and self._bucket():
                continue
            windows: dict[tuple[str, int], deque[SendRecord]] = defaultdict(deque)
            counts: dict[tuple[str, int], int] = defaultdict(int)
            for record in ordered:
                key = self._key(rule, record)
                if key is None:
                    continue
                held = windows[key]
                held.append(record)
                counts[key] += self._weight(rule, record)
                while held and held[0].at <= record.at - window:
                    counts[key] -= self._weight(rule, held.popleft())
                if counts[key] > limit:
                    chat_id = None if rule == "overall" else record.chat_id
                    found.append(LimitBreach(rule, chat_id, held[0].at, record.at, counts[key], limit))
        return found

    @staticmethod
    def _weight(rule: str, record: SendRecord) -> int:
        """What a record counts in a rule's window: its messages (an album's photos), per chat one call."""
        return 1 if rule == "per_chat" else record.messages

    def retry_after(self, chat_id: int, chat_type: str, now: float) -> int | None:
        """Seconds until one more send to ``chat_id`` stays within every limit; None if it does now."""
        probe = SendRecord(now, chat_id, chat_type, "", 1)
        wait = self._bucket_wait(chat_id, now) if self._bucket() else 0.0
        for rule, limit, window in self._rules():
            if rule == "per_chat" and self._bucket():
                continue
            key = self._key(rule, probe)
            if key is None:
                continue
            recent = sorted(
                (r for r in self.records if self._key(rule, r) == key and r.at > now - window),
                key=lambda r: r.at,
            )
            excess = sum(self._weight(rule, r) for r in recent) + 1 - limit
            for record in recent:
                if excess <= 0:
                    break
                excess -= self._weight(rule, record)
                wait = max(wait, record.at + window - now)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def count(self, chat_id: int | None = None) -> int:
        """Calls recorded, to one chat or overall."""
        return sum(1 for r in self.records if chat_id is None or r.chat_id == chat_id)

    def busiest(self, chat_id: int, window: float = 60.0) -> int:
        """The most messages ``chat_id`` received within any ``window`` seconds (sends, and edits in a group;
        an album counts its messages): at most 20 in any 60 s for a group by Telegram's FAQ."""
        times = sorted((r.at, r.messages) for r in self.records if r.chat_id == chat_id)
        most = held = 0
        first = 0
        for at, messages in times:
            held += messages
            while times[first][0] <= at - window:
                held -= times[first][1]
                first += 1
            most = max(most, held)
        return most
