"""``maturity-bot run``: the bot with long polling, or a webhook when ``MATURITY_WEBHOOK_URL`` is set,
configured from the environment, until SIGTERM or SIGINT stop it cleanly (``bot.infra.lifecycle``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from typing import Any

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNAVAILABLE

logger = logging.getLogger(__name__)


def configure_logging(level: int) -> None:
    """Log to stderr; httpx at WARNING because its request lines contain the bot token."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run(args: argparse.Namespace) -> int:
    from bot.config import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"maturity-bot: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import build_application
    from bot.domain.catalogue import CatalogueError, load_catalogues
    from bot.infra.lifecycle import webhook_for
    from bot.storage.repository import Repository, StorageError

    configure_logging(settings.log_level_number)
    try:
        catalogues = load_catalogues()
    except CatalogueError as exc:
        print(f"maturity-bot: the question catalogues are broken:\n{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        asyncio.run(_check_database(Repository, settings.maturity_db))
    except StorageError as exc:
        print(f"maturity-bot: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        asyncio.run(_check_telegram(settings))
    except InvalidToken:
        print("maturity-bot: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except NetworkError as exc:
        print(
            f"maturity-bot: cannot reach the Telegram Bot API ({exc}); check the network and "
            "TELEGRAM_API_BASE_URL",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    app = build_application(
        settings.telegram_bot_token.get_secret_value(),
        settings.maturity_db,
        catalogues,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_base_file_url,
        timezone=settings.timezone,
        deadline_check_seconds=settings.deadline_check_seconds,
        retention_months=settings.retention_months,
        poll_hours=settings.poll_hours,
        reasons_hours=settings.reasons_hours,
    )
    webhook = None
    if settings.webhook_url:
        host, port = settings.webhook_address
        webhook = webhook_for(
            settings.telegram_bot_token.get_secret_value(), settings.webhook_url, host, port
        )
    try:
        asyncio.run(serve(app, webhook))
    except OSError as exc:
        print(f"maturity-bot: cannot listen on {settings.webhook_listen}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except TelegramError as exc:
        what = "set the webhook (check MATURITY_WEBHOOK_URL)" if webhook else "start long polling"
        print(f"maturity-bot: could not {what}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


async def serve(app: Any, webhook: Any) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly: what was taken is finished and confirmed, the rest
    stays with Telegram, the database is closed."""
    from bot.app import running

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with running(app, webhook=webhook):
        # getUpdates failures and bad webhook requests are one log line each from here on
        how = "long polling" if webhook is None else f"a webhook on {webhook.listen}:{webhook.port}"
        logger.info("maturity-bot is running (%s); SIGTERM or Ctrl-C stops it", how)
        await stop.wait()
        logger.info("stopping: finishing the updates taken, confirming them, closing the database")
    logger.info("stopped")


async def _check_telegram(settings: object) -> None:
    """getMe once with a short-lived Bot: a rejected token or no route is one line, not a retry traceback."""
    from telegram import Bot

    token = settings.telegram_bot_token.get_secret_value()  # type: ignore[attr-defined]
    base_url = settings.telegram_api_base_url or "https://api.telegram.org/bot"  # type: ignore[attr-defined]
    async with Bot(token, base_url=base_url):
        pass


async def _check_database(repository: type, path: object) -> None:
    """Open and close the database once, so a broken file is one clear line before polling starts."""
    repo = await repository.open(path)
    await repo.close()
