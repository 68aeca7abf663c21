"""The beliefs behind the differences: whom to ask why, what a re-rating changed, and what a team records.

The results show where the managers' judgments differ; the method's point is to question those differences,
because they uncover the beliefs ("Glaubenssätze") that hold a company back. Two practices show how:
Planning Poker, where the highest and the lowest estimator explain before everyone votes again, and the
Delphi method, which feeds the distribution and the reasons back, asks again, and measures convergence.

Pure: the flows read the database, ask these functions and write back.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from bot.domain.analysis import RoundAnalysis, StatementResult, Verdict

#: The most disputed statements of a round that anyone is asked about (the rest are named as not asked).
MAX_STATEMENTS_ASKED = 5
#: Questions one manager gets at most, one at a time.
MAX_QUESTIONS_PER_PERSON = 3
#: Characters a reason may have: a few sentences, what a reader takes in at a glance in the group.
MAX_REASON_LENGTH = 500
#: Characters a recorded belief may have.
MAX_BELIEF_LENGTH = 300
#: Hours the reasons are collected before the bot posts what it has.
DEFAULT_REASONS_HOURS = 24.0

DISPUTED = (Verdict.DISAGREEMENT, Verdict.DISSENT)


class Side(StrEnum):
    """Why a manager is asked about a statement."""

    #: the lowest rating of a disagreement
    LOW = "low"
    #: the highest rating of a disagreement
    HIGH = "high"
    #: two levels or more from the median of the others (a dissent)
    DISSENT = "dissent"


class QuestionStatus(StrEnum):
    #: planned, not sent yet (the manager answers an earlier question first)
    WAITING = "waiting"
    #: sent; the manager's next text is the reason
    ASKED = "asked"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    #: the manager asked not to be asked any more
    STOPPED = "stopped"
    #: the manager blocked the bot or never started it
    UNREACHABLE = "unreachable"
    #: the reasons were posted before the manager got to it
    EXPIRED = "expired"


#: Statuses after which nothing more is expected of a question.
SETTLED = frozenset(
    {
        QuestionStatus.ANSWERED,
        QuestionStatus.SKIPPED,
        QuestionStatus.STOPPED,
        QuestionStatus.UNREACHABLE,
        QuestionStatus.EXPIRED,
    }
)


@dataclass(frozen=True)
class Question:
    """One manager asked why they rated one statement as they did."""

    rater: str
    statement_id: str
    side: Side
    own: int
    #: the other managers' levels, ascending ("can't judge" is no level and is left out)
    others: tuple[int, ...]
    #: 0 for the most disputed statement asked about
    statement_rank: int
    #: 0 for this manager's first question; they get them one at a time in this order
    position: int


@dataclass(frozen=True, kw_only=True)
class ReasonQuestion(Question):
    """A question as the database keeps it: planned, sent, answered (or not)."""

    id: int
    round_id: int
    #: None once the reasons of an anonymous round are posted: then nothing ties a reason to a person
    user_id: int | None
    status: QuestionStatus
    message_id: int | None = None
    asked_at: float | None = None
    reason: str | None = None
    answered_at: float | None = None


@dataclass(frozen=True)
class ReasonRound:
    """The collection of a closed round's reasons: until when, what was not asked, whether it is posted."""

    round_id: int
    due_at: float
    not_asked: tuple[str, ...]
    posted_at: float | None
    message_id: int | None


@dataclass(frozen=True)
class ReasonsPlan:
    questions: tuple[Question, ...]
    #: the statements asked about, most disputed first
    asked: tuple[str, ...]
    #: the disputes nobody is asked about: beyond ``MAX_STATEMENTS_ASKED``, or nobody could be asked
    not_asked: tuple[str, ...]


def disputes(analysis: RoundAnalysis) -> tuple[StatementResult, ...]:
    """Disagreements and dissents, most disputed first.

    Disagreements (the team does not share one picture) come before dissents (one or two see it
    differently); within each, the larger mean absolute deviation from the median first, then the wider
    range, then catalogue order.
    """
    order = {s.id: i for i, s in enumerate(analysis.statements)}

    def key(s: StatementResult) -> tuple[int, Fraction, int, int]:
        spread = (s.max or 0) - (s.min or 0)
        return (
            0 if s.verdict is Verdict.DISAGREEMENT else 1,
            -(s.ad_mean or Fraction(0)),
            -spread,
            order[s.id],
        )

    return tuple(sorted((s for s in analysis.statements if s.verdict in DISPUTED), key=key))


def plan_reasons(
    analysis: RoundAnalysis,
    askable: Collection[str],
    *,
    max_statements: int = MAX_STATEMENTS_ASKED,
    max_per_person: int = MAX_QUESTIONS_PER_PERSON,
) -> ReasonsPlan:
    """Whom to ask why, about what, in which order.

    For a disagreement the managers at the extremes are asked (everyone with the lowest and everyone with
    the highest level); for a dissent, the dissenting managers; nobody else. ``askable`` are the raters
    who can be asked (still in the group, reachable in a private chat). The most disputed statements come
    first, at most ``max_statements`` of them; a statement nobody can be asked about does not take a place.
    A manager gets at most ``max_per_person`` questions, the most disputed first; a statement whose every
    candidate is already asked enough is asked about nobody and counted as not asked.
    """
    if max_statements < 0 or max_per_person < 0:
        raise ValueError("limits must not be negative")
    can_ask = set(askable)
    per_person: dict[str, int] = {}
    questions: list[Question] = []
    asked: list[str] = []
    not_asked: list[str] = []
    for s in disputes(analysis):
        chosen = [
            (rater, side)
            for rater, side in _extremes(s)
            if rater in can_ask and per_person.get(rater, 0) < max_per_person
        ]
        if len(asked) >= max_statements or not chosen:
            not_asked.append(s.id)
            continue
        rank = len(asked)
        asked.append(s.id)
        for rater, side in chosen:
            position = per_person.get(rater, 0)
            per_person[rater] = position + 1
            own = s.ratings[rater]
            others = sorted(level for other, level in s.ratings.items() if other != rater)
            questions.append(Question(rater, s.id, side, own, tuple(others), rank, position))
    return ReasonsPlan(tuple(questions), tuple(asked), tuple(not_asked))


def _extremes(s: StatementResult) -> list[tuple[str, Side]]:
    """Who explains a disputed statement: the extremes of a disagreement, the dissenters of a dissent."""
    if s.verdict is Verdict.DISSENT:
        return [(rater, Side.DISSENT) for rater in s.dissenters if rater in s.ratings]
    if s.min is None or s.max is None:
        return []
    low = [(r, Side.LOW) for r, level in s.ratings.items() if level == s.min]
    high = [(r, Side.HIGH) for r, level in s.ratings.items() if level == s.max]
    return low + high


def level_counts(levels: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """(level, how many) for each level given, ascending: how a distribution is told without names."""
    return tuple((level, levels.count(level)) for level in sorted(set(levels)))


# ------------------------------------------------------------------------------------------ re-rating


@dataclass(frozen=True)
class Move:
    """One person's rating of a statement before and after the re-rating."""

    person: int
    before: int
    after: int


@dataclass(frozen=True)
class Shift:
    """A re-rated statement: its spread before and after, and who moved."""

    statement_id: str
    before: StatementResult
    after: StatementResult
    #: people who gave a level both times and changed it (named rounds only; empty otherwise)
    moves: tuple[Move, ...]

    @property
    def converged(self) -> bool:
        """Disputed before, agreed after."""
        return self.before.verdict in DISPUTED and self.after.verdict is Verdict.AGREEMENT

    @property
    def contested(self) -> bool:
        """Still a disagreement or a dissent after the team heard the reasons: a real difference in how
        the managers see the company, and the belief behind it is what the group should name."""
        return self.after.verdict in DISPUTED


@dataclass(frozen=True)
class Convergence:
    shifts: tuple[Shift, ...]

    @property
    def converged(self) -> tuple[str, ...]:
        return tuple(s.statement_id for s in self.shifts if s.converged)

    @property
    def contested(self) -> tuple[str, ...]:
        return tuple(s.statement_id for s in self.shifts if s.contested)

    @property
    def converged_share(self) -> Fraction | None:
        """Converged disputes among the re-rated statements that were disputed; None if none was."""
        disputed = [s for s in self.shifts if s.before.verdict in DISPUTED]
        if not disputed:
            return None
        return Fraction(sum(1 for s in disputed if s.converged), len(disputed))


def convergence(
    before: RoundAnalysis,
    after: RoundAnalysis,
    people_before: Mapping[str, int] | None,
    people_after: Mapping[str, int] | None,
) -> Convergence:
    """Each statement of the re-rating against the same statement of the round it re-rates.

    ``people_*`` map each round's rater labels to the person (a user id) so that moves can be told; None in
    anonymous rounds, which tell no moves.
    """
    shifts = []
    earlier = {s.id: s for s in before.statements}
    for s in after.statements:
        if s.id not in earlier:
            continue
        moves: list[Move] = []
        if people_before is not None and people_after is not None:
            was = {
                people_before[r]: level for r, level in earlier[s.id].ratings.items() if r in people_before
            }
            for rater, level in s.ratings.items():
                person = people_after.get(rater)
                if person is not None and person in was and was[person] != level:
                    moves.append(Move(person, was[person], level))
        shifts.append(Shift(s.id, earlier[s.id], s, tuple(sorted(moves, key=lambda m: m.person))))
    return Convergence(tuple(shifts))


# -------------------------------------------------------------------------------------------- beliefs


@dataclass(frozen=True)
class Belief:
    """A belief the discussion of a disputed statement surfaced, recorded by someone in the group."""

    id: int
    team_id: int
    round_id: int | None
    catalogue_id: str
    statement_id: str
    text: str
    created_by: int | None
    created_at: float


@dataclass(frozen=True)
class BeliefLine:
    """A belief as /beliefs lists it."""

    belief: Belief
    #: the number and the text of its statement in the catalogue of the round it belongs to
    number: int | None
    statement: str
    #: when the judgments of its statement converged since, if they did
    converged_on: str | None
    #: whether the statement was rated again since (if not, nothing can be said about convergence)
    rated_since: bool


class BeliefError(ValueError):
    """``/belief`` arguments that cannot be read; ``code`` names the text that explains why."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.value = value


_BELIEF = re.compile(r"^\s*(\S+)\s*(.*)$", re.DOTALL)


def parse_belief(text: str, statement_count: int) -> tuple[int, str]:
    """``/belief <statement number> <text>``: the number (1-based) and the belief, blanks tidied.

    ``BeliefError`` with code ``usage`` (nothing given), ``number`` (not a number of the catalogue),
    ``no_text`` or ``too_long``.
    """
    match = _BELIEF.match(text or "")
    if match is None or not match.group(1):
        raise BeliefError("usage")
    word, rest = match.group(1), " ".join(match.group(2).split())
    number = int(word) if word.isdigit() and len(word) <= 4 else None
    if number is None or not 1 <= number <= statement_count:
        raise BeliefError("number", word)
    if not rest:
        raise BeliefError("no_text", word)
    if len(rest) > MAX_BELIEF_LENGTH:
        raise BeliefError("too_long", str(len(rest)))
    return number, rest
