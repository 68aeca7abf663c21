"""The database schema as ordered migrations, tracked in ``PRAGMA user_version``.

Each migration runs in its own transaction, so a crash leaves the file at the previous version. A file
written by a newer version of the bot is refused: an older bot cannot know what its columns mean.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import aiosqlite

logger = logging.getLogger(__name__)


class SchemaError(Exception):
    """The database cannot be used by this version of the bot."""


#: Migration n (1-based) brings the schema from version n-1 to n. Append only; never edit a shipped one.
MIGRATIONS: Sequence[str] = (
    # 1: teams (a Telegram group), users, rounds, participants, answers, comments
    """
    CREATE TABLE teams (
        id          INTEGER PRIMARY KEY,
        chat_id     INTEGER NOT NULL UNIQUE,
        title       TEXT NOT NULL DEFAULT '',
        language    TEXT,
        bot_present INTEGER NOT NULL DEFAULT 1,
        created_at  REAL NOT NULL
    );
    CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        first_name    TEXT NOT NULL DEFAULT '',
        last_name     TEXT,
        username      TEXT,
        language_code TEXT,
        reachable     INTEGER NOT NULL DEFAULT 1,
        updated_at    REAL NOT NULL
    );
    CREATE TABLE rounds (
        id                 INTEGER PRIMARY KEY,
        team_id            INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        token              TEXT NOT NULL UNIQUE,
        catalogue_id       TEXT NOT NULL,
        catalogue_version  TEXT NOT NULL,
        anonymous          INTEGER NOT NULL,
        language           TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('open', 'closing', 'closed', 'cancelled')),
        opened_by          INTEGER NOT NULL,
        opened_at          REAL NOT NULL,
        deadline_at        REAL,
        remind_at          REAL,
        reminded_at        REAL,
        closed_at          REAL,
        close_reason       TEXT,
        announcement_id    INTEGER,
        results_parts_sent INTEGER NOT NULL DEFAULT 0,
        excluded_count     INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX rounds_team_status ON rounds(team_id, status);
    CREATE UNIQUE INDEX rounds_one_open_per_team ON rounds(team_id) WHERE status IN ('open', 'closing');
    CREATE INDEX rounds_open_deadline ON rounds(status, deadline_at);
    CREATE TABLE participants (
        round_id          INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        user_id           INTEGER NOT NULL,
        rater_label       TEXT NOT NULL,
        display_name      TEXT NOT NULL,
        joined_at         REAL NOT NULL,
        finished_at       REAL,
        last_statement_id TEXT,
        last_active_at    REAL NOT NULL,
        PRIMARY KEY (round_id, user_id)
    );
    CREATE INDEX participants_user ON participants(user_id, last_active_at);
    CREATE TABLE answers (
        round_id     INTEGER NOT NULL,
        user_id      INTEGER NOT NULL,
        statement_id TEXT NOT NULL,
        level        INTEGER CHECK (level IS NULL OR level BETWEEN 1 AND 5),
        answered_at  REAL NOT NULL,
        PRIMARY KEY (round_id, user_id, statement_id),
        FOREIGN KEY (round_id, user_id) REFERENCES participants(round_id, user_id) ON DELETE CASCADE
    );
    CREATE TABLE comments (
        round_id     INTEGER NOT NULL,
        user_id      INTEGER NOT NULL,
        statement_id TEXT NOT NULL,
        text         TEXT NOT NULL,
        updated_at   REAL NOT NULL,
        PRIMARY KEY (round_id, user_id, statement_id),
        FOREIGN KEY (round_id, user_id) REFERENCES participants(round_id, user_id) ON DELETE CASCADE
    );
    """,
    # 2: messages already applied, so that a text Telegram delivers twice (a restart before it learnt the
    # offset) extends a comment once; kept two days, Telegram keeps unconfirmed updates for one
    """
    CREATE TABLE processed_messages (
        chat_id    INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        handled_at REAL NOT NULL,
        PRIMARY KEY (chat_id, message_id)
    );
    """,
    # 3: after the results: a round may cover part of a catalogue (a re-check of a lighthouse project's
    # statements); the priority poll and its votes; the lighthouse project and its review dates
    """
    ALTER TABLE rounds ADD COLUMN statement_ids TEXT;
    CREATE TABLE priority_polls (
        id                INTEGER PRIMARY KEY,
        round_id          INTEGER NOT NULL UNIQUE REFERENCES rounds(id) ON DELETE CASCADE,
        options           TEXT NOT NULL,
        anonymous         INTEGER NOT NULL,
        opened_at         REAL NOT NULL,
        closes_at         REAL,
        poll_id           TEXT UNIQUE,
        message_id        INTEGER,
        counts            TEXT,
        closed_at         REAL,
        ranking_posted_at REAL
    );
    CREATE TABLE poll_votes (
        poll_id    INTEGER NOT NULL REFERENCES priority_polls(id) ON DELETE CASCADE,
        user_id    INTEGER NOT NULL,
        option_ids TEXT NOT NULL,
        voted_at   REAL NOT NULL,
        PRIMARY KEY (poll_id, user_id)
    );
    CREATE TABLE lighthouses (
        id            INTEGER PRIMARY KEY,
        team_id       INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        round_id      INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
        catalogue_id  TEXT NOT NULL,
        title         TEXT NOT NULL,
        goal          TEXT,
        owner_id      INTEGER,
        owner_name    TEXT NOT NULL,
        statement_ids TEXT NOT NULL,
        created_by    INTEGER NOT NULL,
        created_at    REAL NOT NULL,
        replaced_at   REAL
    );
    CREATE UNIQUE INDEX lighthouses_one_current ON lighthouses(team_id) WHERE replaced_at IS NULL;
    CREATE TABLE lighthouse_reviews (
        lighthouse_id INTEGER NOT NULL REFERENCES lighthouses(id) ON DELETE CASCADE,
        months        INTEGER NOT NULL,
        due_at        REAL NOT NULL,
        reminded_at   REAL,
        message_id    INTEGER,
        status_text   TEXT,
        status_by     INTEGER,
        status_at     REAL,
        PRIMARY KEY (lighthouse_id, months)
    );
    CREATE INDEX lighthouse_reviews_due ON lighthouse_reviews(reminded_at, due_at);
    """,
    # 4: the beliefs behind the differences: reasons asked of the extremes after a close (the link of a
    # question to a person of an anonymous round is dropped when the reasons are posted), re-rating rounds,
    # the beliefs a team records, and the first results message (the reasons reply to it)
    """
    ALTER TABLE rounds ADD COLUMN rerate_of INTEGER REFERENCES rounds(id) ON DELETE SET NULL;
    ALTER TABLE rounds ADD COLUMN results_message_id INTEGER;
    CREATE TABLE reason_rounds (
        round_id   INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
        due_at     REAL NOT NULL,
        not_asked  TEXT NOT NULL,
        posted_at  REAL,
        message_id INTEGER
    );
    CREATE INDEX reason_rounds_due ON reason_rounds(posted_at, due_at);
    CREATE TABLE reason_questions (
        id             INTEGER PRIMARY KEY,
        round_id       INTEGER NOT NULL REFERENCES reason_rounds(round_id) ON DELETE CASCADE,
        user_id        INTEGER,
        rater_label    TEXT NOT NULL,
        statement_id   TEXT NOT NULL,
        side           TEXT NOT NULL CHECK (side IN ('low', 'high', 'dissent')),
        own_level      INTEGER NOT NULL CHECK (own_level BETWEEN 1 AND 5),
        others         TEXT NOT NULL,
        statement_rank INTEGER NOT NULL,
        position       INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN
                       ('waiting', 'asked', 'answered', 'skipped', 'stopped', 'unreachable', 'expired')),
        message_id     INTEGER,
        asked_at       REAL,
        reason         TEXT,
        answered_at    REAL,
        UNIQUE (round_id, rater_label, statement_id)
    );
    CREATE INDEX reason_questions_user ON reason_questions(user_id, status);
    CREATE TABLE beliefs (
        id           INTEGER PRIMARY KEY,
        team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        round_id     INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
        catalogue_id TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        text         TEXT NOT NULL,
        created_by   INTEGER,
        created_at   REAL NOT NULL,
        deleted_at   REAL
    );
    CREATE INDEX beliefs_team ON beliefs(team_id, deleted_at, created_at);
    """,
    # 5: the forum topic (message_thread_id) a round was opened in, where everything about it is posted;
    # NULL: a group without topics, or the General topic
    """
    ALTER TABLE rounds ADD COLUMN thread_id INTEGER;
    """,
    # 6: the catalogue versions rounds are asked from: a team's own uploads (numbered per team and id,
    # retired by the team), and snapshots of built-in catalogues (team_id NULL, one per content); a round
    # refers to the exact version it was opened with (NULL: a round from before, on the built-in file)
    """
    CREATE TABLE catalogue_versions (
        id           INTEGER PRIMARY KEY,
        team_id      INTEGER REFERENCES teams(id) ON DELETE CASCADE,
        catalogue_id TEXT NOT NULL,
        number       INTEGER NOT NULL,
        version      TEXT NOT NULL,
        title_de     TEXT NOT NULL,
        title_en     TEXT NOT NULL,
        languages    TEXT NOT NULL,
        statements   INTEGER NOT NULL,
        source       TEXT NOT NULL CHECK (source IN ('builtin', 'toml', 'csv')),
        digest       TEXT NOT NULL,
        body         TEXT NOT NULL,
        created_at   REAL NOT NULL,
        retired_at   REAL
    );
    CREATE UNIQUE INDEX catalogue_versions_team ON catalogue_versions(team_id, catalogue_id, number)
        WHERE team_id IS NOT NULL;
    CREATE UNIQUE INDEX catalogue_versions_builtin ON catalogue_versions(catalogue_id, digest)
        WHERE team_id IS NULL;
    ALTER TABLE rounds ADD COLUMN catalogue_version_id INTEGER REFERENCES catalogue_versions(id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


async def configure(db: aiosqlite.Connection) -> None:
    """Connection settings every connection needs: WAL for concurrent readers, enforced foreign keys."""
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA synchronous = NORMAL")
    await db.execute("PRAGMA foreign_keys = ON")
    await db.execute("PRAGMA busy_timeout = 5000")


async def schema_version(db: aiosqlite.Connection) -> int:
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(db: aiosqlite.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``; returns the version found before."""
    found = await schema_version(db)
    if found > SCHEMA_VERSION:
        raise SchemaError(
            f"the database has schema version {found}, but this maturity-bot knows only up to "
            f"{SCHEMA_VERSION}: it was written by a newer version; upgrade maturity-bot"
        )
    for version in range(found + 1, target + 1):
        logger.info("migrating database schema to version %d", version)
        await db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(MIGRATIONS[version - 1]):
                await db.execute(statement)
            # PRAGMA does not take parameters; version is an int from our own range
            await db.execute(f"PRAGMA user_version = {int(version)}")
            await db.commit()
        except BaseException:
            await db.rollback()
            raise
    return found


def _split(script: str) -> list[str]:
    """The statements of a migration script (our scripts contain no ';' inside literals)."""
    return [part.strip() for part in script.split(";") if part.strip()]
