"""Records of what a team does after a round's results: the priority poll, the lighthouse project, reviews.

Plain frozen dataclasses as the repository returns them; the rules that fill them live in
``bot.domain.priorities`` (what the poll offers, the ranking) and ``bot.domain.lighthouse`` (the command's
syntax, the review dates).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollOption:
    """One option of a priority poll: the statement it stands for and why it is offered."""

    statement_id: str
    #: ``priorities.CandidateKind`` value: "weakness", "disputed", or "low" (the fallback)
    kind: str


@dataclass(frozen=True)
class PriorityPoll:
    """The poll "Which should we tackle first?" of one closed round, in the team's group."""

    id: int
    round_id: int
    team_id: int
    chat_id: int
    options: tuple[PollOption, ...]
    anonymous: bool
    opened_at: float
    #: when the bot stops it by itself (bot clock); None: only /closepoll ends it
    closes_at: float | None
    #: Telegram's poll id and message, None until the poll was sent
    poll_id: str | None
    message_id: int | None
    #: voter count per option from the latest poll state Telegram sent (anonymous polls have no voters)
    counts: tuple[int, ...] | None
    closed_at: float | None
    ranking_posted_at: float | None

    @property
    def is_open(self) -> bool:
        return self.message_id is not None and self.closed_at is None


@dataclass(frozen=True)
class Review:
    """A review date of a lighthouse project: reminded once, with the owner's status when given."""

    lighthouse_id: int
    months: int
    due_at: float
    reminded_at: float | None
    message_id: int | None
    status_text: str | None
    status_by: int | None
    status_at: float | None


@dataclass(frozen=True)
class Lighthouse:
    """The team's lighthouse project: one at a time; a new one replaces the old (kept for history)."""

    id: int
    team_id: int
    chat_id: int
    round_id: int | None
    catalogue_id: str
    title: str
    goal: str | None
    owner_id: int | None
    owner_name: str
    statement_ids: tuple[str, ...]
    created_by: int
    created_at: float
    reviews: tuple[Review, ...] = ()

    def next_review(self) -> Review | None:
        """The first review not yet reminded."""
        return next((r for r in self.reviews if r.reminded_at is None), None)
