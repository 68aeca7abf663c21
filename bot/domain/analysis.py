"""The judgment analysis of a round: rule set v1 of ``shared/design/agreement-rules.md``.

Pure functions over a ratings matrix (managers × statements). "Can't judge" is a missing value, never a
number. Every decision is taken with exact arithmetic (integers and ``Fraction``); floats appear only in
figures that are shown and never decided with (SD, r_wg, Pearson r, Krippendorff's alpha). The reason is
the rule set's own example: in floating point mean(|x − mean|) of (1,1,1,2,3,3) is 0.8333333333333335, above
the 5/6 cut-off, and the verdict would flip.

Entry points: ``analyse`` (a whole round), ``krippendorff_alpha`` (the reliability coefficient on its own)
and ``analysis_to_json`` (a plain, JSON-ready view of the result).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from fractions import Fraction
from typing import Any, Literal, TypeVar

#: One cell of the matrix: a level 1..5, or None for an explicit "can't judge".
#: A cell that is absent from the matrix means "not answered (yet)".
Rating = int | None

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)

#: Variance of a uniform answer over the levels, (A² − 1) / 12 = 2 for five levels: r_wg's null model.
NULL_VARIANCE: Fraction = Fraction(len(LEVELS) ** 2 - 1, 12)

#: Dissent needs at least three valid ratings: with two, "the others" is one person, and which of the two
#: deviates is unknowable (the same reason the pair offset of a two-manager round is said without blame).
DISSENT_MIN_VALID = 3

#: Reasons for an undefined Krippendorff's alpha, as shown to users.
ALPHA_NO_VARIATION = "no variation"
ALPHA_TOO_FEW = "fewer than two ratings per statement"

#: Krippendorff's reliability bands: from .800 data are reliable, from .667 fit for tentative conclusions.
ALPHA_RELIABLE = 0.800
ALPHA_TENTATIVE = 0.667

AlphaLevel = Literal["nominal", "ordinal", "interval"]

_T = TypeVar("_T")


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
    """Every threshold of the rule set; the defaults are the rule set's.

    Thresholds are kept as ``Fraction`` so that decisions stay exact. Values given as ``int``, ``str``
    (``"0.75"``, ``"5/6"``) or ``float`` are converted on construction; a float is read as the decimal it
    prints as (``0.1`` → 1/10), because its binary value (0.1000000000000000055…) is never what was meant.
    Contradictory or meaningless settings raise ``ValueError`` here rather than giving odd verdicts later.
    """

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
    #: a statement is a knowledge gap when at least this share of those who answered it said "can't judge"
    knowledge_gap_share: Fraction = Fraction(1, 3)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool):
                raise ValueError(f"{f.name}: expected a number, got {value!r}")
            if f.type == "int":
                if not isinstance(value, int):
                    raise ValueError(f"{f.name}: expected a whole number, got {value!r}")
            else:
                object.__setattr__(self, f.name, _to_fraction(f.name, value))
        problems = [
            text
            for broken, text in (
                (self.dispersion_ad_cutoff < 0, "dispersion_ad_cutoff must be ≥ 0"),
                (not 0 < self.polarisation_share <= 1, "polarisation_share must be in (0, 1]"),
                (self.dissent_gap < 1, "dissent_gap must be ≥ 1"),
                (
                    not 1 <= self.weakness_mean < self.strength_mean <= 5,
                    "need 1 ≤ weakness_mean < strength_mean ≤ 5",
                ),
                (self.min_valid < 2, "min_valid must be ≥ 2 (one rating is no comparison)"),
                (not 0 < self.low_coverage_share <= 1, "low_coverage_share must be in (0, 1]"),
                (self.rater_bias <= 0, "rater_bias must be > 0"),
                (self.rater_min_items < 2, "rater_min_items must be ≥ 2"),
                (not -1 <= self.rater_pattern_r <= 1, "rater_pattern_r must be in [-1, 1]"),
                (self.rater_pattern_min_sd < 0, "rater_pattern_min_sd must be ≥ 0"),
                (not 0 < self.knowledge_gap_share <= 1, "knowledge_gap_share must be in (0, 1]"),
            )
            if broken
        ]
        if problems:
            raise ValueError("; ".join(problems))


def _to_fraction(name: str, value: object) -> Fraction:
    """A threshold as an exact fraction; floats by their shortest decimal form (see ``AnalysisConfig``)."""
    try:
        if isinstance(value, Fraction | int):
            return Fraction(value)
        if isinstance(value, float):
            return Fraction(repr(value))
        if isinstance(value, str):
            return Fraction(value.strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"{name}: not a number: {value!r}") from exc
    raise ValueError(f"{name}: expected a number, got {value!r}")


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
    #: mean of the statement means of the dimension's statements with at least one valid rating, so every
    #: statement weighs the same however many managers could judge it (None when nobody rated any of them)
    mean: Fraction | None
    #: maturity index 0..100 (level 1 = 0 %, level 5 = 100 %)
    index: float | None
    #: lowest and highest per-manager mean of the dimension: the band of the profile chart
    band_min: Fraction | None
    band_max: Fraction | None


@dataclass(frozen=True)
class RaterResult:
    """One manager compared with the others (rounds with at least three active managers only)."""

    id: str
    #: statements where this rater and at least one other rated
    k: int
    #: mean of (own rating − mean of the others' valid ratings) over those k statements; None when k = 0
    bias: Fraction | None
    #: Pearson r of own ratings against the others' means; None when either series is constant or k < 2
    pattern_r: float | None
    #: one level on all k statements (k ≥ 2)
    straight_lining: bool
    flags: tuple[RaterFlag, ...]


@dataclass(frozen=True)
class PairOffset:
    """R = 2 only: mean(x0 - x1) over common statements; who deviates is unknowable."""

    #: the two active managers in the matrix's rater order; offset = first − second
    raters: tuple[str, str]
    k: int
    #: None when the two have no statement in common
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
    #: one per active rater, in the matrix's order, when at least three managers gave valid ratings; empty
    #: otherwise (with two, each one's bias is just ± the pair offset and which one deviates is unknowable)
    rater_results: tuple[RaterResult, ...]
    #: exactly two active managers only
    pair_offset: PairOffset | None
    alpha_ordinal: AlphaResult
    alpha_interval: AlphaResult
    overall_mean: Fraction | None
    overall_index: float | None
    #: share of statements with a verdict of disagreement or dissent, among those not insufficient
    flagged_share: Fraction | None
    #: False when fewer than two managers gave valid ratings: there is nothing to compare
    comparison_possible: bool
    # Ranked lists of statement ids; ties keep catalogue (matrix) order.
    #: by AD_M descending, then range descending: the widest split first
    disagreements: tuple[str, ...]
    #: catalogue order
    dissents: tuple[str, ...]
    #: by mean descending
    strengths: tuple[str, ...]
    #: by mean ascending
    weaknesses: tuple[str, ...]
    #: see ``is_knowledge_gap``: by "can't judge" count descending, then its share of answers
    knowledge_gaps: tuple[str, ...]

    def statement(self, statement_id: str) -> StatementResult:
        """The result of one statement by id (KeyError if the round has no such statement)."""
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)


# --------------------------------------------------------------------------------------------------------
# The round
# --------------------------------------------------------------------------------------------------------


def analyse(matrix: RatingMatrix, config: AnalysisConfig = AnalysisConfig()) -> RoundAnalysis:
    """Apply the rule set to one round.

    Works for any number of raters, including none or one (then nothing is compared: every statement is
    insufficient and no manager is flagged). The result does not depend on the order of the raters, apart
    from the order in which raters are listed and the sign of the pair offset, which follow the matrix.

    Raises ``ValueError`` for a malformed matrix (duplicate ids, a level that is not one of 1..5).
    """
    _check_matrix(matrix)
    round_size = len(matrix.raters)
    stats = [_StatementData.collect(matrix, sid) for sid in matrix.statements]
    statements = tuple(_statement_result(d, config, round_size) for d in stats)
    active = tuple(r for r in matrix.raters if any(r in d.ratings for d in stats))

    rater_results: tuple[RaterResult, ...] = ()
    pair_offset: PairOffset | None = None
    if len(active) >= 3:
        rater_results = tuple(_rater_result(r, stats, config) for r in active)
    elif len(active) == 2:
        pair_offset = _pair_offset((active[0], active[1]), stats, config)

    units = [list(d.ratings.values()) for d in stats]
    overall_mean = _mean_of_means(statements)
    judged = [s for s in statements if s.verdict is not Verdict.INSUFFICIENT]
    flagged_share = Fraction(sum(s.flagged for s in judged), len(judged)) if judged else None
    order = {s.id: i for i, s in enumerate(statements)}

    def ranked(items: Iterable[StatementResult], key: Callable[[StatementResult], Any]) -> tuple[str, ...]:
        return tuple(s.id for s in sorted(items, key=lambda s: (key(s), order[s.id])))

    return RoundAnalysis(
        config=config,
        raters=tuple(matrix.raters),
        active_raters=active,
        statements=statements,
        dimensions=_dimension_results(statements),
        rater_results=rater_results,
        pair_offset=pair_offset,
        alpha_ordinal=krippendorff_alpha(units, "ordinal"),
        alpha_interval=krippendorff_alpha(units, "interval"),
        overall_mean=overall_mean,
        overall_index=maturity_index(overall_mean),
        flagged_share=flagged_share,
        comparison_possible=len(active) >= 2,
        disagreements=ranked(
            (s for s in statements if s.verdict is Verdict.DISAGREEMENT),
            lambda s: (-_req(s.ad_mean), -(_req(s.max) - _req(s.min))),
        ),
        dissents=ranked((s for s in statements if s.verdict is Verdict.DISSENT), lambda s: 0),
        strengths=ranked((s for s in statements if s.position is Position.STRENGTH), lambda s: -_req(s.mean)),
        weaknesses=ranked((s for s in statements if s.position is Position.WEAKNESS), lambda s: _req(s.mean)),
        knowledge_gaps=ranked(
            (s for s in statements if is_knowledge_gap(s, config)),
            lambda s: (-s.cant_judge, -Fraction(s.cant_judge, s.n + s.cant_judge)),
        ),
    )


def is_knowledge_gap(statement: StatementResult, config: AnalysisConfig = AnalysisConfig()) -> bool:
    """Whether too few managers can see what a statement asks about.

    The rule: at least one manager explicitly said "can't judge", and either at least
    ``config.knowledge_gap_share`` (a third) of those who answered the statement said so, or the statement
    has low coverage. An explicit "can't judge" is required because a missing answer (a round closed early)
    says nothing about knowledge. In ``RoundAnalysis.knowledge_gaps`` these are ranked by the number of
    "can't judge" (descending), then by their share, then catalogue order.
    """
    if statement.cant_judge == 0:
        return False
    answered = statement.n + statement.cant_judge
    return statement.low_coverage or statement.cant_judge >= config.knowledge_gap_share * answered


def _req(value: _T | None) -> _T:
    """A value the verdict guarantees is present (ranking keys); fails loudly if that ever breaks."""
    if value is None:
        raise AssertionError("value expected")
    return value


def _check_matrix(matrix: RatingMatrix) -> None:
    """Reject what would otherwise give silently wrong numbers: duplicate ids and impossible levels."""
    for kind, ids in (("rater", matrix.raters), ("statement", matrix.statements)):
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                raise ValueError(f"duplicate {kind} id {item!r} in the matrix")
            seen.add(item)
    for (rater, statement), level in matrix.cells.items():
        if level is None:
            continue
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            raise ValueError(
                f"rating {level!r} of rater {rater!r} for statement {statement!r} is not one of 1..5"
            )


# --------------------------------------------------------------------------------------------------------
# Per statement
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StatementData:
    """The valid ratings and "can't judge" answers of one statement, in the matrix's rater order."""

    id: str
    dimension: str | None
    ratings: dict[str, int]
    cant_judge_raters: tuple[str, ...]

    @classmethod
    def collect(cls, matrix: RatingMatrix, statement: str) -> _StatementData:
        ratings: dict[str, int] = {}
        cant: list[str] = []
        for rater in matrix.raters:
            key = (rater, statement)
            if key not in matrix.cells:
                continue
            level = matrix.cells[key]
            if level is None:
                cant.append(rater)
            else:
                ratings[rater] = level
        return cls(statement, matrix.dimension_of.get(statement), ratings, tuple(cant))

    @property
    def n(self) -> int:
        return len(self.ratings)

    @property
    def total(self) -> int:
        return sum(self.ratings.values())


def _median(values: Sequence[int]) -> Fraction:
    """Median; for an even count the mean of the two middle values (exact)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[mid])
    return Fraction(ordered[mid - 1] + ordered[mid], 2)


def _statement_result(data: _StatementData, config: AnalysisConfig, round_size: int) -> StatementResult:
    values = list(data.ratings.values())
    n, total = data.n, data.total
    distribution = tuple(values.count(level) for level in LEVELS)
    low_coverage = n < config.low_coverage_share * round_size
    base: dict[str, Any] = {
        "id": data.id,
        "dimension": data.dimension,
        "ratings": dict(data.ratings),
        "cant_judge_raters": data.cant_judge_raters,
        "n": n,
        "cant_judge": len(data.cant_judge_raters),
        "distribution": distribution,
        "low_coverage": low_coverage,
    }
    if n == 0:
        return StatementResult(
            **base,
            mean=None,
            median=None,
            sd=None,
            min=None,
            max=None,
            rwg=None,
            ad_mean=None,
            verdict=Verdict.INSUFFICIENT,
            dissenters=(),
            position=None,
        )

    mean = Fraction(total, n)
    # Σ|n·x − S| / n² is mean |x − mean| with integers only; likewise Σ(n·x − S)² / (n²(n − 1)) is s².
    ad_mean = Fraction(sum(abs(n * x - total) for x in values), n * n)
    variance = Fraction(sum((n * x - total) ** 2 for x in values), n * n * (n - 1)) if n >= 2 else None

    dissenters: tuple[str, ...] = ()
    if n < config.min_valid:
        verdict = Verdict.INSUFFICIENT
    elif ad_mean > config.dispersion_ad_cutoff or _polarised(values, config):
        verdict = Verdict.DISAGREEMENT
    else:
        dissenters = _dissenters(data.ratings, config) if n >= DISSENT_MIN_VALID else ()
        verdict = Verdict.DISSENT if dissenters else Verdict.AGREEMENT

    position: Position | None = None
    if verdict is Verdict.AGREEMENT and not low_coverage:
        if mean >= config.strength_mean:
            position = Position.STRENGTH
        elif mean <= config.weakness_mean:
            position = Position.WEAKNESS

    return StatementResult(
        **base,
        mean=mean,
        median=_median(values),
        sd=math.sqrt(variance) if variance is not None else None,
        min=min(values),
        max=max(values),
        rwg=float(1 - variance / NULL_VARIANCE) if variance is not None else None,
        ad_mean=ad_mean,
        verdict=verdict,
        dissenters=dissenters,
        position=position,
    )


def _polarised(values: Sequence[int], config: AnalysisConfig) -> bool:
    """At least the configured share (a third) at levels 1–2 and at least that share at levels 4–5."""
    n = len(values)
    low = sum(1 for x in values if x <= 2)
    high = sum(1 for x in values if x >= 4)
    return low >= config.polarisation_share * n and high >= config.polarisation_share * n


def _dissenters(ratings: Mapping[str, int], config: AnalysisConfig) -> tuple[str, ...]:
    """Managers at least ``dissent_gap`` levels from the median of the others' valid ratings."""
    out = []
    for rater, level in ratings.items():
        others = [x for other, x in ratings.items() if other != rater]
        if abs(level - _median(others)) >= config.dissent_gap:
            out.append(rater)
    return tuple(out)


# --------------------------------------------------------------------------------------------------------
# Dimensions and the overall level
# --------------------------------------------------------------------------------------------------------


def _mean_of_means(statements: Iterable[StatementResult]) -> Fraction | None:
    """Mean of the statement means of statements with a valid rating: every statement weighs the same."""
    means = [s.mean for s in statements if s.mean is not None]
    return sum(means, Fraction(0)) / len(means) if means else None


def maturity_index(mean: Fraction | None) -> float | None:
    """A mean level as a maturity index 0..100: level 1 is 0, level 5 is 100."""
    return None if mean is None else float((mean - 1) / 4 * 100)


def _dimension_results(statements: Sequence[StatementResult]) -> tuple[DimensionResult, ...]:
    """One result per dimension, in order of first appearance along the matrix's statements."""
    members: dict[str, list[StatementResult]] = {}
    for s in statements:
        if s.dimension is not None:
            members.setdefault(s.dimension, []).append(s)
    results = []
    for dim, items in members.items():
        per_rater: dict[str, list[int]] = {}
        for s in items:
            for rater, level in s.ratings.items():
                per_rater.setdefault(rater, []).append(level)
        rater_means = [Fraction(sum(levels), len(levels)) for levels in per_rater.values()]
        mean = _mean_of_means(items)
        results.append(
            DimensionResult(
                id=dim,
                statements=tuple(s.id for s in items),
                mean=mean,
                index=maturity_index(mean),
                band_min=min(rater_means) if rater_means else None,
                band_max=max(rater_means) if rater_means else None,
            )
        )
    return tuple(results)


# --------------------------------------------------------------------------------------------------------
# Per manager
# --------------------------------------------------------------------------------------------------------


def _rater_result(rater: str, stats: Sequence[_StatementData], config: AnalysisConfig) -> RaterResult:
    """Bias and pattern of one manager against the others' means (rounds with R ≥ 3 active raters)."""
    own: list[int] = []
    others: list[Fraction] = []
    for d in stats:
        if rater in d.ratings and d.n >= 2:
            x = d.ratings[rater]
            own.append(x)
            others.append(Fraction(d.total - x, d.n - 1))
    k = len(own)
    if k == 0:
        return RaterResult(rater, 0, None, None, False, ())

    bias = sum((x - m for x, m in zip(own, others, strict=True)), Fraction(0)) / k
    own_mean = Fraction(sum(own), k)
    others_mean = sum(others, Fraction(0)) / k
    var_own = sum(((x - own_mean) ** 2 for x in own), Fraction(0))
    var_others = sum(((m - others_mean) ** 2 for m in others), Fraction(0))
    cov = sum(((x - own_mean) * (m - others_mean) for x, m in zip(own, others, strict=True)), Fraction(0))
    pattern_r = None
    if var_own > 0 and var_others > 0:
        pattern_r = math.copysign(math.sqrt(cov * cov / (var_own * var_others)), cov)
    straight_lining = k >= 2 and var_own == 0

    flags: list[RaterFlag] = []
    if k >= config.rater_min_items:
        if bias >= config.rater_bias:
            flags.append(RaterFlag.RATES_HIGHER)
        if bias <= -config.rater_bias:
            flags.append(RaterFlag.RATES_LOWER)
        # population variance of the others' means ≥ min_sd², i.e. their population SD ≥ min_sd
        if var_others / k >= config.rater_pattern_min_sd**2 and (
            straight_lining or _r_below(cov, var_own, var_others, config.rater_pattern_r)
        ):
            flags.append(RaterFlag.DIFFERENT_PATTERN)
    return RaterResult(rater, k, bias, pattern_r, straight_lining, tuple(flags))


def _r_below(cov: Fraction, var_x: Fraction, var_y: Fraction, threshold: Fraction) -> bool:
    """Exactly whether r = cov / √(var_x · var_y) < threshold, by its sign and r² (no square root).

    An undefined r (a constant series) is never "below": the caller handles straight lining itself.
    """
    if var_x == 0 or var_y == 0:
        return False
    bound = threshold * threshold * var_x * var_y  # threshold² · var_x · var_y, compared with cov²
    if threshold > 0:
        return cov <= 0 or cov * cov < bound
    if threshold == 0:
        return cov < 0
    return cov < 0 and cov * cov > bound


def _pair_offset(
    raters: tuple[str, str], stats: Sequence[_StatementData], config: AnalysisConfig
) -> PairOffset:
    """R = 2: the mean difference first − second over their common statements, said without blame."""
    first, second = raters
    diffs = [
        d.ratings[first] - d.ratings[second] for d in stats if first in d.ratings and second in d.ratings
    ]
    k = len(diffs)
    offset = Fraction(sum(diffs), k) if k else None
    flagged = offset is not None and k >= config.rater_min_items and abs(offset) >= config.rater_bias
    return PairOffset(raters, k, offset, flagged)


# --------------------------------------------------------------------------------------------------------
# Krippendorff's alpha
# --------------------------------------------------------------------------------------------------------


def krippendorff_alpha(units: Iterable[Iterable[int]], level: AlphaLevel = "ordinal") -> AlphaResult:
    """Krippendorff's alpha by the coincidence-matrix method (Krippendorff 2011), computed exactly.

    ``units`` holds, per unit (statement), its valid values; missing values are simply left out. Only
    units with at least two values are pairable. ``alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck``
    with o the coincidence matrix, n_c its marginal sums and n the number of pairable values. The ordinal
    metric is δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)² over the values that occur. The value is None,
    with a reason, when no unit is pairable or every pairable value is the same (no expected disagreement).
    """
    coincidences: Counter[tuple[int, int]] = Counter()
    marginals: Counter[int] = Counter()
    for unit in units:
        values = list(unit)
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        marginals.update(counts)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                if c != k:
                    coincidences[(c, k)] += Fraction(n_c * n_k, m - 1)
    n = sum(marginals.values())
    if n == 0:
        return AlphaResult(None, ALPHA_TOO_FEW, 0)

    delta = _distance(level, marginals)
    expected = sum(n_c * n_k * delta(c, k) for c, n_c in marginals.items() for k, n_k in marginals.items())
    if expected == 0:
        return AlphaResult(None, ALPHA_NO_VARIATION, n)
    observed = sum((o * delta(c, k) for (c, k), o in coincidences.items()), Fraction(0))
    return AlphaResult(float(1 - (n - 1) * observed / expected), None, n)


def alpha_band(value: float | None) -> str | None:
    """The reliability band of an alpha value: "reliable", "tentative" or "unreliable" (None if undefined).

    Alpha is a display figure, so comparing the float is fine here: nothing else is decided with it.
    """
    if value is None:
        return None
    if value >= ALPHA_RELIABLE:
        return "reliable"
    if value >= ALPHA_TENTATIVE:
        return "tentative"
    return "unreliable"


def _distance(level: AlphaLevel, marginals: Mapping[int, int]) -> Callable[[int, int], Fraction]:
    """The squared difference function δ²(c, k) of a level of measurement."""
    if level == "nominal":
        return lambda c, k: Fraction(c != k)
    if level == "interval":
        return lambda c, k: Fraction((c - k) ** 2)
    if level == "ordinal":
        domain = sorted(marginals)

        def ordinal(c: int, k: int) -> Fraction:
            low, high = min(c, k), max(c, k)
            between = sum(marginals[g] for g in domain if low <= g <= high)
            return (between - Fraction(marginals[c] + marginals[k], 2)) ** 2

        return ordinal
    raise ValueError(f"unknown level of measurement {level!r}")


# --------------------------------------------------------------------------------------------------------
# JSON view
# --------------------------------------------------------------------------------------------------------


def _num(value: Fraction | float | None) -> float | None:
    """A figure for scripts: the float nearest the exact value, unrounded (displays round, data does not)."""
    return None if value is None else float(value)


def _json_raters(result: RoundAnalysis) -> list[dict[str, Any]]:
    """Every rater of the round, in the round's order, with what the rule set could say about each.

    With three or more raters who rated something, each has bias, pattern and flags; one who rated nothing
    has k 0 and no flags. With two, who deviates cannot be told: both are listed with the statements they
    share (k) and no flags, and ``pair_offset`` beside says how far apart they are. ``k`` counts the
    statements a rater rated together with at least one other rater.
    """
    compared = {r.id: r for r in result.rater_results}
    pair = result.pair_offset
    rows = []
    for rater in result.raters:
        r = compared.get(rater)
        k = r.k if r is not None else (pair.k if pair is not None and rater in pair.raters else 0)
        rows.append(
            {
                "id": rater,
                "k": k,
                "bias": _num(r.bias) if r is not None else None,
                "pattern_r": _num(r.pattern_r) if r is not None else None,
                "straight_lining": r.straight_lining if r is not None else False,
                "flags": [str(f) for f in r.flags] if r is not None else [],
            }
        )
    return rows


def analysis_to_json(result: RoundAnalysis) -> dict[str, Any]:
    """The result as plain JSON-ready data: full precision (floats as computed), ids as in the input,
    every rater of the round listed; ``ad_mean`` and ``rwg`` are null where fewer than two ratings exist
    (a spread of one rating means nothing). The README says what each field means."""
    config = result.config
    return {
        "raters": _json_raters(result),
        "round_raters": list(result.raters),
        "active_raters": list(result.active_raters),
        "comparison_possible": result.comparison_possible,
        "statements": [
            {
                "id": s.id,
                "dimension": s.dimension,
                "n": s.n,
                "cant_judge": s.cant_judge,
                "cant_judge_raters": list(s.cant_judge_raters),
                "ratings": dict(s.ratings),
                "mean": _num(s.mean),
                "median": _num(s.median),
                "sd": _num(s.sd),
                "min": s.min,
                "max": s.max,
                "distribution": list(s.distribution),
                "rwg": _num(s.rwg) if s.n >= 2 else None,
                "ad_mean": _num(s.ad_mean) if s.n >= 2 else None,
                "verdict": str(s.verdict),
                "dissenters": list(s.dissenters),
                "low_coverage": s.low_coverage,
                "position": None if s.position is None else str(s.position),
            }
            for s in result.statements
        ],
        "pair_offset": None
        if result.pair_offset is None
        else {
            "raters": list(result.pair_offset.raters),
            "k": result.pair_offset.k,
            "offset": _num(result.pair_offset.offset),
            "flagged": result.pair_offset.flagged,
        },
        "dimensions": [
            {
                "id": d.id,
                "statements": list(d.statements),
                "mean": _num(d.mean),
                "index": _num(d.index),
                "band_min": _num(d.band_min),
                "band_max": _num(d.band_max),
            }
            for d in result.dimensions
        ],
        "overall_mean": _num(result.overall_mean),
        "overall_index": _num(result.overall_index),
        "alpha_ordinal": _num(result.alpha_ordinal.value),
        "alpha_ordinal_reason": result.alpha_ordinal.reason,
        "alpha_ordinal_band": alpha_band(result.alpha_ordinal.value),
        "alpha_ordinal_n": result.alpha_ordinal.n,
        "alpha_interval": _num(result.alpha_interval.value),
        "alpha_interval_reason": result.alpha_interval.reason,
        "alpha_interval_band": alpha_band(result.alpha_interval.value),
        "alpha_interval_n": result.alpha_interval.n,
        "flagged_share": _num(result.flagged_share),
        "disagreements": list(result.disagreements),
        "dissents": list(result.dissents),
        "strengths": list(result.strengths),
        "weaknesses": list(result.weaknesses),
        "knowledge_gaps": list(result.knowledge_gaps),
        "config": {f.name: _config_value(getattr(config, f.name)) for f in fields(config)},
    }


def _config_value(value: Fraction | int) -> float | int:
    return value if isinstance(value, int) else float(value)
