"""Phase 6 of ``bench/run.py``: reading a team's catalogue upload (issue 17).

A ``/catalogue`` file is read as hostile: its size, nesting and values are measured before and after
parsing, and every problem gets its place. The phase reads the files a team sends (the template in both
forms, a catalogue at the 60-statement limit) and the worst files an attacker can send within 256 KB
(the most values, the deepest nesting, a problem in every cell), and compares each with the bare parse of
the same bytes (``tomllib.loads`` or ``csv.reader``): what the checks cost on top of reading at all.

The bot reads uploads in its worker process, so the other chats do not wait for it; the phase measures the
event loop's longest stall while the worst file is read there, against reading it in the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import statistics
import time
import tomllib
from collections.abc import Callable
from typing import Any

from bot.domain.catalogue import Catalogue, Statement
from bot.domain.catalogue_io import (
    MAX_NESTING,
    MAX_STATEMENTS,
    MAX_UPLOAD_BYTES,
    catalogue_csv,
    catalogue_toml,
    read_upload,
)
from bot.infra import workers

#: The id a team's copy of the default catalogue takes (a built-in id is refused).
TEAM_ID = "bench-team"


def _team_copy(catalogue: Catalogue, statements: int | None = None) -> Catalogue:
    """The default catalogue as a team would upload it; with ``statements``, its statements repeated
    under new ids up to that many."""
    rows = list(catalogue.statements)
    if statements is not None:
        rows = [
            Statement.model_validate({**rows[i % len(rows)].model_dump(), "id": f"s{i + 1}"})
            for i in range(statements)
        ]
    return catalogue.model_copy(update={"id": TEAM_ID, "statements": rows})


def _most_values() -> bytes:
    """As many small values as 256 KB hold: the count is refused after parsing."""
    lines = ['id = "x"\n']
    size = len(lines[0])
    for i in range(MAX_UPLOAD_BYTES):
        line = f"k{i} = [1, 2, 3, 4, 5, 6, 7, 8]\n"
        if size + len(line) > MAX_UPLOAD_BYTES:
            break
        lines.append(line)
        size += len(line)
    return "".join(lines).encode()


def _deepest() -> bytes:
    """256 KB of opening brackets: refused by the scan before the parser sees it."""
    return b"x = " + b"[" * (MAX_UPLOAD_BYTES - 4)


def _problem_in_every_cell(catalogue: Catalogue) -> bytes:
    """The template's CSV with every text cell a formula and every dimension unknown: the most problems."""
    rows = list(csv.reader(io.StringIO(catalogue_csv(_team_copy(catalogue)).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    text_columns = {i for i, name in enumerate(header) if name.startswith(("text_", "anchor_", "hint_"))}
    dimension = header.index("dimension")
    broken = [
        [
            "=1+1" if i in text_columns else ("nowhere" if i == dimension else cell)
            for i, cell in enumerate(row)
        ]
        for row in body
    ]
    out = io.StringIO()
    csv.writer(out).writerows([header, *broken])
    return out.getvalue().encode()


def files(catalogue: Catalogue) -> list[tuple[str, str, bytes]]:
    """(label, file name, bytes) of every file the phase reads."""
    return [
        ("template (TOML)", "ours.toml", catalogue_toml(_team_copy(catalogue)).encode()),
        ("template (CSV)", "ours.csv", catalogue_csv(_team_copy(catalogue))),
        (
            f"{MAX_STATEMENTS} statements (TOML)",
            "ours.toml",
            catalogue_toml(_team_copy(catalogue, MAX_STATEMENTS)).encode(),
        ),
        ("most values in 256 KB (TOML)", "hostile.toml", _most_values()),
        (f"nesting past {MAX_NESTING} in 256 KB (TOML)", "hostile.toml", _deepest()),
        ("a problem in every cell (CSV)", "hostile.csv", _problem_in_every_cell(catalogue)),
    ]


def _bare_parse(name: str, data: bytes) -> None:
    """The baseline: only parsing, as any reader must."""
    text = data.decode("utf-8-sig")
    if name.endswith(".csv"):
        list(csv.reader(io.StringIO(text)))
        return
    with contextlib.suppress(tomllib.TOMLDecodeError, RecursionError):
        tomllib.loads(text)


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def reading(catalogue: Catalogue, repeats: int) -> list[dict[str, Any]]:
    """Each file read as the bot reads it and bare-parsed, median milliseconds of ``repeats``."""
    scale, reserved = catalogue.scale, frozenset({catalogue.id})
    rows = []
    for label, name, data in files(catalogue):
        upload = read_upload(name, data, scale, reserved)

        def ours(name: str = name, data: bytes = data) -> object:
            return read_upload(name, data, scale, reserved)

        def bare(name: str = name, data: bytes = data) -> None:
            _bare_parse(name, data)

        rows.append(
            {
                "file": label,
                "kb": round(len(data) / 1024, 1),
                "stored": upload.catalogue is not None and not upload.errors,
                "problems": len(upload.problems),
                "ours_ms": _median_ms(ours, repeats),
                "bare_parse_ms": _median_ms(bare, repeats),
            }
        )
    return rows


async def _longest_stall(action: Callable[[], Any], repeats: int) -> float:
    """The event loop's longest gap between 1 ms ticks while ``action()`` is awaited ``repeats`` times."""
    longest = 0.0
    running = True

    async def tick() -> None:
        nonlocal longest
        last = time.perf_counter()
        while running:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.01)
    for _ in range(repeats):
        await action()
        await asyncio.sleep(0.01)  # the loop runs between reads, as between two uploads
    running = False
    await ticker
    return round(longest * 1000, 1)


async def stalls(catalogue: Catalogue, repeats: int) -> dict[str, Any]:
    """The longest loop stall while the slowest file is read in the worker (as the bot does) and in the
    loop (the baseline)."""
    scale, reserved = catalogue.scale, frozenset({catalogue.id})
    timed = reading(catalogue, 1)
    slowest = max(timed, key=lambda row: row["ours_ms"])
    label, name, data = next(f for f in files(catalogue) if f[0] == slowest["file"])
    await workers.run_in_worker(read_upload, name, data, scale, reserved)  # the worker started and warm

    async def in_worker() -> None:
        await workers.run_in_worker(read_upload, name, data, scale, reserved)

    async def in_loop() -> None:
        read_upload(name, data, scale, reserved)

    try:
        worker_ms = await _longest_stall(in_worker, repeats)
        loop_ms = await _longest_stall(in_loop, repeats)
    finally:
        workers.shutdown()
    return {"file": label, "stall_in_worker_ms": worker_ms, "stall_in_loop_ms": loop_ms}


async def uploads(catalogue: Catalogue, quick: bool) -> dict[str, Any]:
    """The phase's figures: each file's reading, and the loop's stall while the slowest is read."""
    repeats = 5 if quick else 15
    return {"reading": reading(catalogue, repeats), "stall": await stalls(catalogue, repeats)}
