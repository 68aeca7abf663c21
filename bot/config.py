"""Settings from the environment (or a ``.env`` file), validated once at start.

The token is a ``SecretStr`` so that it never shows up in a repr, a log line or an error message.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: What BotFather hands out: the bot's numeric id, a colon, 35 characters of [A-Za-z0-9_-].
TOKEN_PATTERN = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{30,40}$")

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and never contains the token."""


class Settings(BaseSettings):
    """Everything ``maturity-bot run`` needs to know about its deployment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr = Field(validation_alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str | None = Field(default=None, validation_alias="TELEGRAM_API_BASE_URL")
    telegram_api_base_file_url: str | None = Field(
        default=None, validation_alias="TELEGRAM_API_BASE_FILE_URL"
    )
    maturity_db: Path = Field(default=Path("maturity.db"), validation_alias="MATURITY_DB")
    log_level: str = Field(default="INFO", validation_alias="MATURITY_LOG_LEVEL")
    #: IANA time zone in which deadlines given as a date ("2026-12-01") end, at 23:59
    timezone: str = Field(default="Europe/Zurich", validation_alias="MATURITY_TIMEZONE")
    #: how often (seconds) the bot looks for deadlines and reminders that are due
    deadline_check_seconds: float = Field(
        default=30.0, gt=0, validation_alias="MATURITY_DEADLINE_CHECK_SECONDS"
    )

    #: hours the priority poll stays open after the results before the bot ends it and posts the ranking
    poll_hours: float = Field(default=72.0, gt=0, le=24 * 30, validation_alias="MATURITY_POLL_HOURS")

    #: hours the reasons behind the differences are collected after the results before the bot posts them
    reasons_hours: float = Field(default=24.0, gt=0, le=24 * 14, validation_alias="MATURITY_REASONS_HOURS")

    #: delete finished rounds this many months after they opened (daily); unset keeps everything
    retention_months: int | None = Field(
        default=None, ge=1, le=120, validation_alias="MATURITY_RETENTION_MONTHS"
    )

    #: the public URL Telegram posts updates to (https); unset: long polling
    webhook_url: str | None = Field(default=None, validation_alias="MATURITY_WEBHOOK_URL")
    #: where the webhook server listens, host:port (usually behind a reverse proxy that terminates TLS)
    webhook_listen: str = Field(default="0.0.0.0:8443", validation_alias="MATURITY_WEBHOOK_LISTEN")

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("is empty: set it to the token BotFather gave you")
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError("is not a bot token of the form 123456789:ABC... (as BotFather gives it)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("telegram_api_base_url", "telegram_api_base_file_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:8081/bot")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", value):
            raise ValueError(
                "must be the public URL of the webhook, such as https://bot.example.org/telegram"
            )
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must be host:port, such as 0.0.0.0:8443")
        return value

    @model_validator(mode="after")
    def _webhook_over_https(self) -> Settings:
        """Telegram posts only to https URLs; a self-hosted Bot API server (started with --local) also to
        plain http, so http is accepted with TELEGRAM_API_BASE_URL."""
        if self.webhook_url and self.webhook_url.startswith("http://") and not self.telegram_api_base_url:
            raise ValueError(
                "MATURITY_WEBHOOK_URL must be https:// (plain http only with a self-hosted Bot API server, "
                "TELEGRAM_API_BASE_URL)"
            )
        return self

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)

    @property
    def webhook_address(self) -> tuple[str, int]:
        """``MATURITY_WEBHOOK_LISTEN`` as (host, port); ``[::]`` and other bracketed IPv6 hosts unwrapped."""
        host, _, port = self.webhook_listen.rpartition(":")
        return host.strip("[]"), int(port)


_NAMES = {
    "telegram_bot_token": "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BOT_TOKEN": "TELEGRAM_BOT_TOKEN",
    "webhook_url": "MATURITY_WEBHOOK_URL",
    "webhook_listen": "MATURITY_WEBHOOK_LISTEN",
}


def load_settings(**overrides: object) -> Settings:
    """Read the settings; any problem becomes one ``SettingsError`` line without the secret's value."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_input=False, include_url=False):
            name = ".".join(str(part) for part in error["loc"]) or "settings"
            name = _NAMES.get(name, name)
            message = (
                "is missing" if error["type"] == "missing" else error["msg"].removeprefix("Value error, ")
            )
            problems.append(f"{name} {message}" if error["loc"] else message)
        raise SettingsError("; ".join(problems)) from None
