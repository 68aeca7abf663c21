"""The update processor: one chat's updates in order, different chats together, a few starts per turn;
the bounded intake: no more unfinished updates than the limit; and what a clean stop needs of both."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update, User

from bot.infra.ordering import BoundedIntake, IntakeClosed, PerChatUpdateProcessor, StartGate


class Turns:
    """Counts turns of the event loop: a callback that re-schedules itself runs once per turn."""

    def __init__(self) -> None:
        self.count = 0
        self._stopped = False

    def start(self) -> None:
        asyncio.get_running_loop().call_soon(self._tick)

    def _tick(self) -> None:
        if not self._stopped:
            self.count += 1
            asyncio.get_running_loop().call_soon(self._tick)

    def stop(self) -> None:
        self._stopped = True


def message_update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, f"user {chat_id}", is_bot=False)
    chat = Chat(chat_id, Chat.PRIVATE)
    message = Message(update_id, datetime.now(UTC), chat, from_user=user, text=f"text {update_id}")
    return Update(update_id, message=message)


async def test_gate_lets_a_few_start_per_turn_in_arrival_order() -> None:
    gate, turns = StartGate(per_turn=8), Turns()
    turns.start()
    started: list[tuple[int, int]] = []

    async def handler(index: int) -> None:
        await gate.enter()
        started.append((index, turns.count))

    await asyncio.gather(*(handler(i) for i in range(30)))
    turns.stop()
    assert [index for index, _ in started] == list(range(30))
    per_turn: dict[int, int] = {}
    for _, turn in started:
        per_turn[turn] = per_turn.get(turn, 0) + 1
    assert max(per_turn.values()) == 8
    assert len(per_turn) == 4  # 30 starts: 8 + 8 + 8 + 6


async def test_gate_does_not_hold_up_a_lone_update() -> None:
    gate, turns = StartGate(per_turn=8), Turns()
    turns.start()
    before = turns.count
    await gate.enter()
    turns.stop()
    assert turns.count == before


async def test_one_chat_in_order_different_chats_together() -> None:
    processor = PerChatUpdateProcessor(starts_per_turn=8)
    events: list[str] = []
    first_of_chat_1_may_finish = asyncio.Event()

    async def work(name: str, wait: asyncio.Event | None = None) -> None:
        events.append(f"{name} start")
        if wait is not None:
            await wait.wait()
        events.append(f"{name} end")

    async def chat_2_then_release() -> None:
        await processor.process_update(message_update(3, chat_id=2), work("chat 2"))
        first_of_chat_1_may_finish.set()

    await asyncio.gather(
        processor.process_update(message_update(1, chat_id=1), work("chat 1a", first_of_chat_1_may_finish)),
        processor.process_update(message_update(2, chat_id=1), work("chat 1b")),
        chat_2_then_release(),
    )
    # chat 2 ran while chat 1's first update waited; chat 1's second update only after its first
    assert events.index("chat 2 end") < events.index("chat 1a end")
    assert events.index("chat 1a end") < events.index("chat 1b start")
    assert processor._locks == {}  # nothing left behind for chats that are done


async def test_intake_waits_at_its_limit_until_an_update_is_finished() -> None:
    intake = BoundedIntake(limit=2)
    await intake.put(message_update(1, chat_id=1))
    await intake.put(message_update(2, chat_id=2))
    third = asyncio.create_task(intake.put(message_update(3, chat_id=3)))
    await asyncio.sleep(0.01)
    assert not third.done()  # two unfinished: the poller waits, the third update stays at Telegram
    assert intake.qsize() == 2
    first = intake.get_nowait()
    await asyncio.sleep(0.01)
    assert not third.done()  # taken out of the queue is not finished: its handlers still run
    intake.task_done()
    await asyncio.wait_for(third, 1)
    assert (intake.unfinished, intake.qsize()) == (2, 2)
    assert isinstance(first, Update) and first.update_id == 1


async def test_intake_lets_the_stop_signal_through_at_its_limit() -> None:
    intake = BoundedIntake(limit=1)
    await intake.put(message_update(1, chat_id=1))
    stop = object()  # python-telegram-bot's stop signal is a plain object
    await asyncio.wait_for(intake.put(stop), 1)
    assert intake.qsize() == 2


async def test_intake_skips_a_poller_that_gave_up_waiting() -> None:
    intake = BoundedIntake(limit=1)
    await intake.put(message_update(1, chat_id=1))
    cancelled = asyncio.create_task(intake.put(message_update(2, chat_id=2)))
    await asyncio.sleep(0.01)
    cancelled.cancel()  # the updater stopped while it waited: the update stays unconfirmed at Telegram
    waiting = asyncio.create_task(intake.put(message_update(3, chat_id=3)))
    await asyncio.sleep(0.01)
    intake.get_nowait()
    intake.task_done()
    await asyncio.wait_for(waiting, 1)
    assert cancelled.cancelled()
    assert [intake.get_nowait().update_id] == [3]  # type: ignore[attr-defined]


async def test_intake_passes_the_room_on_when_a_woken_poller_is_cancelled() -> None:
    intake = BoundedIntake(limit=1)
    await intake.put(message_update(1, chat_id=1))
    first = asyncio.create_task(intake.put(message_update(2, chat_id=2)))
    second = asyncio.create_task(intake.put(message_update(3, chat_id=3)))
    await asyncio.sleep(0.01)
    intake.get_nowait()
    intake.task_done()  # wakes the first waiter ...
    first.cancel()  # ... which is cancelled before it could take the room
    await asyncio.wait_for(second, 1)
    assert first.cancelled()
    assert [intake.get_nowait().update_id] == [3]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------- a clean stop


async def test_a_closed_intake_takes_no_update_and_turns_the_waiting_away() -> None:
    intake = BoundedIntake(limit=5)
    await intake.put(message_update(1, 10))
    intake.close()
    waiting = asyncio.create_task(intake.put(message_update(2, 10)))
    await asyncio.sleep(0.01)
    assert not waiting.done() and intake.qsize() == 1
    intake.get_nowait()
    intake.task_done()  # room again, but the intake stays closed
    await asyncio.sleep(0.01)
    assert not waiting.done()
    await intake.put("stop signal")  # python-telegram-bot's own stop signal still passes
    intake.refuse_waiting()
    with pytest.raises(IntakeClosed):
        await waiting
    assert intake.qsize() == 1


async def test_the_processor_knows_which_updates_it_finished() -> None:
    processor = PerChatUpdateProcessor()
    assert processor.confirmable_offset() is None
    release = asyncio.Event()

    async def handle(wait: bool) -> None:
        if wait:
            await release.wait()

    slow = asyncio.create_task(processor.process_update(message_update(7, 1), handle(True)))
    await processor.process_update(message_update(8, 2), handle(False))
    await asyncio.sleep(0.01)
    assert processor.unfinished == 1
    assert processor.confirmable_offset() == 7  # 8 finished, but 7 did not: confirming 8 would confirm 7
    release.set()
    await slow
    assert (processor.unfinished, processor.confirmable_offset()) == (0, 9)


async def test_abandon_cancels_what_runs_and_starts_nothing_more() -> None:
    processor = PerChatUpdateProcessor()
    ran: list[int] = []

    async def handle(update_id: int) -> None:
        ran.append(update_id)
        await asyncio.sleep(60)

    running = asyncio.create_task(processor.process_update(message_update(1, 5), handle(1)))
    queued = asyncio.create_task(processor.process_update(message_update(2, 5), handle(2)))  # same chat
    await asyncio.sleep(0.01)
    assert ran == [1]
    assert processor.abandon() == 2
    with pytest.raises(asyncio.CancelledError):
        await running
    await queued  # its turn came after the abandon: it never ran
    assert ran == [1]
    assert (processor.unfinished, processor.confirmable_offset()) == (2, 1)
