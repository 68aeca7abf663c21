"""Stopped (SIGKILL, or cleanly with SIGTERM or SIGINT) and started again on the same database:
``maturity-bot run`` as a real process.

The bot runs as a subprocess against the in-test Bot API server; people keep acting while it is dead
(Telegram queues their updates). After the restart nothing committed is lost, the questionnaire resumes
where the manager left off, a close under way completes exactly once, and deadlines still fire. A clean
stop finishes what it took, confirms to Telegram only that, closes the database and exits 0.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.catalogue import load_catalogues
from bot.offline.telegram_server import BotApiServer, SimChat, SimUser
from tests.helpers import CHARTS, TOKEN, answer_all, join_round, setup_team, wait_text


class BotProcess:
    """``python -m bot run`` with the test server's URLs and its own database and log file."""

    def __init__(self, server: BotApiServer, db: Path, folder: Path) -> None:
        self.server = server
        self.db = db
        self.folder = folder
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": self.server.base_url,
            "TELEGRAM_API_BASE_FILE_URL": self.server.base_file_url,
            "MATURITY_DB": str(self.db),
            "MATURITY_DEADLINE_CHECK_SECONDS": "0.2",
            "MATURITY_LOG_LEVEL": "INFO",
        }
        log = open(self.folder / f"bot-{self.starts}.log", "wb")  # noqa: SIM115 - closed with the process
        # run_polling's bootstrap deletes the webhook right before the first long poll (a long poll is
        # only recorded when it ends)
        bootstraps = len(self.server.calls("deleteWebhook"))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=self.folder, env=env, stdout=log, stderr=log
        )
        log.close()
        await self.server.wait_for(lambda: len(self.server.calls("deleteWebhook")) > bootstraps, timeout=30)

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no final getUpdates confirming the offset, no closing of the database.

        The bot's worker process (charts) must not outlive it: it notices and ends within seconds.
        """
        assert self.process is not None
        workers = children_of(self.process.pid)
        assert workers, "the bot runs a worker process for the results"
        self.process.kill()
        await self.process.wait()
        self.process = None
        for _ in range(100):
            if not [pid for pid in workers if Path(f"/proc/{pid}").exists()]:
                break
            await asyncio.sleep(0.1)
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "orphaned worker processes"

    async def stop(self, signum: int = signal.SIGTERM) -> int:
        """A clean stop by signal; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signum)
        code = await asyncio.wait_for(self.process.wait(), timeout=30)
        self.process = None
        return code

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.folder.glob("bot-*.log")))


@pytest.fixture
async def process(server: BotApiServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
    bot = BotProcess(server, tmp_path / "maturity.db", tmp_path)
    yield bot
    if bot.process is not None:
        await bot.kill()
    assert "Traceback" not in bot.log(), bot.log()
    assert TOKEN not in bot.log()


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def answered_round(server: BotApiServer, *, comments: bool = False) -> tuple[SimUser, SimChat]:
    """A quick round both managers of a team answered in full (with a comment each, if asked)."""
    lead, team, managers = await setup_team(server, managers=2)
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    for index, manager in enumerate(managers):
        await join_round(server, manager, url)
        notes = {0: f"c{index}"} if comments else None
        await answer_all(server, manager, [1 + 3 * index, 2, 3, 4, 5, 3], comment_after=notes)
    await server.wait_idle()
    return lead, team


def answers_in(db: Path) -> dict[tuple[int, str], int | None]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT user_id, statement_id, level FROM answers").fetchall()
    return {(user, statement): level for user, statement, level in rows}


async def test_kill_while_answering_loses_nothing_and_resumes(server: BotApiServer, process) -> None:
    await process.start()
    lead, team, (anna, ben) = await setup_team(server, managers=2)
    await lead.send_text(team, "/newround quick 1d")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    question = await join_round(server, anna, url)
    for number, level in enumerate(("2", "3", "4"), start=2):
        pressed = await anna.press(question, level)
        assert pressed.answered  # the toast comes after the commit
        await server.wait_for(lambda n=number: question.content.startswith(f"{n}/6"))
    await process.kill()
    await anna.press(question, "5", wait=False)  # pressed while the bot is dead: Telegram keeps it
    assert len(answers_in(process.db)) == 3
    await process.start()
    await server.wait_for(lambda: question.content.startswith("5/6"))
    assert sorted(level for level in answers_in(process.db).values()) == [2, 3, 4, 5]
    await anna.open_url(url)
    resumed = await wait_text(server, anna, "Welcome back")
    again = await server.wait_for(
        lambda: next(
            (m for m in server.bot_messages(anna) if m.message_id > resumed.message_id and m.buttons), None
        )
    )
    assert again.content.startswith("5/6")  # the same link resumes where she left off
    await join_round(server, ben, url)
    await answer_all(server, ben, [1, 2, 3, 4, 5, 1])
    await process.kill()
    with sqlite3.connect(process.db) as connection:  # the deadline passes while the bot is down
        connection.execute("UPDATE rounds SET deadline_at = ?", (time.time() - 1,))
    await process.start()
    await wait_text(server, team, "What to do next", timeout=30)
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS


async def test_kill_during_results_posting_completes_the_close_exactly_once(
    server: BotApiServer, process
) -> None:
    await process.start()
    lead, team = await answered_round(server, comments=True)
    # the album goes out, the first text part hangs: the kill lands in the middle of the posting
    held = server.faults.inject("sendMessage", "timeout", hold=30, chat_id=team.id)
    await lead.send_text(team, "/closeround")
    await server.wait_for(lambda: held.hits == 1, timeout=30)
    await process.kill()
    server.faults.clear()
    with sqlite3.connect(process.db) as connection:
        status, parts = connection.execute("SELECT status, results_parts_sent FROM rounds").fetchone()
    assert (status, parts) == ("closing", 1)
    await process.start()
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_for(lambda: any("round is closed" in m.content for m in server.bot_messages(team)))
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    texts = Counter(m.text for m in server.bot_messages(team) if m.text)
    assert [text for text, count in texts.items() if count > 1] == []
    with sqlite3.connect(process.db) as connection:
        assert connection.execute("SELECT status FROM rounds").fetchone()[0] == "closed"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_clean_stop_keeps_every_saved_answer_and_leaves_the_rest_to_telegram(
    server: BotApiServer, process, signum: int
) -> None:
    await process.start()
    lead, team, managers = await setup_team(server, managers=4)
    await lead.send_text(team, "/newround quick")
    url = (await wait_text(server, team, "New round")).buttons[0][0].url
    questions = [await join_round(server, manager, url) for manager in managers]
    round_id = questions[0].buttons[0][0].data.split(":")[1]
    statements = [s.id for s in load_catalogues()["quick"].statements]
    server.latency = 0.02  # every Bot API call takes a moment: presses are in flight when the signal comes
    presses = []
    for index, statement in enumerate(statements):
        for number, (manager, question) in enumerate(zip(managers, questions, strict=True)):
            level = 1 + (index + number) % 5
            query = await manager.press_data(question, f"a:{round_id}:{statement}:{level}", wait=False)
            presses.append((manager.id, statement, level, query))
        if index == 1:
            await server.wait_for(lambda: any(q.answered for *_, q in presses))
            process.process.send_signal(signum)  # the presses go on while the bot stops
            for _ in range(500):
                if "stopping:" in process.log():
                    break
                await asyncio.sleep(0.01)
    assert await process.stop(signum) == 0
    # the database was closed: its last connection folded the write-ahead log back in and removed it
    assert not Path(f"{process.db}-wal").exists()
    saved = [(user, statement, level) for user, statement, level, q in presses if q.answered]
    waiting = [q for *_, q in presses if not q.answered]
    assert saved and waiting, "the stop came in the middle of the presses"
    assert all(q.answer_text.startswith("Saved") for *_, q in presses if q.answered)
    stored = answers_in(process.db)
    assert [stored.get((user, statement)) for user, statement, _ in saved] == [lvl for *_, lvl in saved]
    assert "stopped" in process.log()
    update_of = {
        u["callback_query"]["id"]: u["update_id"] for u in server.emitted_updates if "callback_query" in u
    }
    calls_before = len(server.requests)
    server.latency = 0.0
    await process.start()
    await server.wait_for(lambda: len(answers_in(process.db)) == len(presses), timeout=30)
    assert answers_in(process.db) == {(user, statement): level for user, statement, level, _ in presses}
    delivered_again = {
        update["update_id"]
        for call in server.requests[calls_before:]
        if call.method == "getUpdates" and call.ok
        for update in call.result
    }
    assert {update_of[q.id] for q in waiting} <= delivered_again


async def test_a_clean_stop_drops_a_handler_that_hangs_after_a_few_seconds(
    server: BotApiServer, process
) -> None:
    """A command whose reply Telegram never answers keeps its handler waiting; the stop gives it a few
    seconds, says so in the log, and still exits 0 well within the 10 s a container platform grants."""
    await process.start()
    lead, team, _ = await setup_team(server, managers=1)
    await server.wait_idle()
    held = server.faults.inject("sendMessage", "timeout", hold=60, chat_id=team.id)
    await lead.send_text(team, "/help")
    await server.wait_for(lambda: held.hits == 1, timeout=30)
    started = time.monotonic()
    assert await process.stop() == 0
    assert time.monotonic() - started < 10
    assert "stopping: 1 updates were not finished within 4 s and are dropped" in process.log()


async def test_a_clean_stop_is_bounded_and_a_close_left_unfinished_completes_after_the_restart(
    server: BotApiServer, process
) -> None:
    """A close that hangs (Telegram does not answer) runs in the background after /closeround was answered;
    the stop gives it a few seconds, then cancels it: the stop takes well under the 10 s a container platform
    grants. What it started is in the database (the close is recorded before anything is posted), so it
    completes after the restart, exactly once."""
    await process.start()
    lead, team = await answered_round(server)
    held = server.faults.inject("sendMediaGroup", "timeout", hold=60, chat_id=team.id)
    await lead.send_text(team, "/closeround")
    await server.wait_for(lambda: held.hits == 1, timeout=30)
    started = time.monotonic()
    assert await process.stop() == 0
    assert time.monotonic() - started < 10
    assert "jobs still running after 4 s are cancelled" in process.log()
    server.faults.clear()
    with sqlite3.connect(process.db) as connection:
        assert connection.execute("SELECT status, results_parts_sent FROM rounds").fetchone() == (
            "closing",
            0,
        )
    await process.start()
    await wait_text(server, team, "What to do next", timeout=30)
    await server.wait_idle()
    assert len([m for m in server.chat(team) if m.photos]) == CHARTS
    texts = Counter(m.text for m in server.bot_messages(team) if m.text)
    assert [text for text, count in texts.items() if count > 1] == []
