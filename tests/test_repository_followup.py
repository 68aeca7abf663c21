"""Storage of what follows the results: the priority poll and its votes, the lighthouse project, reviews."""

from bot.domain.followup import PollOption
from bot.domain.rounds import new_round_token
from bot.storage.repository import Repository


async def _round(repo: Repository, chat_id: int = -100, statement_ids: tuple[str, ...] | None = None):
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
        deadline_at=None,
        remind_at=None,
        statement_ids=statement_ids,
    )


OPTIONS = (PollOption("view-1", "weakness"), PollOption("act-2", "disputed"), PollOption("lead-1", "low"))


async def test_a_round_may_ask_part_of_a_catalogue(repo: Repository) -> None:
    whole = await _round(repo, -1)
    part = await _round(repo, -2, ("view-1", "act-2"))
    assert whole.statement_ids is None
    assert part.statement_ids == ("view-1", "act-2")
    assert (await repo.round(part.id)).statement_ids == ("view-1", "act-2")  # type: ignore[union-attr]


async def test_poll_is_recorded_once_then_sent_then_found_by_telegram_id(repo: Repository) -> None:
    round_ = await _round(repo)
    poll = await repo.create_priority_poll(round_.id, OPTIONS, anonymous=False, opened_at=5.0, closes_at=50.0)
    assert poll is not None and poll.options == OPTIONS and not poll.is_open
    assert (
        await repo.create_priority_poll(round_.id, OPTIONS, anonymous=False, opened_at=6.0, closes_at=None)
        is None
    )
    assert [p.id for p in await repo.unsent_priority_polls()] == [poll.id]
    await repo.set_poll_sent(poll.id, "5551", 77)
    sent = await repo.priority_poll_by_telegram_id("5551")
    assert sent is not None and sent.is_open and sent.message_id == 77 and sent.chat_id == -100
    assert await repo.unsent_priority_polls() == []
    assert await repo.due_priority_polls(49.0) == []
    assert [p.id for p in await repo.due_priority_polls(50.0)] == [poll.id]
    assert (await repo.latest_priority_poll(round_.team_id)).id == poll.id  # type: ignore[union-attr]


async def test_votes_change_retract_and_stop_counting_once_closed(repo: Repository) -> None:
    round_ = await _round(repo)
    poll = await repo.create_priority_poll(round_.id, OPTIONS, anonymous=False, opened_at=5.0, closes_at=None)
    assert poll is not None
    await repo.set_poll_sent(poll.id, "p", 1)
    assert await repo.record_poll_answer(poll.id, 7, [0, 2, 2], 6.0)
    assert await repo.record_poll_answer(poll.id, 8, [1], 6.0)
    assert await repo.record_poll_answer(poll.id, 7, [2], 7.0)  # changed
    assert await repo.poll_votes(poll.id) == {7: (2,), 8: (1,)}
    assert await repo.record_poll_answer(poll.id, 8, [], 8.0)  # retracted
    assert await repo.poll_votes(poll.id) == {7: (2,)}
    assert await repo.close_priority_poll(poll.id, 9.0, [0, 0, 1])
    assert not await repo.close_priority_poll(poll.id, 10.0)
    assert not await repo.record_poll_answer(poll.id, 9, [0], 11.0)
    assert await repo.poll_votes(poll.id) == {7: (2,)}
    closed = await repo.priority_poll_of_round(round_.id)
    assert closed is not None and closed.counts == (0, 0, 1) and closed.closed_at == 9.0


async def test_anonymous_counts_are_kept_until_the_poll_closes(repo: Repository) -> None:
    round_ = await _round(repo)
    poll = await repo.create_priority_poll(round_.id, OPTIONS, anonymous=True, opened_at=5.0, closes_at=None)
    assert poll is not None and poll.anonymous
    await repo.set_poll_counts(poll.id, [1, 2, 0])
    await repo.close_priority_poll(poll.id, 9.0)
    await repo.set_poll_counts(poll.id, [5, 5, 5])
    assert (await repo.priority_poll_of_round(round_.id)).counts == (1, 2, 0)  # type: ignore[union-attr]


async def _lighthouse(repo: Repository, team_id: int, title: str, now: float, owner: int | None = 7):
    return await repo.set_lighthouse(
        team_id=team_id,
        round_id=None,
        catalogue_id="quick",
        title=title,
        goal="Faster answers",
        owner_id=owner,
        owner_name="Bob",
        statement_ids=("view-1",),
        created_by=1,
        now=now,
        reviews=[(3, now + 90.0), (6, now + 180.0), (12, now + 365.0)],
    )


async def test_a_new_lighthouse_replaces_the_current_one_and_its_open_reviews(repo: Repository) -> None:
    team = await repo.upsert_team(-100, "Leadership", 1.0)
    first = await _lighthouse(repo, team.id, "Interviews", 10.0)
    assert [r.months for r in first.reviews] == [3, 6, 12] and first.next_review().months == 3  # type: ignore[union-attr]
    due = await repo.due_reviews(100.0)
    assert [(lh.id, r.months) for lh, r in due] == [(first.id, 3)]
    assert await repo.mark_review_reminded(first.id, 3, 100.0, 555)
    assert not await repo.mark_review_reminded(first.id, 3, 101.0, 556)
    assert await repo.due_reviews(150.0) == []
    found = await repo.review_by_message(team.id, 555)
    assert found is not None and found[1].months == 3
    await repo.record_review_status(first.id, 3, "Two interviews done", 7, 120.0)
    second = await _lighthouse(repo, team.id, "Complaints", 200.0)
    assert (await repo.current_lighthouse(team.id)).id == second.id  # type: ignore[union-attr]
    old = await repo.lighthouse(first.id)
    assert old is not None and [r.months for r in old.reviews] == [3]  # the reminded one stays, as history
    assert old.reviews[0].status_text == "Two interviews done"
    assert [lh.id for lh, _ in await repo.due_reviews(10_000.0)] == [second.id] * 3


async def test_deleting_my_data_removes_votes_and_ownership(repo: Repository) -> None:
    round_ = await _round(repo)
    poll = await repo.create_priority_poll(round_.id, OPTIONS, anonymous=False, opened_at=5.0, closes_at=None)
    assert poll is not None
    await repo.record_poll_answer(poll.id, 7, [1], 6.0)
    await repo.upsert_user(7, "Bob", None, None, "de", 1.0)
    lighthouse = await _lighthouse(repo, round_.team_id, "Interviews", 10.0, owner=7)
    await repo.delete_user_data(7)
    assert await repo.poll_votes(poll.id) == {}
    kept = await repo.lighthouse(lighthouse.id)
    assert kept is not None and kept.owner_id is None and kept.owner_name == "" and kept.title == "Interviews"


async def test_closed_rounds_oldest_first(repo: Repository) -> None:
    team = await repo.upsert_team(-100, "Leadership", 1.0)
    ids = []
    for when in (30.0, 10.0):
        round_ = await repo.open_round(
            team_id=team.id,
            token=new_round_token(),
            catalogue_id="quick",
            catalogue_version="1",
            anonymous=False,
            language="de",
            opened_by=1,
            opened_at=when,
            deadline_at=None,
            remind_at=None,
        )
        assert await repo.begin_close(round_.id, "lead", when)
        await repo.finish_close(round_.id)
        ids.append(round_.id)
    assert [r.id for r in await repo.closed_rounds(team.id)] == [ids[1], ids[0]]
