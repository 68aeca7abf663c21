"""Whom the bot asks why, what a re-rating changed, and how a belief is read from /belief."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.domain.analysis import RatingMatrix, Verdict, analyse
from bot.domain.beliefs import (
    MAX_BELIEF_LENGTH,
    BeliefError,
    Side,
    convergence,
    disputes,
    level_counts,
    parse_belief,
    plan_reasons,
)

RATERS = ("a", "b", "c", "d", "e")


def matrix(rows: dict[str, dict[str, int | None]]) -> RatingMatrix:
    """Statement id -> rater -> level; statements in the order given."""
    cells = {(rater, sid): level for sid, row in rows.items() for rater, level in row.items()}
    return RatingMatrix(RATERS, tuple(rows), cells)


def row(*levels: int | None) -> dict[str, int | None]:
    return dict(zip(RATERS, levels, strict=True))


#: s1 polarised (1 1 5 5 3), s2 dispersed less widely (1 2 3 4 5 ... also a disagreement), s3 a dissent
#: (e two levels from the others), s4 agreed.
ROUND = {
    "s1": row(1, 1, 5, 5, 3),
    "s2": row(2, 3, 3, 4, 5),
    "s3": row(4, 4, 4, 4, 2),
    "s4": row(3, 3, 3, 3, 3),
}


def test_disputes_come_most_disputed_first() -> None:
    analysis = analyse(matrix(ROUND))
    verdicts = {s.id: s.verdict for s in analysis.statements}
    assert verdicts["s1"] is Verdict.DISAGREEMENT and verdicts["s3"] is Verdict.DISSENT
    assert verdicts["s4"] is Verdict.AGREEMENT
    ordered = [s.id for s in disputes(analysis)]
    assert ordered[0] == "s1" and ordered[-1] == "s3"
    assert "s4" not in ordered


def test_the_extremes_of_a_disagreement_and_the_dissenters_are_asked_nobody_else() -> None:
    analysis = analyse(matrix(ROUND))
    plan = plan_reasons(analysis, RATERS)
    asked_s1 = {(q.rater, q.side) for q in plan.questions if q.statement_id == "s1"}
    assert asked_s1 == {("a", Side.LOW), ("b", Side.LOW), ("c", Side.HIGH), ("d", Side.HIGH)}
    asked_s3 = {(q.rater, q.side) for q in plan.questions if q.statement_id == "s3"}
    assert asked_s3 == {("e", Side.DISSENT)}
    assert not any(q.statement_id == "s4" for q in plan.questions)
    question = next(q for q in plan.questions if q.rater == "e" and q.statement_id == "s3")
    assert question.own == 2 and question.others == (4, 4, 4, 4)


def test_others_are_the_levels_of_everyone_else_without_cant_judge() -> None:
    analysis = analyse(matrix({"s1": row(1, 1, 5, 5, None), "s2": row(3, 3, 3, 3, 3)}))
    plan = plan_reasons(analysis, RATERS)
    a = next(q for q in plan.questions if q.rater == "a")
    assert a.own == 1 and a.others == (1, 5, 5)


def test_at_most_five_statements_and_three_questions_each_most_disputed_first() -> None:
    rows = {f"s{i}": row(1, 1, 5, 5, 3) for i in range(8)}
    analysis = analyse(matrix(rows))
    plan = plan_reasons(analysis, RATERS)
    assert plan.asked == ("s0", "s1", "s2")
    assert plan.not_asked == ("s3", "s4", "s5", "s6", "s7")
    for rater in ("a", "b", "c", "d"):
        mine = [q for q in plan.questions if q.rater == rater]
        assert [q.position for q in mine] == [0, 1, 2]
        assert [q.statement_id for q in mine] == ["s0", "s1", "s2"]
    plan = plan_reasons(analysis, RATERS, max_statements=2, max_per_person=5)
    assert plan.asked == ("s0", "s1") and len(plan.not_asked) == 6


def test_people_who_cannot_be_asked_are_skipped_and_a_statement_with_nobody_takes_no_place() -> None:
    analysis = analyse(matrix(ROUND))
    plan = plan_reasons(analysis, ["a", "c"])
    assert {q.rater for q in plan.questions} == {"a", "c"}
    assert "s3" in plan.not_asked  # only e dissents, and e cannot be asked
    assert plan_reasons(analysis, []).questions == ()


def test_level_counts() -> None:
    assert level_counts([3, 1, 3, 5]) == ((1, 1), (3, 2), (5, 1))
    assert level_counts([]) == ()


def test_convergence_tells_converged_contested_share_and_who_moved() -> None:
    before = analyse(matrix(ROUND))
    after = analyse(
        RatingMatrix(
            RATERS,
            ("s1", "s3"),
            {
                **{(r, "s1"): lvl for r, lvl in zip(RATERS, (3, 3, 4, 3, 3), strict=True)},
                **{(r, "s3"): lvl for r, lvl in zip(RATERS, (4, 4, 4, 4, 1), strict=True)},
            },
        )
    )
    people = {r: i for i, r in enumerate(RATERS, start=1)}
    result = convergence(before, after, people, people)
    assert result.converged == ("s1",) and result.contested == ("s3",)
    assert result.converged_share == Fraction(1, 2)
    s1 = result.shifts[0]
    assert {(m.person, m.before, m.after) for m in s1.moves} == {(1, 1, 3), (2, 1, 3), (3, 5, 4), (4, 5, 3)}
    anonymous = convergence(before, after, None, None)
    assert all(not s.moves for s in anonymous.shifts)
    assert anonymous.converged == ("s1",)


def test_convergence_share_is_none_when_nothing_re_rated_was_disputed() -> None:
    before = analyse(matrix(ROUND))
    after = analyse(RatingMatrix(RATERS, ("s4",), {(r, "s4"): 3 for r in RATERS}))
    assert convergence(before, after, None, None).converged_share is None


def test_parse_belief() -> None:
    assert parse_belief("7 Customers don't know what they want", 24) == (
        7,
        "Customers don't know what they want",
    )
    assert parse_belief("  3   two\n lines ", 24) == (3, "two lines")
    with pytest.raises(BeliefError) as error:
        parse_belief("", 24)
    assert error.value.code == "usage"
    for bad in ("0 x", "25 x", "seven x", "99999 x"):
        with pytest.raises(BeliefError) as error:
            parse_belief(bad, 24)
        assert error.value.code == "number"
    with pytest.raises(BeliefError) as error:
        parse_belief("7", 24)
    assert error.value.code == "no_text"
    with pytest.raises(BeliefError) as error:
        parse_belief("7 " + "x" * (MAX_BELIEF_LENGTH + 1), 24)
    assert error.value.code == "too_long"
