"""The bot under test, alone in its own process: ours or the minimal baseline, plus an event-loop ticker.

``python -m bench.botproc --kind ours|previous-limiter|baseline|baseline-httpx --base-url URL --db FILE``
prints ``READY`` once it polls, then answers one JSON line on stdout per command line on stdin:

``reset``  forget the longest loop stall so far;  ``stats``  the longest stall since the last reset, the
current and the peak RSS (ours also: how often the rate limiter let background work go while a reply of
the same chat waited);  ``quit`` (or end of input)  stop cleanly.

``previous-limiter`` is ours with the rate limiter it had before issue 15 (``bench/previous_limiter.py``).

The ticker sleeps 5 ms again and again and records by how much each sleep overshot: that overshoot is how
long the loop was busy with something else, i.e. the longest time any update had to wait for the loop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
TICK = 0.005


class Ticker:
    """Measures event-loop stalls: the overshoot of short sleeps."""

    def __init__(self) -> None:
        self.max_stall = 0.0
        self.ticks = 0

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            start = loop.time()
            await asyncio.sleep(TICK)
            overshoot = loop.time() - start - TICK
            self.ticks += 1
            if overshoot > self.max_stall:
                self.max_stall = overshoot


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not ``getrusage``: Linux carries ``ru_maxrss`` over ``exec``, so
    a bot started by the benchmark reported the benchmark process's own peak (471 MB in a full run)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def serve_control(ticker: Ticker, extra: Callable[[], dict[str, Any]] = dict) -> None:
    """Read commands from stdin (in a thread) and answer them from the loop; ``extra`` adds to ``stats``."""
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(commands.put_nowait, line.strip())
        loop.call_soon_threadsafe(commands.put_nowait, "quit")

    threading.Thread(target=read, daemon=True).start()
    while True:
        command = await commands.get()
        if command == "quit":
            return
        if command == "reset":
            ticker.max_stall = 0.0
            ticker.ticks = 0
        reply = {
            "max_stall_ms": round(ticker.max_stall * 1000, 2),
            "ticks": ticker.ticks,
            "rss_mb": round(rss_mb(), 1),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            **extra(),
        }
        print(json.dumps(reply), flush=True)


async def run_ours(base_url: str, db: Path, ticker: Ticker, previous_limiter: bool = False) -> None:
    from bot.app import build_application, running
    from bot.domain.catalogue import load_catalogues
    from bot.infra.ratelimit import MessageRateLimiter

    limiter: Any = True
    if previous_limiter:
        from bench.previous_limiter import PreviousRateLimiter

        limiter = PreviousRateLimiter()
    app = build_application(
        TOKEN,
        db,
        load_catalogues(),
        base_url=f"{base_url}/bot",
        base_file_url=f"{base_url}/file/bot",
        deadline_check_seconds=30.0,
        rate_limiter=limiter,
    )

    def limiter_stats() -> dict[str, Any]:
        used = app.bot.rate_limiter
        return {"overtaken": used.overtaken} if isinstance(used, MessageRateLimiter) else {}

    async with running(app, poll_timeout=10):
        print("READY", flush=True)
        await serve_control(ticker, limiter_stats)


async def run_baseline(base_url: str, ticker: Ticker, transport: str) -> None:
    """The cheapest possible bot: /start shows statement 1; a press answers the query and edits the message
    into the next statement (texts and keyboards rendered once, as big as ours); nothing is stored."""
    from telegram import Update
    from telegram.constants import ParseMode
    from telegram.error import BadRequest
    from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler

    from bot.domain.catalogue import load_catalogues
    from bot.views.html import View
    from bot.views.questionnaire import statement_view

    catalogue = load_catalogues()["customer-centricity"]
    ids = [s.id for s in catalogue.statements]
    fake_round = SimpleNamespace(id=1)
    views = [statement_view(catalogue, fake_round, sid, {}, None, "en") for sid in ids]  # type: ignore[arg-type]
    views.append(View("Thank you, all answered."))
    position = {sid: index for index, sid in enumerate(ids)}

    async def start(update: Update, context: object) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(views[0].text, reply_markup=views[0].keyboard)

    async def press(update: Update, context: object) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        _, _, statement_id, level = query.data.split(":")
        view = views[position[statement_id] + 1]
        # "query is too old": a bot that fell 15 s behind still shows the next statement, as ours does
        with contextlib.suppress(BadRequest):
            await query.answer(f"Saved: {level}")
        await query.edit_message_text(view.text, parse_mode=ParseMode.HTML, reply_markup=view.keyboard)

    builder = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{base_url}/bot")
        .base_file_url(f"{base_url}/file/bot")
        .concurrent_updates(True)
    )
    if transport == "aiohttp":
        from bot.infra.http import AiohttpRequest

        builder = builder.request(AiohttpRequest()).get_updates_request(
            AiohttpRequest(connection_pool_size=1)
        )
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(press))
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0.0, timeout=10, allowed_updates=["message", "callback_query"]
    )
    await app.start()
    try:
        print("READY", flush=True)
        await serve_control(ticker)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def main_async(args: argparse.Namespace) -> None:
    ticker = Ticker()
    tick_task = asyncio.create_task(ticker.run())
    try:
        if args.kind in ("ours", "previous-limiter"):
            await run_ours(args.base_url, Path(args.db), ticker, args.kind == "previous-limiter")
        else:
            await run_baseline(args.base_url, ticker, "httpx" if args.kind == "baseline-httpx" else "aiohttp")
    finally:
        tick_task.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kind", choices=("ours", "previous-limiter", "baseline", "baseline-httpx"), required=True
    )
    parser.add_argument("--base-url", required=True, help="the server's root URL, e.g. http://127.0.0.1:8081")
    parser.add_argument("--db", default="bench.db")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
