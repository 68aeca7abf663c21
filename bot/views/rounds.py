"""A round in the team's group: the announcement with its live progress, /status, the private reminder,
/remind's answer, and the cancel confirmation. Plain data in, Telegram HTML and inline keyboards out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import Participant, Round, format_deadline
from bot.texts import t
from bot.views.html import View, th


def announcement_view(
    catalogue: Catalogue,
    round_: Round,
    participants: Sequence[Participant],
    bot_username: str,
    lang: str,
    tz: str,
    heading: str | None = None,
) -> View:
    """The round's message in the group: what it is, the deadline, live progress, the join button.

    ``heading``: a line above it saying what the round is for (a re-check of the lighthouse project).
    """
    started = len(participants)
    finished = sum(1 for p in participants if p.finished_at is not None)
    lines = [
        th(lang, "ann.title", catalogue=catalogue.title.get(lang)),
        "",
        th(lang, "ann.body", count=len(catalogue.statements)),
        th(lang, "ann.anonymous" if round_.anonymous else "ann.named"),
    ]
    if round_.deadline_at is not None:
        lines.append(th(lang, "ann.deadline", deadline=format_deadline(round_.deadline_at, tz, lang)))
    progress = (
        th(lang, "ann.progress", finished=finished, started=started)
        if started
        else th(lang, "ann.progress_none")
    )
    lines += ["", progress]
    if heading:
        lines = [heading, "", *lines]
    button = InlineKeyboardButton(t(lang, "ann.button"), url=callbacks.start_link(bot_username, round_.token))
    return View("\n".join(lines), InlineKeyboardMarkup([[button]]))


def status_text(
    catalogue: Catalogue,
    round_: Round,
    participants: Sequence[Participant],
    answered: Mapping[int, int],
    unreachable: Collection[int],
    lang: str,
    tz: str,
) -> str:
    """/status: who started, who finished (names unless anonymous), who cannot be reached, the deadline.

    ``answered``: statements answered per participant.
    """
    finished = [p for p in participants if p.finished_at is not None]
    unfinished = [p for p in participants if p.finished_at is None]
    lines = [
        th(lang, "status.title", catalogue=catalogue.title.get(lang)),
        th(lang, "status.counts", started=len(participants), finished=len(finished)),
    ]
    if not round_.anonymous:
        if finished:
            lines.append(th(lang, "status.finished_names", names=", ".join(p.display_name for p in finished)))
        if unfinished:
            names = ", ".join(
                f"{p.display_name} ({answered.get(p.user_id, 0)}/{len(catalogue.statements)})"
                for p in unfinished
            )
            lines.append(th(lang, "status.unfinished_names", names=names))
        if unreachable:
            names = ", ".join(p.display_name for p in participants if p.user_id in unreachable)
            lines.append(th(lang, "status.unreachable_names", names=names))
    elif unreachable:
        lines.append(th(lang, "status.unreachable_count", count=len(unreachable)))
    if round_.deadline_at is not None:
        lines.append(th(lang, "status.deadline", deadline=format_deadline(round_.deadline_at, tz, lang)))
    else:
        lines.append(th(lang, "status.no_deadline"))
    return "\n".join(lines)


def reminder_view(
    catalogue: Catalogue,
    round_: Round,
    team_title: str,
    answered: int,
    bot_username: str,
    lang: str,
    tz: str,
) -> View:
    """The private reminder to a manager who started and has not finished, with the button to go on."""
    text = th(
        lang,
        "remind.private",
        catalogue=catalogue.title.get(lang),
        team=team_title,
        answered=answered,
        total=len(catalogue.statements),
    )
    if round_.deadline_at is not None:
        text += "\n" + th(lang, "intro.deadline", deadline=format_deadline(round_.deadline_at, tz, lang))
    button = InlineKeyboardButton(
        t(lang, "remind.button"), url=callbacks.start_link(bot_username, round_.token)
    )
    return View(text, InlineKeyboardMarkup([[button]]))


def reminders_sent_text(
    reached: Sequence[str], unreachable: Sequence[str], anonymous: bool, lang: str
) -> str:
    """/remind's answer in the group: how many were reminded, and who (or how many) could not be reached."""
    if not reached and not unreachable:
        return th(lang, "remind.nobody")
    lines = [th(lang, "remind.sent", count=len(reached))]
    if unreachable:
        if anonymous:
            lines.append(th(lang, "remind.unreachable_count", count=len(unreachable)))
        else:
            lines.append(th(lang, "remind.unreachable_names", names=", ".join(unreachable)))
    return "\n".join(lines)


def cancel_confirmation(round_: Round, started: int, lang: str) -> View:
    """/cancelround's question, with the buttons that decide it."""
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "cancel.yes"),
                    callback_data=callbacks.encode(callbacks.ConfirmCancel(round_.id, True)),
                ),
                InlineKeyboardButton(
                    t(lang, "cancel.no"),
                    callback_data=callbacks.encode(callbacks.ConfirmCancel(round_.id, False)),
                ),
            ]
        ]
    )
    return View(th(lang, "cancel.confirm", started=started), keyboard)
