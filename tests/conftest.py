"""Shared fixtures: the project's local Bot API server, a test clock, and the real bot running against it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application, running
from bot.context import App
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.offline.telegram_server import BotApiServer
from bot.storage.repository import Repository

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
BOT_USERNAME = "maturity_test_bot"
START = 1_795_000_000.0  # a fixed "now" (late 2026) so that dates in texts are reproducible


class Clock:
    """Time the bot sees; tests move it forward instead of sleeping."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


#: Loggers whose ERROR records fail a test: ours and python-telegram-bot's.
WATCHED_LOGGERS = ("bot", "telegram")


@pytest.fixture(autouse=True)
def no_error_logs(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test when the bot or python-telegram-bot logged an ERROR: faults must be handled, not crash.

    A test that expects an error log marks itself ``@pytest.mark.error_logs_expected``.
    """
    yield
    if request.node.get_closest_marker("error_logs_expected"):
        return
    records = [*caplog.get_records("setup"), *caplog.get_records("call"), *caplog.records]
    errors = [
        f"{r.name}: {r.getMessage()}"
        for r in records
        if r.levelno >= logging.ERROR and r.name.split(".")[0] in WATCHED_LOGGERS
    ]
    assert not errors, "errors were logged:\n" + "\n".join(errors)


@pytest.fixture(scope="session")
def catalogues() -> dict[str, Catalogue]:
    return load_catalogues()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME, bot_name="Maturity Check") as api:
        yield api


@pytest.fixture
async def repo(tmp_path: Path) -> AsyncIterator[Repository]:
    """A fresh, migrated database of its own, for the storage tests."""
    repository = await Repository.open(tmp_path / "test.db")
    yield repository
    await repository.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "maturity.db"


def local_application(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue], **settings: Any
) -> App:
    """The real application for the local server; deadlines are looked for every 50 ms; ``settings``
    override ``build_application``'s."""
    return build_application(
        TOKEN,
        db_path,
        catalogues,
        **{
            "base_url": server.base_url,
            "base_file_url": server.base_file_url,
            "clock": clock,
            "deadline_check_seconds": 0.05,
            **settings,
        },
    )


@pytest.fixture
async def bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """The real application, long-polling the local server."""
    app = local_application(server, db_path, clock, catalogues)
    async with running(app, poll_timeout=1):
        yield app
