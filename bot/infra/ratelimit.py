"""Which Bot API calls Telegram's flood limits are about, so that only those wait for a rate limiter.

python-telegram-bot's ``AIORateLimiter`` throttles *every* call that carries a ``chat_id``: 30 per second
overall, and 20 per minute for each group. That includes editing a manager's questionnaire in a private
chat (capping all managers together at 30 answers per second) and ``getChatMember`` in the team's group
(the membership check at /start and at close, so the 21st manager to join within a minute, or a close
with more than 20 participants, would wait up to a minute). Telegram's limits are about messages:

* the Bot FAQ: at most about one message per second in a chat, 20 per minute in a group, and about 30 per
  second "if you're sending bulk notifications to multiple users";
* Telegram's developers (tdlib issues #2592 and #3034): editing shares the limits of sending, about 20
  a minute in a group; "there is no global limit on the number of sent messages for bots", and
  well-behaving bots that edit in reply to user interaction "can hardly exceed them".

So sends stay under both limits, edits in groups (the announcement) under both, and everything else, an
answered button, an edit in a private chat in reply to that press, a membership check, goes straight
through, still with the retries after a 429 that ``AIORateLimiter`` does. Sends are also paced per chat
(a burst of 3, then one a second): ``AIORateLimiter`` has no per-chat limit, so results posted as an album
and several texts, or many rounds closing together, would otherwise go out as fast as the network allows.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

#: Methods that put a new message into a chat.
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
#: Methods that change a message; they count like sends, which matters in groups.
EDITS = frozenset({"editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup"})


def counts_against_limits(endpoint: str, data: dict[str, Any]) -> bool:
    """Whether a call is a message Telegram's flood limits count: any send, or an edit in a group."""
    if endpoint in SENDS:
        return True
    if endpoint in EDITS:
        try:
            return int(data.get("chat_id", 0)) < 0
        except (TypeError, ValueError):
            return True  # "@channel": a group-like chat
    return False


class MessageRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` for messages only, plus a pace per chat; other calls skip its limiters but keep
    its 429 retries.

    AIORateLimiter's limiters are leaky buckets whose burst equals the rate (30 at once, then 30 a second:
    up to 60 within one second), so the defaults are sized so that burst plus one period's drain stays
    within Telegram's limits: at most 8 + 16 = 24 messages in any second, and 10 + 10 = 20 to a group in
    any minute. The overall limit keeps a fifth in reserve because the limiter counts a message when it
    starts and Telegram when it arrives: sends started over a little more than a second can arrive within
    one (seen when many rounds closed while managers finished their questionnaires; BENCHMARKS.md).
    """

    def __init__(
        self,
        *,
        burst: int = 3,
        overall_max_rate: float = 8,
        overall_time_period: float = 0.5,
        group_max_rate: float = 10,
        group_time_period: float = 60,
        max_retries: int = 0,
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
        rate_limit_args: int | None,
    ) -> Any:
        if not counts_against_limits(endpoint, data):
            # AIORateLimiter picks its limiters by the chat_id in ``data`` only; the request itself is
            # built from args/kwargs, so the call is unchanged.
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
