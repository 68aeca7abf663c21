"""Shared fixtures: the project's local Bot API server, a test clock, and the real bot running against it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import running
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.offline.telegram_server import BotApiServer
from bot.storage.repository import Repository
from tests.helpers import BOT_USERNAME, TOKEN, Clock, local_application

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


@pytest.fixture
async def bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """The real application, long-polling the local server."""
    app = local_application(server, db_path, clock, catalogues)
    async with running(app, poll_timeout=1):
        yield app
