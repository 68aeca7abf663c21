"""CPU work of the results (analysis, report, charts) in a worker process, away from the event loop.

Rendering a round's charts takes most of a second of CPU. In a worker *thread* it would still hold the GIL
for most of that time, and every other chat would wait; a worker process has its own interpreter, and the
operating system shares the cores between it and the bot (BENCHMARKS.md has the measurements).

One pool serves the whole process (the bot, or every application a test suite builds), created on first
use and started with ``spawn``: forking a process that runs an event loop and aiosqlite's threads copies
their locks in whatever state they are in. The first task pays for starting the worker and importing what
it needs; ``warm_up`` does that at start-up so that the first close does not.

This module imports nothing of ``bot``: the bot names the modules a worker should load (``warm_up``), and
those are pure (domain and views), so a worker never loads python-telegram-bot or the database.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

#: Worker processes: every core but the one the bot's event loop needs, at least one.
WORKERS = max(1, (os.cpu_count() or 2) - 1)
#: How much lower than the bot a worker runs where it cannot be an idle-time process (``nice``, of 19)
WORKER_NICENESS = 10
#: How often a worker checks that the bot that started it is still there, in seconds.
PARENT_CHECK_SECONDS = 1.0

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=WORKERS,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
        return _pool


def _start_worker() -> None:
    """In each worker, at its start.

    It becomes an idle-time process (Linux ``SCHED_IDLE``): it runs on CPU time nobody else wants, and
    the bot's event loop takes the core back the moment it has work. A chart that takes a moment longer
    goes unnoticed, an answer that waits does not (``nice`` alone was measured not to be enough;
    BENCHMARKS.md). With a single core the worker would barely run while the bot is busy, so there it is
    only ``nice``.

    And it watches its parent: a bot killed outright (kill -9, out of memory) cannot shut its pool down,
    and its idle workers would otherwise live on, orphaned, for good.
    """
    if not _become_idle_time_process():
        with contextlib.suppress(OSError, AttributeError):
            os.nice(WORKER_NICENESS)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _become_idle_time_process() -> bool:
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "SCHED_IDLE"):
        return False
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except OSError:
        return False
    return True


def scheduling() -> tuple[int, int]:
    """A worker's scheduling policy and niceness (run in the worker, for tests and diagnostics)."""
    return os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, 0)


def _discard(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


async def run_in_worker(function: Callable[..., _T], *args: object) -> _T:
    """``function(*args)`` in the worker process; function, arguments and result must pickle.

    A worker that died (killed, out of memory) breaks the pool: it is replaced and the task runs once more
    in a fresh one, so one lost worker does not lose a round's results.
    """
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        pool = _executor()
        try:
            return await loop.run_in_executor(pool, function, *args)
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
            logger.warning("the worker process died; starting a new one")
    raise AssertionError("unreachable")


def loaded_modules() -> list[str]:
    """The modules a worker has imported (run in the worker, for tests and diagnostics)."""
    return sorted(sys.modules)


def _import_all(modules: tuple[str, ...]) -> bool:
    for name in modules:
        importlib.import_module(name)
    return True


async def warm_up(*modules: str) -> None:
    """Start the worker and import ``modules`` in it, so the first close is as fast as the others.

    Awaited at start-up, once per process: a round closed right after a restart would otherwise wait for
    the worker to start and import matplotlib.
    """
    await run_in_worker(_import_all, modules)


def shutdown() -> None:
    """Stop the worker processes (at exit; tests may call it to check a fresh start)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)
