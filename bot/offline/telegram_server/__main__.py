"""Run the local Bot API server alone until Ctrl-C, for manual runs of the bot against it.

    python -m bot.offline.telegram_server --port 8081 --token 123:ABC --username my_test_bot

Point the bot at it with ``TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot`` and
``TELEGRAM_API_BASE_FILE_URL=http://127.0.0.1:8081/file/bot``. Simulated people exist only through the
Python control API, so the standalone server mostly checks that a bot starts, registers its commands
and polls; every call it makes is logged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from .server import DEFAULT_TOKEN, BotApiServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.offline.telegram_server", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (loopback by default)")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="test_bot", help="the bot's username")
    parser.add_argument("--name", default="Test Bot", help="the bot's display name")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    server = BotApiServer(
        args.token, bot_username=args.username, bot_name=args.name, host=args.host, port=args.port
    )
    await server.start()
    print(
        f"Bot API server for @{args.username} at {server.base_url}  (files: {server.base_file_url})",
        flush=True,
    )
    seen = 0
    try:
        while True:
            try:
                await server.wait_for(lambda known=seen: len(server.requests) > known, timeout=3600)
            except TimeoutError:
                continue
            for call in server.requests[seen:]:
                outcome = "ok" if call.ok else f"{call.status} {call.description}"
                if call.method.lower() != "getupdates" or not call.ok or call.result:
                    print(f"{call.method}: {outcome}", flush=True)
            seen = len(server.requests)
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.WARNING)
    args = parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
