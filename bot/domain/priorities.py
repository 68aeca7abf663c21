"""Prioritising after a round: what the group's poll offers, how its options read, and the standing.

After the results the team decides which statement to tackle first. The poll offers two kinds of
candidates, both taken from the round's analysis (``bot.domain.analysis``):

- **consensual weaknesses** (``RoundAnalysis.weaknesses``): the team agrees the company is weak there, so
  work can start at once;
- **disputed statements** (``RoundAnalysis.disagreements``): the team does not share one picture, so the
  first work is to find out who sees what. Dissents (one manager apart from an otherwise agreeing team)
  are *not* offered: they are a conversation with that manager, already shown in the results, not a team
  priority.

Telegram's limits (Bot API 10, ``sendPoll``): 2..12 options of 1..100 characters. ``candidates`` respects
the number (``max_options``), ``option_text`` the length. A round can have fewer than two candidates (a
team that agrees on a middling company); ``candidates`` then returns what there is and leaves the decision
to the caller, and ``poll_candidates`` is the documented fallback that tops the list up with the lowest
rated statements (kind ``LOWEST``), so a handler that always wants a poll calls that one.

Votes arrive as Telegram's ``PollAnswer`` does: a voter's user id and the 0-based indices of the options
they chose (an empty list is a retracted vote). ``rank`` turns the latest answer of every voter into the
standing; ``rank_counts`` does the same from bare counts per option, all an anonymous poll reveals;
``proposal`` picks the option the bot proposes as the lighthouse project. Storage keeps a poll's options
as statement id and kind; ``candidate_for`` rebuilds the full candidate from the round's analysis.

Everything here is pure: plain data in, frozen dataclasses out, no Telegram and no storage.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from bot.domain.analysis import RoundAnalysis, StatementResult, Verdict
from bot.domain.text import ELLIPSIS, utf16_len

#: Telegram's bounds for a poll (Bot API 10: ``sendPoll`` takes 2-12 options of 1-100 characters).
POLL_MIN_OPTIONS = 2
POLL_MAX_OPTIONS = 12
POLL_OPTION_MAX = 100

#: How many options ``poll_candidates`` aims for when it has to fall back on the lowest rated statements:
#: two is only Telegram's minimum and barely a choice; beyond three the lowest rated statements are
#: increasingly ones nobody considers weak.
FALLBACK_OPTIONS = 3

#: Between the statement number and its text in a poll option: "7 · Statement text".
SEPARATOR = " · "

#: Characters dropped before the ellipsis, so that a cut reads "customers…" rather than "customers,…".
_TRAILING_PUNCTUATION = " ,;:.!?-–—/(«»\"'"


class CandidateKind(StrEnum):
    #: a consensual weakness: agreement, enough coverage, mean ≤ 2.25 (``Position.WEAKNESS``)
    WEAKNESS = "weakness"
    #: a difference in judgment: ``Verdict.DISAGREEMENT`` (wide dispersion or polarisation)
    DISPUTED = "disputed"
    #: fallback only (``poll_candidates``): among the lowest rated judged statements, not a strength
    LOWEST = "lowest"


@dataclass(frozen=True)
class Candidate:
    """One poll option before it is rendered: the statement and the figures a renderer may show."""

    statement_id: str
    kind: CandidateKind
    dimension: str | None
    #: mean level of the valid ratings (None only if nobody rated it, which no candidate kind allows)
    mean: Fraction | None
    #: the dispersion figure of the rule set: mean absolute deviation from the mean (AD_M); the severity
    #: of a DISPUTED candidate, shown for the other kinds too since it is known
    ad_mean: Fraction | None
    #: lowest and highest valid rating: "ratings from 1 to 5"
    lowest: int | None
    highest: int | None
    #: number of valid ratings
    n: int


@dataclass(frozen=True)
class Ranked:
    """One option in the standing of the poll."""

    candidate: Candidate
    #: the option's 0-based index in the poll, as in Telegram's ``PollAnswer.option_ids``
    option: int
    votes: int
    #: user ids of those who chose it, ascending
    voters: tuple[int, ...]
    #: competition ranking from 1: options with equal votes share a place ("1, 2, 2, 4"), although the
    #: list itself breaks the tie by option order (severity)
    place: int


def candidates(analysis: RoundAnalysis, *, max_options: int = POLL_MAX_OPTIONS) -> tuple[Candidate, ...]:
    """The statements the poll offers, strictly by the method: consensual weaknesses, then disputed ones.

    Within each kind the analysis's own order is kept, which is already by severity: weaknesses by mean
    ascending (the weakest first), disagreements by AD_M descending, then range (the widest split first);
    ties keep catalogue order.

    Weaknesses come first because they are actionable as they stand, while a disputed statement first
    needs a discussion; options are shown in this order, and ``rank`` breaks ties in votes by it.

    When there are more than ``max_options``, each kind gets a fair share (half, the odd one to the
    weaknesses) and a share one kind cannot use goes to the other. A plain cut by order would drop every
    disputed statement whenever there are many weaknesses, and the poll would no longer ask the team the
    question the method poses (agree first, or act first?). The least severe of each kind are dropped.

    A statement appears once even if it were in both lists (with the rule set v1 the two are disjoint: a
    weakness needs agreement). May return fewer than ``POLL_MIN_OPTIONS``, even none; see
    ``poll_candidates`` for the fallback.
    """
    if max_options < 1:
        raise ValueError(f"max_options must be ≥ 1, got {max_options}")
    weak = list(dict.fromkeys(analysis.weaknesses))
    seen = set(weak)
    disputed = [sid for sid in dict.fromkeys(analysis.disagreements) if sid not in seen]
    weak_share = (max_options + 1) // 2
    disputed_share = max_options - weak_share
    take_weak = min(len(weak), weak_share + max(0, disputed_share - len(disputed)))
    take_disputed = min(len(disputed), max_options - take_weak)
    return (
        *(_candidate(analysis.statement(sid), CandidateKind.WEAKNESS) for sid in weak[:take_weak]),
        *(_candidate(analysis.statement(sid), CandidateKind.DISPUTED) for sid in disputed[:take_disputed]),
    )


def lowest_rated(
    analysis: RoundAnalysis, *, count: int, exclude: Sequence[str] = ()
) -> tuple[Candidate, ...]:
    """Up to ``count`` of the lowest rated statements, as candidates of kind ``LOWEST``.

    Only statements the team could compare (verdict other than insufficient) and below the strength
    cut-off, so that a strength is never offered as something to fix. Order: mean ascending, then
    catalogue order. ``exclude`` holds statement ids already offered.
    """
    if count < 0:
        raise ValueError(f"count must be ≥ 0, got {count}")
    skip = set(exclude)
    eligible = [
        s
        for s in analysis.statements
        if s.id not in skip
        and s.verdict is not Verdict.INSUFFICIENT
        and s.mean is not None
        and s.mean < analysis.config.strength_mean
    ]
    order = {s.id: i for i, s in enumerate(analysis.statements)}
    eligible.sort(key=lambda s: (s.mean, order[s.id]))
    return tuple(_candidate(s, CandidateKind.LOWEST) for s in eligible[:count])


def poll_candidates(
    analysis: RoundAnalysis,
    *,
    max_options: int = POLL_MAX_OPTIONS,
    fallback_options: int = FALLBACK_OPTIONS,
) -> tuple[Candidate, ...]:
    """``candidates``, topped up with ``lowest_rated`` when they are fewer than Telegram's minimum of two.

    Topped up to ``fallback_options`` (three; never above ``max_options``), the method's candidates first.
    The fallback is a separate function rather than a flag of ``candidates`` because its options are of a
    different nature ("lowest rated" is not a finding of the rule set); the kind ``LOWEST`` lets the
    renderer say so. The result can still hold fewer than two (a tiny catalogue, or no comparison
    possible): then no poll can be sent and the caller says why.
    """
    found = candidates(analysis, max_options=max_options)
    if len(found) >= POLL_MIN_OPTIONS:
        return found
    missing = min(fallback_options, max_options) - len(found)
    extra = lowest_rated(analysis, count=max(0, missing), exclude=[c.statement_id for c in found])
    return (*found, *extra)


def _candidate(s: StatementResult, kind: CandidateKind) -> Candidate:
    return Candidate(
        statement_id=s.id,
        kind=kind,
        dimension=s.dimension,
        mean=s.mean,
        ad_mean=s.ad_mean,
        lowest=s.min,
        highest=s.max,
        n=s.n,
    )


# ------------------------------------------------------------------------------------------ option texts


def option_text(number: int, statement_text: str, *, limit: int = POLL_OPTION_MAX) -> str:
    """A poll option: "7 · Statement text", shortened with "…" to at most ``limit`` UTF-16 code units.

    Telegram measures text limits in UTF-16 code units; counting that way is the safe side whatever it
    does for poll options: a text of at most ``limit`` units also has at most ``limit`` code points.

    Whitespace (line breaks included) is collapsed to single spaces, since an option is one line. The
    cut falls at a word boundary (trailing punctuation before the "…" is dropped); only when the first
    word alone does not fit is it cut inside, and then never between a letter and its combining accent.
    A blank statement text gives just the number, so the result is never empty.

    Raises ``ValueError`` when ``limit`` leaves no room for the number, the separator, two units of text
    and the ellipsis.
    """
    head = f"{number}{SEPARATOR}"
    text = " ".join(statement_text.split())
    if not text:
        if utf16_len(str(number)) > limit:
            raise ValueError(f"limit {limit} is too small for the number {number}")
        return str(number)
    full = head + text
    if utf16_len(full) <= limit:
        return full
    budget = limit - utf16_len(head) - utf16_len(ELLIPSIS)
    if budget < 2:
        raise ValueError(f"limit {limit} is too small for an option numbered {number}")
    kept = ""
    for word in text.split(" "):
        longer = f"{kept} {word}" if kept else word
        if utf16_len(longer) > budget:
            break
        kept = longer
    if not kept:
        kept = _cut_word(text.split(" ")[0], budget)
    return head + (kept.rstrip(_TRAILING_PUNCTUATION) or kept) + ELLIPSIS


def _cut_word(word: str, budget: int) -> str:
    """The longest start of ``word`` within ``budget`` UTF-16 units that does not orphan an accent."""
    end, used = 0, 0
    while end < len(word) and used + utf16_len(word[end]) <= budget:
        used += utf16_len(word[end])
        end += 1
    while 0 < end < len(word) and unicodedata.combining(word[end]):
        end -= 1
    return word[:end]


# ------------------------------------------------------------------------------------------- the standing


def rank(candidates: Sequence[Candidate], votes: Mapping[int, Sequence[int]]) -> tuple[Ranked, ...]:
    """The standing: every option with its votes, most votes first, ties in option (severity) order.

    ``votes`` maps a voter's user id to the option indices they chose (0-based, Telegram's
    ``PollAnswer.option_ids``; several in a multiple-answer poll, none after a retraction). Indices
    outside the poll are ignored (a stale answer, forged data), and a voter counts once per option however
    often an index is repeated. Options nobody chose are listed too, with 0 votes.
    """
    voters_of: list[set[int]] = [set() for _ in candidates]
    for voter, chosen in votes.items():
        for index in chosen:
            if 0 <= index < len(candidates):
                voters_of[index].add(voter)
    return _standing(candidates, [len(v) for v in voters_of], [tuple(sorted(v)) for v in voters_of])


def _standing(
    candidates: Sequence[Candidate], counts: Sequence[int], voters: Sequence[tuple[int, ...]]
) -> tuple[Ranked, ...]:
    """Options by votes descending, ties in option order, with competition places ("1, 2, 2, 4")."""
    order = sorted(range(len(candidates)), key=lambda i: (-counts[i], i))
    ranked: list[Ranked] = []
    for position, index in enumerate(order):
        count = counts[index]
        place = ranked[-1].place if ranked and ranked[-1].votes == count else position + 1
        ranked.append(Ranked(candidates[index], index, count, voters[index], place))
    return tuple(ranked)


def proposal(ranked: Sequence[Ranked]) -> Ranked | None:
    """The option the bot proposes as the lighthouse project: the first of the standing, if anyone voted.

    A tie at the top is broken by severity (the order of the standing); ``Ranked.place`` lets the caller
    say that it was a tie. None when nobody voted: then there is no team decision to propose.
    """
    if not ranked or ranked[0].votes == 0:
        return None
    return ranked[0]


def candidate_for(analysis: RoundAnalysis, statement_id: str, kind: CandidateKind) -> Candidate:
    """The candidate a stored poll option stands for, with today's figures of its statement.

    A poll stores only its options (statement and kind); the standing rebuilds the candidates from the
    round's analysis, which is computed again from the same answers. Raises ``KeyError`` for a statement
    the analysis does not know.
    """
    return _candidate(analysis.statement(statement_id), kind)


def rank_counts(candidates: Sequence[Candidate], counts: Sequence[int]) -> tuple[Ranked, ...]:
    """The standing of an anonymous poll: Telegram reports only how many chose each option, no voters.

    Ordered and placed as ``rank`` does; ``counts`` shorter than the options count as zero, negative
    counts (never sent by Telegram) as zero.
    """
    votes = [max(0, counts[i]) if i < len(counts) else 0 for i in range(len(candidates))]
    return _standing(candidates, votes, [() for _ in candidates])
