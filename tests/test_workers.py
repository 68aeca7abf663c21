"""The worker process that renders the results: it gives way to the bot."""

from __future__ import annotations

import os

import pytest

from bot.infra.workers import WORKER_NICENESS, run_in_worker, scheduling


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling policies")
async def test_the_worker_runs_on_time_nobody_else_wants() -> None:
    policy, niceness = await run_in_worker(scheduling)
    if (os.cpu_count() or 1) >= 2:
        assert policy == os.SCHED_IDLE
    else:  # one core: an idle-time worker would hardly run while the bot is busy
        assert policy == os.SCHED_OTHER and niceness >= WORKER_NICENESS
    own_policy, _ = scheduling()
    assert own_policy == os.SCHED_OTHER  # the bot itself is untouched
