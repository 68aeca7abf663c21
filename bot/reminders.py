"""Private reminders to managers who started a round but have not finished it (/remind and the timer)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden

from bot.domain.rounds import format_deadline
from bot.services import App
from bot.texts import language_of, t
from bot.views import th


async def send_reminders(app: App, round_id: int) -> tuple[list[str], list[str]]:
    """Remind unfinished participants privately; returns the names reached and the names unreachable."""
    services = app.bot_data
    round_ = await services.db.round(round_id)
    assert round_ is not None
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    team = await services.db.team(round_.team_id)
    answers = await services.db.round_answers(round_id)
    reached: list[str] = []
    unreachable: list[str] = []
    for participant in await services.db.participants(round_id):
        if participant.finished_at is not None:
            continue
        record = await services.db.user(participant.user_id)
        lang = language_of(record.language_code if record else None)
        text = th(
            lang,
            "remind.private",
            catalogue=catalogue.title.get(lang),
            team=team.title if team else "",
            answered=len(answers.get(participant.user_id, {})),
            total=len(catalogue.statements),
        )
        if round_.deadline_at is not None:
            text += "\n" + th(
                lang, "intro.deadline", deadline=format_deadline(round_.deadline_at, services.timezone, lang)
            )
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t(lang, "remind.button"),
                        url=f"https://t.me/{services.bot_username}?start={round_.token}",
                    )
                ]
            ]
        )
        try:
            await app.bot.send_message(
                participant.user_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard
            )
        except Forbidden:
            await services.db.set_reachable(participant.user_id, False)
            unreachable.append(participant.display_name)
            continue
        reached.append(participant.display_name)
    return reached, unreachable
