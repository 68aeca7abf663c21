"""The beliefs loop as people see it: the question, the reasons message (split only where Telegram needs
it), what a re-rating shows, and /beliefs."""

from __future__ import annotations

from bot.domain.beliefs import Belief, BeliefLine, QuestionStatus, ReasonQuestion, Side
from bot.views.beliefs import (
    LISTED_BELIEFS,
    Earlier,
    ReasonsInput,
    beliefs_view,
    earlier_html,
    question_view,
    reasons_messages,
)
from bot.views.html import TELEGRAM_MESSAGE_LIMIT, count_visible
from tests.helpers import catalogue


def question(
    qid: int,
    rater: str,
    statement: str,
    own: int,
    side: Side = Side.LOW,
    status: QuestionStatus = QuestionStatus.ANSWERED,
    reason: str | None = "because",
    rank: int = 0,
    others: tuple[int, ...] = (3, 5, 5),
) -> ReasonQuestion:
    return ReasonQuestion(
        rater,
        statement,
        side,
        own,
        others,
        rank,
        0,
        id=qid,
        round_id=1,
        user_id=7,
        status=status,
        message_id=100,
        asked_at=1.0,
        reason=reason,
        answered_at=2.0,
    )


def test_the_question_quotes_the_ratings_never_names_and_offers_skip_and_stop() -> None:
    view = question_view(question(5, "m1", "cust-1", 1), catalogue(), "Leadership", 2, False, "en")
    assert "(1/2)" in view.text and "Statement 1 of" in view.text and "(Leadership)" in view.text
    assert "You rated <b>1</b>; the others rated 3, 5, 5. What do you see that makes it a 1?" in view.text
    assert "with your name" in view.text
    buttons = [b for row in view.keyboard.inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [
        ("Skip this one", "w:5:s"),
        ("Stop asking me", "w:5:x"),
    ]
    many = question(5, "m1", "cust-1", 1, others=(1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 5))
    german = question_view(many, catalogue(), "GL", 1, True, "de")
    assert "die anderen 2× Stufe 1 · 1× Stufe 2 · 3× Stufe 3 · 1× Stufe 4 · 4× Stufe 5" in german.text
    assert "ohne Namen" in german.text


def reasons_input(
    questions: list[ReasonQuestion], *, names: dict[str, str] | None, final: bool
) -> ReasonsInput:
    return ReasonsInput(
        title="Check · 1 Dec 2026",
        catalogue=catalogue(),
        questions=questions,
        distributions={"cust-1": (2, 0, 1, 0, 2), "cust-2": (0, 1, 0, 3, 0)},
        names=names,
        not_asked=("cust-3",),
        final=final,
        until="Wed 02 Dec 2026 18:00",
        lang="en",
    )


def test_reasons_named_so_far_and_final() -> None:
    questions = [
        question(1, "m1", "cust-1", 1, reason="<b>Onboarding</b> & churn"),
        question(2, "m2", "cust-1", 5, Side.HIGH, QuestionStatus.ASKED, reason=None),
        question(3, "m3", "cust-2", 2, Side.DISSENT, QuestionStatus.SKIPPED, reason=None, rank=1),
        question(4, "m4", "cust-2", 4, Side.DISSENT, QuestionStatus.UNREACHABLE, reason=None, rank=1),
    ]
    names = {"m1": "Anna", "m2": "Ben", "m3": "Clara", "m4": "Dario"}
    [so_far] = reasons_messages(reasons_input(questions, names=names, final=False))
    assert "(so far)" in so_far
    assert "Anna (1): &lt;b&gt;Onboarding&lt;/b&gt; &amp; churn" in so_far, "a reason is text, never markup"
    assert "Ben" not in so_far.split("Still asked")[0], "still asked: no 'no reason given' yet"
    assert "Still asked: Ben." in so_far and "Wed 02 Dec 2026 18:00" in so_far
    assert "Clara (2): <i>no reason given</i>" in so_far
    assert "Dario" not in so_far, "never reached, so not asked"
    assert "Also disputed, not asked about: 3." in so_far
    assert "Ratings: 2× level 1 · 1× level 3 · 2× level 5" in so_far
    [final] = reasons_messages(reasons_input(questions, names=names, final=True))
    assert "(so far)" not in final and "Still asked" not in final
    assert "Ben (5): <i>no reason given</i>" in final


def test_anonymous_reasons_show_levels_only_and_count_who_is_still_asked() -> None:
    questions = [
        question(1, "m1", "cust-1", 1, reason="Onboarding"),
        question(2, "m2", "cust-1", 5, Side.HIGH, QuestionStatus.WAITING, reason=None),
    ]
    [text] = reasons_messages(reasons_input(questions, names=None, final=False))
    assert "• (1): Onboarding" in text and "Still asked: 1 managers." in text
    assert "m1" not in text and "m2" not in text


def test_long_reasons_are_split_between_statements_and_lines_never_inside_one() -> None:
    questions = [
        question(
            k,
            f"m{k}",
            "cust-1" if k < 12 else "cust-2",
            1,
            reason=f"{k} " + "x" * 480,
            rank=0 if k < 12 else 1,
        )
        for k in range(1, 20)
    ]
    names = {f"m{k}": f"Manager {k}" for k in range(1, 20)}
    parts = reasons_messages(reasons_input(questions, names=names, final=True))
    assert len(parts) > 1
    assert all(count_visible(part) <= TELEGRAM_MESSAGE_LIMIT for part in parts)
    joined = "\n".join(parts)
    for k in range(1, 20):
        assert joined.count(f"Manager {k} (1): {k} ") == 1
        assert any(f"Manager {k} (1): {k} " + "x" * 480 in part for part in parts), "a reason is never cut"


def test_a_re_rated_statement_shows_the_earlier_round() -> None:
    earlier = Earlier((2, 0, 0, 0, 2), 1, (("Anna", 1, "Onboarding <loses>"), ("Ben", 5, "Key accounts")))
    html = earlier_html(earlier, "en")
    assert "<b>Before</b>: 2× level 1 · 2× level 5" in html
    assert "Your earlier rating: 1" in html
    assert "• Anna (1): Onboarding &lt;loses&gt;" in html
    anonymous = earlier_html(Earlier((2, 0, 0, 0, 2), None, ((None, 1, "Onboarding"),)), "de")
    assert "Ihre frühere Bewertung" not in anonymous and "• (1): Onboarding" in anonymous


def test_beliefs_listing_newest_first_with_status_and_a_delete_button_each() -> None:
    lines = [
        BeliefLine(
            Belief(9, 1, 2, "customer-centricity", "cust-2", "Support is a cost centre", 7, 3.0),
            2,
            "S2",
            None,
            True,
        ),
        BeliefLine(
            Belief(4, 1, 1, "customer-centricity", "cust-1", "Sales owns it", 7, 2.0),
            1,
            "S1",
            "1 Dec 2026",
            True,
        ),
        BeliefLine(
            Belief(2, 1, 1, "customer-centricity", "cust-3", "Nobody asks", None, 1.0), 3, "S3", None, False
        ),
    ]
    view = beliefs_view(lines, "en")
    assert view.text.index("Support") < view.text.index("Sales") < view.text.index("Nobody")
    assert "still disputed" in view.text and "converged since 1 Dec 2026" in view.text
    assert "not rated again since" in view.text
    buttons = [b for row in view.keyboard.inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [("🗑 1", "v:9"), ("🗑 2", "v:4"), ("🗑 3", "v:2")]
    many = beliefs_view([lines[0]] * (LISTED_BELIEFS + 4), "en")
    assert "… and 4 older ones." in many.text
    assert sum(len(row) for row in many.keyboard.inline_keyboard) == LISTED_BELIEFS
    assert beliefs_view([], "de").keyboard is None
