"""The message budget on its own: exact windows, a chat's pace, priorities, superseded progress edits and
flood control, with python-telegram-bot's request callback replaced by one that records when each call
started and ended. Limits are scaled down (a "minute" of a second) so that the rules show in real time;
the whole bot against the local Bot API server is in tests/test_journeys_faults.py."""

from __future__ import annotations

import asyncio
import itertools
import logging
from typing import Any

import pytest
from telegram.error import BadRequest, RetryAfter, TimedOut

from bot.infra.ratelimit import (
    BACKGROUND,
    PROGRESS,
    REPLY,
    FloodLimits,
    MessageRateLimiter,
    Priority,
    counts_against_limits,
)

GROUP, OTHER_GROUP, ALICE = -100, -200, 42
#: no pace and no overall limit unless a test wants them
LOOSE = FloodLimits(
    group_messages=4,
    group_period=1.0,
    overall_messages=1000,
    overall_period=1.0,
    chat_burst=1000,
    chat_rate=1000.0,
    progress_room=2,
)


class Telegram:
    """Stands in for python-telegram-bot's request: records each call's start and end, answers after
    ``latency``; ``fail`` maps a text to the errors its next calls raise, one per call."""

    def __init__(self, latency: float = 0.01) -> None:
        self.latency = latency
        self.calls: list[tuple[str, float, float]] = []
        self.fail: dict[str, list[BaseException]] = {}

    async def post(self, endpoint: str, data: dict[str, Any]) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.sleep(self.latency)
        text = str(data.get("text"))
        errors = self.fail.get(text)
        if errors:
            raise errors.pop(0)
        self.calls.append((text, started, loop.time()))
        return {"message_id": len(self.calls), "text": text}

    def order(self) -> list[str]:
        return [text for text, _, _ in self.calls]

    def started(self, text: str) -> float:
        return next(start for t, start, _ in self.calls if t == text)

    def ended(self, text: str) -> float:
        return next(end for t, _, end in self.calls if t == text)


async def call(
    limiter: MessageRateLimiter,
    telegram: Telegram,
    text: str,
    chat_id: int | str = GROUP,
    priority: Priority | None = None,
    endpoint: str = "sendMessage",
    **data: Any,
) -> Any:
    data = {"chat_id": chat_id, "text": text, **data}
    return await limiter.process_request(telegram.post, (endpoint, data), {}, endpoint, data, priority)


def later(delay: float, coroutine: Any) -> asyncio.Task[Any]:
    async def run() -> Any:
        await asyncio.sleep(delay)
        return await coroutine

    return asyncio.create_task(run())


def test_what_counts() -> None:
    assert counts_against_limits("sendMessage", {"chat_id": ALICE})
    assert counts_against_limits("sendMediaGroup", {"chat_id": GROUP})
    assert counts_against_limits("editMessageText", {"chat_id": GROUP})
    assert counts_against_limits("editMessageText", {"chat_id": "@channel"})
    assert not counts_against_limits("editMessageText", {"chat_id": ALICE})  # a press's answer in private
    assert not counts_against_limits("editMessageText", {"inline_message_id": "x"})
    assert not counts_against_limits("answerCallbackQuery", {"callback_query_id": "1"})
    assert not counts_against_limits("getChatMember", {"chat_id": GROUP, "user_id": ALICE})


async def test_a_groups_minute_is_a_window_not_a_halved_bucket() -> None:
    """All four at once, the fifth a period after the first was answered, never five in any period."""
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    await asyncio.gather(*(call(limiter, telegram, f"m{i}") for i in range(6)))
    calls = sorted(telegram.calls, key=lambda c: c[1])
    first_four = [start for _, start, _ in calls[:4]]
    assert max(first_four) - min(first_four) < LOOSE.group_period / 2  # no bucket spreading them out
    for earlier, later_call in zip(calls, calls[4:], strict=False):
        assert later_call[1] >= earlier[2] + LOOSE.group_period  # counted from the answer: a safe window


async def test_groups_have_their_own_minute_and_private_chats_none() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    await asyncio.gather(
        *(call(limiter, telegram, f"a{i}") for i in range(4)),
        *(call(limiter, telegram, f"b{i}", OTHER_GROUP) for i in range(4)),
        *(call(limiter, telegram, f"p{i}", ALICE) for i in range(8)),
    )
    starts = [start for _, start, _ in telegram.calls]
    assert max(starts) - min(starts) < LOOSE.group_period / 2


async def test_a_chats_pace_is_a_burst_then_one_per_interval() -> None:
    limits = FloodLimits(chat_burst=3, chat_rate=5.0, overall_messages=1000)
    limiter, telegram = MessageRateLimiter(limits), Telegram(latency=0.0)
    await asyncio.gather(*(call(limiter, telegram, f"m{i}", ALICE) for i in range(6)))
    starts = sorted(start for _, start, _ in telegram.calls)
    assert starts[2] - starts[0] < 0.1
    for earlier, later_start in itertools.pairwise(starts[2:]):
        assert later_start - earlier >= 1 / limits.chat_rate - 0.005


async def test_edits_in_private_chats_pass_a_full_pace() -> None:
    limits = FloodLimits(chat_burst=1, chat_rate=0.5)
    limiter, telegram = MessageRateLimiter(limits), Telegram()
    await call(limiter, telegram, "sent", ALICE)
    loop = asyncio.get_running_loop()
    began = loop.time()
    await asyncio.gather(
        *(call(limiter, telegram, f"edit{i}", ALICE, endpoint="editMessageText") for i in range(5))
    )
    assert loop.time() - began < 1.0  # not 2 s per message: an edit in private is no message


async def test_replies_go_before_background_work_of_their_group() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    background = [
        asyncio.create_task(call(limiter, telegram, f"bg{i}", priority=BACKGROUND)) for i in range(7)
    ]
    reply = later(0.2, call(limiter, telegram, "reply"))
    await asyncio.gather(*background, reply)
    order = telegram.order()
    assert order[:4] == ["bg0", "bg1", "bg2", "bg3"]  # went at once, before the reply was asked for
    assert order[4] == "reply"  # the first message after the window freed
    assert order[5:] == ["bg4", "bg5", "bg6"]  # background keeps its own order
    assert limiter.overtaken == 0


async def test_overall_limit_serves_replies_first_across_chats() -> None:
    limits = FloodLimits(overall_messages=2, overall_period=0.5, chat_burst=100, chat_rate=100.0)
    limiter, telegram = MessageRateLimiter(limits), Telegram()
    background = [
        asyncio.create_task(call(limiter, telegram, f"bg{i}", 1000 + i, priority=BACKGROUND))
        for i in range(6)
    ]
    reply = later(0.1, call(limiter, telegram, "reply", ALICE))
    await asyncio.gather(*background, reply)
    assert telegram.order().index("reply") == 2
    starts = sorted(start for _, start, _ in telegram.calls)
    ends = sorted(end for _, _, end in telegram.calls)
    for earlier_end, later_start in zip(ends, starts[2:], strict=False):
        assert later_start >= earlier_end + limits.overall_period


async def test_progress_edits_wait_for_room_and_only_the_latest_is_sent() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    await call(limiter, telegram, "announcement")
    await call(limiter, telegram, "reply")  # 2 of 4 used: a progress edit would leave less than 2 free
    edit = {"endpoint": "editMessageText", "message_id": 1}
    first = asyncio.create_task(call(limiter, telegram, "progress 1/8", priority=PROGRESS, **edit))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(call(limiter, telegram, "progress 2/8", priority=PROGRESS, **edit))
    await asyncio.sleep(0.1)
    third = asyncio.create_task(call(limiter, telegram, "progress 3/8", priority=PROGRESS, **edit))
    answers = await asyncio.gather(first, second, third)
    assert telegram.order() == ["announcement", "reply", "progress 3/8"]
    assert [a["text"] for a in answers] == ["progress 3/8"] * 3  # superseded calls return the latest
    assert telegram.started("progress 3/8") >= telegram.ended("announcement") + LOOSE.group_period


async def test_a_progress_edit_never_holds_back_a_reply() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    await call(limiter, telegram, "reply 1")
    await call(limiter, telegram, "reply 2")
    progress = asyncio.create_task(
        call(limiter, telegram, "progress", priority=PROGRESS, endpoint="editMessageText", message_id=1)
    )
    await asyncio.sleep(0.05)
    await call(limiter, telegram, "reply 3")  # room for it at once: the progress edit did not take it
    await call(limiter, telegram, "reply 4")
    await progress
    assert telegram.order() == ["reply 1", "reply 2", "reply 3", "reply 4", "progress"]


async def test_a_closing_edit_replaces_a_waiting_progress_edit_and_keeps_its_rank() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    for i in range(3):
        await call(limiter, telegram, f"m{i}")
    edit = {"endpoint": "editMessageText", "message_id": 1}
    progress = asyncio.create_task(call(limiter, telegram, "progress", priority=PROGRESS, **edit))
    await asyncio.sleep(0.05)
    closed = await call(limiter, telegram, "closed", priority=BACKGROUND, **edit)
    assert closed["text"] == "closed" and (await progress)["text"] == "closed"
    assert telegram.order() == ["m0", "m1", "m2", "closed"]
    assert telegram.started("closed") - telegram.ended("m2") < LOOSE.group_period / 2  # it had room at once


async def test_flood_control_is_waited_out_with_info_lines(caplog: pytest.LogCaptureFixture) -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    telegram.fail["reply"] = [RetryAfter(1), RetryAfter(1)]
    loop = asyncio.get_running_loop()
    began = loop.time()
    with caplog.at_level(logging.INFO, logger="bot.infra.ratelimit"):
        answer = await call(limiter, telegram, "reply")
    assert answer["text"] == "reply" and loop.time() - began >= 2.0
    lines = [r for r in caplog.records if r.name == "bot.infra.ratelimit"]
    assert [r.levelno for r in lines] == [logging.INFO, logging.INFO]
    assert all(r.exc_info is None for r in lines)


async def test_a_429_pauses_its_chat_only() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    telegram.fail["first"] = [RetryAfter(1)]
    first = asyncio.create_task(call(limiter, telegram, "first"))
    await asyncio.sleep(0.1)
    behind = asyncio.create_task(call(limiter, telegram, "behind"))
    elsewhere = asyncio.create_task(call(limiter, telegram, "elsewhere", OTHER_GROUP))
    await asyncio.gather(first, behind, elsewhere)
    assert telegram.order() == ["elsewhere", "first", "behind"]  # the paused chat keeps its order


async def test_flood_control_gives_up_when_the_budget_is_spent(caplog: pytest.LogCaptureFixture) -> None:
    limiter = MessageRateLimiter(LOOSE, flood_budget={REPLY: 1.5, BACKGROUND: 5.0, PROGRESS: 1.5})
    telegram = Telegram()
    telegram.fail["reply"] = [RetryAfter(1)] * 3
    with caplog.at_level(logging.INFO, logger="bot.infra.ratelimit"), pytest.raises(RetryAfter):
        await call(limiter, telegram, "reply")
    lines = [(r.levelno, r.exc_info) for r in caplog.records if r.name == "bot.infra.ratelimit"]
    assert lines == [(logging.INFO, None), (logging.WARNING, None)]
    telegram.fail["background"] = [RetryAfter(1)] * 3
    assert (await call(limiter, telegram, "background", priority=BACKGROUND))["text"] == "background"


async def test_refused_messages_do_not_count_and_lost_answers_do() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    telegram.fail["refused"] = [BadRequest("chat not found")] * 4
    for _ in range(4):
        with pytest.raises(BadRequest):
            await call(limiter, telegram, "refused")
    telegram.fail["lost"] = [TimedOut()] * 4
    for _ in range(4):
        with pytest.raises(TimedOut):
            await call(limiter, telegram, "lost")
    loop = asyncio.get_running_loop()
    began = loop.time()
    await call(limiter, telegram, "after")  # the four lost ones may have arrived: they fill the minute
    assert loop.time() - began >= LOOSE.group_period - 0.1


async def test_a_cancelled_wait_leaves_the_queue() -> None:
    limiter, telegram = MessageRateLimiter(LOOSE), Telegram()
    for i in range(4):
        await call(limiter, telegram, f"m{i}")
    waiting = asyncio.create_task(call(limiter, telegram, "cancelled"))
    await asyncio.sleep(0.05)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await call(limiter, telegram, "next")
    assert telegram.order() == ["m0", "m1", "m2", "m3", "next"]


async def test_without_limits_nothing_waits_but_flood_control() -> None:
    limiter, telegram = MessageRateLimiter(None), Telegram()
    loop = asyncio.get_running_loop()
    began = loop.time()
    await asyncio.gather(*(call(limiter, telegram, f"m{i}", priority=BACKGROUND) for i in range(40)))
    assert loop.time() - began < 1.0
    telegram.fail["flooded"] = [RetryAfter(1)]
    assert (await call(limiter, telegram, "flooded"))["text"] == "flooded"
