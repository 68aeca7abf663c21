"""Krippendorff's alpha: published values, undefined cases, and agreement with the ``krippendorff`` package.

The package (GPL-3.0) is a test-only cross-check; the project computes alpha itself.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.analysis import (
    ALPHA_NO_VARIATION,
    ALPHA_TOO_FEW,
    AlphaLevel,
    RatingMatrix,
    analyse,
    krippendorff_alpha,
)

Row = Sequence[int | None]

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: observers A–D × units 1–12,
# values 1–5, None where an observer gave no value.
EXAMPLE_C: dict[str, Row] = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}

# The example in the Wikipedia article "Krippendorff's alpha": coders A–C × units 1–15.
EXAMPLE_WIKIPEDIA: dict[str, Row] = {
    "A": [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
    "B": [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
    "C": [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
}


def units_of(rows: dict[str, Row]) -> list[list[int]]:
    """Observers × units to one list of present values per unit."""
    width = len(next(iter(rows.values())))
    return [[row[u] for row in rows.values() if row[u] is not None] for u in range(width)]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("level", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_krippendorff_example_c(level: AlphaLevel, published: float) -> None:
    result = krippendorff_alpha(units_of(EXAMPLE_C), level)
    assert result.value is not None
    assert round(result.value, 3) == published
    # 12 units, unit 12 has a single value: 40 pairable values (3 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 3 + 2)
    assert result.n == 40
    assert result.reason is None


@pytest.mark.parametrize(
    ("rows", "level", "exact"),
    [
        (EXAMPLE_C, "nominal", Fraction(113, 152)),
        (EXAMPLE_C, "interval", Fraction(951, 1120)),
        (EXAMPLE_WIKIPEDIA, "nominal", Fraction(56, 81)),
    ],
)
def test_alpha_is_computed_exactly(rows: dict[str, Row], level: AlphaLevel, exact: Fraction) -> None:
    """The value is the float nearest to the exact fraction: no rounding error builds up on the way."""
    assert krippendorff_alpha(units_of(rows), level).value == float(exact)


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.691), ("interval", 0.811)])
def test_wikipedia_example(level: AlphaLevel, published: float) -> None:
    result = krippendorff_alpha(units_of(EXAMPLE_WIKIPEDIA), level)
    assert result.value is not None
    assert round(result.value, 3) == published
    assert result.n == 26  # units 3–5, 8–13 and 15 with two values each, units 6 and 7 with three


def test_analyse_reports_the_same_alpha_as_the_units() -> None:
    raters = tuple(EXAMPLE_C)
    statements = tuple(f"u{u}" for u in range(12))
    cells = {
        (rater, statements[u]): value
        for rater, row in EXAMPLE_C.items()
        for u, value in enumerate(row)
        if value is not None
    }
    result = analyse(RatingMatrix(raters, statements, cells))
    assert result.alpha_ordinal == krippendorff_alpha(units_of(EXAMPLE_C), "ordinal")
    assert result.alpha_interval == krippendorff_alpha(units_of(EXAMPLE_C), "interval")


def test_cant_judge_is_missing_not_a_value() -> None:
    # the same data with "can't judge" written into every gap must give the same alpha
    raters = tuple(EXAMPLE_C)
    statements = tuple(f"u{u}" for u in range(12))
    cells = {(rater, statements[u]): value for rater, row in EXAMPLE_C.items() for u, value in enumerate(row)}
    result = analyse(RatingMatrix(raters, statements, cells))
    assert result.alpha_ordinal.value is not None
    assert round(result.alpha_ordinal.value, 3) == 0.815


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_undefined_alpha_has_a_reason(level: AlphaLevel) -> None:
    assert krippendorff_alpha([], level).reason == ALPHA_TOO_FEW
    assert krippendorff_alpha([[3], [4], []], level).reason == ALPHA_TOO_FEW
    constant = krippendorff_alpha([[3, 3], [3, 3, 3], [5]], level)
    assert (constant.value, constant.reason, constant.n) == (None, ALPHA_NO_VARIATION, 5)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_perfect_agreement_is_one(level: AlphaLevel) -> None:
    assert krippendorff_alpha([[1, 1], [3, 3, 3], [5, 5]], level).value == 1.0


def test_systematic_disagreement_is_negative() -> None:
    result = krippendorff_alpha([[1, 5], [5, 1], [1, 5]], "interval")
    assert result.value is not None
    assert result.value < 0


def test_unknown_level_is_rejected() -> None:
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "ratio")  # type: ignore[arg-type]


def package_alpha(rows: list[list[int | None]], level: str) -> float | None:
    """The ``krippendorff`` package's alpha, or None where it cannot compute one."""
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            value = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
        except ValueError:
            return None
    return None if math.isnan(value) else value


@st.composite
def reliability_data(draw: st.DrawFn) -> list[list[int | None]]:
    raters = draw(st.integers(2, 10))
    units = draw(st.integers(1, 24))
    cell = st.one_of(st.none(), st.integers(1, 5))
    return [draw(st.lists(cell, min_size=units, max_size=units)) for _ in range(raters)]


@settings(max_examples=300, deadline=None)
@given(reliability_data(), st.sampled_from(["nominal", "ordinal", "interval"]))
def test_agrees_with_the_krippendorff_package(rows: list[list[int | None]], level: AlphaLevel) -> None:
    units = [[row[u] for row in rows if row[u] is not None] for u in range(len(rows[0]))]
    ours = krippendorff_alpha(units, level)  # type: ignore[arg-type]
    theirs = package_alpha(rows, level)
    if ours.value is None:
        assert theirs is None
    else:
        assert theirs is not None
        assert ours.value == pytest.approx(theirs, abs=1e-9)
        assert ours.value <= 1


@settings(max_examples=100, deadline=None)
@given(reliability_data())
def test_ordinal_and_interval_in_analyse_agree_with_the_package(rows: list[list[int | None]]) -> None:
    raters = tuple(f"m{i}" for i in range(len(rows)))
    statements = tuple(f"s{u}" for u in range(len(rows[0])))
    cells = {(raters[i], statements[u]): v for i, row in enumerate(rows) for u, v in enumerate(row)}
    result = analyse(RatingMatrix(raters, statements, cells))
    for alpha, level in ((result.alpha_ordinal, "ordinal"), (result.alpha_interval, "interval")):
        theirs = package_alpha(rows, level)
        if alpha.value is None:
            assert theirs is None
        else:
            assert theirs is not None
            assert alpha.value == pytest.approx(theirs, abs=1e-9)
