"""The only module that holds SQL: async queries that return domain records.

One aiosqlite connection serves the whole bot. Every change runs under one lock inside
``BEGIN IMMEDIATE … COMMIT``, so a change of several statements is all-or-nothing, and no coroutine ever
reads another's half-done transaction. Every statement is parameterised.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import aiosqlite

from bot.domain.beliefs import Belief, Question, QuestionStatus, ReasonQuestion, ReasonRound, Side
from bot.domain.catalogue import Catalogue, Text
from bot.domain.followup import Lighthouse, PollOption, PriorityPoll, Review
from bot.domain.rounds import Participant, Round, RoundStatus, Team
from bot.domain.team_catalogues import (
    MAX_OWN_CATALOGUES,
    MAX_VERSIONS,
    CatalogueVersion,
    SaveOutcome,
    digest,
    serialise,
)
from bot.storage.schema import SchemaError, configure, migrate

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


#: Seconds a handled message id is remembered (Telegram re-delivers unconfirmed updates for 24 hours).
PROCESSED_MESSAGES_KEPT = 2 * 86_400


class StorageError(Exception):
    """The database file cannot be opened or used; the message says which file and why."""


class RoundAlreadyOpen(Exception):
    """The team has an open round; only one at a time."""


@dataclass(frozen=True)
class UserRecord:
    id: int
    first_name: str
    last_name: str | None
    username: str | None
    language_code: str | None
    reachable: bool


@dataclass(frozen=True)
class SavedAnswer:
    """What an answer changed: the manager's answers now, and whether this answer finished the round."""

    answers: dict[str, int | None]
    just_finished: bool


@dataclass(frozen=True)
class SavedCatalogue:
    """What ``Repository.save_team_catalogue`` did: the version stored (or the unchanged one in use), and
    the latest version before."""

    outcome: SaveOutcome
    version: CatalogueVersion | None
    previous: CatalogueVersion | None


@dataclass(frozen=True)
class Press:
    """What ``Repository.press_answer`` found and did."""

    round: Round | None
    participant: bool
    saved: SavedAnswer | None
    comments: dict[str, str]


_ROUND_COLUMNS = (
    "r.id, r.team_id, t.chat_id, r.token, r.catalogue_id, r.catalogue_version, r.anonymous, r.language, "
    "r.status, r.opened_by, r.opened_at, r.deadline_at, r.remind_at, r.reminded_at, r.closed_at, "
    "r.announcement_id, r.results_parts_sent, r.excluded_count, r.statement_ids, r.rerate_of, "
    "r.results_message_id, r.thread_id, r.catalogue_version_id"
)
_ROUND_FROM = "FROM rounds r JOIN teams t ON t.id = r.team_id"
_PARTICIPANT_COLUMNS = (
    "round_id, user_id, rater_label, display_name, joined_at, finished_at, last_statement_id, last_active_at"
)


def _round(row: sqlite3.Row | tuple) -> Round:
    return Round(
        id=row[0],
        team_id=row[1],
        chat_id=row[2],
        token=row[3],
        catalogue_id=row[4],
        catalogue_version=row[5],
        anonymous=bool(row[6]),
        language=row[7],
        status=RoundStatus(row[8]),
        opened_by=row[9],
        opened_at=row[10],
        deadline_at=row[11],
        remind_at=row[12],
        reminded_at=row[13],
        closed_at=row[14],
        announcement_id=row[15],
        results_parts_sent=row[16],
        excluded_count=row[17],
        statement_ids=tuple(json.loads(row[18])) if row[18] else None,
        rerate_of=row[19],
        results_message_id=row[20],
        thread_id=row[21],
        catalogue_version_id=row[22],
    )


def _participant(row: sqlite3.Row | tuple) -> Participant:
    return Participant(*row)


def _team(row: sqlite3.Row | tuple) -> Team:
    return Team(id=row[0], chat_id=row[1], title=row[2], language=row[3], bot_present=bool(row[4]))


#: Settings of the answer path's own connection, as ``schema.configure`` sets them for aiosqlite's.
QUICK_PRAGMAS = ("PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000")


class Repository:
    """Async access to the bot's database. Create with ``await Repository.open(path)``."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = asyncio.Lock()
        #: the answer path's own connection, used on the event loop's thread (see ``_on_the_loop``)
        self._quick = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        for pragma in QUICK_PRAGMAS:
            self._quick.execute(pragma)

    @classmethod
    async def open(cls, path: Path | str) -> Repository:
        """Open (creating or migrating) the database; a clear ``StorageError`` if that is impossible."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise StorageError(f"cannot open database {path}: the folder {path.parent} does not exist")
        try:
            db = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open database {path}: {exc}") from None
        try:
            await configure(db)
            await migrate(db)
            async with db.execute("PRAGMA quick_check") as cursor:
                check = await cursor.fetchone()
            if check is None or check[0] != "ok":
                raise StorageError(f"database {path} is damaged: {check[0] if check else 'no answer'}")
            await _probe_write(db)
        except SchemaError as exc:
            await db.close()
            raise StorageError(f"cannot use database {path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            await db.close()
            raise StorageError(f"cannot use database {path}: {exc}") from None
        except StorageError:
            await db.close()
            raise
        return cls(db, path)

    async def close(self) -> None:
        async with self._lock:
            self._quick.close()
            await self._db.close()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """All-or-nothing: the change is committed before the caller goes on to reply."""
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await self._db.rollback()
                raise
            await self._db.commit()

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            yield self._db

    async def _one(self, sql: str, params: Iterable[object] = ()) -> tuple | None:
        async with self._reading() as db, db.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def _all(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        async with self._reading() as db, db.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    # --- teams and users ------------------------------------------------------------------------------

    async def upsert_team(self, chat_id: int, title: str, now: float) -> Team:
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO teams (chat_id, title, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title",
                (chat_id, title, now),
            )
            async with db.execute(
                "SELECT id, chat_id, title, language, bot_present FROM teams WHERE chat_id = ?", (chat_id,)
            ) as cursor:
                row = await cursor.fetchone()
        assert row is not None
        return _team(row)

    async def team_by_chat(self, chat_id: int) -> Team | None:
        row = await self._one(
            "SELECT id, chat_id, title, language, bot_present FROM teams WHERE chat_id = ?", (chat_id,)
        )
        return _team(row) if row else None

    async def team(self, team_id: int) -> Team | None:
        row = await self._one(
            "SELECT id, chat_id, title, language, bot_present FROM teams WHERE id = ?", (team_id,)
        )
        return _team(row) if row else None

    async def set_team_language(self, team_id: int, language: str) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE teams SET language = ? WHERE id = ?", (language, team_id))
            await db.execute(
                "UPDATE rounds SET language = ? WHERE team_id = ? AND status IN ('open', 'closing')",
                (language, team_id),
            )

    async def set_bot_present(self, chat_id: int, present: bool) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE teams SET bot_present = ? WHERE chat_id = ?", (int(present), chat_id))

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its team, rounds and history follow the new chat id."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE teams SET chat_id = ? WHERE chat_id = ? "
                "AND NOT EXISTS (SELECT 1 FROM teams WHERE chat_id = ?)",
                (new_chat_id, old_chat_id, new_chat_id),
            )

    async def upsert_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        now: float,
    ) -> None:
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO users (id, first_name, last_name, username, language_code, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, "
                "last_name = excluded.last_name, username = excluded.username, "
                "language_code = COALESCE(excluded.language_code, users.language_code), "
                "updated_at = excluded.updated_at",
                (user_id, first_name, last_name, username, language_code, now),
            )

    async def user(self, user_id: int) -> UserRecord | None:
        row = await self._one(
            "SELECT id, first_name, last_name, username, language_code, reachable FROM users WHERE id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return UserRecord(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    async def set_reachable(self, user_id: int, reachable: bool) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE users SET reachable = ? WHERE id = ?", (int(reachable), user_id))

    async def unreachable_users(self, user_ids: Iterable[int]) -> set[int]:
        ids = list(user_ids)
        if not ids:
            return set()
        marks = ",".join("?" for _ in ids)
        rows = await self._all(f"SELECT id FROM users WHERE reachable = 0 AND id IN ({marks})", ids)
        return {row[0] for row in rows}

    # --- rounds ---------------------------------------------------------------------------------------

    async def open_round(
        self,
        *,
        team_id: int,
        token: str,
        catalogue_id: str,
        catalogue_version: str,
        anonymous: bool,
        language: str,
        opened_by: int,
        opened_at: float,
        deadline_at: float | None,
        remind_at: float | None,
        statement_ids: tuple[str, ...] | None = None,
        rerate_of: int | None = None,
        thread_id: int | None = None,
        catalogue_version_id: int | None = None,
    ) -> Round:
        """Insert a round; ``RoundAlreadyOpen`` if the team has one (a unique index guards races too).

        ``statement_ids``: ask only these statements of the catalogue (a re-check); None asks all.
        ``rerate_of``: the round whose disputed statements this one re-rates.
        ``thread_id``: the forum topic it was opened in.
        ``catalogue_version_id``: the stored version of the catalogue it asks (``catalogue_versions``).
        """
        try:
            async with self._transaction() as db:
                cursor = await db.execute(
                    "INSERT INTO rounds (team_id, token, catalogue_id, catalogue_version, anonymous, "
                    "language, status, opened_by, opened_at, deadline_at, remind_at, statement_ids, "
                    "rerate_of, thread_id, catalogue_version_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        team_id,
                        token,
                        catalogue_id,
                        catalogue_version,
                        int(anonymous),
                        language,
                        opened_by,
                        opened_at,
                        deadline_at,
                        remind_at,
                        json.dumps(list(statement_ids)) if statement_ids is not None else None,
                        rerate_of,
                        thread_id,
                        catalogue_version_id,
                    ),
                )
                round_id = cursor.lastrowid
        except sqlite3.IntegrityError as exc:
            if "rounds.team_id" in str(exc) or "rounds_one_open" in str(exc):
                raise RoundAlreadyOpen from None
            raise
        result = await self.round(round_id)  # type: ignore[arg-type]
        assert result is not None
        return result

    async def round(self, round_id: int) -> Round | None:
        row = await self._one(f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.id = ?", (round_id,))
        return _round(row) if row else None

    async def round_by_token(self, token: str) -> Round | None:
        row = await self._one(f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.token = ?", (token,))
        return _round(row) if row else None

    async def current_round(self, team_id: int) -> Round | None:
        """The team's open (or closing) round."""
        row = await self._one(
            f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.team_id = ? AND r.status IN ('open', 'closing')",
            (team_id,),
        )
        return _round(row) if row else None

    async def latest_closed_round(self, team_id: int, before: int | None = None) -> Round | None:
        """The team's most recent closed round (before round ``before`` if given)."""
        row = await self._one(
            f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.team_id = ? AND r.status = 'closed' "
            "AND (? IS NULL OR r.id < ?) ORDER BY r.closed_at DESC, r.id DESC LIMIT 1",
            (team_id, before, before),
        )
        return _round(row) if row else None

    async def rounds_with_status(self, status: RoundStatus) -> list[Round]:
        rows = await self._all(f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.status = ?", (status.value,))
        return [_round(row) for row in rows]

    async def forget_topic(self, chat_id: int, thread_id: int) -> int:
        """A forum topic was deleted: the rounds opened in it post to the General topic from now on."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE rounds SET thread_id = NULL WHERE thread_id = ? "
                "AND team_id IN (SELECT id FROM teams WHERE chat_id = ?)",
                (thread_id, chat_id),
            )
            return cursor.rowcount

    async def set_announcement(self, round_id: int, message_id: int) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE rounds SET announcement_id = ? WHERE id = ?", (message_id, round_id))

    async def begin_close(self, round_id: int, reason: str, now: float) -> bool:
        """open → closing, once: False if someone else closed or cancelled it first."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE rounds SET status = 'closing', close_reason = ?, closed_at = ? "
                "WHERE id = ? AND status = 'open'",
                (reason, now, round_id),
            )
            return cursor.rowcount == 1

    async def reopen(self, round_id: int) -> None:
        """closing → open, when a close turned out impossible (too few answers)."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE rounds SET status = 'open', close_reason = NULL, closed_at = NULL "
                "WHERE id = ? AND status = 'closing'",
                (round_id,),
            )

    async def set_excluded(self, round_id: int, user_ids: Iterable[int]) -> None:
        """Drop the answers of people who left the group, and remember how many were dropped."""
        ids = list(user_ids)
        async with self._transaction() as db:
            for user_id in ids:
                await db.execute(
                    "DELETE FROM participants WHERE round_id = ? AND user_id = ?", (round_id, user_id)
                )
            await db.execute(
                "UPDATE rounds SET excluded_count = excluded_count + ? WHERE id = ?", (len(ids), round_id)
            )

    async def set_results_message(self, round_id: int, message_id: int) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE rounds SET results_message_id = ? WHERE id = ?", (message_id, round_id))

    async def record_results_part(self, round_id: int, parts_sent: int) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE rounds SET results_parts_sent = ? WHERE id = ?", (parts_sent, round_id))

    async def finish_close(self, round_id: int) -> None:
        """closing → closed; in an anonymous round the link between ratings and people is cut here."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE rounds SET status = 'closed' WHERE id = ? AND status = 'closing'", (round_id,)
            )
            async with db.execute("SELECT anonymous FROM rounds WHERE id = ?", (round_id,)) as cursor:
                row = await cursor.fetchone()
            if row is not None and row[0]:
                async with db.execute(
                    "SELECT user_id FROM participants WHERE round_id = ?", (round_id,)
                ) as cursor:
                    users = [r[0] for r in await cursor.fetchall()]
                for user_id in users:
                    await _unlink(db, round_id, user_id)

    async def delete_user_data(self, user_id: int) -> tuple[int, int]:
        """/deletemydata: drop answers and comments in open rounds, remove the name from closed ones.

        Ratings of closed rounds stay, held by an anonymous manager, so the team's history still adds up.
        Returns (open rounds left, closed rounds anonymised).
        """
        async with self._transaction() as db:
            async with db.execute(
                "SELECT p.round_id, r.status FROM participants p JOIN rounds r ON r.id = p.round_id "
                "WHERE p.user_id = ?",
                (user_id,),
            ) as cursor:
                rows = list(await cursor.fetchall())
            left = anonymised = 0
            for round_id, status in rows:
                if status in ("open", "cancelled"):
                    await db.execute(
                        "DELETE FROM participants WHERE round_id = ? AND user_id = ?", (round_id, user_id)
                    )
                    left += 1
                else:
                    await _unlink(db, round_id, user_id)
                    anonymised += 1
            await db.execute("DELETE FROM users WHERE id = ?", (user_id,))
            await db.execute("DELETE FROM processed_messages WHERE chat_id = ?", (user_id,))
            # votes on priorities go; a lighthouse project they own keeps its title, not their name
            await db.execute("DELETE FROM poll_votes WHERE user_id = ?", (user_id,))
            await db.execute(
                "UPDATE lighthouses SET owner_id = NULL, owner_name = '' WHERE owner_id = ?", (user_id,)
            )
            await db.execute("UPDATE lighthouse_reviews SET status_by = NULL WHERE status_by = ?", (user_id,))
            # reasons they gave stay with the round's rater label, without them; nothing more is asked
            await db.execute(
                "UPDATE reason_questions SET status = 'expired' "
                "WHERE user_id = ? AND status IN ('waiting', 'asked')",
                (user_id,),
            )
            await db.execute("UPDATE reason_questions SET user_id = NULL WHERE user_id = ?", (user_id,))
            await db.execute("UPDATE beliefs SET created_by = NULL WHERE created_by = ?", (user_id,))
        return left, anonymised

    async def delete_rounds_before(self, cutoff: float) -> int:
        """Retention: delete rounds (with every answer and comment) opened before ``cutoff``."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM rounds WHERE opened_at < ? AND status IN ('closed', 'cancelled')", (cutoff,)
            )
            return cursor.rowcount

    async def cancel_round(self, round_id: int, now: float) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE rounds SET status = 'cancelled', closed_at = ?, close_reason = 'cancelled' "
                "WHERE id = ? AND status = 'open'",
                (now, round_id),
            )
            return cursor.rowcount == 1

    async def due_deadlines(self, now: float) -> list[Round]:
        """Open rounds past their deadline, in groups the bot is still in (a removed bot pauses a round)."""
        rows = await self._all(
            f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.status = 'open' AND r.deadline_at <= ? "
            "AND t.bot_present = 1",
            (now,),
        )
        return [_round(row) for row in rows]

    async def due_reminders(self, now: float) -> list[Round]:
        rows = await self._all(
            f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.status = 'open' AND r.reminded_at IS NULL "
            "AND r.remind_at <= ? AND t.bot_present = 1",
            (now,),
        )
        return [_round(row) for row in rows]

    async def clear_deadline(self, round_id: int) -> None:
        """A deadline passed with too few answers: the round stays open until the lead closes it."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE rounds SET deadline_at = NULL, remind_at = NULL WHERE id = ?", (round_id,)
            )

    async def mark_reminded(self, round_id: int, now: float) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE rounds SET reminded_at = ? WHERE id = ?", (now, round_id))

    # --- participants, answers, comments --------------------------------------------------------------

    async def join(
        self, round_id: int, user_id: int, display_name: str, now: float
    ) -> tuple[Participant, bool]:
        """The manager's participation, created on first join; returns (participant, newly joined)."""
        async with self._transaction() as db:
            async with db.execute(
                f"SELECT {_PARTICIPANT_COLUMNS} FROM participants WHERE round_id = ? AND user_id = ?",
                (round_id, user_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None:
                await db.execute(
                    "UPDATE participants SET last_active_at = ?, display_name = ? "
                    "WHERE round_id = ? AND user_id = ?",
                    (now, display_name, round_id, user_id),
                )
                return _participant(row), False
            async with db.execute(
                "SELECT COUNT(*) FROM participants WHERE round_id = ?", (round_id,)
            ) as cursor:
                count_row = await cursor.fetchone()
            label = f"m{(count_row[0] if count_row else 0) + 1}"
            await db.execute(
                "INSERT INTO participants "
                "(round_id, user_id, rater_label, display_name, joined_at, last_active_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (round_id, user_id, label, display_name, now, now),
            )
        participant = await self.participant(round_id, user_id)
        assert participant is not None
        return participant, True

    async def participant(self, round_id: int, user_id: int) -> Participant | None:
        row = await self._one(
            f"SELECT {_PARTICIPANT_COLUMNS} FROM participants WHERE round_id = ? AND user_id = ?",
            (round_id, user_id),
        )
        return _participant(row) if row else None

    async def participants(self, round_id: int) -> list[Participant]:
        rows = await self._all(
            f"SELECT {_PARTICIPANT_COLUMNS} FROM participants WHERE round_id = ? "
            "ORDER BY joined_at, rater_label",
            (round_id,),
        )
        return [_participant(row) for row in rows]

    async def active_participation(self, user_id: int) -> tuple[Round, Participant] | None:
        """The open round this manager worked on most recently: where a typed comment belongs."""
        row = await self._one(
            f"SELECT {_ROUND_COLUMNS}, p.last_active_at {_ROUND_FROM} "
            "JOIN participants p ON p.round_id = r.id "
            "WHERE p.user_id = ? AND r.status = 'open' ORDER BY p.last_active_at DESC LIMIT 1",
            (user_id,),
        )
        if row is None:
            return None
        round_ = _round(row)
        participant = await self.participant(round_.id, user_id)
        assert participant is not None
        return round_, participant

    async def press_answer(
        self,
        round_id: int,
        user_id: int,
        statement_id: str,
        level: int | None,
        now: float,
        statements_of: Callable[[Round], int | None],
    ) -> Press:
        """A pressed answer button, in one transaction on the event loop's own connection: the round and
        the participant are checked, the answer is stored (the latest press wins) and committed, and the
        manager's answers and comments are read back for the next view.

        ``statements_of(round)`` is how many statements the round's catalogue has, or None if
        ``statement_id`` is not one of them (nothing is stored then). ``Press.saved`` is None whenever
        nothing was stored; ``Press.round``/``Press.participant`` say why.
        """

        def work(conn: sqlite3.Connection) -> Press:
            row = conn.execute(
                f"SELECT {_ROUND_COLUMNS}, p.user_id IS NOT NULL, p.finished_at {_ROUND_FROM} "
                "LEFT JOIN participants p ON p.round_id = r.id AND p.user_id = ? WHERE r.id = ?",
                (user_id, round_id),
            ).fetchone()
            if row is None:
                return Press(None, False, None, {})
            round_, participant, finished_at = _round(row), bool(row[-2]), row[-1]
            total = statements_of(round_) if participant and round_.is_open else None
            if total is None:
                return Press(round_, participant, None, {})
            conn.execute(
                "INSERT INTO answers (round_id, user_id, statement_id, level, answered_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (round_id, user_id, statement_id) DO UPDATE SET level = excluded.level, "
                "answered_at = excluded.answered_at",
                (round_id, user_id, statement_id, level, now),
            )
            answers = dict(
                conn.execute(
                    "SELECT statement_id, level FROM answers WHERE round_id = ? AND user_id = ?",
                    (round_id, user_id),
                ).fetchall()
            )
            finished_now = finished_at is None and len(answers) >= total
            conn.execute(
                "UPDATE participants SET last_statement_id = ?, last_active_at = ?, "
                "finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE round_id = ? AND user_id = ?",
                (statement_id, now, int(finished_now), now, round_id, user_id),
            )
            comments = dict(
                conn.execute(
                    "SELECT statement_id, text FROM comments WHERE round_id = ? AND user_id = ?",
                    (round_id, user_id),
                ).fetchall()
            )
            return Press(round_, True, SavedAnswer(answers=answers, just_finished=finished_now), comments)

        return await self._on_the_loop(work)

    async def _on_the_loop(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work`` inside ``BEGIN IMMEDIATE … COMMIT`` right here, on the event loop's thread.

        A press is a handful of statements on a small indexed database: well under a millisecond of
        SQLite. Sent to aiosqlite's thread instead, every statement gave the GIL back and waited for it
        again behind the busy event loop, and under load all presses queued behind one another (figures in
        BENCHMARKS.md). Under the repository lock no other transaction of this process runs
        meanwhile, so SQLite never has to wait for a lock here; only another process (a backup) could make
        it wait, for at most the connection's 5 s timeout.
        """
        async with self._lock:
            conn = self._quick
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

    async def answers_of(self, round_id: int, user_id: int) -> dict[str, int | None]:
        rows = await self._all(
            "SELECT statement_id, level FROM answers WHERE round_id = ? AND user_id = ?", (round_id, user_id)
        )
        return {sid: level for sid, level in rows}

    async def round_answers(self, round_id: int) -> dict[int, dict[str, int | None]]:
        """user id -> statement id -> level (None = can't judge), for everyone in the round."""
        rows = await self._all(
            "SELECT user_id, statement_id, level FROM answers WHERE round_id = ? ORDER BY user_id",
            (round_id,),
        )
        result: dict[int, dict[str, int | None]] = {}
        for user_id, statement_id, level in rows:
            result.setdefault(user_id, {})[statement_id] = level
        return result

    async def save_comment(
        self,
        round_id: int,
        user_id: int,
        statement_id: str,
        text: str,
        now: float,
        max_length: int,
        *,
        message: tuple[int, int] | None = None,
    ) -> tuple[str, bool] | None:
        """Add ``text`` to the comment (a second text extends the first); None if the round is not open.

        Returns the whole comment and whether it extended an earlier one. Raises ``ValueError`` when the
        comment would exceed ``max_length`` characters (nothing is stored then). ``message`` is the
        (chat id, message id) of the text: a message seen before changes nothing, so a text Telegram
        delivers twice is added once (the answer is then as if it were the first time).
        """
        async with self._transaction() as db:
            async with db.execute(
                "SELECT c.text FROM participants p JOIN rounds r ON r.id = p.round_id "
                "LEFT JOIN comments c ON c.round_id = p.round_id AND c.user_id = p.user_id "
                "AND c.statement_id = ? "
                "WHERE p.round_id = ? AND p.user_id = ? AND r.status = 'open'",
                (statement_id, round_id, user_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            earlier = row[0]
            if message is not None:
                await db.execute(
                    "DELETE FROM processed_messages WHERE chat_id = ? AND handled_at < ?",
                    (message[0], now - PROCESSED_MESSAGES_KEPT),
                )
                cursor = await db.execute(
                    "INSERT OR IGNORE INTO processed_messages (chat_id, message_id, handled_at) "
                    "VALUES (?, ?, ?)",
                    (message[0], message[1], now),
                )
                if cursor.rowcount == 0:
                    return earlier or "", bool(earlier) and earlier != text
            combined = f"{earlier}\n{text}" if earlier else text
            if len(combined) > max_length:
                raise ValueError(len(combined))
            await db.execute(
                "INSERT INTO comments (round_id, user_id, statement_id, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (round_id, user_id, statement_id) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at",
                (round_id, user_id, statement_id, combined, now),
            )
            await db.execute(
                "UPDATE participants SET last_active_at = ? WHERE round_id = ? AND user_id = ?",
                (now, round_id, user_id),
            )
        return combined, earlier is not None

    async def delete_comment(self, round_id: int, user_id: int, statement_id: str) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM comments WHERE round_id = ? AND user_id = ? AND statement_id = ? "
                "AND EXISTS (SELECT 1 FROM rounds WHERE id = ? AND status = 'open')",
                (round_id, user_id, statement_id, round_id),
            )
            return cursor.rowcount == 1

    async def comments_of(self, round_id: int, user_id: int) -> dict[str, str]:
        rows = await self._all(
            "SELECT statement_id, text FROM comments WHERE round_id = ? AND user_id = ?", (round_id, user_id)
        )
        return dict(rows)

    async def round_comments(self, round_id: int) -> dict[tuple[int, str], str]:
        rows = await self._all(
            "SELECT user_id, statement_id, text FROM comments WHERE round_id = ?", (round_id,)
        )
        return {(user_id, statement_id): text for user_id, statement_id, text in rows}

    async def closed_rounds(self, team_id: int) -> list[Round]:
        """The team's closed rounds, oldest first (history, canvas, export)."""
        rows = await self._all(
            f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.team_id = ? AND r.status = 'closed' "
            "ORDER BY r.closed_at, r.id",
            (team_id,),
        )
        return [_round(row) for row in rows]

    # --- the priority poll ------------------------------------------------------------------------------

    async def create_priority_poll(
        self,
        round_id: int,
        options: Iterable[PollOption],
        *,
        anonymous: bool,
        opened_at: float,
        closes_at: float | None,
    ) -> PriorityPoll | None:
        """The round's poll, recorded before it is sent; None if the round has one already."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "INSERT INTO priority_polls (round_id, options, anonymous, opened_at, closes_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id) DO NOTHING",
                (
                    round_id,
                    json.dumps([[o.statement_id, o.kind] for o in options]),
                    int(anonymous),
                    opened_at,
                    closes_at,
                ),
            )
            created = cursor.rowcount == 1
        return await self.priority_poll_of_round(round_id) if created else None

    async def set_poll_sent(self, poll_row: int, poll_id: str, message_id: int) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE priority_polls SET poll_id = ?, message_id = ? WHERE id = ?",
                (poll_id, message_id, poll_row),
            )

    async def priority_poll_of_round(self, round_id: int) -> PriorityPoll | None:
        row = await self._one(f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE p.round_id = ?", (round_id,))
        return _poll(row) if row else None

    async def priority_poll_by_telegram_id(self, poll_id: str) -> PriorityPoll | None:
        row = await self._one(f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE p.poll_id = ?", (poll_id,))
        return _poll(row) if row else None

    async def latest_priority_poll(self, team_id: int) -> PriorityPoll | None:
        """The team's most recent poll (of its latest round that has one)."""
        row = await self._one(
            f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE r.team_id = ? ORDER BY p.opened_at DESC, p.id DESC "
            "LIMIT 1",
            (team_id,),
        )
        return _poll(row) if row else None

    async def unsent_priority_polls(self) -> list[PriorityPoll]:
        """Polls recorded but not sent (Telegram failed, or a crash between the two), to try again."""
        rows = await self._all(
            f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE p.message_id IS NULL AND p.closed_at IS NULL "
            "AND t.bot_present = 1"
        )
        return [_poll(row) for row in rows]

    async def due_priority_polls(self, now: float) -> list[PriorityPoll]:
        """Open polls whose time is up, in groups the bot is still in."""
        rows = await self._all(
            f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE p.message_id IS NOT NULL AND p.closed_at IS NULL "
            "AND p.closes_at <= ? AND t.bot_present = 1",
            (now,),
        )
        return [_poll(row) for row in rows]

    async def record_poll_answer(
        self, poll_row: int, user_id: int, option_ids: Iterable[int], now: float
    ) -> bool:
        """A member's votes (all of them, as Telegram sends them); no options = the vote was retracted.

        False when the poll is closed: a late answer changes nothing.
        """
        chosen = sorted(set(option_ids))
        async with self._transaction() as db:
            async with db.execute(
                "SELECT closed_at IS NULL FROM priority_polls WHERE id = ?", (poll_row,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None or not row[0]:
                return False
            if chosen:
                await db.execute(
                    "INSERT INTO poll_votes (poll_id, user_id, option_ids, voted_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (poll_id, user_id) DO UPDATE SET option_ids = excluded.option_ids, "
                    "voted_at = excluded.voted_at",
                    (poll_row, user_id, json.dumps(chosen), now),
                )
            else:
                await db.execute(
                    "DELETE FROM poll_votes WHERE poll_id = ? AND user_id = ?", (poll_row, user_id)
                )
        return True

    async def set_poll_counts(self, poll_row: int, counts: Iterable[int]) -> None:
        """The latest voter counts Telegram reported (the only record of an anonymous poll's votes)."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE priority_polls SET counts = ? WHERE id = ? AND closed_at IS NULL",
                (json.dumps(list(counts)), poll_row),
            )

    async def poll_votes(self, poll_row: int) -> dict[int, tuple[int, ...]]:
        """Voter -> chosen option indices, for polls with voters' names."""
        rows = await self._all("SELECT user_id, option_ids FROM poll_votes WHERE poll_id = ?", (poll_row,))
        return {user_id: tuple(json.loads(options)) for user_id, options in rows}

    async def close_priority_poll(
        self, poll_row: int, now: float, counts: Iterable[int] | None = None
    ) -> bool:
        """Mark the poll ended (with Telegram's final counts if known); False if it had ended already."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE priority_polls SET closed_at = ?, counts = COALESCE(?, counts) "
                "WHERE id = ? AND closed_at IS NULL",
                (now, json.dumps(list(counts)) if counts is not None else None, poll_row),
            )
            return cursor.rowcount == 1

    async def unposted_rankings(self) -> list[PriorityPoll]:
        """Ended polls whose ranking Telegram has not taken yet, in groups the bot is in."""
        rows = await self._all(
            f"SELECT {_POLL_COLUMNS} {_POLL_FROM} WHERE p.closed_at IS NOT NULL "
            "AND p.ranking_posted_at IS NULL AND t.bot_present = 1"
        )
        return [_poll(row) for row in rows]

    async def user_by_username(self, username: str) -> UserRecord | None:
        """Someone who spoke to the bot, by their @username (case-insensitive, as Telegram treats it)."""
        row = await self._one(
            "SELECT id, first_name, last_name, username, language_code, reachable FROM users "
            "WHERE lower(username) = lower(?) ORDER BY updated_at DESC LIMIT 1",
            (username.lstrip("@"),),
        )
        return UserRecord(row[0], row[1], row[2], row[3], row[4], bool(row[5])) if row else None

    async def mark_ranking_posted(self, poll_row: int, now: float) -> None:
        async with self._transaction() as db:
            await db.execute("UPDATE priority_polls SET ranking_posted_at = ? WHERE id = ?", (now, poll_row))

    # --- the lighthouse project -------------------------------------------------------------------------

    async def set_lighthouse(
        self,
        *,
        team_id: int,
        round_id: int | None,
        catalogue_id: str,
        title: str,
        goal: str | None,
        owner_id: int | None,
        owner_name: str,
        statement_ids: Iterable[str],
        created_by: int,
        now: float,
        reviews: Iterable[tuple[int, float]],
    ) -> Lighthouse:
        """Record the team's lighthouse project with its review dates (months, due); it replaces the
        current one, whose reviews not yet reminded are dropped."""
        async with self._transaction() as db:
            await db.execute(
                "DELETE FROM lighthouse_reviews WHERE reminded_at IS NULL AND lighthouse_id IN "
                "(SELECT id FROM lighthouses WHERE team_id = ? AND replaced_at IS NULL)",
                (team_id,),
            )
            await db.execute(
                "UPDATE lighthouses SET replaced_at = ? WHERE team_id = ? AND replaced_at IS NULL",
                (now, team_id),
            )
            cursor = await db.execute(
                "INSERT INTO lighthouses (team_id, round_id, catalogue_id, title, goal, owner_id, "
                "owner_name, statement_ids, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    team_id,
                    round_id,
                    catalogue_id,
                    title,
                    goal,
                    owner_id,
                    owner_name,
                    json.dumps(list(statement_ids)),
                    created_by,
                    now,
                ),
            )
            lighthouse_id = cursor.lastrowid
            await db.executemany(
                "INSERT INTO lighthouse_reviews (lighthouse_id, months, due_at) VALUES (?, ?, ?)",
                [(lighthouse_id, months, due) for months, due in reviews],
            )
        result = await self.current_lighthouse(team_id)
        assert result is not None
        return result

    async def current_lighthouse(self, team_id: int) -> Lighthouse | None:
        row = await self._one(
            f"SELECT {_LIGHTHOUSE_COLUMNS} {_LIGHTHOUSE_FROM} WHERE l.team_id = ? AND l.replaced_at IS NULL",
            (team_id,),
        )
        return await self._with_reviews(row) if row else None

    async def lighthouse(self, lighthouse_id: int) -> Lighthouse | None:
        row = await self._one(
            f"SELECT {_LIGHTHOUSE_COLUMNS} {_LIGHTHOUSE_FROM} WHERE l.id = ?", (lighthouse_id,)
        )
        return await self._with_reviews(row) if row else None

    async def _with_reviews(self, row: tuple) -> Lighthouse:
        rows = await self._all(
            f"SELECT {_REVIEW_COLUMNS} FROM lighthouse_reviews WHERE lighthouse_id = ? ORDER BY due_at",
            (row[0],),
        )
        return _lighthouse(row, tuple(Review(*r) for r in rows))

    async def due_reviews(self, now: float) -> list[tuple[Lighthouse, Review]]:
        """Due reviews of current lighthouse projects not yet reminded, in groups the bot is in."""
        rows = await self._all(
            "SELECT v.lighthouse_id, v.months FROM lighthouse_reviews v "
            "JOIN lighthouses l ON l.id = v.lighthouse_id JOIN teams t ON t.id = l.team_id "
            "WHERE v.reminded_at IS NULL AND v.due_at <= ? AND l.replaced_at IS NULL AND t.bot_present = 1 "
            "ORDER BY v.due_at",
            (now,),
        )
        due: list[tuple[Lighthouse, Review]] = []
        for lighthouse_id, months in rows:
            lighthouse = await self.lighthouse(lighthouse_id)
            if lighthouse is not None:
                due += [(lighthouse, r) for r in lighthouse.reviews if r.months == months]
        return due

    async def mark_review_reminded(
        self, lighthouse_id: int, months: int, now: float, message_id: int | None
    ) -> bool:
        """Remember that the review was announced (and by which message the owner replies); False if it
        was announced already."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE lighthouse_reviews SET reminded_at = ?, message_id = ? "
                "WHERE lighthouse_id = ? AND months = ? AND reminded_at IS NULL",
                (now, message_id, lighthouse_id, months),
            )
            return cursor.rowcount == 1

    async def review_by_message(self, team_id: int, message_id: int) -> tuple[Lighthouse, Review] | None:
        """The review whose reminder is the message ``message_id`` in the team's group."""
        row = await self._one(
            "SELECT v.lighthouse_id, v.months FROM lighthouse_reviews v "
            "JOIN lighthouses l ON l.id = v.lighthouse_id WHERE l.team_id = ? AND v.message_id = ?",
            (team_id, message_id),
        )
        if row is None:
            return None
        lighthouse = await self.lighthouse(row[0])
        if lighthouse is None:
            return None
        review = next(r for r in lighthouse.reviews if r.months == row[1])
        return lighthouse, review

    async def record_review_status(
        self, lighthouse_id: int, months: int, text: str, user_id: int, now: float
    ) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE lighthouse_reviews SET status_text = ?, status_by = ?, status_at = ? "
                "WHERE lighthouse_id = ? AND months = ?",
                (text, user_id, now, lighthouse_id, months),
            )

    # --- reasons and beliefs ----------------------------------------------------------------------------

    async def plan_reasons(
        self,
        round_id: int,
        due_at: float,
        questions: Iterable[tuple[int, Question]],
        not_asked: Sequence[str],
    ) -> bool:
        """Record whom to ask why about a closed round; False if its reasons were planned already.

        ``questions``: (user id, question) in asking order. Recorded before the round's close is finished,
        while an anonymous round still knows who rated what.
        """
        async with self._transaction() as db:
            cursor = await db.execute(
                "INSERT OR IGNORE INTO reason_rounds (round_id, due_at, not_asked) VALUES (?, ?, ?)",
                (round_id, due_at, json.dumps(list(not_asked))),
            )
            if cursor.rowcount != 1:
                return False
            await db.executemany(
                "INSERT INTO reason_questions (round_id, user_id, rater_label, statement_id, side, "
                "own_level, others, statement_rank, position, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting')",
                [
                    (
                        round_id,
                        user_id,
                        q.rater,
                        q.statement_id,
                        q.side.value,
                        q.own,
                        json.dumps(list(q.others)),
                        q.statement_rank,
                        q.position,
                    )
                    for user_id, q in questions
                ],
            )
        return True

    async def reason_round(self, round_id: int) -> ReasonRound | None:
        row = await self._one(
            f"SELECT {_REASON_ROUND_COLUMNS} FROM reason_rounds WHERE round_id = ?", (round_id,)
        )
        return _reason_round(row) if row else None

    async def reason_questions(self, round_id: int) -> list[ReasonQuestion]:
        """Every question of a round, most disputed statement first, then in asking order."""
        rows = await self._all(
            f"SELECT {_QUESTION_COLUMNS} FROM reason_questions q WHERE round_id = ? "
            "ORDER BY statement_rank, side, rater_label",
            (round_id,),
        )
        return [_question(row) for row in rows]

    async def reason_question(self, question_id: int) -> ReasonQuestion | None:
        row = await self._one(
            f"SELECT {_QUESTION_COLUMNS} FROM reason_questions q WHERE id = ?", (question_id,)
        )
        return _question(row) if row else None

    async def questions_to_send(self, round_id: int | None = None) -> list[ReasonQuestion]:
        """For each manager with nothing open, their next waiting question, in rounds still collecting.

        This is the schedule: after a restart it finds every question that was planned and not sent."""
        rows = await self._all(
            f"SELECT {_QUESTION_COLUMNS} FROM reason_questions q "
            "JOIN reason_rounds rr ON rr.round_id = q.round_id "
            "WHERE rr.posted_at IS NULL AND q.status = 'waiting' AND q.user_id IS NOT NULL "
            "AND (? IS NULL OR q.round_id = ?) "
            "AND NOT EXISTS (SELECT 1 FROM reason_questions o WHERE o.round_id = q.round_id "
            "AND o.user_id = q.user_id AND o.status = 'asked') "
            "AND q.position = (SELECT MIN(w.position) FROM reason_questions w WHERE w.round_id = q.round_id "
            "AND w.user_id = q.user_id AND w.status = 'waiting') ORDER BY q.round_id, q.id",
            (round_id, round_id),
        )
        return [_question(row) for row in rows]

    async def mark_question_asked(self, question_id: int, message_id: int, now: float) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE reason_questions SET status = 'asked', message_id = ?, asked_at = ? "
                "WHERE id = ? AND status = 'waiting'",
                (message_id, now, question_id),
            )

    async def settle_question(self, question_id: int, status: QuestionStatus) -> bool:
        """A question skipped, or its manager unreachable: nothing more is expected of it."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE reason_questions SET status = ? WHERE id = ? AND status IN ('waiting', 'asked')",
                (status.value, question_id),
            )
            return cursor.rowcount == 1

    async def settle_questions_of(self, round_id: int, user_id: int, status: QuestionStatus) -> int:
        """Every open and waiting question of a manager in a round ("stop asking me", or unreachable);
        returns how many."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE reason_questions SET status = ? "
                "WHERE round_id = ? AND user_id = ? AND status IN ('waiting', 'asked')",
                (status.value, round_id, user_id),
            )
            return cursor.rowcount

    async def open_question_of(self, user_id: int) -> ReasonQuestion | None:
        """The question a manager's next text answers: the one sent last, in a round still collecting."""
        row = await self._one(
            f"SELECT {_QUESTION_COLUMNS} FROM reason_questions q "
            "JOIN reason_rounds rr ON rr.round_id = q.round_id "
            "WHERE q.user_id = ? AND q.status = 'asked' AND rr.posted_at IS NULL "
            "ORDER BY q.asked_at DESC, q.id DESC LIMIT 1",
            (user_id,),
        )
        return _question(row) if row else None

    async def question_by_message(self, user_id: int, message_id: int) -> ReasonQuestion | None:
        """The question a reply in the private chat refers to (its own message)."""
        row = await self._one(
            f"SELECT {_QUESTION_COLUMNS} FROM reason_questions q WHERE user_id = ? AND message_id = ?",
            (user_id, message_id),
        )
        return _question(row) if row else None

    async def save_reason(self, question_id: int, text: str, now: float) -> bool:
        """Store (or replace) a reason while the round's reasons are not posted; False once they are.

        A question skipped (or stopped) can still be answered by replying to it: the manager changed their
        mind, and the reason is worth more than the skip."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE reason_questions SET reason = ?, answered_at = ?, status = 'answered' "
                "WHERE id = ? AND status IN ('asked', 'answered', 'skipped', 'stopped') AND round_id IN "
                "(SELECT round_id FROM reason_rounds WHERE posted_at IS NULL)",
                (text, now, question_id),
            )
            return cursor.rowcount == 1

    async def collecting_reason_rounds(self) -> list[ReasonRound]:
        """Reason rounds whose reasons are not posted yet."""
        rows = await self._all(f"SELECT {_REASON_ROUND_COLUMNS} FROM reason_rounds WHERE posted_at IS NULL")
        return [_reason_round(row) for row in rows]

    async def finish_reasons(self, round_id: int, message_id: int | None, now: float) -> bool:
        """The reasons are posted: nothing more is asked or changed, and in an anonymous round nothing ties a
        reason to a person any more. False if they had been posted already."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE reason_rounds SET posted_at = ?, message_id = ? "
                "WHERE round_id = ? AND posted_at IS NULL",
                (now, message_id, round_id),
            )
            if cursor.rowcount != 1:
                return False
            await db.execute(
                "UPDATE reason_questions SET status = 'expired' WHERE round_id = ? "
                "AND status IN ('waiting', 'asked')",
                (round_id,),
            )
            await db.execute(
                "UPDATE reason_questions SET user_id = NULL WHERE round_id = ? "
                "AND (SELECT anonymous FROM rounds WHERE id = ?)",
                (round_id, round_id),
            )
        return True

    async def add_belief(
        self,
        *,
        team_id: int,
        round_id: int | None,
        catalogue_id: str,
        statement_id: str,
        text: str,
        created_by: int | None,
        now: float,
    ) -> Belief:
        async with self._transaction() as db:
            cursor = await db.execute(
                "INSERT INTO beliefs (team_id, round_id, catalogue_id, statement_id, text, created_by, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (team_id, round_id, catalogue_id, statement_id, text, created_by, now),
            )
            belief_id = cursor.lastrowid
        belief = await self.belief(belief_id)  # type: ignore[arg-type]
        assert belief is not None
        return belief

    async def belief(self, belief_id: int) -> Belief | None:
        row = await self._one(
            f"SELECT {_BELIEF_COLUMNS} FROM beliefs WHERE id = ? AND deleted_at IS NULL", (belief_id,)
        )
        return Belief(*row) if row else None

    async def beliefs(self, team_id: int) -> list[Belief]:
        """The team's beliefs, newest first."""
        rows = await self._all(
            f"SELECT {_BELIEF_COLUMNS} FROM beliefs WHERE team_id = ? AND deleted_at IS NULL "
            "ORDER BY created_at DESC, id DESC",
            (team_id,),
        )
        return [Belief(*row) for row in rows]

    async def delete_belief(self, belief_id: int, now: float) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE beliefs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (now, belief_id)
            )
            return cursor.rowcount == 1

    # --- catalogue versions -------------------------------------------------------------------------------

    async def save_team_catalogue(
        self, team_id: int, catalogue: Catalogue, source: str, now: float
    ) -> SavedCatalogue:
        """A team's upload as the next version of its catalogue ``catalogue.id``, numbered 1, 2, 3 …

        Nothing is stored when it is the version in use already (``UNCHANGED``), or when a limit would
        be passed (``MAX_OWN_CATALOGUES`` in use, ``MAX_VERSIONS`` of one id). Uploading a retired
        catalogue again makes it usable again, as a new version.
        """
        content = digest(catalogue)
        async with self._transaction() as db:
            async with db.execute(
                f"SELECT {_VERSION_COLUMNS}, digest FROM catalogue_versions "
                "WHERE team_id = ? AND catalogue_id = ? ORDER BY number DESC LIMIT 1",
                (team_id, catalogue.id),
            ) as cursor:
                row = await cursor.fetchone()
            latest = _version(row) if row else None
            if latest is not None and not latest.retired and row is not None and row[-1] == content:
                return SavedCatalogue(SaveOutcome.UNCHANGED, latest, latest)
            if latest is None or latest.retired:
                async with db.execute(
                    f"SELECT COUNT(*) FROM catalogue_versions v WHERE v.team_id = ? AND {_LATEST} "
                    "AND v.retired_at IS NULL",
                    (team_id,),
                ) as cursor:
                    in_use = await cursor.fetchone()
                if in_use is not None and in_use[0] >= MAX_OWN_CATALOGUES:
                    return SavedCatalogue(SaveOutcome.TOO_MANY_CATALOGUES, None, latest)
            if latest is not None and latest.number >= MAX_VERSIONS:
                return SavedCatalogue(SaveOutcome.TOO_MANY_VERSIONS, None, latest)
            number = (latest.number if latest else 0) + 1
            cursor = await db.execute(
                "INSERT INTO catalogue_versions (team_id, catalogue_id, number, version, title_de, title_en, "
                "languages, statements, source, digest, body, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    team_id,
                    catalogue.id,
                    number,
                    str(number),
                    catalogue.title.de,
                    catalogue.title.en,
                    json.dumps(catalogue.languages),
                    len(catalogue.statements),
                    source,
                    content,
                    serialise(catalogue, str(number)),
                    now,
                ),
            )
            new_row = cursor.lastrowid
        version = await self.catalogue_version(new_row)  # type: ignore[arg-type]
        assert version is not None
        return SavedCatalogue(SaveOutcome.NEW, version, latest)

    async def builtin_snapshot(self, catalogue: Catalogue, now: float) -> CatalogueVersion:
        """The stored version of a built-in catalogue as it is now: stored the first time a round uses
        this content, found again afterwards."""
        content = digest(catalogue)
        async with self._transaction() as db:
            await db.execute(
                "INSERT OR IGNORE INTO catalogue_versions (team_id, catalogue_id, number, version, "
                "title_de, title_en, languages, statements, source, digest, body, created_at) "
                "SELECT NULL, ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, 'builtin', ?, ?, ? "
                "FROM catalogue_versions WHERE team_id IS NULL AND catalogue_id = ?",
                (
                    catalogue.id,
                    catalogue.version,
                    catalogue.title.de,
                    catalogue.title.en,
                    json.dumps(catalogue.languages),
                    len(catalogue.statements),
                    content,
                    serialise(catalogue),
                    now,
                    catalogue.id,
                ),
            )
            async with db.execute(
                f"SELECT {_VERSION_COLUMNS} FROM catalogue_versions "
                "WHERE team_id IS NULL AND catalogue_id = ? AND digest = ?",
                (catalogue.id, content),
            ) as cursor:
                row = await cursor.fetchone()
        assert row is not None
        return _version(row)

    async def catalogue_version(self, row: int) -> CatalogueVersion | None:
        found = await self._one(f"SELECT {_VERSION_COLUMNS} FROM catalogue_versions WHERE id = ?", (row,))
        return _version(found) if found else None

    def catalogue_body_now(self, row: int) -> str | None:
        """The stored catalogue of a version, read at once on the event loop's own connection.

        For ``Services.catalogue_of``, which every handler calls without awaiting: one indexed read of a
        row that never changes, once per version and process (the catalogue is kept after that). In WAL
        mode it never waits for a writer; no transaction of that connection is ever left open across an
        await, so it sees only committed versions.
        """
        found = self._quick.execute("SELECT body FROM catalogue_versions WHERE id = ?", (row,)).fetchone()
        return found[0] if found else None

    async def team_catalogues(self, team_id: int) -> list[CatalogueVersion]:
        """The latest version of each of the team's own catalogues (retired ones too), by id."""
        rows = await self._all(
            f"SELECT {_VERSION_COLUMNS} FROM catalogue_versions v WHERE v.team_id = ? AND {_LATEST} "
            "ORDER BY v.catalogue_id",
            (team_id,),
        )
        return [_version(row) for row in rows]

    async def team_catalogue(self, team_id: int, catalogue_id: str) -> CatalogueVersion | None:
        """The latest version of one of the team's own catalogues (retired or not)."""
        row = await self._one(
            f"SELECT {_VERSION_COLUMNS} FROM catalogue_versions WHERE team_id = ? AND catalogue_id = ? "
            "ORDER BY number DESC LIMIT 1",
            (team_id, catalogue_id),
        )
        return _version(row) if row else None

    async def retire_catalogue(self, team_id: int, catalogue_id: str, now: float) -> bool:
        """No new rounds on it; rounds already run keep their version. False if it was not in use."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE catalogue_versions SET retired_at = ? "
                "WHERE team_id = ? AND catalogue_id = ? AND retired_at IS NULL",
                (now, team_id, catalogue_id),
            )
            return cursor.rowcount > 0


_POLL_COLUMNS = (
    "p.id, p.round_id, r.team_id, t.chat_id, p.options, p.anonymous, p.opened_at, p.closes_at, p.poll_id, "
    "p.message_id, p.counts, p.closed_at, p.ranking_posted_at"
)
_POLL_FROM = "FROM priority_polls p JOIN rounds r ON r.id = p.round_id JOIN teams t ON t.id = r.team_id"
_LIGHTHOUSE_COLUMNS = (
    "l.id, l.team_id, t.chat_id, l.round_id, l.catalogue_id, l.title, l.goal, l.owner_id, l.owner_name, "
    "l.statement_ids, l.created_by, l.created_at"
)
_LIGHTHOUSE_FROM = "FROM lighthouses l JOIN teams t ON t.id = l.team_id"
_REVIEW_COLUMNS = "lighthouse_id, months, due_at, reminded_at, message_id, status_text, status_by, status_at"


_REASON_ROUND_COLUMNS = "round_id, due_at, not_asked, posted_at, message_id"
_QUESTION_COLUMNS = (
    "q.id, q.round_id, q.user_id, q.rater_label, q.statement_id, q.side, q.own_level, q.others, "
    "q.statement_rank, q.position, q.status, q.message_id, q.asked_at, q.reason, q.answered_at"
)
_BELIEF_COLUMNS = "id, team_id, round_id, catalogue_id, statement_id, text, created_by, created_at"
_VERSION_COLUMNS = (
    "id, team_id, catalogue_id, number, version, title_de, title_en, languages, statements, source, "
    "created_at, retired_at"
)
#: the row of ``v`` is the latest version of its team's catalogue id
_LATEST = (
    "v.number = (SELECT MAX(w.number) FROM catalogue_versions w "
    "WHERE w.team_id = v.team_id AND w.catalogue_id = v.catalogue_id)"
)


def _version(row: tuple) -> CatalogueVersion:
    return CatalogueVersion(
        row=row[0],
        team_id=row[1],
        catalogue_id=row[2],
        number=row[3],
        version=row[4],
        title=Text(de=row[5], en=row[6]),
        languages=tuple(json.loads(row[7])),
        statements=row[8],
        source=row[9],
        created_at=row[10],
        retired_at=row[11],
    )


def _reason_round(row: tuple) -> ReasonRound:
    return ReasonRound(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4])


def _question(row: tuple) -> ReasonQuestion:
    return ReasonQuestion(
        id=row[0],
        round_id=row[1],
        user_id=row[2],
        rater=row[3],
        statement_id=row[4],
        side=Side(row[5]),
        own=row[6],
        others=tuple(json.loads(row[7])),
        statement_rank=row[8],
        position=row[9],
        status=QuestionStatus(row[10]),
        message_id=row[11],
        asked_at=row[12],
        reason=row[13],
        answered_at=row[14],
    )


def _poll(row: tuple) -> PriorityPoll:
    return PriorityPoll(
        id=row[0],
        round_id=row[1],
        team_id=row[2],
        chat_id=row[3],
        options=tuple(PollOption(statement_id, kind) for statement_id, kind in json.loads(row[4])),
        anonymous=bool(row[5]),
        opened_at=row[6],
        closes_at=row[7],
        poll_id=row[8],
        message_id=row[9],
        counts=tuple(json.loads(row[10])) if row[10] else None,
        closed_at=row[11],
        ranking_posted_at=row[12],
    )


def _lighthouse(row: tuple, reviews: tuple[Review, ...]) -> Lighthouse:
    return Lighthouse(
        id=row[0],
        team_id=row[1],
        chat_id=row[2],
        round_id=row[3],
        catalogue_id=row[4],
        title=row[5],
        goal=row[6],
        owner_id=row[7],
        owner_name=row[8],
        statement_ids=tuple(json.loads(row[9])),
        created_by=row[10],
        created_at=row[11],
        reviews=reviews,
    )


async def _probe_write(db: aiosqlite.Connection) -> None:
    """Fail at start, not at the first answer, when the file cannot be written (read-only, immutable).

    SQLite opens such a file read-only without complaint; rewriting the schema version is the smallest
    real write, and it changes nothing.
    """
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    await db.execute("BEGIN IMMEDIATE")
    try:
        # PRAGMA takes no parameters; version is an int read from the file
        await db.execute(f"PRAGMA user_version = {version}")
        await db.commit()
    except sqlite3.Error:
        await db.rollback()
        raise


async def _unlink(db: aiosqlite.Connection, round_id: int, user_id: int) -> None:
    """Replace a participant's user id by a fresh negative number and drop their name.

    Ratings and comments stay with the round's rater label, but nothing ties them to a person any more.
    Foreign keys are checked at commit, so parent and children can be renumbered in one transaction.
    """
    await db.execute("PRAGMA defer_foreign_keys = ON")
    async with db.execute("SELECT COALESCE(MIN(user_id), 0) FROM participants") as cursor:
        row = await cursor.fetchone()
    pseudonym = min(int(row[0]) if row else 0, 0) - 1
    for table in ("participants", "answers", "comments"):
        await db.execute(
            f"UPDATE {table} SET user_id = ? WHERE round_id = ? AND user_id = ?",  # table from a fixed tuple
            (pseudonym, round_id, user_id),
        )
    await db.execute(
        "UPDATE participants SET display_name = '' WHERE round_id = ? AND user_id = ?", (round_id, pseudonym)
    )


@dataclass(frozen=True)
class DatabaseHealth:
    """What ``maturity-bot check`` learns of a database file without migrating or changing it."""

    path: Path
    exists: bool
    #: ``PRAGMA user_version``; None when the file does not exist or cannot be read
    version: int | None = None
    #: SQLite's quick_check: "ok", or what is damaged
    integrity: str | None = None
    #: None when it can be written; else why not
    not_writable: str | None = None
    #: the file cannot be used at all (not a database, cannot be opened), why
    unusable: str | None = None
    teams: tuple[Team, ...] = ()


def inspect_database(path: Path | str) -> DatabaseHealth:
    """Read a database's schema version, integrity and teams, and try a write that changes nothing.

    The write is the one ``Repository.open`` makes at start (the schema version set to itself), inside a
    transaction: it fails on a read-only or immutable file, and takes SQLite's write lock only for an
    instant, so it is safe while the bot runs (a container's health check runs it every half minute).
    """
    path = Path(path)
    if not path.exists():
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            return DatabaseHealth(path, False, unusable=f"the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            return DatabaseHealth(path, False, not_writable=f"the folder {folder} is not writable")
        return DatabaseHealth(path, False)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5.0, isolation_level=None)
    except sqlite3.Error as exc:
        return DatabaseHealth(path, True, unusable=f"cannot open: {exc}")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        integrity = str(connection.execute("PRAGMA quick_check").fetchone()[0])
        not_writable = None
        try:
            connection.execute("BEGIN IMMEDIATE")
            # PRAGMA takes no parameters; version is an int read from the file
            connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("ROLLBACK")
        except sqlite3.Error as exc:
            not_writable = str(exc)
        teams: tuple[Team, ...] = ()
        if version >= 1 and integrity == "ok":
            rows = connection.execute(
                "SELECT id, chat_id, title, language, bot_present FROM teams ORDER BY id"
            ).fetchall()
            teams = tuple(_team(row) for row in rows)
    except sqlite3.DatabaseError as exc:
        return DatabaseHealth(path, True, unusable=str(exc))
    finally:
        connection.close()
    return DatabaseHealth(path, True, version, integrity, not_writable, teams=teams)


def backup_database(source: Path | str, target: Path | str) -> int:
    """A consistent copy of a live database with SQLite's online backup; returns the pages copied.

    Safe while the bot runs: the backup API copies a snapshot, retrying pages that change meanwhile.
    """
    source, target = Path(source), Path(target)
    if not source.exists():
        raise StorageError(f"cannot back up {source}: no such file")
    if target.exists():
        raise StorageError(f"will not overwrite {target}: choose a new file name")
    if not target.parent.exists():
        raise StorageError(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
            src.backup(dst, pages=256)
            pages = dst.execute("PRAGMA page_count").fetchone()[0]
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"cannot back up {source}: {exc}") from None
    if check != "ok":
        target.unlink(missing_ok=True)
        raise StorageError(f"the copy of {source} failed its integrity check: {check}")
    return int(pages)
