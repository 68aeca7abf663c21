"""Shared fixtures: the project's local Bot API server, a test clock, and the real bot running against it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.telegram_server import BotApiServer

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
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "maturity.db"


@pytest.fixture
async def bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """The real application, long-polling the local server; deadlines are looked for every 50 ms."""
    app = build_application(
        TOKEN,
        db_path,
        catalogues,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        clock=clock,
        deadline_check_seconds=0.05,
    )
    async with running(app, poll_timeout=1):
        yield app
