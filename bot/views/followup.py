"""Renderers for what follows the results: the poll's question and options, the standing and ranking, the
lighthouse project card, and the review reminder with its buttons. Plain data in, Telegram HTML (or plain
poll text) and inline keyboards out; every inserted value is escaped here (``th``, or ``escape`` where a
value sits beside a mention that is markup of our own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.domain.catalogue import Catalogue
from bot.domain.followup import Lighthouse, PriorityPoll, Review
from bot.domain.priorities import POLL_OPTION_MAX, CandidateKind, Ranked, option_text, proposal
from bot.domain.rounds import format_date, format_deadline
from bot.domain.text import shorten, utf16_len
from bot.texts import t
from bot.views.html import escape, th

#: Before an option's number: what kind of candidate it is (explained in the poll's question).
MARKERS = {CandidateKind.WEAKNESS: "▼ ", CandidateKind.DISPUTED: "≠ ", CandidateKind.LOWEST: ""}

#: Voters named per option in the group; more are counted ("+ 4"), so a big team's ranking stays short.
NAMES_PER_OPTION = 8


def _text(catalogue: Catalogue, statement_id: str, lang: str) -> str:
    try:
        return catalogue.statement(statement_id).text.get(lang)
    except KeyError:
        return statement_id


def _number(catalogue: Catalogue, statement_id: str) -> str:
    number = catalogue.number_of(statement_id)
    return str(number) if number is not None else "–"


def poll_question(poll: PriorityPoll, lang: str) -> str:
    """The poll's question; it explains the markers, or says that the options are a fallback."""
    if all(option.kind == CandidateKind.LOWEST for option in poll.options):
        return th(lang, "poll.lowest_question")
    return th(lang, "poll.question")


def poll_options(poll: PriorityPoll, catalogue: Catalogue, lang: str) -> list[str]:
    """Each option as "≠ 7 · Statement text…", within Telegram's 100 characters, in the poll's order."""
    options = []
    for option in poll.options:
        marker = MARKERS[CandidateKind(option.kind)]
        number = catalogue.number_of(option.statement_id) or 0
        text = _text(catalogue, option.statement_id, lang)
        options.append(marker + option_text(number, text, limit=POLL_OPTION_MAX - utf16_len(marker)))
    return options


def months_text(count: int, lang: str) -> str:
    """ "1 month", "3 months" (German in the dative, as it follows "nach": "1 Monat", "3 Monaten")."""
    return t(lang, "months.one") if count == 1 else t(lang, "months.other", count=count)


def _votes(lang: str, count: int) -> str:
    return th(lang, "poll.votes_one") if count == 1 else th(lang, "poll.votes_many", count=count)


def _statement_line(catalogue: Catalogue, statement_id: str, lang: str) -> str:
    return shorten(_text(catalogue, statement_id, lang), 140)


def proposal_text(catalogue: Catalogue, statement_id: str, lang: str) -> str:
    """The lighthouse proposal for the top priority, with a ready-to-edit /lighthouse command."""
    return th(
        lang,
        "poll.proposal",
        number=_number(catalogue, statement_id),
        text=_statement_line(catalogue, statement_id, lang),
    )


def ranking_text(
    poll: PriorityPoll,
    catalogue: Catalogue,
    ranked: Sequence[Ranked],
    names: Mapping[int, str],
    lang: str,
    *,
    final: bool,
    until: str | None = None,
) -> str:
    """The standing (``final=False``, with when the poll ends) or the ranking with the lighthouse proposal."""
    voters = len({v for r in ranked for v in r.voters})
    if poll.anonymous:
        title = th(lang, "poll.ranking_title_anonymous" if final else "poll.standing_title_anonymous")
    else:
        title = th(lang, "poll.ranking_title" if final else "poll.standing_title", voters=voters)
    lines = [title, ""]
    for entry in ranked:
        statement_id = entry.candidate.statement_id
        lines.append(
            th(
                lang,
                "poll.line",
                place=entry.place,
                marker=MARKERS[entry.candidate.kind],
                number=_number(catalogue, statement_id),
                text=_statement_line(catalogue, statement_id, lang),
                votes=_votes(lang, entry.votes),
            )
        )
        named = [names[v] for v in entry.voters if v in names]
        if named:
            shown = ", ".join(named[:NAMES_PER_OPTION])
            if len(named) > NAMES_PER_OPTION:
                shown += f" + {len(named) - NAMES_PER_OPTION}"
            lines.append(th(lang, "poll.voters", names=shown))
    lines.append("")
    if not final:
        lines.append(th(lang, "poll.open_until", until=until) if until else th(lang, "poll.open_no_end"))
        return "\n".join(lines)
    top = proposal(ranked)
    if top is None:
        lines.append(th(lang, "poll.nobody_voted"))
        return "\n".join(lines)
    lines.append(proposal_text(catalogue, top.candidate.statement_id, lang))
    if len(ranked) > 1 and ranked[1].votes == top.votes:
        lines.append(th(lang, "poll.proposal_tie"))
    return "\n".join(lines)


def owner_html(lighthouse: Lighthouse, lang: str) -> str:
    """The owner as a mention that notifies them (by id, so it works without a username)."""
    if lighthouse.owner_id is None or not lighthouse.owner_name:
        return th(lang, "lh.owner_gone")
    return f'<a href="tg://user?id={lighthouse.owner_id}">{escape(lighthouse.owner_name)}</a>'


def lighthouse_text(lighthouse: Lighthouse, catalogue: Catalogue | None, lang: str, tz: str) -> str:
    """/lighthouse: the project card with its goal, owner, statements and every review."""
    lines = [th(lang, "lh.title", title=lighthouse.title)]
    lines.append(th(lang, "lh.goal", goal=lighthouse.goal) if lighthouse.goal else th(lang, "lh.no_goal"))
    lines.append(t(lang, "lh.owner", owner=owner_html(lighthouse, lang)))
    if lighthouse.statement_ids:
        lines += ["", th(lang, "lh.statements")]
        for statement_id in lighthouse.statement_ids:
            number = _number(catalogue, statement_id) if catalogue else "–"
            text = _statement_line(catalogue, statement_id, lang) if catalogue else statement_id
            lines.append(th(lang, "lh.statement", number=number, text=text))
    if lighthouse.reviews:
        lines += ["", th(lang, "lh.reviews")]
        for review in lighthouse.reviews:
            date = format_date(review.due_at, tz, lang)
            if review.reminded_at is None:
                lines.append(th(lang, "lh.review_due", months=months_text(review.months, lang), date=date))
            else:
                status = escape(review.status_text) if review.status_text else th(lang, "lh.review_no_status")
                lines.append(
                    t(
                        lang,
                        "lh.review_done",
                        months=months_text(review.months, lang),
                        date=escape(date),
                        status=status,
                    )
                )
    return "\n".join(lines)


def lighthouse_saved_text(
    lighthouse: Lighthouse,
    catalogue: Catalogue,
    lang: str,
    tz: str,
    replaced: str | None,
    owner_defaulted: bool,
) -> str:
    """The answer to setting the project: its card, that it is recorded, what it replaced, and that the
    sender owns it when nobody else was named."""
    lines = [lighthouse_text(lighthouse, catalogue, lang, tz), "", th(lang, "lh.saved")]
    if replaced is not None:
        lines.append(th(lang, "lh.replaced", old=replaced))
    if owner_defaulted:
        lines.append(th(lang, "lh.owner_defaulted"))
    return "\n".join(lines)


def no_lighthouse_text(top: tuple[Catalogue, str] | None, lang: str) -> str:
    """/lighthouse before one is set: how to set it, after the team's top priority as the proposal."""
    text = th(lang, "lh.none")
    if top is None:
        return text
    catalogue, statement_id = top
    return proposal_text(catalogue, statement_id, lang) + "\n\n" + text


def review_reminder_text(lighthouse: Lighthouse, review: Review, lang: str) -> str:
    """The reminder at a review date: the owner is asked for a status by a reply to this message."""
    owner = owner_html(lighthouse, lang) if lighthouse.owner_id else th(lang, "review.owner_unknown")
    return t(
        lang,
        "review.reminder",
        months=months_text(review.months, lang),
        title=escape(lighthouse.title),
        owner=owner,
    )


def poll_until(poll: PriorityPoll, tz: str, lang: str) -> str | None:
    """When the bot ends the poll by itself, as people read dates."""
    return format_deadline(poll.closes_at, tz, lang) if poll.closes_at is not None else None


def recheck_keyboard(lighthouse: Lighthouse, lang: str) -> InlineKeyboardMarkup:
    """Buttons under a review reminder: a re-check of the project's statements, or of everything."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "review.recheck_statements"),
                    callback_data=callbacks.encode(callbacks.Recheck(lighthouse.id, True)),
                )
            ],
            [
                InlineKeyboardButton(
                    t(lang, "review.recheck_all"),
                    callback_data=callbacks.encode(callbacks.Recheck(lighthouse.id, False)),
                )
            ],
        ]
    )
