"""``maturity-bot run``: the bot with long polling, configured from the environment."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNAVAILABLE


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

    from telegram.error import InvalidToken, NetworkError

    from bot.app import ALLOWED_UPDATES, build_application
    from bot.domain.catalogue import CatalogueError, load_catalogues
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
    # from here on, getUpdates failures go to the application's error handler (one line each)
    app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    return EXIT_OK


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
