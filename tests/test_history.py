"""A team's maturity over its closed rounds, and what changed since the previous round."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.analysis import Rating, RatingMatrix, RoundAnalysis, Verdict, analyse, krippendorff_alpha
from bot.domain.history import (
    ClosedRound,
    Convergence,
    HistoryConfig,
    LevelChange,
    VerdictChange,
    _thousandths,
    build_history,
    compare,
    convergence,
)
from bot.domain.results import format_alpha


def round_of(columns: Mapping[str, Sequence[Rating]], dims: Mapping[str, str] | None = None) -> RoundAnalysis:
    """The real analysis of statement -> one rating per rater (raters r0, r1, …)."""
    width = len(next(iter(columns.values())))
    raters = tuple(f"r{i}" for i in range(width))
    cells = {(r, sid): v for sid, col in columns.items() for r, v in zip(raters, col, strict=True)}
    return analyse(RatingMatrix(raters, tuple(columns), cells, dict(dims or {})))


DIMS = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
#: X = (a, b), Y = (c, d); the comments give each statement's mean and verdict
BEFORE = round_of(
    {
        "a": [2, 2, 2, 2],  # 2
        "b": [3, 3, 3, 3],  # 3
        "c": [4, 4, 4, 4],  # 4, strength
        "d": [1, 5, 1, 5],  # 3, disagreement
    },
    DIMS,
)
AFTER = round_of(
    {
        "a": [3, 3, 2, 2],  # 2.5: up by exactly the statement threshold
        "b": [3, 3, 3, 4],  # 3.25: up by 1/4, below it
        "c": [2, 2, 2, 2],  # 2: down by 2
        "d": [3, 3, 3, 3],  # 3, agreement now
    },
    DIMS,
)


# ---------------------------------------------------------------------------------------------- series


def test_series_are_the_rounds_own_figures() -> None:
    history = build_history([(100.0, BEFORE), (200.0, AFTER)])
    assert history.closed_at == (100.0, 200.0)
    assert [d.id for d in history.dimensions] == ["X", "Y"]
    assert history.dimension("X").means == (Fraction(5, 2), Fraction(23, 8))
    assert history.dimension("Y").means == (Fraction(7, 2), Fraction(5, 2))
    assert history.dimension("Y").rated == (2, 2)
    assert history.dimension("X").indices == (37.5, pytest.approx(46.875))
    assert history.overall_means == (BEFORE.overall_mean, AFTER.overall_mean) == (3, Fraction(43, 16))
    assert history.overall_indices == (50.0, AFTER.overall_index)
    assert history.alpha == (BEFORE.alpha_ordinal.value, AFTER.alpha_ordinal.value)
    assert history.managers == (4, 4)
    assert history.judged == (4, 4)
    assert history.disagreements == (1, 0)
    assert history.dissents == (0, 0)
    assert history.statement("d").verdicts == (Verdict.DISAGREEMENT, Verdict.AGREEMENT)
    assert history.statement("a").means == (2, Fraction(5, 2))
    with pytest.raises(KeyError):
        history.dimension("Z")
    with pytest.raises(KeyError):
        history.statement("z")


def test_one_round_has_no_changes_and_none_has_empty_series() -> None:
    one = build_history([ClosedRound(5.0, BEFORE)])
    assert one.changes is None
    assert one.closed_at == (5.0,)
    assert [d.means for d in one.dimensions] == [(Fraction(5, 2),), (Fraction(7, 2),)]
    empty = build_history([])
    assert (empty.closed_at, empty.dimensions, empty.statements, empty.changes) == ((), (), (), None)


def test_rounds_must_come_oldest_first() -> None:
    with pytest.raises(ValueError, match="oldest first"):
        build_history([(200.0, AFTER), (100.0, BEFORE)])
    assert build_history([(100.0, BEFORE), (100.0, AFTER)]).changes is not None


def test_changes_are_between_the_last_two_rounds() -> None:
    history = build_history([(1.0, AFTER), (2.0, BEFORE), (3.0, AFTER)])
    changes = history.changes
    assert changes is not None
    assert (changes.before_closed_at, changes.after_closed_at) == (2.0, 3.0)
    assert changes == compare(BEFORE, AFTER, before_closed_at=2.0, after_closed_at=3.0)
    assert len(history.alpha) == 3


# --------------------------------------------------------------------------------------------- changes


def test_moves_at_or_above_the_thresholds_largest_first() -> None:
    changes = compare(BEFORE, AFTER)
    # statements: c −2, a +1/2 (exactly the threshold); b's +1/4 is below it
    assert changes.statements == (
        LevelChange("c", Fraction(4), Fraction(2)),
        LevelChange("a", Fraction(2), Fraction(5, 2)),
    )
    assert [c.delta for c in changes.statements] == [-2, Fraction(1, 2)]
    # dimensions: Y from (4 + 3)/2 to (2 + 3)/2 = −1; X from (2 + 3)/2 to (2.5 + 3.25)/2 = +3/8
    assert changes.dimensions == (
        LevelChange("Y", Fraction(7, 2), Fraction(5, 2)),
        LevelChange("X", Fraction(5, 2), Fraction(23, 8)),
    )
    assert (changes.overall_before, changes.overall_after) == (3, Fraction(43, 16))
    assert changes.overall_delta == Fraction(-5, 16)
    assert changes.compared == ("a", "b", "c", "d")


def test_dimension_threshold_boundary() -> None:
    dims = {"e": "Z", "f": "W", "g": "V", "h": "V"}
    before = round_of({"e": [2, 2, 2, 2], "f": [3, 3, 3, 3], "g": [3, 3, 3, 3], "h": [3, 3, 3, 3]}, dims)
    after = round_of({"e": [2, 2, 3, 2], "f": [3, 3, 3, 2], "g": [3, 3, 3, 3], "h": [3, 3, 3, 4]}, dims)
    changes = compare(before, after)
    # Z +1/4 and W −1/4 are exactly the threshold (ties: catalogue order); V moved +1/8
    assert [(c.id, c.delta) for c in changes.dimensions] == [("Z", Fraction(1, 4)), ("W", Fraction(-1, 4))]
    assert changes.statements == ()


def test_thresholds_are_configurable_and_exact() -> None:
    config = HistoryConfig(statement_change=Fraction(1, 4), dimension_change=Fraction(1, 2))
    changes = compare(BEFORE, AFTER, config=config)
    assert [c.id for c in changes.statements] == ["c", "a", "b"]
    assert [c.id for c in changes.dimensions] == ["Y"]
    assert HistoryConfig(alpha_change=0.05).alpha_change == Fraction(1, 20)  # type: ignore[arg-type]
    assert HistoryConfig(statement_change="1/3").statement_change == Fraction(1, 3)  # type: ignore[arg-type]
    for bad in (0, -1, True, None):
        with pytest.raises(ValueError):
            HistoryConfig(dimension_change=bad)  # type: ignore[arg-type]


def test_resolved_new_and_persisting_differences() -> None:
    before = round_of(
        {
            "p": [1, 5, 1, 5],  # disagreement → agreement
            "q": [3, 3, 3, 3],  # agreement → disagreement
            "r": [1, 5, 1, 5],  # disagreement → dissent
            "t": [3, None, None, None],  # insufficient → disagreement: not "new", it was never compared
            "u": [3, 3, 3, 1],  # dissent → agreement
            "v": [2, 2, 2, 2],  # agreement throughout
        }
    )
    after = round_of(
        {
            "p": [3, 3, 3, 3],
            "q": [1, 5, 1, 5],
            "r": [3, 3, 3, 1],
            "t": [1, 5, 1, 5],
            "u": [3, 3, 3, 3],
            "v": [2, 2, 2, 2],
        }
    )
    assert [s.verdict for s in before.statements] == [
        Verdict.DISAGREEMENT, Verdict.AGREEMENT, Verdict.DISAGREEMENT, Verdict.INSUFFICIENT, Verdict.DISSENT,
        Verdict.AGREEMENT,
    ]  # fmt: skip
    changes = compare(before, after)
    assert changes.resolved == (
        VerdictChange("p", Verdict.DISAGREEMENT, Verdict.AGREEMENT),
        VerdictChange("u", Verdict.DISSENT, Verdict.AGREEMENT),
    )
    assert changes.new_disputes == (VerdictChange("q", Verdict.AGREEMENT, Verdict.DISAGREEMENT),)
    assert changes.still_disputed == (VerdictChange("r", Verdict.DISAGREEMENT, Verdict.DISSENT),)
    # counted over the statements judged in both rounds (t is not): p, r, u before; q, r after
    assert (changes.judged, changes.disputed_before, changes.disputed_after) == (5, 3, 2)


def test_convergence_of_a_team_that_came_together() -> None:
    changes = compare(BEFORE, AFTER)
    assert (changes.disputed_before, changes.disputed_after) == (1, 0)
    assert changes.alpha_before == BEFORE.alpha_ordinal.value
    assert changes.alpha_after == AFTER.alpha_ordinal.value
    assert changes.alpha_delta == pytest.approx(0.6428571 - 0.2438272)
    assert changes.convergence is Convergence.CONVERGED
    assert compare(AFTER, BEFORE).convergence is Convergence.DRIFTED_APART
    same = compare(BEFORE, BEFORE)
    assert (same.convergence, same.statements, same.dimensions, same.resolved) == (
        Convergence.UNCHANGED,
        (),
        (),
        (),
    )
    assert same.still_disputed == (VerdictChange("d", Verdict.DISAGREEMENT, Verdict.DISAGREEMENT),)


@pytest.mark.parametrize(
    ("counts", "alphas", "expected"),
    [
        ((3, 1), (None, None), Convergence.CONVERGED),
        ((1, 3), (None, None), Convergence.DRIFTED_APART),
        ((2, 2), (None, None), Convergence.UNCHANGED),
        ((2, 2), (None, 0.9), Convergence.UNCHANGED),
        # in floating point 0.85 − 0.8 is 0.04999999999999993; the rule reads .800 → .850 as people do
        ((2, 2), (0.8, 0.85), Convergence.CONVERGED),
        ((2, 2), (0.8, 0.849), Convergence.UNCHANGED),
        ((2, 2), (0.8004, 0.8496), Convergence.CONVERGED),  # shown as .800 and .850
        ((2, 2), (0.8, 0.75), Convergence.DRIFTED_APART),
        ((2, 2), (0.8, 0.7506), Convergence.UNCHANGED),  # .800 → .751
        ((2, 2), (0.8, 0.7505), Convergence.DRIFTED_APART),  # the float 0.7505 is just below: shown as .750
        ((2, 2), (-0.1, -0.05), Convergence.CONVERGED),
        ((3, 1), (0.8, 0.9), Convergence.CONVERGED),
        ((3, 1), (0.8, 0.7), Convergence.MIXED),
        ((1, 3), (0.7, 0.8), Convergence.MIXED),
        ((1, 3), (0.8, 0.8), Convergence.DRIFTED_APART),
        ((None, None), (0.5, 0.6), Convergence.CONVERGED),
        ((None, None), (0.5, None), Convergence.NOT_COMPARABLE),
        ((None, None), (None, None), Convergence.NOT_COMPARABLE),
    ],
)
def test_convergence_rule(
    counts: tuple[int | None, int | None], alphas: tuple[float | None, float | None], expected: Convergence
) -> None:
    assert convergence(*counts, *alphas) is expected


@given(st.floats(-1, 1))
def test_alpha_changes_are_decided_on_the_figures_the_report_shows(value: float) -> None:
    assert _thousandths(value) == round(float(format_alpha(value, "en")) * 1000)


def test_convergence_threshold_is_configurable() -> None:
    assert convergence(2, 2, 0.8, 0.83, HistoryConfig(alpha_change=Fraction(3, 100))) is Convergence.CONVERGED
    assert convergence(2, 2, 0.8, 0.83) is Convergence.UNCHANGED


# ----------------------------------------------------------------------------- rounds of different statements


FULL = round_of(
    {
        "s1": [1, 1, 2, 2],  # 1.5
        "s2": [2, 2, 2, 2],  # 2
        "s3": [4, 4, 5, 5],  # 4.5
        "s4": [1, 5, 1, 5],  # 3, disagreement
    },
    {"s1": "X", "s2": "X", "s3": "Y", "s4": "Y"},
)
RECHECK = round_of({"s2": [3, 3, 3, 3], "s3": [4, 4, 4, 4]}, {"s2": "X", "s3": "Y"})


def test_a_recheck_of_some_statements_is_compared_on_those_only() -> None:
    changes = compare(FULL, RECHECK)
    assert changes.compared == ("s2", "s3")
    # over s2 and s3 only: (2 + 4.5)/2 before, (3 + 4)/2 after; the full round's overall mean is 2.75
    assert (changes.overall_before, changes.overall_after) == (Fraction(13, 4), Fraction(7, 2))
    assert FULL.overall_mean == Fraction(11, 4)
    # X: s2 alone, 2 → 3 (the full round's X mean, 1.75, would exaggerate the rise)
    assert changes.dimensions == (
        LevelChange("X", Fraction(2), Fraction(3)),
        LevelChange("Y", Fraction(9, 2), Fraction(4)),
    )
    assert [c.id for c in changes.statements] == ["s2", "s3"]
    # s4's disagreement is not in the re-check: nothing resolved, and counts cover s2 and s3 only
    assert changes.resolved == ()
    assert (changes.judged, changes.disputed_before, changes.disputed_after) == (2, 0, 0)


def test_alpha_is_compared_over_the_common_statements() -> None:
    changes = compare(FULL, RECHECK)
    common = [list(FULL.statement(sid).ratings.values()) for sid in ("s2", "s3")]
    assert changes.alpha_before == krippendorff_alpha(common, "ordinal").value
    assert changes.alpha_before != FULL.alpha_ordinal.value
    assert changes.alpha_after == RECHECK.alpha_ordinal.value


def test_series_of_a_recheck_mark_how_much_each_point_rests_on() -> None:
    history = build_history([(1.0, FULL), (2.0, RECHECK)])
    x = history.dimension("X")
    assert x.means == (Fraction(7, 4), Fraction(3))
    assert x.rated == (2, 1)
    assert history.statement("s1").means == (Fraction(3, 2), None)
    assert history.statement("s1").verdicts == (Verdict.AGREEMENT, None)
    assert history.judged == (4, 2)


def test_statements_and_dimensions_first_seen_later_keep_catalogue_order() -> None:
    first = round_of({"s1": [3, 3], "s3": [3, 3]}, {"s1": "A", "s3": "C"})
    second = round_of(
        {"s1": [3, 3], "s2": [3, 3], "s3": [3, 3], "s4": [3, 3]}, {"s1": "A", "s2": "B", "s3": "C", "s4": "D"}
    )
    history = build_history([(1.0, first), (2.0, second)])
    assert [s.id for s in history.statements] == ["s1", "s2", "s3", "s4"]
    assert [d.id for d in history.dimensions] == ["A", "B", "C", "D"]
    assert history.dimension("B").means == (None, 3)
    assert history.dimension("B").rated == (0, 1)
    # a later round whose first statement is new goes before the one it precedes
    late = round_of({"s0": [3, 3], "s3": [3, 3]})
    assert [s.id for s in build_history([(1.0, first), (2.0, late)]).statements] == ["s1", "s0", "s3"]
    early = round_of({"s3": [3, 3]})
    assert [s.id for s in build_history([(1.0, early), (2.0, first)]).statements] == ["s1", "s3"]


def test_rounds_without_common_statements_are_not_comparable() -> None:
    changes = compare(round_of({"a": [1, 2]}), round_of({"b": [4, 5]}))
    assert changes.compared == ()
    assert (changes.overall_before, changes.overall_after, changes.overall_delta) == (None, None, None)
    assert changes.convergence is Convergence.NOT_COMPARABLE
    assert changes.alpha_delta is None


def test_common_statements_that_neither_round_could_judge_are_not_comparable() -> None:
    # "a" is in both rounds, but one rating before is no comparison, and so no alpha either
    changes = compare(round_of({"a": [1, None]}), round_of({"a": [2, 3]}))
    assert (changes.compared, changes.judged, changes.alpha_before) == (("a",), 0, None)
    assert changes.convergence is Convergence.NOT_COMPARABLE


def test_a_statement_nobody_could_judge_again_is_left_out_of_the_means() -> None:
    dims = {"a": "X", "b": "X"}
    before = round_of({"a": [2, 2], "b": [4, 4]}, dims)
    after = round_of({"a": [3, 3], "b": [None, None]}, dims)
    changes = compare(before, after)
    # b has no mean after, so X compares a alone: 2 → 3 (not 3 → 3 from the rounds' own means)
    assert changes.dimensions == (LevelChange("X", Fraction(2), Fraction(3)),)
    assert (changes.overall_before, changes.overall_after) == (2, 3)


# ---------------------------------------------------------------------------------------------- properties

_cell = st.one_of(st.integers(1, 5), st.none())
_matrix = st.lists(st.lists(_cell, min_size=4, max_size=4), min_size=6, max_size=6)
_DIMS6 = {f"s{i}": "XY"[i % 2] for i in range(6)}


def _round(rows: list[list[Rating]]) -> RoundAnalysis:
    return round_of({f"s{i}": row for i, row in enumerate(rows)}, _DIMS6)


@settings(max_examples=60, deadline=None)
@given(first=_matrix, second=_matrix)
def test_comparing_the_other_way_round_mirrors_every_change(
    first: list[list[Rating]], second: list[list[Rating]]
) -> None:
    a, b = _round(first), _round(second)
    forth, back = compare(a, b), compare(b, a)
    assert [(c.id, -c.delta) for c in forth.statements] == [(c.id, c.delta) for c in back.statements]
    assert [(c.id, -c.delta) for c in forth.dimensions] == [(c.id, c.delta) for c in back.dimensions]
    # disputed in a and agreed in b: resolved one way, new the other way
    assert [c.statement_id for c in forth.resolved] == [c.statement_id for c in back.new_disputes]
    assert [c.statement_id for c in forth.still_disputed] == [c.statement_id for c in back.still_disputed]
    mirror = {
        Convergence.CONVERGED: Convergence.DRIFTED_APART,
        Convergence.DRIFTED_APART: Convergence.CONVERGED,
    }
    assert back.convergence is mirror.get(forth.convergence, forth.convergence)
    for change in (*forth.statements, *forth.dimensions):
        assert abs(change.delta) >= Fraction(1, 4)
    assert [abs(c.delta) for c in forth.statements] == sorted(
        (abs(c.delta) for c in forth.statements), reverse=True
    )


@settings(max_examples=40, deadline=None)
@given(rows=_matrix)
def test_a_round_compared_with_itself_changes_nothing(rows: list[list[Rating]]) -> None:
    a = _round(rows)
    same = compare(a, a)
    assert (same.statements, same.dimensions, same.resolved, same.new_disputes) == ((), (), (), ())
    assert same.convergence in (Convergence.UNCHANGED, Convergence.NOT_COMPARABLE)
    assert [c.statement_id for c in same.still_disputed] == [s.id for s in a.statements if s.flagged]
    assert same.alpha_before == a.alpha_ordinal.value
    assert same.overall_before == a.overall_mean
