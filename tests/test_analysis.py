"""The rule set of agreement-rules.md, case by case with hand-checked numbers, plus properties.

Every boundary is tested on both sides; the expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import time
from collections.abc import Mapping, Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.analysis import (
    ALPHA_NO_VARIATION,
    ALPHA_TOO_FEW,
    AnalysisConfig,
    Position,
    RaterFlag,
    Rating,
    RatingMatrix,
    RoundAnalysis,
    Verdict,
    _r_below,
    analyse,
    analysis_to_json,
    is_knowledge_gap,
)

#: marks a cell that is absent from the matrix ("not answered"), as opposed to None ("can't judge")
ABSENT = "-"
Cell = int | None | str


def make_matrix(
    columns: Mapping[str, Sequence[Cell]],
    raters: Sequence[str] | None = None,
    dimension_of: Mapping[str, str] | None = None,
) -> RatingMatrix:
    """A matrix from statement -> one cell per rater (raters r0, r1, … unless named)."""
    width = max((len(cells) for cells in columns.values()), default=0)
    names = tuple(raters) if raters is not None else tuple(f"r{i}" for i in range(width))
    cells: dict[tuple[str, str], Rating] = {}
    for statement, column in columns.items():
        assert len(column) == len(names)
        for rater, cell in zip(names, column, strict=True):
            if cell != ABSENT:
                assert not isinstance(cell, str)
                cells[(rater, statement)] = cell
    return RatingMatrix(names, tuple(columns), cells, dict(dimension_of or {}))


def by_rater(rows: Mapping[str, Sequence[Cell]]) -> RatingMatrix:
    """A matrix from rater -> one cell per statement (statements s0, s1, …)."""
    names = list(rows)
    width = len(next(iter(rows.values())))
    columns = {f"s{j}": [rows[r][j] for r in names] for j in range(width)}
    return make_matrix(columns, raters=names)


def one(*cells: Cell, round_size: int | None = None) -> RoundAnalysis:
    """The analysis of a single statement; ``round_size`` pads the round with raters who did not answer."""
    padded = list(cells) + [ABSENT] * ((round_size or len(cells)) - len(cells))
    return analyse(make_matrix({"s": padded}))


# --------------------------------------------------------------------------------------------------------
# Per statement: figures
# --------------------------------------------------------------------------------------------------------


def test_statement_figures_by_hand() -> None:
    # (1, 2, 4, 5, 5): S = 17, mean 17/5, median 4; deviations from 3.4: 2.4, 1.4, .6, 1.6, 1.6 → Σ 7.6
    s = one(1, 2, 4, 5, 5, None, ABSENT).statements[0]
    assert (s.n, s.cant_judge, s.cant_judge_raters) == (5, 1, ("r5",))
    assert s.ratings == {"r0": 1, "r1": 2, "r2": 4, "r3": 5, "r4": 5}
    assert s.mean == Fraction(17, 5)
    assert s.median == 4
    assert s.ad_mean == Fraction(38, 25)  # 7.6 / 5
    # s² = Σ(x − 3.4)² / 4 = (5.76 + 1.96 + .36 + 2.56 + 2.56) / 4 = 13.2 / 4 = 3.3
    assert s.sd == pytest.approx(math.sqrt(3.3))
    assert s.rwg == pytest.approx(1 - 3.3 / 2)
    assert (s.min, s.max) == (1, 5)
    assert s.distribution == (1, 1, 0, 1, 2)


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values() -> None:
    assert one(1, 2, 4, 5).statements[0].median == 3
    assert one(2, 3).statements[0].median == Fraction(5, 2)


def test_rwg_is_shown_untruncated_and_undefined_below_two_ratings() -> None:
    assert one(1, 5).statements[0].rwg == pytest.approx(-3.0)  # s² = 8, 1 − 8/2
    assert one(3, 3, 3).statements[0].rwg == 1.0
    single = one(4, None, None).statements[0]
    assert (single.rwg, single.sd, single.ad_mean, single.mean) == (None, None, 0, 4)


# --------------------------------------------------------------------------------------------------------
# Per statement: verdicts
# --------------------------------------------------------------------------------------------------------


def test_dispersion_boundary_five_sixths_exactly_is_not_dispersion() -> None:
    values = (1, 1, 1, 2, 3, 3)
    # mean 11/6; Σ|6x − 11| = 5+5+5+1+7+7 = 30 = 5·6²/6, so AD_M is exactly 5/6: not above the cut-off.
    naive_mean = sum(values) / len(values)
    assert sum(abs(x - naive_mean) for x in values) / len(values) > 5 / 6  # floats would flip the verdict
    s = one(*values).statements[0]
    assert s.ad_mean == Fraction(5, 6)
    # not polarised (no rating ≥ 4); the two 3s are 2 levels from the others' median (1): dissent
    assert s.verdict is Verdict.DISSENT
    assert s.dissenters == ("r4", "r5")


def test_dispersion_boundary_exactly_five_sixths_can_be_agreement() -> None:
    # (1×5, 2×2, 3×5): mean 2, AD = (5 + 0 + 5) / 12 = 5/6; low 7/12 ≥ 1/3 but high 0; nobody 2 from the
    # others' median (a 1's others have median 2, a 3's others too)
    s = one(1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3).statements[0]
    assert s.ad_mean == Fraction(5, 6)
    assert s.verdict is Verdict.AGREEMENT


def test_dispersion_just_above_five_sixths_is_disagreement() -> None:
    # (1, 1, 1, 2, 3, 4): mean 2, AD = (3 + 0 + 1 + 2) / 6 = 1 > 5/6
    s = one(1, 1, 1, 2, 3, 4).statements[0]
    assert s.ad_mean == 1
    assert s.verdict is Verdict.DISAGREEMENT
    assert s.dissenters == ()


def test_polarisation_with_exactly_a_third_on_each_side() -> None:
    # (2, 2, 3, 3, 4, 4): AD = 4/6 = 2/3 ≤ 5/6, but 2 of 6 at 1–2 and 2 of 6 at 4–5: polarised
    s = one(2, 2, 3, 3, 4, 4).statements[0]
    assert s.ad_mean == Fraction(2, 3)
    assert s.verdict is Verdict.DISAGREEMENT


def test_polarisation_just_below_a_third_is_not() -> None:
    # (2, 2, 3, 3, 3, 4, 4): 2/7 < 1/3 on each side; AD = 4/7; every rating within 1 of the others' median
    s = one(2, 2, 3, 3, 3, 4, 4).statements[0]
    assert s.verdict is Verdict.AGREEMENT


@pytest.mark.parametrize("a", range(1, 6))
@pytest.mark.parametrize("b", range(1, 6))
def test_two_ratings_collapse_to_a_gap_of_two(a: int, b: int) -> None:
    # n = 2: Σ|2x − S| = 2·gap, so dispersion is 12·gap > 20 ⇔ gap ≥ 2; polarisation needs one ≤ 2 and
    # one ≥ 4 (gap ≥ 2 anyway); dissent needs n ≥ 3.
    s = one(a, b, None).statements[0]
    assert s.verdict is (Verdict.DISAGREEMENT if abs(a - b) >= 2 else Verdict.AGREEMENT)
    assert s.dissenters == ()


def test_dissent_names_the_manager_who_stands_apart() -> None:
    # (3, 3, 3, 5): AD = (.5·3 + 1.5) / 4 = 3/4, not polarised; r3's others have median 3: gap 2
    s = analyse(make_matrix({"s": [3, 3, 3, 5]}, raters=["anna", "ben", "cem", "dora"])).statements[0]
    assert s.verdict is Verdict.DISSENT
    assert s.dissenters == ("dora",)


def test_one_level_apart_is_no_dissent() -> None:
    assert one(3, 3, 3, 4).statements[0].verdict is Verdict.AGREEMENT


def test_with_the_default_cut_offs_dissent_needs_four_ratings() -> None:
    # n = 3 with one rating 2 levels from the others' median: AD is 8/9 > 5/6 already, e.g. (3, 3, 5):
    # mean 11/3, Σ|3x − 11| = 2 + 2 + 4 = 8 → 8/9
    s = one(3, 3, 5).statements[0]
    assert s.ad_mean == Fraction(8, 9)
    assert s.verdict is Verdict.DISAGREEMENT
    assert one(2, 3, 3).statements[0].verdict is Verdict.AGREEMENT


def test_dissent_needs_three_ratings_whatever_the_cut_offs() -> None:
    lenient = AnalysisConfig(dispersion_ad_cutoff=Fraction(2), polarisation_share=Fraction(1))
    pair = analyse(make_matrix({"s": [3, 5]}), lenient).statements[0]
    assert (pair.verdict, pair.dissenters) == (Verdict.AGREEMENT, ())
    trio = analyse(make_matrix({"s": [3, 3, 5]}), lenient).statements[0]
    assert (trio.verdict, trio.dissenters) == (Verdict.DISSENT, ("r2",))


def test_configured_min_valid_makes_small_counts_insufficient() -> None:
    config = AnalysisConfig(min_valid=4)
    result = analyse(make_matrix({"a": [1, 5, 3, ABSENT], "b": [3, 3, 3, 3]}), config)
    assert result.statement("a").verdict is Verdict.INSUFFICIENT
    assert result.statement("b").verdict is Verdict.AGREEMENT


# --------------------------------------------------------------------------------------------------------
# Coverage and positions
# --------------------------------------------------------------------------------------------------------


def test_low_coverage_at_exactly_half_is_not_low() -> None:
    # R = 4, n = 2: 2·2 = 4 is not < 4
    half = one(4, 4, None, ABSENT).statements[0]
    assert not half.low_coverage
    assert half.position is Position.STRENGTH
    # R = 5, n = 2: 4 < 5 → low coverage, no position
    fewer = one(4, 4, None, ABSENT, ABSENT).statements[0]
    assert fewer.low_coverage
    assert fewer.verdict is Verdict.AGREEMENT
    assert fewer.position is None


def test_strength_at_exactly_three_point_seven_five() -> None:
    s = one(3, 4, 4, 4).statements[0]
    assert s.mean == Fraction(15, 4)
    assert s.position is Position.STRENGTH
    below = one(3, 3, 4, 4, 4).statements[0]  # mean 3.6
    assert below.verdict is Verdict.AGREEMENT
    assert below.position is None


def test_weakness_at_exactly_two_point_two_five() -> None:
    s = one(2, 2, 2, 3).statements[0]
    assert s.mean == Fraction(9, 4)
    assert s.position is Position.WEAKNESS
    above = one(2, 2, 3, 3, 2).statements[0]  # mean 2.4
    assert above.position is None


def test_no_position_without_agreement() -> None:
    # (5, 5, 5, 3): mean 4.5 ≥ 3.75, but the 3 dissents
    s = one(5, 5, 5, 3).statements[0]
    assert s.verdict is Verdict.DISSENT
    assert s.position is None


# --------------------------------------------------------------------------------------------------------
# Degenerate rounds
# --------------------------------------------------------------------------------------------------------


def test_all_missing() -> None:
    result = analyse(make_matrix({"a": [None, None, ABSENT], "b": [None, ABSENT, ABSENT]}))
    assert not result.comparison_possible
    assert result.active_raters == ()
    for s in result.statements:
        assert (s.n, s.mean, s.median, s.sd, s.rwg, s.ad_mean) == (0, None, None, None, None, None)
        assert s.verdict is Verdict.INSUFFICIENT
        assert s.low_coverage
    assert result.statement("a").cant_judge == 2
    assert result.alpha_ordinal.value is None
    assert result.alpha_ordinal.reason == ALPHA_TOO_FEW
    assert result.alpha_interval.n == 0
    assert (result.overall_mean, result.overall_index, result.flagged_share) == (None, None, None)
    assert result.rater_results == ()
    assert result.pair_offset is None
    assert result.knowledge_gaps == ("a", "b")  # both have low coverage and "can't judge"; a has more


def test_empty_rounds_do_not_crash() -> None:
    for matrix in (
        RatingMatrix((), (), {}),
        RatingMatrix((), ("a", "b"), {}),
        RatingMatrix(("anna",), (), {}),
    ):
        result = analyse(matrix)
        assert not result.comparison_possible
        assert result.alpha_interval.reason == ALPHA_TOO_FEW
        json.dumps(analysis_to_json(result))


def test_one_manager_means_no_comparison() -> None:
    result = analyse(make_matrix({"a": [5], "b": [1], "c": [None]}))
    assert not result.comparison_possible
    assert result.active_raters == ("r0",)
    assert all(s.verdict is Verdict.INSUFFICIENT for s in result.statements)
    assert all(s.position is None for s in result.statements)
    assert (result.disagreements, result.dissents, result.strengths, result.weaknesses) == ((), (), (), ())
    assert result.rater_results == ()
    assert result.pair_offset is None
    assert result.flagged_share is None
    assert result.overall_mean == 3  # (5 + 1) / 2: description still works
    assert result.alpha_ordinal.reason == ALPHA_TOO_FEW


def test_no_variation_alpha() -> None:
    result = analyse(make_matrix({"a": [3, 3, 3], "b": [3, 3, None]}))
    assert result.alpha_ordinal.value is None
    assert result.alpha_ordinal.reason == ALPHA_NO_VARIATION
    assert result.alpha_ordinal.n == 5


def test_rater_without_valid_ratings_is_not_active() -> None:
    result = analyse(make_matrix({"a": [3, 4, None], "b": [2, 2, None]}))
    assert result.active_raters == ("r0", "r1")
    assert result.pair_offset is not None
    assert result.rater_results == ()


# --------------------------------------------------------------------------------------------------------
# Dimensions and the overall level
# --------------------------------------------------------------------------------------------------------


def test_dimension_means_weigh_each_statement_equally() -> None:
    matrix = make_matrix(
        {
            "x1": [1, 2, 3],  # mean 2
            "y1": [5, 5, None],  # mean 5
            "x2": [4, ABSENT, None],  # mean 4, one rating
            "y2": [None, None, None],  # no rating: left out of the mean
            "free": [1, 1, 1],  # no dimension
        },
        dimension_of={"x1": "x", "x2": "x", "y1": "y", "y2": "y"},
    )
    result = analyse(matrix)
    assert [d.id for d in result.dimensions] == ["x", "y"]
    x, y = result.dimensions
    assert x.statements == ("x1", "x2")
    assert x.mean == 3  # (2 + 4) / 2, not (1 + 2 + 3 + 4) / 4 = 2.5
    assert x.index == pytest.approx(50.0)
    # per-manager means over x: r0 (1 + 4) / 2 = 2.5, r1 2, r2 3
    assert (x.band_min, x.band_max) == (2, 3)
    assert y.mean == 5
    assert y.index == pytest.approx(100.0)
    assert (y.band_min, y.band_max) == (5, 5)
    # overall: mean of (2, 5, 4, 1) = 3 → 50
    assert result.overall_mean == 3
    assert result.overall_index == pytest.approx(50.0)


def test_dimension_without_any_rating() -> None:
    result = analyse(make_matrix({"a": [None, None]}, dimension_of={"a": "d"}))
    (d,) = result.dimensions
    assert (d.mean, d.index, d.band_min, d.band_max) == (None, None, None, None)


def test_dimension_order_follows_first_appearance() -> None:
    matrix = make_matrix({"a": [1, 1], "b": [2, 2], "c": [3, 3]}, dimension_of={"a": "z", "b": "a", "c": "z"})
    assert [d.id for d in analyse(matrix).dimensions] == ["z", "a"]


# --------------------------------------------------------------------------------------------------------
# Per manager
# --------------------------------------------------------------------------------------------------------


def bias_round(statements: int) -> RatingMatrix:
    """R = 5; manager a's d = x − mean(others) is 1, 1, 1, 1, 1, 1/4, 0, 3/4 on s0..s7."""
    others = [
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [3, 3, 3, 2],  # mean 11/4, a gives 3: d = 1/4
        [3, 3, 3, 3],  # a gives 3: d = 0
        [2, 2, 2, 3],  # mean 9/4, a gives 3: d = 3/4
    ]
    own = [3, 3, 3, 3, 3, 3, 3, 3]
    columns = {f"s{j}": [own[j], *others[j]] for j in range(statements)}
    return make_matrix(columns, raters=["a", "b", "c", "d", "e"])


def test_rater_bias_at_exactly_three_quarters_with_eight_statements_is_flagged() -> None:
    result = analyse(bias_round(8))
    a = result.rater_results[0]
    assert (a.id, a.k, a.bias) == ("a", 8, Fraction(3, 4))  # (5 + 1/4 + 0 + 3/4) / 8 = 6/8
    assert RaterFlag.RATES_HIGHER in a.flags
    assert RaterFlag.RATES_LOWER not in a.flags


def test_rater_bias_at_exactly_three_quarters_with_seven_statements_is_not_flagged() -> None:
    # s0..s6: (5 + 1/4 + 0) / 7 = (21/4) / 7 = 3/4, but k = 7 < 8
    a = analyse(bias_round(7)).rater_results[0]
    assert (a.k, a.bias) == (7, Fraction(3, 4))
    assert a.flags == ()


def test_rater_bias_lower_mirrors_higher() -> None:
    mirrored = bias_round(8)
    cells = {key: (6 - v if v is not None else None) for key, v in mirrored.cells.items()}
    result = analyse(RatingMatrix(mirrored.raters, mirrored.statements, cells))
    a = result.rater_results[0]
    assert a.bias == Fraction(-3, 4)
    assert RaterFlag.RATES_LOWER in a.flags


def test_rater_bias_just_below_is_not_flagged() -> None:
    # drop the 3/4 statement's deviation: s7 with a = 2 gives d = −1/4 → (5 + 1/4 + 0 − 1/4) / 8 = 5/8
    matrix = bias_round(8)
    cells = dict(matrix.cells)
    cells[("a", "s7")] = 2
    a = analyse(RatingMatrix(matrix.raters, matrix.statements, cells)).rater_results[0]
    assert a.bias == Fraction(5, 8)
    assert RaterFlag.RATES_HIGHER not in a.flags


def test_others_are_not_flagged_for_one_high_rater() -> None:
    result = analyse(bias_round(8))
    assert all(r.flags == () for r in result.rater_results[1:])


def pattern_round(own: Sequence[Cell], others_levels: Sequence[int]) -> RatingMatrix:
    """R = 3; the two others agree on ``others_levels``, manager a gives ``own``."""
    columns = {f"s{j}": [own[j], level, level] for j, level in enumerate(others_levels)}
    return make_matrix(columns, raters=["a", "b", "c"])


def test_straight_lining_is_a_different_pattern() -> None:
    # others' means 2, 4, 2, 4, …: population SD 1 ≥ .5; a gives 3 everywhere
    result = analyse(pattern_round([3] * 8, [2, 4] * 4))
    a = result.rater_results[0]
    assert a.straight_lining
    assert a.pattern_r is None
    assert a.bias == 0
    assert a.flags == (RaterFlag.DIFFERENT_PATTERN,)


def test_straight_lining_is_not_flagged_when_the_others_hardly_vary() -> None:
    # others' means 3, 3, …, 3, 4 (one of 8): population variance 7/64, SD ≈ .33 < .5
    a = analyse(pattern_round([3] * 8, [3] * 7 + [4])).rater_results[0]
    assert a.straight_lining
    assert a.flags == ()


def test_others_means_with_population_sd_exactly_one_half_are_enough() -> None:
    # b and c give 2/3 and 3/4 so their means alternate 2.5 and 3.5: population SD exactly 1/2
    columns = {f"s{j}": [3, 2 + j % 2, 3 + j % 2] for j in range(8)}
    a = analyse(make_matrix(columns, raters=["a", "b", "c"])).rater_results[0]
    assert a.straight_lining
    assert a.flags == (RaterFlag.DIFFERENT_PATTERN,)


def test_opposite_pattern_is_flagged_and_a_parallel_one_is_not() -> None:
    levels = [1, 2, 4, 5, 1, 2, 4, 5]  # mean 3, so 6 − x has the same mean: no bias, only the pattern
    opposite = analyse(pattern_round([6 - x for x in levels], levels)).rater_results[0]
    assert opposite.pattern_r == pytest.approx(-1.0)
    assert opposite.bias == 0
    assert RaterFlag.DIFFERENT_PATTERN in opposite.flags
    parallel = analyse(pattern_round(levels, levels)).rater_results[0]
    assert parallel.pattern_r == pytest.approx(1.0)
    assert parallel.flags == ()


def test_pattern_needs_eight_statements() -> None:
    levels = [1, 2, 3, 4, 5, 1, 2]
    a = analyse(pattern_round([6 - x for x in levels], levels)).rater_results[0]
    assert a.k == 7
    assert a.flags == ()


def test_r_below_is_decided_exactly() -> None:
    tenth = Fraction(1, 10)
    # r = cov / √(vx·vy) with vx = vy = 10: cov = 1 gives r = .1 exactly, which is not below .1
    assert not _r_below(Fraction(1), Fraction(10), Fraction(10), tenth)
    assert _r_below(Fraction(99999, 100000), Fraction(10), Fraction(10), tenth)
    assert _r_below(Fraction(0), Fraction(10), Fraction(10), tenth)
    assert _r_below(Fraction(-5), Fraction(10), Fraction(10), tenth)
    assert not _r_below(Fraction(5), Fraction(10), Fraction(10), tenth)
    # threshold 0: only a negative r is below; a negative threshold compares r² from the other side
    assert not _r_below(Fraction(0), Fraction(1), Fraction(1), Fraction(0))
    assert _r_below(Fraction(-1, 100), Fraction(1), Fraction(1), Fraction(0))
    assert _r_below(Fraction(-6, 10), Fraction(1), Fraction(1), Fraction(-1, 2))
    assert not _r_below(Fraction(-1, 2), Fraction(1), Fraction(1), Fraction(-1, 2))
    assert not _r_below(Fraction(-4, 10), Fraction(1), Fraction(1), Fraction(-1, 2))
    # undefined r is never below
    assert not _r_below(Fraction(0), Fraction(0), Fraction(1), tenth)


def test_rater_who_shares_no_statement_has_k_zero() -> None:
    result = analyse(make_matrix({"a": [3, 4, ABSENT], "b": [ABSENT, 4, 2], "c": [ABSENT, ABSENT, 5]}))
    # r0 rated only a (with r1), r2 rated b (with r1) and c alone
    k = {r.id: r.k for r in result.rater_results}
    assert k == {"r0": 1, "r1": 2, "r2": 1}
    lonely = analyse(make_matrix({"a": [3, 4, ABSENT], "b": [3, 4, ABSENT], "c": [ABSENT, ABSENT, 5]}))
    r2 = lonely.rater_results[2]
    assert (r2.k, r2.bias, r2.pattern_r, r2.straight_lining, r2.flags) == (0, None, None, False, ())


# --------------------------------------------------------------------------------------------------------
# Two managers
# --------------------------------------------------------------------------------------------------------


def test_pair_offset_at_exactly_three_quarters_with_eight_statements() -> None:
    first = [3, 4, 3, 4, 3, 4, 2, 5]
    second = [2, 3, 2, 3, 2, 3, 2, 5]  # differences 1 × 6, 0 × 2 → 6/8
    result = analyse(by_rater({"anna": first, "ben": second}))
    assert result.rater_results == ()
    offset = result.pair_offset
    assert offset is not None
    assert (offset.raters, offset.k, offset.offset, offset.flagged) == (
        ("anna", "ben"),
        8,
        Fraction(3, 4),
        True,
    )


def test_pair_offset_needs_eight_common_statements() -> None:
    first = [3, 4, 3, 4, 3, 4, 2, 5]
    second = [2, 3, 2, 3, 2, 3, 2, None]  # the last is not common: k = 7, offset 6/7
    offset = analyse(by_rater({"anna": first, "ben": second})).pair_offset
    assert offset is not None
    assert (offset.k, offset.offset, offset.flagged) == (7, Fraction(6, 7), False)


def test_pair_offset_negative_and_without_common_statements() -> None:
    offset = analyse(by_rater({"a": [1] * 8, "b": [2] * 8})).pair_offset
    assert offset is not None
    assert (offset.offset, offset.flagged) == (-1, True)
    apart = analyse(by_rater({"a": [1, ABSENT], "b": [ABSENT, 2]})).pair_offset
    assert apart is not None
    assert (apart.k, apart.offset, apart.flagged) == (0, None, False)


# --------------------------------------------------------------------------------------------------------
# Round: shares and rankings
# --------------------------------------------------------------------------------------------------------


def test_flagged_share_counts_only_judged_statements() -> None:
    result = analyse(
        make_matrix(
            {
                "split": [1, 5, 3, 3],  # AD = (2 + 2) / 4 = 1: disagreement
                "odd": [3, 3, 3, 5],  # dissent
                "fine": [3, 3, 4, 4],  # agreement
                "alone": [2, None, None, ABSENT],  # insufficient
            }
        )
    )
    assert result.flagged_share == Fraction(2, 3)


def test_rankings() -> None:
    result = analyse(
        make_matrix(
            {
                "d_small": [1, 1, 3, 3],  # AD 1, range 2
                "d_big": [1, 1, 5, 5],  # AD 2, range 4
                "d_tie": [1, 2, 4, 3],  # AD 1, range 3 → before d_small
                "d_tie2": [3, 3, 1, 1],  # AD 1, range 2, after d_small in catalogue order
                "diss": [3, 3, 3, 5],
                "s_top": [5, 5, 5, 5],
                "s_low": [4, 4, 4, 3],  # 3.75
                "w_bottom": [1, 1, 1, 1],
                "w_top": [2, 2, 2, 3],  # 2.25
                "gap": [3, 3, None, None],  # 2 of 4 can't judge
                "gap_small": [3, 3, 3, None],  # 1 of 4: below a third
            }
        )
    )
    assert result.disagreements == ("d_big", "d_tie", "d_small", "d_tie2")
    assert result.dissents == ("diss",)
    assert result.strengths == ("s_top", "s_low")
    assert result.weaknesses == ("w_bottom", "w_top")
    assert result.knowledge_gaps == ("gap",)


def test_knowledge_gap_rule() -> None:
    config = AnalysisConfig()
    # exactly a third of those who answered: 1 of 3
    assert is_knowledge_gap(one(3, 3, None).statements[0], config)
    # below a third (1 of 4) but low coverage (n = 3 of R = 8)
    assert is_knowledge_gap(one(3, 3, 3, None, ABSENT, ABSENT, ABSENT, ABSENT).statements[0], config)
    # low coverage without any "can't judge" is not a knowledge gap: nobody said they cannot see it
    assert not is_knowledge_gap(one(3, ABSENT, ABSENT).statements[0], config)
    # one of four
    assert not is_knowledge_gap(one(3, 3, 3, None).statements[0], config)


def test_knowledge_gaps_ranked_by_count_then_share() -> None:
    result = analyse(
        make_matrix(
            {
                "one_of_two": [3, None, ABSENT, ABSENT, ABSENT, ABSENT],
                "three_of_six": [3, 3, 3, None, None, None],
                "two_of_three": [3, None, None, ABSENT, ABSENT, ABSENT],
                "two_of_six": [3, 3, 3, 3, None, None],
            }
        )
    )
    assert result.knowledge_gaps == ("three_of_six", "two_of_three", "two_of_six", "one_of_two")


# --------------------------------------------------------------------------------------------------------
# Configuration and validation
# --------------------------------------------------------------------------------------------------------


def test_config_converts_to_exact_fractions() -> None:
    config = AnalysisConfig(rater_bias=0.75, strength_mean="3.8", dispersion_ad_cutoff=1, rater_pattern_r=0.1)  # type: ignore[arg-type]
    assert config.rater_bias == Fraction(3, 4)
    assert config.strength_mean == Fraction(19, 5)
    assert config.rater_pattern_r == Fraction(1, 10)
    assert isinstance(config.dispersion_ad_cutoff, Fraction)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_valid": 1},
        {"strength_mean": Fraction(2), "weakness_mean": Fraction(3)},
        {"polarisation_share": Fraction(0)},
        {"rater_bias": "x"},
        {"dissent_gap": 1.5},
        {"rater_pattern_r": Fraction(2)},
    ],
)
def test_config_rejects_meaningless_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        AnalysisConfig(**kwargs)  # type: ignore[arg-type]


def test_configured_thresholds_are_used() -> None:
    # with a stricter dispersion cut-off of 1/2, (2, 3, 3, 4) (AD 1/2) is still agreement, (2, 3, 4, 4) not
    config = AnalysisConfig(dispersion_ad_cutoff=Fraction(1, 2), polarisation_share=Fraction(1, 2))
    assert analyse(make_matrix({"s": [2, 3, 3, 4]}), config).statements[0].verdict is Verdict.AGREEMENT
    # (2, 3, 4, 4): mean 13/4, AD = (5/4 + 1/4 + 3/4 + 3/4) / 4 = 3/4 > 1/2
    assert analyse(make_matrix({"s": [2, 3, 4, 4]}), config).statements[0].verdict is Verdict.DISAGREEMENT


@pytest.mark.parametrize("bad", [0, 6, 2.5, True, "3"])
def test_matrix_with_an_impossible_level_is_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match=r"not one of 1\.\.5"):
        analyse(RatingMatrix(("a", "b"), ("s",), {("a", "s"): bad, ("b", "s"): 3}))  # type: ignore[dict-item]


def test_matrix_with_duplicate_ids_is_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate rater"):
        analyse(RatingMatrix(("a", "a"), ("s",), {}))
    with pytest.raises(ValueError, match="duplicate statement"):
        analyse(RatingMatrix(("a",), ("s", "s"), {}))


# --------------------------------------------------------------------------------------------------------
# JSON view
# --------------------------------------------------------------------------------------------------------


def test_json_view() -> None:
    result = analyse(bias_round(8))
    data = json.loads(json.dumps(analysis_to_json(result)))
    statement_keys = {
        "id",
        "n",
        "cant_judge",
        "mean",
        "median",
        "sd",
        "min",
        "max",
        "distribution",
        "rwg",
        "ad_mean",
        "verdict",
        "dissenters",
        "low_coverage",
        "position",
    }
    assert statement_keys <= set(data["statements"][0])
    for key in (
        "raters",
        "pair_offset",
        "dimensions",
        "overall_index",
        "alpha_ordinal",
        "alpha_interval",
        "alpha_ordinal_reason",
        "alpha_interval_reason",
        "flagged_share",
        "comparison_possible",
        "disagreements",
        "dissents",
        "strengths",
        "weaknesses",
        "knowledge_gaps",
    ):
        assert key in data
    a = data["raters"][0]
    assert a == {
        "id": "a",
        "k": 8,
        "bias": 0.75,
        "pattern_r": a["pattern_r"],
        "straight_lining": True,
        "flags": ["rates_higher"],
    }
    s5 = data["statements"][5]
    assert s5["mean"] == 2.8  # (3 + 3 + 3 + 3 + 2) / 5
    assert s5["ratings"] == {"a": 3, "b": 3, "c": 3, "d": 3, "e": 2}
    assert data["pair_offset"] is None
    assert data["comparison_possible"] is True


def test_json_view_of_positions_and_nulls() -> None:
    data = analysis_to_json(analyse(make_matrix({"hi": [5, 5], "lo": [1, 1], "none": [None, ABSENT]})))
    positions = {s["id"]: s["position"] for s in data["statements"]}
    assert positions == {"hi": "strength", "lo": "weakness", "none": None}
    assert data["alpha_ordinal"] is not None
    assert data["pair_offset"] == {"raters": ["r0", "r1"], "k": 2, "offset": 0.0, "flagged": False}
    empty = analysis_to_json(analyse(make_matrix({"none": [None, None]})))
    assert empty["alpha_ordinal"] is None
    assert empty["alpha_ordinal_reason"] == ALPHA_TOO_FEW
    assert empty["overall_index"] is None
    assert empty["statements"][0]["verdict"] == "insufficient"


def test_json_view_carries_full_precision() -> None:
    """Scripts get the figures as computed; only displays round."""
    result = analyse(make_matrix({"third": [1, 1, 2], "other": [2, 3, 3]}))
    data = analysis_to_json(result)
    third = data["statements"][0]
    assert third["mean"] == float(Fraction(4, 3)) == 1.3333333333333333
    assert third["ad_mean"] == float(Fraction(4, 9))
    assert third["rwg"] == result.statements[0].rwg
    assert data["overall_mean"] == float(result.overall_mean)


def test_json_view_has_no_spread_for_a_single_rating() -> None:
    data = analysis_to_json(analyse(make_matrix({"alone": [4, None, ABSENT], "pair": [2, 4, 3]})))
    alone, pair = data["statements"]
    assert (alone["n"], alone["ad_mean"], alone["rwg"], alone["sd"]) == (1, None, None, None)
    assert pair["ad_mean"] is not None and pair["rwg"] is not None


def test_json_view_lists_every_rater_of_the_round() -> None:
    three = analysis_to_json(
        analyse(make_matrix({"s1": [3, 4, 5, ABSENT], "s2": [2, 3, 4, None]}, raters="abcz"))
    )
    assert [r["id"] for r in three["raters"]] == ["a", "b", "c", "z"]
    assert three["raters"][3] == {
        "id": "z",
        "k": 0,
        "bias": None,
        "pattern_r": None,
        "straight_lining": False,
        "flags": [],
    }
    pair = make_matrix({"s1": [2, 4, ABSENT], "s2": [3, ABSENT, None]}, raters="abz")
    two = analysis_to_json(analyse(pair))
    assert [(r["id"], r["k"], r["bias"], r["flags"]) for r in two["raters"]] == [
        ("a", 1, None, []),
        ("b", 1, None, []),
        ("z", 0, None, []),
    ]
    assert two["pair_offset"] == {"raters": ["a", "b"], "k": 1, "offset": -2.0, "flagged": False}


# --------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------

cell_values = st.one_of(st.just(ABSENT), st.none(), st.integers(1, 5))


@st.composite
def matrices(draw: st.DrawFn, max_raters: int = 12, max_statements: int = 10) -> RatingMatrix:
    raters = draw(st.integers(0, max_raters))
    statements = draw(st.integers(0, max_statements))
    columns = {
        f"s{j}": draw(st.lists(cell_values, min_size=raters, max_size=raters)) for j in range(statements)
    }
    dims = {f"s{j}": f"d{j % 3}" for j in range(statements) if j % 4}
    return make_matrix(columns, raters=[f"m{i}" for i in range(raters)], dimension_of=dims)


def normalised(result: RoundAnalysis) -> dict[str, object]:
    """The analysis with rater order taken out: what must not change when raters are permuted."""
    pair = result.pair_offset
    pair_view = None
    if pair is not None:
        sign = 1 if pair.raters == tuple(sorted(pair.raters)) else -1
        pair_view = (
            sorted(pair.raters),
            pair.k,
            None if pair.offset is None else sign * pair.offset,
            pair.flagged,
        )
    return {
        "statements": [
            (
                s.id,
                dict(s.ratings),
                sorted(s.cant_judge_raters),
                s.n,
                s.mean,
                s.median,
                s.sd,
                s.rwg,
                s.ad_mean,
                s.verdict,
                sorted(s.dissenters),
                s.low_coverage,
                s.position,
            )
            for s in result.statements
        ],
        "dimensions": result.dimensions,
        "raters": sorted(
            (r.id, r.k, r.bias, r.pattern_r, r.straight_lining, r.flags) for r in result.rater_results
        ),
        "active": sorted(result.active_raters),
        "pair": pair_view,
        "alpha": (result.alpha_ordinal, result.alpha_interval),
        "overall": (
            result.overall_mean,
            result.overall_index,
            result.flagged_share,
            result.comparison_possible,
        ),
        "lists": (
            result.disagreements,
            result.dissents,
            result.strengths,
            result.weaknesses,
            result.knowledge_gaps,
        ),
    }


@settings(max_examples=150, deadline=None)
@given(matrices(), st.randoms(use_true_random=False))
def test_permuting_raters_changes_nothing(matrix: RatingMatrix, rnd: random.Random) -> None:
    order = list(matrix.raters)
    rnd.shuffle(order)
    permuted = RatingMatrix(tuple(order), matrix.statements, dict(matrix.cells), matrix.dimension_of)
    assert normalised(analyse(permuted)) == normalised(analyse(matrix))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 15),
    st.lists(st.integers(1, 5), min_size=1, max_size=24),
    st.lists(st.lists(st.booleans(), min_size=24, max_size=24), min_size=15, max_size=15),
)
def test_identical_ratings_are_never_flagged(
    raters: int, levels: list[int], present: list[list[bool]]
) -> None:
    # every manager gives the statement's one level or leaves it out (can't judge)
    columns = {
        f"s{j}": [level if present[i][j] else None for i in range(raters)] for j, level in enumerate(levels)
    }
    result = analyse(make_matrix(columns))
    assert all(not s.flagged for s in result.statements)
    assert all(r.flags == () for r in result.rater_results)
    assert result.pair_offset is None or not result.pair_offset.flagged
    assert result.disagreements == result.dissents == ()


@settings(max_examples=200, deadline=None)
@given(matrices(max_raters=20))
def test_figures_stay_within_their_ranges(matrix: RatingMatrix) -> None:
    result = analyse(matrix)
    for s in result.statements:
        if s.n:
            assert s.mean is not None and s.ad_mean is not None
            assert 1 <= s.mean <= 5
            assert 0 <= s.ad_mean <= 2
        if s.rwg is not None:
            assert s.rwg <= 1
        assert sum(s.distribution) == s.n
        assert s.n + s.cant_judge <= len(matrix.raters)
    indices = [d.index for d in result.dimensions] + [result.overall_index]
    assert all(0 <= i <= 100 for i in indices if i is not None)
    for alpha in (result.alpha_ordinal, result.alpha_interval):
        assert alpha.value is None or alpha.value <= 1 + 1e-12
        assert (alpha.value is None) == (alpha.reason is not None)
    for r in result.rater_results:
        assert r.pattern_r is None or -1 <= r.pattern_r <= 1
    if result.flagged_share is not None:
        assert 0 <= result.flagged_share <= 1
    json.dumps(analysis_to_json(result))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=15))
def test_verdict_matches_the_integer_forms_of_the_rule_set(values: list[int]) -> None:
    n, total = len(values), sum(values)
    dispersion = 6 * sum(abs(n * x - total) for x in values) > 5 * n * n
    polarised = 3 * sum(x <= 2 for x in values) >= n and 3 * sum(x >= 4 for x in values) >= n
    s = one(*values).statements[0]
    assert (s.verdict is Verdict.DISAGREEMENT) == (dispersion or polarised)
    if s.verdict is Verdict.AGREEMENT:
        assert (s.position is Position.STRENGTH) == (4 * total >= 15 * n)
        assert (s.position is Position.WEAKNESS) == (4 * total <= 9 * n)
    assert s.sd == pytest.approx(statistics.stdev(values))


# --------------------------------------------------------------------------------------------------------
# Timing (reported, not asserted beyond a generous ceiling)
# --------------------------------------------------------------------------------------------------------


def typical_round(seed: int = 1) -> RatingMatrix:
    """15 managers × 24 statements, random levels with about 10 % "can't judge"."""
    rnd = random.Random(seed)
    columns = {
        f"s{j}": [None if rnd.random() < 0.1 else rnd.randint(1, 5) for _ in range(15)] for j in range(24)
    }
    return make_matrix(columns, dimension_of={f"s{j}": f"d{j // 4}" for j in range(24)})


def test_a_typical_round_is_fast() -> None:
    matrix = typical_round()
    times = []
    for _ in range(20):
        start = time.perf_counter()
        analyse(matrix)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.5
