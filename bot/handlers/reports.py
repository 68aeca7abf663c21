"""/canvas, /history and /export in the team's group: thin handlers over ``bot.reports``."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, InputMediaDocument, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.domain.priorities import Ranked
from bot.domain.rounds import format_date
from bot.followup import standing
from bot.handlers.group import refuse_arguments, require_admin, team_and_lang
from bot.handlers.private import EXPORT_PAYLOAD
from bot.infra.workers import run_in_worker
from bot.reports import (
    CanvasInput,
    HistoryInput,
    build_export,
    build_history_output,
    canvas_round,
    export_rounds,
    history_rounds,
    lighthouse_info,
    render_canvas_file,
)
from bot.services import Context
from bot.views import th

logger = logging.getLogger(__name__)


def _slug(text: str) -> str:
    """A file name part from a group title: letters, digits and hyphens."""
    slug = re.sub(r"[^0-9A-Za-zÀ-ÿ]+", "-", text).strip("-").lower()
    return slug[:40] or "team"


async def show_canvas(update: Update, context: Context) -> None:
    """/canvas [pdf]: the Customer Centricity Canvas of the team's latest results, as a picture or PDF."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    args = [a.lower() for a in context.args or []]
    if args not in ([], ["pdf"]):
        await message.reply_html(th(lang, "canvas.usage"))
        return
    fmt = "pdf" if args == ["pdf"] else "png"
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    data = await canvas_round(services, team.id) if team else None
    if team is None or data is None:
        await message.reply_html(th(lang, "canvas.no_round"))
        return
    poll = await services.db.latest_priority_poll(team.id)
    ranked: tuple[Ranked, ...] = ()
    if poll is not None:
        _, _, ranked = await standing(services, poll)
    closed_at = data.round.closed_at or data.round.opened_at
    source = CanvasInput(
        data=data,
        lang=lang,
        title=team.title or data.catalogue.title.get(lang),
        date_text=format_date(closed_at, services.timezone, lang),
        priorities=tuple((r.candidate.statement_id, r.votes) for r in ranked if r.votes > 0),
        lighthouse=lighthouse_info(await services.db.current_lighthouse(team.id), services.timezone, lang),
    )
    picture = await run_in_worker(render_canvas_file, source, fmt)
    caption = th(lang, "canvas.caption", team=source.title, date=source.date_text)
    if fmt == "pdf":
        name = f"canvas-{_slug(source.title)}-{format_date(closed_at, services.timezone, 'de')}.pdf"
        await message.reply_document(
            InputFile(picture, filename=name), caption=caption, parse_mode=ParseMode.HTML
        )
    else:
        await message.reply_photo(picture, caption=caption, parse_mode=ParseMode.HTML)


async def show_history(update: Update, context: Context) -> None:
    """/history: the team's maturity per dimension over its closed rounds, and what changed most."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if await refuse_arguments(update, context, lang, "history"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    rounds = await history_rounds(services, team.id) if team else ()
    if team is None or not rounds:
        await message.reply_html(th(lang, "history.no_rounds"))
        return
    catalogue = services.catalogues[rounds[-1].round.catalogue_id]
    output = await run_in_worker(
        build_history_output, HistoryInput(rounds, catalogue, lang, services.timezone, team.title or "")
    )
    await message.reply_photo(output.png, caption=th(lang, "history.caption", rounds=len(rounds)))
    await message.reply_html(output.text)


async def send_export(update: Update, context: Context) -> None:
    """/export (admins): every closed round as CSV and JSON, sent to the admin privately, never here."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    if await refuse_arguments(update, context, lang, "export"):
        return
    if user is None:  # an anonymous admin posting as the group: no private chat to send to
        await message.reply_html(th(lang, "export.anonymous_admin"))
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    rounds = await export_rounds(services, team.id) if team else ()
    if team is None or not rounds:
        await message.reply_html(th(lang, "export.no_rounds"))
        return
    files = await run_in_worker(build_export, rounds, team.title or "", services.now())
    stem = f"maturity-{_slug(team.title or 'team')}-{format_date(services.now(), services.timezone, 'de')}"
    caption = th(lang, "export.caption", team=team.title or "", rounds=files.rounds)
    try:
        await context.bot.send_media_group(
            user.id,
            [
                InputMediaDocument(files.csv, filename=f"{stem}.csv"),
                InputMediaDocument(
                    files.json, filename=f"{stem}.json", caption=caption, parse_mode=ParseMode.HTML
                ),
            ],
        )
    except (Forbidden, BadRequest) as exc:
        logger.info("export for %s not delivered privately: %s", user.id, exc)
        button = InlineKeyboardButton(
            th(lang, "export.open_chat"), url=f"https://t.me/{services.bot_username}?start={EXPORT_PAYLOAD}"
        )
        await message.reply_html(
            th(lang, "export.no_private_chat"), reply_markup=InlineKeyboardMarkup([[button]])
        )
        return
    await message.reply_html(th(lang, "export.sent"))
