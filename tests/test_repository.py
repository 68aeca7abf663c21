"""Storage: migrations, rounds, answers and comments against a real SQLite file."""

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.domain.rounds import RoundStatus, new_round_token
from bot.storage.repository import Repository, RoundAlreadyOpen, SavedAnswer, StorageError
from bot.storage.schema import SCHEMA_VERSION


async def _round(repo: Repository, chat_id: int = -100, deadline: float | None = None):
    team = await repo.upsert_team(chat_id, "Leadership", 1.0)
    return await repo.open_round(
        team_id=team.id,
        token=new_round_token(),
        catalogue_id="quick",
        catalogue_version="1",
        anonymous=False,
        language="de",
        opened_by=1,
        opened_at=1.0,
        deadline_at=deadline,
        remind_at=None,
    )


async def save_answer(
    repo: Repository,
    round_id: int,
    user_id: int,
    statement_id: str,
    level: int | None,
    now: float,
    total_statements: int,
) -> SavedAnswer | None:
    """A press of an answer button as the bot makes it, for a catalogue of ``total_statements``."""
    press = await repo.press_answer(round_id, user_id, statement_id, level, now, lambda _: total_statements)
    return press.saved


async def test_fresh_database_has_current_schema_in_wal_mode(tmp_path: Path) -> None:
    repo = await Repository.open(tmp_path / "a.db")
    await repo.close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="newer version"):
        await Repository.open(path)


async def test_garbage_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match=r"cannot use database .*garbage\.db"):
        await Repository.open(path)


async def test_missing_folder_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        await Repository.open(tmp_path / "nope" / "x.db")


async def test_one_open_round_per_team(repo: Repository) -> None:
    first = await _round(repo)
    assert first.status is RoundStatus.OPEN
    with pytest.raises(RoundAlreadyOpen):
        await _round(repo)
    assert await repo.cancel_round(first.id, 2.0)
    second = await _round(repo)
    assert (await repo.current_round(second.team_id)).id == second.id


async def test_answers_are_stored_once_and_the_latest_wins(repo: Repository) -> None:
    round_ = await _round(repo)
    await repo.join(round_.id, 7, "Anna", 1.0)
    saved = await save_answer(repo, round_.id, 7, "s1", 3, 2.0, total_statements=2)
    assert saved.answers == {"s1": 3} and not saved.just_finished
    saved = await save_answer(repo, round_.id, 7, "s1", 4, 3.0, total_statements=2)
    assert saved.answers == {"s1": 4}
    saved = await save_answer(repo, round_.id, 7, "s2", None, 4.0, total_statements=2)
    assert saved.just_finished and saved.answers == {"s1": 4, "s2": None}
    saved = await save_answer(repo, round_.id, 7, "s2", 2, 5.0, total_statements=2)
    assert not saved.just_finished, "finishing is reported once"
    assert await repo.round_answers(round_.id) == {7: {"s1": 4, "s2": 2}}
    participant = await repo.participant(round_.id, 7)
    assert participant.finished_at == 4.0 and participant.last_statement_id == "s2"


async def test_answers_after_close_are_refused(repo: Repository) -> None:
    round_ = await _round(repo)
    await repo.join(round_.id, 7, "Anna", 1.0)
    assert await repo.begin_close(round_.id, "lead", 2.0)
    assert not await repo.begin_close(round_.id, "lead", 2.0), "a close happens once"
    assert await save_answer(repo, round_.id, 7, "s1", 3, 3.0, total_statements=2) is None
    assert await repo.round_answers(round_.id) == {}


async def test_non_participants_cannot_answer(repo: Repository) -> None:
    round_ = await _round(repo)
    assert await save_answer(repo, round_.id, 99, "s1", 3, 3.0, total_statements=2) is None


async def test_rejoining_keeps_the_rater_label(repo: Repository) -> None:
    round_ = await _round(repo)
    first, new = await repo.join(round_.id, 7, "Anna", 1.0)
    again, new_again = await repo.join(round_.id, 7, "Anna M.", 2.0)
    other, _ = await repo.join(round_.id, 8, "Ben", 3.0)
    assert new and not new_again
    assert first.rater_label == again.rater_label == "m1" and other.rater_label == "m2"


async def test_comments_extend_and_respect_the_limit(repo: Repository) -> None:
    round_ = await _round(repo)
    await repo.join(round_.id, 7, "Anna", 1.0)
    assert await repo.save_comment(round_.id, 7, "s1", "first", 2.0, 20) == ("first", False)
    assert await repo.save_comment(round_.id, 7, "s1", "second", 3.0, 20) == ("first\nsecond", True)
    with pytest.raises(ValueError):
        await repo.save_comment(round_.id, 7, "s1", "x" * 20, 4.0, 20)
    assert await repo.comments_of(round_.id, 7) == {"s1": "first\nsecond"}
    assert await repo.delete_comment(round_.id, 7, "s1")
    assert await repo.comments_of(round_.id, 7) == {}


async def test_due_deadlines_and_reminders(repo: Repository) -> None:
    round_ = await _round(repo, deadline=100.0)
    assert await repo.due_deadlines(99.0) == []
    assert [r.id for r in await repo.due_deadlines(100.0)] == [round_.id]
    await repo.clear_deadline(round_.id)
    assert await repo.due_deadlines(1000.0) == []


async def test_supergroup_migration_moves_the_team(repo: Repository) -> None:
    round_ = await _round(repo, chat_id=-5)
    await repo.migrate_chat(-5, -1005)
    assert await repo.team_by_chat(-5) is None
    moved = await repo.round(round_.id)
    assert moved.chat_id == -1005


async def test_every_statement_is_parameterised(tmp_path: Path) -> None:
    """A name with SQL in it is stored as text, nothing else."""
    repo = await Repository.open(tmp_path / "p.db")
    try:
        team = await repo.upsert_team(-1, "x'); DROP TABLE rounds; --", 1.0)
        assert (await repo.team(team.id)).title == "x'); DROP TABLE rounds; --"
        async with (
            aiosqlite.connect(tmp_path / "p.db") as db,
            db.execute("SELECT COUNT(*) FROM rounds") as cur,
        ):
            assert (await cur.fetchone())[0] == 0
    finally:
        await repo.close()


async def test_anonymous_round_keeps_no_link_to_people_after_close(repo: Repository) -> None:
    team = await repo.upsert_team(-9, "T", 1.0)
    round_ = await repo.open_round(
        team_id=team.id,
        token=new_round_token(),
        catalogue_id="quick",
        catalogue_version="1",
        anonymous=True,
        language="en",
        opened_by=1,
        opened_at=1.0,
        deadline_at=None,
        remind_at=None,
    )
    for user_id in (7, 8):
        await repo.join(round_.id, user_id, f"user {user_id}", 1.0)
        await save_answer(repo, round_.id, user_id, "s1", 3, 2.0, total_statements=1)
    await repo.save_comment(round_.id, 7, "s1", "hidden", 2.0, 100)
    await repo.begin_close(round_.id, "lead", 3.0)
    await repo.finish_close(round_.id)
    answers = await repo.round_answers(round_.id)
    assert sorted(answers.values(), key=str) == [{"s1": 3}, {"s1": 3}]
    assert all(user_id < 0 for user_id in answers)
    assert all(p.display_name == "" and p.user_id < 0 for p in await repo.participants(round_.id))
    assert list((await repo.round_comments(round_.id)).values()) == ["hidden"]


async def test_delete_my_data(repo: Repository) -> None:
    closed = await _round(repo, chat_id=-1)
    await repo.join(closed.id, 7, "Anna", 1.0)
    await save_answer(repo, closed.id, 7, "s1", 4, 2.0, total_statements=1)
    await repo.begin_close(closed.id, "lead", 3.0)
    await repo.finish_close(closed.id)
    open_ = await _round(repo, chat_id=-2)
    await repo.join(open_.id, 7, "Anna", 4.0)
    await save_answer(repo, open_.id, 7, "s1", 2, 5.0, total_statements=2)
    await repo.save_comment(open_.id, 7, "s1", "mine", 5.0, 100)
    await repo.upsert_user(7, "Anna", None, "anna", "de", 1.0)
    assert await repo.delete_user_data(7) == (1, 1)
    assert await repo.round_answers(open_.id) == {}
    assert await repo.round_comments(open_.id) == {}
    kept = await repo.round_answers(closed.id)
    assert list(kept.values()) == [{"s1": 4}] and all(user_id < 0 for user_id in kept)
    assert [p.display_name for p in await repo.participants(closed.id)] == [""]
    assert await repo.user(7) is None


async def test_retention_deletes_old_finished_rounds(repo: Repository) -> None:
    old = await _round(repo, chat_id=-1)
    await repo.cancel_round(old.id, 2.0)
    current = await _round(repo, chat_id=-2)
    assert await repo.delete_rounds_before(5.0) == 1
    assert await repo.round(old.id) is None
    assert await repo.round(current.id) is not None
