"""The judgment analysis of a round: rule set v1 of ``shared/design/agreement-rules.md``.

Pure functions over a ratings matrix (managers × statements). "Can't judge" is a missing value, never a
number. Every decision is taken with exact arithmetic (integers and ``Fraction``); floats appear only in
figures that are shown and never decided with (SD, r_wg, Pearson r, Krippendorff's alpha).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

#: One cell of the matrix: a level 1..5, or None for an explicit "can't judge".
#: A cell that is absent from the matrix means "not answered (yet)".
Rating = int | None

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class RatingMatrix:
    """A round's ratings. ``cells`` maps (rater, statement) to a level or None ("can't judge")."""

    raters: tuple[str, ...]
    statements: tuple[str, ...]
    cells: Mapping[tuple[str, str], Rating]
    #: statement id -> dimension id; statements missing here belong to no dimension
    dimension_of: Mapping[str, str] = field(default_factory=dict)


class Verdict(StrEnum):
    DISAGREEMENT = "disagreement"
    DISSENT = "dissent"
    AGREEMENT = "agreement"
    INSUFFICIENT = "insufficient"


class Position(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"


class RaterFlag(StrEnum):
    RATES_HIGHER = "rates_higher"
    RATES_LOWER = "rates_lower"
    DIFFERENT_PATTERN = "different_pattern"


@dataclass(frozen=True)
class AnalysisConfig:
    """Every threshold of the rule set; the defaults are the rule set's."""

    dispersion_ad_cutoff: Fraction = Fraction(5, 6)
    polarisation_share: Fraction = Fraction(1, 3)
    dissent_gap: int = 2
    strength_mean: Fraction = Fraction(15, 4)
    weakness_mean: Fraction = Fraction(9, 4)
    min_valid: int = 2
    low_coverage_share: Fraction = Fraction(1, 2)
    rater_bias: Fraction = Fraction(3, 4)
    rater_min_items: int = 8
    rater_pattern_r: Fraction = Fraction(1, 10)
    rater_pattern_min_sd: Fraction = Fraction(1, 2)


@dataclass(frozen=True)
class StatementResult:
    id: str
    dimension: str | None
    #: rater -> level, valid ratings only, in the matrix's rater order
    ratings: Mapping[str, int]
    #: raters who explicitly answered "can't judge"
    cant_judge_raters: tuple[str, ...]
    n: int
    cant_judge: int
    mean: Fraction | None
    median: Fraction | None
    sd: float | None
    min: int | None
    max: int | None
    #: counts of levels 1..5
    distribution: tuple[int, int, int, int, int]
    rwg: float | None
    ad_mean: Fraction | None
    verdict: Verdict
    dissenters: tuple[str, ...]
    low_coverage: bool
    position: Position | None

    @property
    def flagged(self) -> bool:
        """A difference in judgment the team should discuss."""
        return self.verdict in (Verdict.DISAGREEMENT, Verdict.DISSENT)


@dataclass(frozen=True)
class DimensionResult:
    id: str
    statements: tuple[str, ...]
    #: mean level of the dimension (None when nobody rated any of its statements)
    mean: Fraction | None
    #: maturity index 0..100 (level 1 = 0 %, level 5 = 100 %)
    index: float | None
    #: lowest and highest per-manager mean of the dimension: the band of the profile chart
    band_min: Fraction | None
    band_max: Fraction | None


@dataclass(frozen=True)
class RaterResult:
    id: str
    #: statements where this rater and at least one other rated
    k: int
    bias: Fraction | None
    pattern_r: float | None
    straight_lining: bool
    flags: tuple[RaterFlag, ...]


@dataclass(frozen=True)
class PairOffset:
    """R = 2 only: mean(x0 - x1) over common statements; who deviates is unknowable."""

    raters: tuple[str, str]
    k: int
    offset: Fraction | None
    flagged: bool


@dataclass(frozen=True)
class AlphaResult:
    value: float | None
    #: why value is None ("no variation", "fewer than two ratings per statement"), else None
    reason: str | None
    #: number of pairable values (ratings in statements with at least two ratings)
    n: int


@dataclass(frozen=True)
class RoundAnalysis:
    config: AnalysisConfig
    raters: tuple[str, ...]
    #: raters with at least one valid rating
    active_raters: tuple[str, ...]
    statements: tuple[StatementResult, ...]
    dimensions: tuple[DimensionResult, ...]
    rater_results: tuple[RaterResult, ...]
    pair_offset: PairOffset | None
    alpha_ordinal: AlphaResult
    alpha_interval: AlphaResult
    overall_mean: Fraction | None
    overall_index: float | None
    #: share of statements with a verdict of disagreement or dissent, among those not insufficient
    flagged_share: Fraction | None
    #: False when fewer than two managers gave valid ratings: there is nothing to compare
    comparison_possible: bool
    # ranked lists of statement ids
    disagreements: tuple[str, ...]
    dissents: tuple[str, ...]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    knowledge_gaps: tuple[str, ...]

    def statement(self, statement_id: str) -> StatementResult:
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)
