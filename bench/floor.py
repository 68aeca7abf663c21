"""What python-telegram-bot itself costs per button press: the floor under any bot built on it.

A press costs at least: turning getUpdates' JSON into an ``Update`` (``Update.de_list``), dispatching it to
a ``CallbackQueryHandler`` whose callback does nothing, and the two calls every answered press needs,
answerCallbackQuery and editMessageText, through ``Bot`` (defaults, parameters, JSON, the answer parsed).
First with ``InstantRequest``, a ``BaseRequest`` that returns Telegram's answer at once without a socket:
python-telegram-bot's own work and nothing else. Then the two calls once more over ``AiohttpRequest``
(ours' transport) to a server in another process that answers at once. Every figure is CPU time of this
process per press. The press is the one the benchmark's server sends (a statement with its formatting and
nine buttons).

In the benchmark's closed loop a hundred managers press in step, so getUpdates hands over up to a
hundred presses at once (``python bench/run.py`` reports the batch sizes) and the last of them waits for
all the others: a hundred times this floor is the least latency added to that last press.

Run: ``python bench/floor.py`` (median of 7 runs of 100 presses each; prints a Markdown table).
"""

from __future__ import annotations

import asyncio
import copy
import json
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import telegram
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler
from telegram.request import BaseRequest, RequestData

from bot.infra.http import AiohttpRequest, UpdatesRequest

RUNS = 7
BATCH = 100
TOKEN = "123456789:floor"

_BOT = {"id": 123456789, "is_bot": True, "first_name": "Maturity Check", "username": "maturity_bench_bot"}
_USER = {"id": 5000000002, "is_bot": False, "first_name": "M0x0", "language_code": "en"}
_TEXT = (
    "1/24 · Thinking from the customer's view\n\nWhen we develop new products and services, insights from "
    "conversations with customers demonstrably shape the result.\n\nTest question: what would have turned "
    "out differently in the last two or three launches without talking to customers?\n\n1 Barely present: "
    "New offerings are created internally; customers first see them at launch.\n2 Emerging: Some people or "
    "units do it, depending on personal commitment.\n3 Established: Customers are consulted on larger "
    "projects, but whether that changes anything depends on the project.\n4 Systematic: Binding "
    "everywhere, with a clear owner, measured and steered.\n5 Leading: Every project starts with customer "
    "conversations and prototypes; those in charge can show what customers changed."
)
_KEYBOARD = {
    "inline_keyboard": [
        [{"text": str(level), "callback_data": f"a:1:s01:{level}"} for level in range(1, 6)],
        [{"text": "Can't judge", "callback_data": "a:1:s01:0"}],
        [{"text": "💬 Comment", "callback_data": "c:1:s01"}, {"text": "⏭ Skip", "callback_data": "n:1:s01"}],
        [{"text": "📋 Overview", "callback_data": "o:1"}],
    ]
}
#: the pressed message as the benchmark's server sends it (bold number, italic dimension, bold statement
#: and a bold level name per line: 13 entities)
MESSAGE = {
    "message_id": 3,
    "from": _BOT,
    "chat": {"id": _USER["id"], "type": "private", "first_name": _USER["first_name"]},
    "date": 1796176725,
    "text": _TEXT,
    "entities": [{"type": "bold", "offset": 6 * i, "length": 4} for i in range(13)],
    "reply_markup": _KEYBOARD,
}


def press(update_id: int) -> dict[str, Any]:
    """One button press as getUpdates delivers it."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(3932823466186799151 + update_id),
            "from": _USER,
            "message": copy.deepcopy(MESSAGE),
            "chat_instance": "-42",
            "data": "a:1:s01:3",
        },
    }


class InstantRequest(BaseRequest):
    """A transport that answers every call at once, as Telegram would, without a socket."""

    _ANSWERS: ClassVar[dict[str, Any]] = {
        "getMe": _BOT,
        "answerCallbackQuery": True,
        "editMessageText": MESSAGE,
    }

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None:
            request_data.json_payload  # noqa: B018 -- encoding the parameters is part of every call
        result = self._ANSWERS[url.rsplit("/", 1)[1]]
        return 200, json.dumps({"ok": True, "result": result}).encode()


#: A stand-in Telegram in its own process, for the transport's share: it answers every call at once.
_SERVER = """
import json, sys
from aiohttp import web
answers = json.loads(sys.argv[2])
async def call(request):
    await request.read()
    method = request.match_info["method"]
    body = json.dumps({"ok": True, "result": answers[method]})
    return web.Response(body=body, content_type="application/json")
app = web.Application()
app.router.add_post("/bot{token}/{method}", call)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _per_press_us(work: Callable[[], Awaitable[None]], loop: asyncio.AbstractEventLoop) -> float:
    """Median over RUNS of the CPU time of this process that ``work`` (BATCH presses) takes, per press, in
    microseconds (a server in another process is not counted)."""
    times = []
    for _ in range(RUNS):
        started = time.process_time()
        loop.run_until_complete(work())
        times.append((time.process_time() - started) / BATCH * 1e6)
    return statistics.median(times)


def measure() -> list[tuple[str, float]]:
    loop = asyncio.new_event_loop()
    app = Application.builder().token(TOKEN).request(InstantRequest()).build()
    loop.run_until_complete(app.initialize())
    bot = app.bot

    async def nothing(update: Update, context: object) -> None:
        return None

    app.add_handler(CallbackQueryHandler(nothing))
    raw = json.dumps([press(800000000 + i) for i in range(BATCH)]).encode()
    stripped = json.dumps({"ok": True, "result": json.loads(raw)}).encode()
    updates = Update.de_list(json.loads(raw), bot)

    async def parse_full() -> None:
        Update.de_list(json.loads(raw), bot)

    async def parse_stripped() -> None:
        Update.de_list(UpdatesRequest.parse_json_payload(stripped)["result"], bot)

    async def dispatch() -> None:
        for update in updates:
            await app.process_update(update)

    async def answer() -> None:
        for update in updates:
            assert update.callback_query is not None
            await update.callback_query.answer("Saved: 3")

    async def edit_parsed() -> None:
        for _update in updates:
            await bot.edit_message_text(_TEXT, chat_id=_USER["id"], message_id=3, reply_markup=None)

    async def edit_unparsed() -> None:
        for _update in updates:
            await bot._post("editMessageText", {"chat_id": _USER["id"], "message_id": 3, "text": _TEXT})

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", _SERVER, str(port), json.dumps(InstantRequest._ANSWERS)])
    try:
        wired = (
            Application.builder()
            .token(TOKEN)
            .request(AiohttpRequest())
            .base_url(f"http://127.0.0.1:{port}/bot")
            .build()
        )
        for _ in range(100):
            try:
                loop.run_until_complete(wired.initialize())
                break
            except telegram.error.NetworkError:
                time.sleep(0.05)
        wired_bot = wired.bot

        async def answer_wired() -> None:
            for update in updates:
                assert update.callback_query is not None
                await wired_bot.answer_callback_query(update.callback_query.id, "Saved: 3")

        async def edit_wired() -> None:
            for _update in updates:
                await wired_bot._post(
                    "editMessageText", {"chat_id": _USER["id"], "message_id": 3, "text": _TEXT}
                )

        transport = [
            (
                "answerCallbackQuery through Bot over aiohttp to another process (ours)",
                _per_press_us(answer_wired, loop),
            ),
            (
                "editMessageText through Bot._post over aiohttp, not parsed (ours)",
                _per_press_us(edit_wired, loop),
            ),
        ]
        loop.run_until_complete(wired.shutdown())
    finally:
        server.terminate()
        server.wait()
    rows = [
        ("getUpdates JSON → Update, as Telegram sends the press", _per_press_us(parse_full, loop)),
        (
            "the same without the pressed message's keyboard and entities (ours)",
            _per_press_us(parse_stripped, loop),
        ),
        ("dispatch to a CallbackQueryHandler that does nothing", _per_press_us(dispatch, loop)),
        ("answerCallbackQuery through Bot", _per_press_us(answer, loop)),
        ("editMessageText through Bot, answer parsed into a Message", _per_press_us(edit_parsed, loop)),
        ("editMessageText through Bot._post, answer not parsed (ours)", _per_press_us(edit_unparsed, loop)),
        *transport,
    ]
    loop.run_until_complete(app.shutdown())
    loop.close()
    return rows


def main() -> None:
    rows = dict(measure())
    names = list(rows)
    baseline = rows[names[0]] + rows[names[2]] + rows[names[3]] + rows[names[4]]
    ours = rows[names[1]] + rows[names[2]] + rows[names[3]] + rows[names[5]]
    wired = rows[names[1]] + rows[names[2]] + rows[names[6]] + rows[names[7]]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {python}, python-telegram-bot {telegram.__version__}, {RUNS} runs")
    print("| python-telegram-bot's own work per press | median µs of CPU |\n|---|---|")
    for name, us in rows.items():
        print(f"| {name} | {us:.0f} |")
    print(f"| **sum, as the baseline bot does it** | **{baseline:.0f}** |")
    print(f"| **sum, as ours does it** | **{ours:.0f}** |")
    print(f"| **sum, as ours does it, with its transport (aiohttp)** | **{wired:.0f}** |")
    print(
        f"\nA batch of {BATCH} presses: at least {baseline * BATCH / 1000:.0f} ms (baseline's way) or "
        f"{ours * BATCH / 1000:.0f} ms (ours) of python-telegram-bot's own work before the last press's edit "
        f"is sent, on one core, before any transport or bot logic; {wired * BATCH / 1000:.0f} ms with ours' "
        "transport, before any bot logic (reading the database, choosing the next statement)."
    )


if __name__ == "__main__":
    main()
