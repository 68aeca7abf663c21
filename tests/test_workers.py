"""The worker process that renders the results: it gives way to the bot."""

from __future__ import annotations

import os

import pytest

from bot.app import WORKER_MODULES
from bot.domain.round_data import RoundData
from bot.domain.rounds import Round, RoundStatus
from bot.infra import workers
from bot.infra.workers import WORKER_NICENESS, loaded_modules, run_in_worker, scheduling
from bot.views.results import build_results
from tests.helpers import NAMES, catalogue, four_managers


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling policies")
async def test_the_worker_runs_on_time_nobody_else_wants() -> None:
    policy, niceness = await run_in_worker(scheduling)
    if (os.cpu_count() or 1) >= 2:
        assert policy == os.SCHED_IDLE
    else:  # one core: an idle-time worker would hardly run while the bot is busy
        assert policy == os.SCHED_OTHER and niceness >= WORKER_NICENESS
    own_policy, _ = scheduling()
    assert own_policy == os.SCHED_OTHER  # the bot itself is untouched


async def test_a_worker_loads_no_telegram_and_no_database_even_after_drawing_results() -> None:
    """The worker imports the pure modules it draws with, and matplotlib: never python-telegram-bot,
    aiosqlite, the repository, the flows or the handlers (it starts faster and uses less memory)."""
    workers.shutdown()
    await workers.warm_up(*WORKER_MODULES)
    matrix, comments = four_managers()
    round_ = Round(
        id=1,
        team_id=1,
        chat_id=-100,
        token="t" * 22,
        catalogue_id="customer-centricity",
        catalogue_version="1",
        anonymous=False,
        language="en",
        status=RoundStatus.CLOSED,
        opened_by=1,
        opened_at=1_795_000_000.0,
        deadline_at=None,
        remind_at=None,
        reminded_at=None,
        closed_at=1_795_086_400.0,
        announcement_id=None,
        results_parts_sent=0,
        excluded_count=0,
    )
    data = RoundData(round_, catalogue(), "Team", matrix, NAMES, comments, {})
    results = await run_in_worker(build_results, data, None, "en", "Europe/Zurich")
    assert results.messages and results.charts[0].startswith(b"\x89PNG")
    loaded = await run_in_worker(loaded_modules)
    assert "matplotlib" in loaded and "bot.views.results" in loaded
    forbidden = [
        name
        for name in loaded
        if name.split(".")[0] in {"telegram", "aiosqlite", "sqlite3", "httpx", "aiohttp"}
        or name.startswith(("bot.storage", "bot.flows", "bot.handlers", "bot.app", "bot.context"))
    ]
    assert not forbidden, forbidden
