"""The beliefs loop as people see it: the question why in the private chat, the reasons in the group, what a
re-rating shows of the earlier round, and the team's recorded beliefs. Plain data in, Telegram HTML and
inline keyboards out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.domain.analysis import LEVELS
from bot.domain.beliefs import (
    MAX_REASON_LENGTH,
    BeliefLine,
    QuestionStatus,
    ReasonQuestion,
    Side,
    level_counts,
)
from bot.domain.catalogue import Catalogue
from bot.domain.text import shorten
from bot.texts import t
from bot.views.html import View, escape, pack_blocks, th

#: Up to this many other ratings a question lists them one by one ("1, 3, 3"); more are counted.
LISTED_RATINGS = 10
#: Beliefs /beliefs lists (the newest); older ones are counted, so that the list fits one message.
LISTED_BELIEFS = 15


def distribution_text(distribution: Sequence[int], lang: str) -> str:
    """ "2× level 1 · 1× level 3": how many gave each level, never who (counts of levels 1..5)."""
    return " · ".join(
        t(lang, "report.level_count", count=count, level=level)
        for level, count in zip(LEVELS, distribution, strict=True)
        if count
    )


def _others_text(others: Sequence[int], lang: str) -> str:
    if len(others) <= LISTED_RATINGS:
        return ", ".join(str(level) for level in others)
    return " · ".join(
        t(lang, "report.level_count", count=n, level=level) for level, n in level_counts(others)
    )


def _number(catalogue: Catalogue, statement_id: str) -> str:
    number = catalogue.number_of(statement_id)
    return str(number) if number is not None else "–"


def _statement(catalogue: Catalogue, statement_id: str, lang: str) -> str:
    try:
        return catalogue.statement(statement_id).text.get(lang)
    except KeyError:
        return statement_id


def question_view(
    question: ReasonQuestion,
    catalogue: Catalogue,
    team_title: str,
    total: int,
    anonymous: bool,
    lang: str,
) -> View:
    """The question why, quoting the statement, the manager's own rating and the others' (never names)."""
    text = th(
        lang,
        "reasons.question",
        index=question.position + 1,
        total=total,
        number=_number(catalogue, question.statement_id),
        catalogue=catalogue.title.get(lang),
        team=team_title,
        statement=_statement(catalogue, question.statement_id, lang),
        own=question.own,
        others=_others_text(question.others, lang),
        limit=MAX_REASON_LENGTH,
        named=t(lang, "reasons.anonymous" if anonymous else "reasons.named"),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "reasons.skip_button"),
                    callback_data=callbacks.encode(callbacks.ReasonAction(question.id, False)),
                ),
                InlineKeyboardButton(
                    t(lang, "reasons.stop_button"),
                    callback_data=callbacks.encode(callbacks.ReasonAction(question.id, True)),
                ),
            ]
        ]
    )
    return View(text, keyboard)


@dataclass(frozen=True)
class ReasonsInput:
    """What the reasons message of a round is made of."""

    title: str
    catalogue: Catalogue
    questions: Sequence[ReasonQuestion]
    #: statement id -> counts of levels 1..5 in the round
    distributions: Mapping[str, Sequence[int]]
    #: rater label -> name; None in an anonymous round
    names: Mapping[str, str] | None
    not_asked: Sequence[str]
    #: False: the reasons so far, with who is still asked
    final: bool
    #: when the reasons are posted at the latest (shown with the reasons so far)
    until: str | None
    lang: str


def reasons_messages(source: ReasonsInput) -> list[str]:
    """The reasons in the group: each disputed statement asked about with its ratings and every reason,
    named or not as the round was; split only where Telegram's length demands."""
    lang, catalogue = source.lang, source.catalogue
    title_key = "reasons.title" if source.final else "reasons.title_interim"
    blocks = [th(lang, title_key, title=source.title) + "\n" + th(lang, "reasons.intro")]
    by_statement: dict[str, list[ReasonQuestion]] = {}
    for question in sorted(source.questions, key=lambda q: (q.statement_rank, _SIDE_ORDER[q.side], q.own)):
        by_statement.setdefault(question.statement_id, []).append(question)
    for statement_id, questions in by_statement.items():
        lines = [
            th(
                lang,
                "reasons.statement",
                number=_number(catalogue, statement_id),
                text=shorten(_statement(catalogue, statement_id, lang), 200),
                distribution=distribution_text(source.distributions.get(statement_id, (0,) * 5), lang),
            )
        ]
        for question in questions:
            if question.status is QuestionStatus.UNREACHABLE:
                continue  # never reached (blocked the bot): not asked, so no "no reason given" either
            if question.reason is None and not source.final and question.status in _OPEN:
                continue  # still asked: named below, not as "no reason given"
            reason = escape(question.reason) if question.reason else f"<i>{th(lang, 'reasons.no_reason')}</i>"
            if source.names is None:
                lines.append(t(lang, "reasons.line_anonymous", level=question.own, reason=reason))
            else:
                name = source.names.get(question.rater) or t(lang, "reasons.someone")
                lines.append(
                    t(lang, "reasons.line_named", name=escape(name), level=question.own, reason=reason)
                )
        blocks.append("\n".join(lines))
    tail: list[str] = []
    if source.not_asked:
        numbers = ", ".join(_number(catalogue, sid) for sid in source.not_asked)
        tail.append(th(lang, "reasons.not_asked", numbers=numbers))
    if not source.final:
        waiting = sorted({q.rater for q in source.questions if q.status in _OPEN})
        if waiting:
            if source.names is None:
                tail.append(th(lang, "reasons.waiting_count", count=len(waiting)))
            else:
                names = ", ".join(source.names.get(r) or t(lang, "reasons.someone") for r in waiting)
                tail.append(th(lang, "reasons.waiting_named", names=names))
            if source.until:
                tail.append(th(lang, "reasons.until", until=source.until))
    tail.append(th(lang, "reasons.next"))
    blocks.append("\n".join(tail))
    return pack_blocks(blocks)


_SIDE_ORDER = {Side.LOW: 0, Side.DISSENT: 1, Side.HIGH: 2}
_OPEN = (QuestionStatus.WAITING, QuestionStatus.ASKED)


# ----------------------------------------------------------------------------------- the re-rating


@dataclass(frozen=True)
class Earlier:
    """What a re-rating shows of a statement before its level buttons: the earlier distribution, the
    manager's own earlier rating (named rounds only) and the reasons given."""

    distribution: tuple[int, ...]
    own: int | None
    #: (name, or None in an anonymous round; level; reason)
    reasons: tuple[tuple[str | None, int, str], ...]


def earlier_html(earlier: Earlier, lang: str) -> str:
    """The earlier round of a re-rated statement, as lines of the statement's message."""
    lines = [th(lang, "rerate.earlier", distribution=distribution_text(earlier.distribution, lang))]
    if earlier.own is not None:
        lines.append(th(lang, "rerate.your_earlier", level=earlier.own))
    if earlier.reasons:
        lines.append(th(lang, "rerate.reasons"))
        for name, level, reason in earlier.reasons:
            if name is None:
                lines.append(th(lang, "reasons.line_anonymous", level=level, reason=reason))
            else:
                lines.append(th(lang, "reasons.line_named", name=name, level=level, reason=reason))
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ beliefs


def beliefs_view(lines: Sequence[BeliefLine], lang: str) -> View:
    """/beliefs: the team's beliefs, newest first, each with its statement and whether it converged; a
    delete button per belief (only admins' presses count)."""
    if not lines:
        return View(th(lang, "beliefs.none"))
    parts = [th(lang, "beliefs.title"), ""]
    buttons = []
    for index, line in enumerate(lines[:LISTED_BELIEFS], start=1):
        if line.converged_on is not None:
            status = t(lang, "beliefs.converged", date=line.converged_on)
        else:
            status = t(lang, "beliefs.disputed" if line.rated_since else "beliefs.not_rated")
        parts.append(
            th(
                lang,
                "beliefs.line",
                index=index,
                text=line.belief.text,
                number=line.number if line.number is not None else "–",
                statement=shorten(line.statement, 80),
                status=status,
            )
        )
        buttons.append(
            InlineKeyboardButton(
                t(lang, "beliefs.delete_button", index=index),
                callback_data=callbacks.encode(callbacks.DeleteBelief(line.belief.id)),
            )
        )
    if len(lines) > LISTED_BELIEFS:
        parts.append(th(lang, "beliefs.more", count=len(lines) - LISTED_BELIEFS))
    parts += ["", th(lang, "beliefs.delete_hint")]
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    return View("\n".join(parts), InlineKeyboardMarkup(rows))


def belief_saved_text(number: int, text: str, lang: str) -> str:
    return th(lang, "belief.saved", number=number, text=text)
