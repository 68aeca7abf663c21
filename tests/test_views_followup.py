"""Renderers of the poll, the standing and ranking, the lighthouse card and the review reminder."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.domain.catalogue import Catalogue, load_catalogues
from bot.domain.followup import Lighthouse, PollOption, PriorityPoll, Review
from bot.domain.priorities import Candidate, CandidateKind, rank, rank_counts
from bot.domain.text import utf16_len
from bot.views.followup import (
    lighthouse_text,
    poll_options,
    poll_question,
    ranking_text,
    review_reminder_text,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def _poll(catalogue: Catalogue, kinds: list[str], anonymous: bool = False) -> PriorityPoll:
    options = tuple(
        PollOption(statement.id, kind) for statement, kind in zip(catalogue.statements, kinds, strict=False)
    )
    return PriorityPoll(
        id=1,
        round_id=1,
        team_id=1,
        chat_id=-1,
        options=options,
        anonymous=anonymous,
        opened_at=0.0,
        closes_at=None,
        poll_id="p",
        message_id=5,
        counts=None,
        closed_at=None,
        ranking_posted_at=None,
    )


def _candidates(poll: PriorityPoll) -> list[Candidate]:
    return [
        Candidate(o.statement_id, CandidateKind(o.kind), None, Fraction(2), None, 1, 3, 4)
        for o in poll.options
    ]


def test_options_carry_their_kind_and_stay_within_telegrams_limit(catalogue: Catalogue) -> None:
    poll = _poll(catalogue, ["weakness"] * 6 + ["disputed"] * 6)
    options = poll_options(poll, catalogue, "de")
    assert len(options) == 12
    assert all(utf16_len(option) <= 100 for option in options)
    assert options[0].startswith("▼ 1 · ") and options[6].startswith("≠ 7 · ")
    assert "▼" in poll_question(poll, "en") and "≠" in poll_question(poll, "en")


def test_a_fallback_poll_says_that_its_options_are_the_lowest_rated(catalogue: Catalogue) -> None:
    poll = _poll(catalogue, ["lowest", "lowest", "lowest"])
    assert poll_options(poll, catalogue, "en")[0].startswith("1 · ")
    assert "lowest rated" in poll_question(poll, "en")


def test_ranking_names_voters_ranks_by_votes_and_proposes_the_top(catalogue: Catalogue) -> None:
    poll = _poll(catalogue, ["weakness", "weakness", "disputed"])
    ranked = rank(_candidates(poll), {10: [2], 11: [2, 0], 12: [2]})
    text = ranking_text(poll, catalogue, ranked, {10: "Anna", 11: "Ben <b>", 12: "Clara"}, "en", final=True)
    lines = text.split("\n")
    assert lines[0].startswith("<b>The team's priorities</b>") and "(3 voted)" in lines[0]
    assert lines[2].startswith("1. ≠ 3 · ") and lines[2].endswith("<b>3 votes</b>")
    assert "Ben &lt;b&gt;" in text and "Ben <b>" not in text
    assert "Proposed lighthouse project:</b> 3 · " in text
    assert "A tie" not in text


def test_a_tie_at_the_top_is_said_and_nobody_voting_proposes_nothing(catalogue: Catalogue) -> None:
    poll = _poll(catalogue, ["weakness", "disputed"])
    tied = rank(_candidates(poll), {10: [0], 11: [1]})
    assert "A tie at the top" in ranking_text(poll, catalogue, tied, {}, "en", final=True)
    nobody = rank(_candidates(poll), {})
    text = ranking_text(poll, catalogue, nobody, {}, "de", final=True)
    assert "Niemand hat abgestimmt" in text and "Vorschlag" not in text


def test_anonymous_standing_shows_counts_and_when_the_poll_ends(catalogue: Catalogue) -> None:
    poll = _poll(catalogue, ["weakness", "disputed"], anonymous=True)
    ranked = rank_counts(_candidates(poll), (1, 4))
    text = ranking_text(poll, catalogue, ranked, {}, "en", final=False, until="4 Dec 2026, 18:00")
    assert "anonymous poll" in text and "4 votes" in text and "1 vote" in text
    assert "runs until 4 Dec 2026, 18:00" in text


def _lighthouse(owner_id: int | None = 42, title: str = "Interviews <now> & more") -> Lighthouse:
    return Lighthouse(
        id=1,
        team_id=1,
        chat_id=-1,
        round_id=1,
        catalogue_id="customer-centricity",
        title=title,
        goal=None,
        owner_id=owner_id,
        owner_name="Anna <Boss>" if owner_id else "",
        statement_ids=("cust-1",),
        created_by=1,
        created_at=1_795_000_000.0,
        reviews=(
            Review(1, 3, 1_802_948_800.0, 1_802_950_000.0, 9, "Two <done>", 42, 1_802_960_000.0),
            Review(1, 6, 1_810_634_800.0, None, None, None, None, None),
        ),
    )


def test_lighthouse_card_escapes_everything_and_lists_reviews(catalogue: Catalogue) -> None:
    text = lighthouse_text(_lighthouse(), catalogue, "en", "Europe/Zurich")
    assert "Interviews &lt;now&gt; &amp; more" in text
    assert '<a href="tg://user?id=42">Anna &lt;Boss&gt;</a>' in text
    assert "none yet" in text
    assert "after 3 months (18 Feb 2027): Two &lt;done&gt;" in text
    assert "after 6 months: 18 May 2027" in text


def test_review_reminder_mentions_the_owner_or_the_team(catalogue: Catalogue) -> None:
    project = _lighthouse()
    text = review_reminder_text(project, project.reviews[1], "de")
    assert "Überprüfung nach 6 Monaten: Interviews &lt;now&gt; &amp; more" in text
    assert 'href="tg://user?id=42"' in text
    gone = _lighthouse(owner_id=None)
    assert "Liebes Team" in review_reminder_text(gone, gone.reviews[1], "de")
