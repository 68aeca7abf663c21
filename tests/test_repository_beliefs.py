"""Storage of the beliefs loop: reason questions asked one at a time, reasons, re-rating rounds, beliefs."""

from __future__ import annotations

from bot.domain.beliefs import Question, QuestionStatus, Side
from bot.domain.rounds import Round, new_round_token
from bot.storage.repository import Repository


async def _closed_round(repo: Repository, anonymous: bool = False) -> Round:
    team = await repo.upsert_team(-100, "Leadership", 1.0)
    round_ = await repo.open_round(
        team_id=team.id,
        token=new_round_token(),
        catalogue_id="quick",
        catalogue_version="1",
        anonymous=anonymous,
        language="en",
        opened_by=1,
        opened_at=1.0,
        deadline_at=None,
        remind_at=None,
    )
    for user_id in (7, 8, 9):
        await repo.join(round_.id, user_id, f"user {user_id}", 1.0)
    assert await repo.begin_close(round_.id, "lead", 2.0)
    return round_


def _question(rater: str, statement: str, position: int, own: int = 1) -> Question:
    return Question(rater, statement, Side.LOW, own, (3, 5), 0, position)


async def _plan(repo: Repository, round_id: int) -> None:
    planned = await repo.plan_reasons(
        round_id,
        100.0,
        [(7, _question("m1", "s1", 0)), (7, _question("m1", "s2", 1)), (8, _question("m2", "s1", 0, own=5))],
        ["s3"],
    )
    assert planned


async def test_reasons_are_planned_once_and_sent_one_question_at_a_time(repo: Repository) -> None:
    round_ = await _closed_round(repo)
    await _plan(repo, round_.id)
    assert not await repo.plan_reasons(round_.id, 100.0, [(9, _question("m3", "s1", 0))], [])
    assert (await repo.reason_round(round_.id)).not_asked == ("s3",)
    first = await repo.questions_to_send()
    assert {(q.user_id, q.statement_id) for q in first} == {(7, "s1"), (8, "s1")}
    for question in first:
        await repo.mark_question_asked(question.id, 500 + question.user_id, 3.0)
    assert await repo.questions_to_send() == [], "nobody gets a second question while one is open"
    open_ = await repo.open_question_of(7)
    assert open_.statement_id == "s1" and open_.status is QuestionStatus.ASKED and open_.message_id == 507
    assert await repo.question_by_message(7, 507) == open_
    assert await repo.save_reason(open_.id, "We lose them at onboarding", 4.0)
    assert [(q.user_id, q.statement_id) for q in await repo.questions_to_send()] == [(7, "s2")]
    assert await repo.save_reason(open_.id, "changed my mind", 5.0), "a reason can be changed until posted"
    assert (await repo.reason_question(open_.id)).reason == "changed my mind"


async def test_skip_stop_and_posting_settle_every_question(repo: Repository) -> None:
    round_ = await _closed_round(repo)
    await _plan(repo, round_.id)
    for question in await repo.questions_to_send():
        await repo.mark_question_asked(question.id, 500 + question.user_id, 3.0)
    asked_8 = await repo.open_question_of(8)
    assert await repo.settle_question(asked_8.id, QuestionStatus.SKIPPED)
    assert not await repo.settle_question(asked_8.id, QuestionStatus.SKIPPED)
    assert await repo.settle_questions_of(round_.id, 7, QuestionStatus.STOPPED) == 2
    statuses = {(q.user_id, q.statement_id): q.status for q in await repo.reason_questions(round_.id)}
    assert statuses == {
        (7, "s1"): QuestionStatus.STOPPED,
        (7, "s2"): QuestionStatus.STOPPED,
        (8, "s1"): QuestionStatus.SKIPPED,
    }
    assert await repo.finish_reasons(round_.id, 900, 6.0)
    assert not await repo.finish_reasons(round_.id, 901, 7.0), "posted once"
    assert (await repo.reason_round(round_.id)).message_id == 900


async def test_posting_expires_what_is_open_and_no_reason_changes_after_it(repo: Repository) -> None:
    round_ = await _closed_round(repo)
    await _plan(repo, round_.id)
    for question in await repo.questions_to_send():
        await repo.mark_question_asked(question.id, 500 + question.user_id, 3.0)
    open_ = await repo.open_question_of(7)
    assert await repo.finish_reasons(round_.id, None, 4.0)
    assert not await repo.save_reason(open_.id, "too late", 5.0)
    assert await repo.open_question_of(7) is None
    assert {q.status for q in await repo.reason_questions(round_.id)} == {QuestionStatus.EXPIRED}
    assert await repo.questions_to_send() == []


async def test_an_anonymous_round_forgets_who_gave_a_reason_once_they_are_posted(repo: Repository) -> None:
    round_ = await _closed_round(repo, anonymous=True)
    await _plan(repo, round_.id)
    question = (await repo.questions_to_send())[0]
    await repo.mark_question_asked(question.id, 600, 3.0)
    await repo.save_reason(question.id, "kept, without a name", 4.0)
    await repo.finish_reasons(round_.id, 900, 5.0)
    questions = await repo.reason_questions(round_.id)
    assert all(q.user_id is None for q in questions)
    assert any(q.reason == "kept, without a name" for q in questions)


async def test_deleting_my_data_keeps_my_reasons_without_me_and_asks_nothing_more(
    repo: Repository,
) -> None:
    round_ = await _closed_round(repo)
    await _plan(repo, round_.id)
    await repo.upsert_user(7, "Anna", None, None, "en", 1.0)
    await repo.delete_user_data(7)
    mine = [q for q in await repo.reason_questions(round_.id) if q.rater == "m1"]
    assert all(q.user_id is None and q.status is QuestionStatus.EXPIRED for q in mine)
    assert [q.user_id for q in await repo.questions_to_send()] == [8]


async def test_beliefs_newest_first_and_deleted_once(repo: Repository) -> None:
    round_ = await _closed_round(repo)
    first = await repo.add_belief(
        team_id=round_.team_id,
        round_id=round_.id,
        catalogue_id="quick",
        statement_id="s1",
        text="Customers don't know what they want",
        created_by=7,
        now=10.0,
    )
    second = await repo.add_belief(
        team_id=round_.team_id,
        round_id=round_.id,
        catalogue_id="quick",
        statement_id="s2",
        text="Sales owns the customer",
        created_by=8,
        now=11.0,
    )
    assert [b.id for b in await repo.beliefs(round_.team_id)] == [second.id, first.id]
    assert await repo.delete_belief(first.id, 12.0)
    assert not await repo.delete_belief(first.id, 13.0)
    assert await repo.belief(first.id) is None
    assert [b.text for b in await repo.beliefs(round_.team_id)] == ["Sales owns the customer"]
    await repo.upsert_user(8, "Ben", None, None, "en", 1.0)
    await repo.delete_user_data(8)
    assert (await repo.belief(second.id)).created_by is None


async def test_a_re_rating_round_knows_the_round_it_re_rates(repo: Repository) -> None:
    round_ = await _closed_round(repo)
    await repo.finish_close(round_.id)
    await repo.set_results_message(round_.id, 42)
    assert (await repo.round(round_.id)).results_message_id == 42
    again = await repo.open_round(
        team_id=round_.team_id,
        token=new_round_token(),
        catalogue_id="quick",
        catalogue_version="1",
        anonymous=False,
        language="en",
        opened_by=1,
        opened_at=3.0,
        deadline_at=None,
        remind_at=None,
        statement_ids=("s1",),
        rerate_of=round_.id,
    )
    assert again.rerate_of == round_.id and again.statement_ids == ("s1",)
