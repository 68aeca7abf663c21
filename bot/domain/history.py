"""A team's maturity over its closed rounds, and what changed since the previous round.

The method repeats the check after 3, 6 and 12 months. ``/history`` shows the series (maturity per
dimension, the overall level, the agreement) and what changed most between the last two rounds: which
dimensions and statements moved up or down, whether the judgments converged or drifted apart, which
differences in judgment were resolved and which are new.

Input: the closed rounds of one team and one catalogue, oldest first, each as ``(closed_at, analysis)``
(``ClosedRound`` is such a pair with names). ``build_history`` returns a ``History``: per-round series
for charts and, with at least two rounds, ``Changes`` between the last two (``compare`` computes them for
any two analyses).

**Series** take each round's own figures as the analysis computed them (``None`` where nothing could be
computed). A re-check round may cover only some statements; ``DimensionSeries.rated`` says on how many
statements each point rests, so a chart can mark a partial point.

**Changes** compare like with like: only statements both rounds contain (``Changes.compared``). Means of
dimensions and the overall mean are recomputed over the statements that have a mean in both rounds, and
the agreement (Krippendorff's alpha, ordinal) over the statements of both rounds, so that a re-check of six
statements is not compared with a full round of 24 as if they measured the same thing. When both rounds
cover the same statements and each has a mean in both, these are the rounds' own figures.

Chosen thresholds (``HistoryConfig``):

- a **statement** counts as moved at a change of its mean of at least 1/2 level. A statement mean of five
  managers moves by 1/5 when one of them changes their rating by a level; half a level means several
  moved, or the team as a whole did;
- a **dimension** at 1/4 level (6.25 index points): its mean averages several statements, so it is steadier
  and a smaller move already means something;
- the **agreement** counts as changed at an alpha change of at least 0.05, decided on the values as shown
  (three decimals), so ".800 → .850" counts exactly as people read it.

A statement is **disputed** when the rule set flags it (verdict disagreement or dissent: what the report
calls a difference in judgment). That is broader than the poll's ``CandidateKind.DISPUTED`` (disagreements
only): a dissent that is gone is also judgments coming together.

``Convergence`` combines two signals over the compared statements that both rounds could judge: the number
of disputed statements (fewer is converging), and the alpha change. Both pointing one way, or one pointing
and the other unchanged, decide it; opposite directions are MIXED; no movement is UNCHANGED; when neither
can be computed, NOT_COMPARABLE.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from typing import NamedTuple

from bot.domain.analysis import RoundAnalysis, StatementResult, Verdict, krippendorff_alpha, maturity_index


class ClosedRound(NamedTuple):
    """One closed round: when it closed (Unix time) and its analysis."""

    closed_at: float
    analysis: RoundAnalysis


@dataclass(frozen=True)
class HistoryConfig:
    """Thresholds of ``Changes``; see the module docstring for why these values."""

    statement_change: Fraction = Fraction(1, 2)
    dimension_change: Fraction = Fraction(1, 4)
    #: in alpha units; compared on the alphas as shown (three decimals)
    alpha_change: Fraction = Fraction(1, 20)

    def __post_init__(self) -> None:
        """Thresholds become exact fractions (a float by the decimal it prints as: 0.05 is 1/20)."""
        for name in ("statement_change", "dimension_change", "alpha_change"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float | Fraction | str):
                raise ValueError(f"{name}: expected a number, got {value!r}")
            exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
            if exact <= 0:
                raise ValueError(f"{name} must be > 0, got {value!r}")
            object.__setattr__(self, name, exact)


class Convergence(StrEnum):
    #: fewer disputed statements and/or higher alpha, nothing pointing the other way
    CONVERGED = "converged"
    #: more disputed statements and/or lower alpha, nothing pointing the other way
    DRIFTED_APART = "drifted_apart"
    #: the same number of disputed statements and alpha within the threshold (or undefined)
    UNCHANGED = "unchanged"
    #: one signal says converged, the other drifted apart
    MIXED = "mixed"
    #: no statement judged in both rounds and no alpha in both: nothing to compare
    NOT_COMPARABLE = "not_comparable"


@dataclass(frozen=True)
class DimensionSeries:
    id: str
    #: the round's dimension mean per round; None where the round did not cover the dimension or nobody
    #: rated any of its statements
    means: tuple[Fraction | None, ...]
    #: per round, how many of the dimension's statements had a mean (0 where not covered)
    rated: tuple[int, ...]

    @property
    def indices(self) -> tuple[float | None, ...]:
        """The means as maturity indices 0..100 (level 1 = 0, level 5 = 100), as the report shows them."""
        return tuple(maturity_index(m) for m in self.means)


@dataclass(frozen=True)
class StatementSeries:
    id: str
    #: per round; None where the round did not cover the statement or nobody rated it
    means: tuple[Fraction | None, ...]
    #: per round; None where the round did not cover the statement
    verdicts: tuple[Verdict | None, ...]


@dataclass(frozen=True)
class LevelChange:
    """A mean that moved between two rounds (a dimension's, a statement's or the overall one)."""

    id: str
    before: Fraction
    after: Fraction

    @property
    def delta(self) -> Fraction:
        """Positive: up (more mature); negative: down."""
        return self.after - self.before


@dataclass(frozen=True)
class VerdictChange:
    """A statement's verdict in the earlier and the later round."""

    statement_id: str
    before: Verdict
    after: Verdict


@dataclass(frozen=True)
class Changes:
    """What changed between two rounds, over the statements both contain."""

    before_closed_at: float
    after_closed_at: float
    #: statements both rounds contain, in catalogue order
    compared: tuple[str, ...]
    #: mean of the statement means over the compared statements with a mean in both rounds
    overall_before: Fraction | None
    overall_after: Fraction | None
    #: dimensions that moved by at least ``dimension_change``, largest move first (ties: catalogue order)
    dimensions: tuple[LevelChange, ...]
    #: statements that moved by at least ``statement_change``, largest move first (ties: catalogue order)
    statements: tuple[LevelChange, ...]
    #: compared statements both rounds could judge (verdict other than insufficient in both)
    judged: int
    #: disputed statements among those ``judged``, before and after
    disputed_before: int
    disputed_after: int
    #: Krippendorff's alpha (ordinal) over the compared statements, per round
    alpha_before: float | None
    alpha_after: float | None
    convergence: Convergence
    #: disputed before, agreement now (catalogue order)
    resolved: tuple[VerdictChange, ...]
    #: agreement before, disputed now (catalogue order)
    new_disputes: tuple[VerdictChange, ...]
    #: disputed in both rounds (catalogue order)
    still_disputed: tuple[VerdictChange, ...]

    @property
    def overall_delta(self) -> Fraction | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return self.overall_after - self.overall_before

    @property
    def alpha_delta(self) -> float | None:
        if self.alpha_before is None or self.alpha_after is None:
            return None
        return self.alpha_after - self.alpha_before


@dataclass(frozen=True)
class History:
    """Series over a team's closed rounds, oldest first (every tuple has one entry per round)."""

    closed_at: tuple[float, ...]
    #: every dimension that occurs in any round, in catalogue order
    dimensions: tuple[DimensionSeries, ...]
    #: every statement that occurs in any round, in catalogue order
    statements: tuple[StatementSeries, ...]
    overall_means: tuple[Fraction | None, ...]
    overall_indices: tuple[float | None, ...]
    #: Krippendorff's alpha (ordinal) of each round as a whole
    alpha: tuple[float | None, ...]
    #: managers with at least one valid rating
    managers: tuple[int, ...]
    #: statements each round could judge (verdict other than insufficient)
    judged: tuple[int, ...]
    #: statements with the verdict disagreement, and with dissent, per round
    disagreements: tuple[int, ...]
    dissents: tuple[int, ...]
    #: between the last two rounds; None with fewer than two
    changes: Changes | None

    def dimension(self, dimension_id: str) -> DimensionSeries:
        """The series of one dimension (KeyError if no round has it)."""
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def statement(self, statement_id: str) -> StatementSeries:
        """The series of one statement (KeyError if no round has it)."""
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)


def build_history(
    rounds: Sequence[tuple[float, RoundAnalysis]], config: HistoryConfig = HistoryConfig()
) -> History:
    """The history of one team's closed rounds of one catalogue, given oldest first.

    Raises ``ValueError`` when the rounds are not in time order (equal times are allowed): the caller
    sorted the wrong way, and a reversed history would report every change with the wrong sign.
    """
    times = tuple(float(closed_at) for closed_at, _ in rounds)
    if any(later < earlier for earlier, later in pairwise(times)):
        raise ValueError("rounds must be given oldest first")
    analyses = [analysis for _, analysis in rounds]

    dimension_ids = _merged_order([d.id for d in a.dimensions] for a in analyses)
    statement_ids = _merged_order([s.id for s in a.statements] for a in analyses)
    dims = [{d.id: d for d in a.dimensions} for a in analyses]
    stmts = [{s.id: s for s in a.statements} for a in analyses]

    dimensions = tuple(
        DimensionSeries(
            id=dim_id,
            means=tuple(d[dim_id].mean if dim_id in d else None for d in dims),
            rated=tuple(
                sum(1 for sid in d[dim_id].statements if s[sid].mean is not None) if dim_id in d else 0
                for d, s in zip(dims, stmts, strict=True)
            ),
        )
        for dim_id in dimension_ids
    )
    statements = tuple(
        StatementSeries(
            id=sid,
            means=tuple(s[sid].mean if sid in s else None for s in stmts),
            verdicts=tuple(s[sid].verdict if sid in s else None for s in stmts),
        )
        for sid in statement_ids
    )
    changes = None
    if len(rounds) >= 2:
        (before_at, before), (after_at, after) = rounds[-2], rounds[-1]
        changes = compare(before, after, before_closed_at=before_at, after_closed_at=after_at, config=config)
    return History(
        closed_at=times,
        dimensions=dimensions,
        statements=statements,
        overall_means=tuple(a.overall_mean for a in analyses),
        overall_indices=tuple(a.overall_index for a in analyses),
        alpha=tuple(a.alpha_ordinal.value for a in analyses),
        managers=tuple(len(a.active_raters) for a in analyses),
        judged=tuple(sum(1 for s in a.statements if s.verdict is not Verdict.INSUFFICIENT) for a in analyses),
        disagreements=tuple(len(a.disagreements) for a in analyses),
        dissents=tuple(len(a.dissents) for a in analyses),
        changes=changes,
    )


def compare(
    before: RoundAnalysis,
    after: RoundAnalysis,
    *,
    before_closed_at: float = 0.0,
    after_closed_at: float = 0.0,
    config: HistoryConfig = HistoryConfig(),
) -> Changes:
    """What changed from ``before`` to ``after``, over the statements both contain (module docstring)."""
    old = {s.id: s for s in before.statements}
    new = {s.id: s for s in after.statements}
    compared = tuple(sid for sid in _merged_order([list(old), list(new)]) if sid in old and sid in new)
    order = {sid: i for i, sid in enumerate(compared)}
    with_means = [sid for sid in compared if old[sid].mean is not None and new[sid].mean is not None]

    statement_moves = [
        LevelChange(sid, _req(old[sid].mean), _req(new[sid].mean))
        for sid in with_means
        if abs(_req(new[sid].mean) - _req(old[sid].mean)) >= config.statement_change
    ]
    statement_moves.sort(key=lambda c: (-abs(c.delta), order[c.id]))

    dimension_ids = _merged_order([[d.id for d in before.dimensions], [d.id for d in after.dimensions]])
    dimension_moves = []
    for position, dim_id in enumerate(dimension_ids):
        members = [sid for sid in with_means if old[sid].dimension == dim_id and new[sid].dimension == dim_id]
        if not members:
            continue
        change = LevelChange(dim_id, _mean(old[sid] for sid in members), _mean(new[sid] for sid in members))
        if abs(change.delta) >= config.dimension_change:
            dimension_moves.append((position, change))
    dimension_moves.sort(key=lambda item: (-abs(item[1].delta), item[0]))

    judged = [
        sid
        for sid in compared
        if old[sid].verdict is not Verdict.INSUFFICIENT and new[sid].verdict is not Verdict.INSUFFICIENT
    ]
    disputed_before = sum(1 for sid in judged if old[sid].flagged)
    disputed_after = sum(1 for sid in judged if new[sid].flagged)
    alpha_before = krippendorff_alpha((old[sid].ratings.values() for sid in compared), "ordinal").value
    alpha_after = krippendorff_alpha((new[sid].ratings.values() for sid in compared), "ordinal").value

    def transitions(was: Iterable[Verdict], now: Iterable[Verdict]) -> tuple[VerdictChange, ...]:
        was_set, now_set = set(was), set(now)
        return tuple(
            VerdictChange(sid, old[sid].verdict, new[sid].verdict)
            for sid in compared
            if old[sid].verdict in was_set and new[sid].verdict in now_set
        )

    flagged = (Verdict.DISAGREEMENT, Verdict.DISSENT)
    return Changes(
        before_closed_at=before_closed_at,
        after_closed_at=after_closed_at,
        compared=compared,
        overall_before=_mean(old[sid] for sid in with_means) if with_means else None,
        overall_after=_mean(new[sid] for sid in with_means) if with_means else None,
        dimensions=tuple(change for _, change in dimension_moves),
        statements=tuple(statement_moves),
        judged=len(judged),
        disputed_before=disputed_before,
        disputed_after=disputed_after,
        alpha_before=alpha_before,
        alpha_after=alpha_after,
        convergence=convergence(
            disputed_before if judged else None,
            disputed_after if judged else None,
            alpha_before,
            alpha_after,
            config,
        ),
        resolved=transitions(flagged, (Verdict.AGREEMENT,)),
        new_disputes=transitions((Verdict.AGREEMENT,), flagged),
        still_disputed=transitions(flagged, flagged),
    )


def convergence(
    disputed_before: int | None,
    disputed_after: int | None,
    alpha_before: float | None,
    alpha_after: float | None,
    config: HistoryConfig = HistoryConfig(),
) -> Convergence:
    """The convergence verdict from the two signals (the rule is in the module docstring).

    Counts are None when there is nothing to count (no statement judged in both rounds); an alpha is None
    when undefined. The counts must come from the same statements in both rounds.
    """
    signals = []
    if disputed_before is not None and disputed_after is not None:
        signals.append((disputed_before > disputed_after) - (disputed_before < disputed_after))
    if alpha_before is not None and alpha_after is not None:
        step = _thousandths(alpha_after) - _thousandths(alpha_before)
        threshold = config.alpha_change * 1000
        signals.append(1 if step >= threshold else -1 if step <= -threshold else 0)
    if not signals:
        return Convergence.NOT_COMPARABLE
    if 1 in signals and -1 in signals:
        return Convergence.MIXED
    if 1 in signals:
        return Convergence.CONVERGED
    if -1 in signals:
        return Convergence.DRIFTED_APART
    return Convergence.UNCHANGED


def _thousandths(value: float) -> int:
    """An alpha as the report shows it, in thousandths: its exact value rounded half away from zero.

    The same rounding as ``bot.domain.results.format_alpha``, so a change counts exactly when the figures
    people read differ by the threshold.
    """
    exact = Fraction(value)
    whole = math.floor(abs(exact) * 1000 + Fraction(1, 2))
    return -whole if exact < 0 else whole


def _mean(statements: Iterable[StatementResult]) -> Fraction:
    """Mean of statement means (each statement weighs the same, as in the analysis)."""
    means = [_req(s.mean) for s in statements]
    return sum(means, Fraction(0)) / len(means)


def _req(value: Fraction | None) -> Fraction:
    if value is None:
        raise AssertionError("a mean was expected")
    return value


def _merged_order(sequences: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """One order of the ids of several lists that keeps each list's own order where they agree.

    Rounds of one catalogue list statements (and dimensions) in catalogue order, but a re-check round may
    hold only some; an id first seen in a later round is placed right after its predecessor in that
    round (or before its successor), so the merged list is again in catalogue order.
    """
    merged: list[str] = []
    for ids in sequences:
        for position, item in enumerate(ids):
            if item in merged:
                continue
            if position > 0:  # every earlier id of this list is in ``merged`` by now
                merged.insert(merged.index(ids[position - 1]) + 1, item)
                continue
            successor = next((later for later in ids[1:] if later in merged), None)
            merged.insert(merged.index(successor) if successor is not None else len(merged), item)
    return tuple(merged)
