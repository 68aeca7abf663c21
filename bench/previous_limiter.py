"""The rate limiter the bot had before the message budget (issue 15), kept as the benchmark's baseline.

python-telegram-bot's ``AIORateLimiter`` for messages only (sends, and edits in groups), sized so that its
leaky buckets never exceed Telegram's limits: a group gets a burst of 10 and then 10 a minute, all messages
24 a second, each chat a burst of 3 and then one send a second; a 429 is retried 3 times, then raised. It
knows no priorities: the priorities the bot passes as ``rate_limit_args`` are dropped on the way in.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

from bot.infra.ratelimit import SENDS, counts_against_limits


class PreviousRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` for messages only, plus a pace per chat (the bot's limiter until issue 15)."""

    def __init__(
        self,
        *,
        burst: int = 3,
        overall_max_rate: float = 8,
        overall_time_period: float = 0.5,
        group_max_rate: float = 10,
        group_time_period: float = 60,
        max_retries: int = 3,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_max_rate,
            overall_time_period=overall_time_period,
            group_max_rate=group_max_rate,
            group_time_period=group_time_period,
            max_retries=max_retries,
        )
        self._burst = burst
        self._chats: dict[object, AsyncLimiter] = {}

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> Any:
        rate_limit_args = None  # it knew no priorities
        if not counts_against_limits(endpoint, data):
            data = {key: value for key, value in data.items() if key != "chat_id"}
        chat_id = data.get("chat_id")
        if endpoint not in SENDS or chat_id is None:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        if len(self._chats) > 1024:
            self._chats = {
                key: pace for key, pace in self._chats.items() if not pace.has_capacity(self._burst)
            }
        pace = self._chats.setdefault(chat_id, AsyncLimiter(self._burst, self._burst))
        async with pace:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
