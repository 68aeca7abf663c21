"""``maturity-bot check``: is this deployment fit to run? One line per finding, for an operator before and
after deploying, and as a container's health check.

Without Telegram: the settings are valid (the token is never shown), the catalogues load, the database
opens, its schema is current (or will be migrated at start), and it can be written. With the token, asking
Telegram: the bot's name (getMe); whether a webhook is set while long polling is configured, or the other
way round (getWebhookInfo); whether privacy mode hides plain group messages; and for each team in the
database whether the bot is still in its group and an admin there.

Exit codes: 0 all is well, 1 a warning (it runs, but something needs a look), 2 an error (it cannot run as
configured). ``--json`` prints one object for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK, EXIT_WARNING
from bot.domain.text import count_of

Level = Literal["ok", "warning", "error"]
_EXIT = {"ok": EXIT_OK, "warning": EXIT_WARNING, "error": EXIT_BAD_INPUT}
_ORDER = ("ok", "warning", "error")


@dataclass(frozen=True)
class Finding:
    check: str
    level: Level
    message: str


def check(args: argparse.Namespace) -> int:
    """Run every check, print the findings (a line each, or JSON), exit with the worst level's code."""
    findings = asyncio.run(run_checks())
    worst = max((f.level for f in findings), key=_ORDER.index, default="ok")
    if args.json:
        print(json.dumps({"status": worst, "findings": [asdict(f) for f in findings]}, ensure_ascii=False))
    else:
        for finding in findings:
            print(f"{finding.level:<8}{finding.check}: {finding.message}")
    return _EXIT[worst]


async def run_checks() -> list[Finding]:
    from bot.config import SettingsError, load_settings

    findings: list[Finding] = []
    try:
        settings = load_settings()
    except SettingsError as exc:
        findings.append(Finding("settings", "error", str(exc)))
        settings = None
    else:
        mode = f"webhook {settings.webhook_url}" if settings.webhook_url else "long polling"
        findings.append(Finding("settings", "ok", f"valid ({mode})"))
    findings += _catalogues()
    database = settings.maturity_db if settings else Path(os.environ.get("MATURITY_DB", "maturity.db"))
    database_findings, teams = _database(database)
    findings += database_findings
    if settings is not None:
        findings += await _telegram(settings, teams)
    return findings


def _catalogues() -> list[Finding]:
    from bot.domain.catalogue import CatalogueError, load_catalogues

    try:
        catalogues = load_catalogues()
    except CatalogueError as exc:
        return [Finding("catalogues", "error", str(problem)) for problem in exc.problems]
    names = ", ".join(catalogues)
    return [Finding("catalogues", "ok", f"{count_of(len(catalogues), 'catalogue')} loaded: {names}")]


def _database(path: Path) -> tuple[list[Finding], tuple[Any, ...]]:
    from bot.storage.repository import inspect_database
    from bot.storage.schema import SCHEMA_VERSION

    health = inspect_database(path)
    if health.unusable:
        return [Finding("database", "error", f"cannot use {path}: {health.unusable}")], ()
    if not health.exists:
        if health.not_writable:
            return [Finding("database", "error", f"{path} cannot be created: {health.not_writable}")], ()
        return [Finding("database", "warning", f"{path} does not exist yet; run creates it")], ()
    findings: list[Finding] = []
    if health.integrity != "ok":
        findings.append(Finding("database", "error", f"{path} is damaged: {health.integrity}"))
    version = health.version or 0
    if version > SCHEMA_VERSION:
        findings.append(
            Finding(
                "database",
                "error",
                f"{path} has schema version {version}, written by a newer maturity-bot (this one knows "
                f"up to {SCHEMA_VERSION}): upgrade maturity-bot",
            )
        )
    if health.not_writable:
        findings.append(Finding("database", "error", f"{path} cannot be written: {health.not_writable}"))
    if findings:
        return findings, ()
    teams = count_of(len(health.teams), "team")
    if version < SCHEMA_VERSION:
        schema = f"schema version {version}: run migrates it to {SCHEMA_VERSION} at start (back it up first)"
        return [Finding("database", "warning", f"{path}, {teams}, writable; {schema}")], health.teams
    return [
        Finding("database", "ok", f"{path}, schema version {version} (current), writable, {teams}")
    ], health.teams


async def _telegram(settings: Any, teams: tuple[Any, ...]) -> list[Finding]:
    """What Telegram says about the bot, its webhook and its groups; the token never appears."""
    from telegram import Bot
    from telegram.constants import ChatMemberStatus
    from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, TelegramError

    token = settings.telegram_bot_token.get_secret_value()

    def said(error: Exception) -> str:
        return str(error).replace(token, "***")

    findings: list[Finding] = []
    bot = Bot(token, base_url=settings.telegram_api_base_url or "https://api.telegram.org/bot")
    try:
        async with bot:
            me = bot.bot
            findings.append(Finding("telegram", "ok", f"the bot is @{me.username} ({me.first_name})"))
            findings.append(_updates(settings, await bot.get_webhook_info()))
            findings.append(_privacy(bool(me.can_read_all_group_messages)))
            for team in teams:
                title = f'"{team.title}" ({team.chat_id})'
                try:
                    member = await bot.get_chat_member(team.chat_id, me.id)
                except ChatMigrated as exc:
                    findings.append(
                        Finding("team", "warning", f"{title} became the supergroup {exc.new_chat_id}")
                    )
                    continue
                except (Forbidden, BadRequest) as exc:
                    findings.append(
                        Finding("team", "warning", f"{title}: the bot is not in it ({said(exc)})")
                    )
                    continue
                if member.status == ChatMemberStatus.ADMINISTRATOR:
                    findings.append(Finding("team", "ok", f"{title}: the bot is an admin"))
                elif member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
                    findings.append(Finding("team", "warning", f"{title}: the bot is no longer in it"))
                else:
                    findings.append(
                        Finding("team", "warning", f"{title}: the bot is in it but no admin; make it one")
                    )
    except InvalidToken:
        findings.append(Finding("telegram", "error", "Telegram rejected TELEGRAM_BOT_TOKEN (revoked?)"))
    except NetworkError as exc:
        findings.append(Finding("telegram", "error", f"cannot reach the Bot API: {said(exc)}"))
    except TelegramError as exc:
        findings.append(Finding("telegram", "error", f"the Bot API failed: {said(exc)}"))
    return findings


def _updates(settings: Any, info: Any) -> Finding:
    """Long polling or a webhook, as configured, against what Telegram has set."""
    from bot.infra.lifecycle import webhook_for

    pending = f"{count_of(info.pending_update_count, 'update')} waiting"
    if not settings.webhook_url:
        if info.url:
            return Finding(
                "updates",
                "warning",
                f"a webhook is set ({info.url}) although long polling is configured: run deletes it at "
                f"start; if another program uses this bot, they take each other's updates ({pending})",
            )
        return Finding("updates", "ok", f"long polling, no webhook set ({pending})")
    host, port = settings.webhook_address
    expected = webhook_for(settings.telegram_bot_token.get_secret_value(), settings.webhook_url, host, port)
    if not info.url:
        return Finding(
            "updates",
            "warning",
            f"a webhook is configured but none is set: run sets it at start (is it running?) ({pending})",
        )
    if info.url != expected.url:
        return Finding(
            "updates",
            "warning",
            f"the webhook set ({info.url}) is not this configuration's; run sets its own at start",
        )
    if info.last_error_message:
        return Finding(
            "updates",
            "warning",
            f"webhook set, but Telegram's last delivery failed: {info.last_error_message} ({pending})",
        )
    return Finding("updates", "ok", f"webhook set at {settings.webhook_url} ({pending})")


def _privacy(reads_all: bool) -> Finding:
    if reads_all:
        return Finding(
            "privacy",
            "warning",
            "privacy mode is off: the bot receives every message of its groups, and needs only commands "
            "and replies; turn it on with BotFather (/setprivacy)",
        )
    return Finding(
        "privacy",
        "ok",
        "privacy mode is on: in its groups the bot receives commands and replies to its own messages "
        "(as an admin it sees more, and ignores it)",
    )
