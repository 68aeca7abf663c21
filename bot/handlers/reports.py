"""/canvas, /history and /export in the team's group: thin handlers over ``bot.flows.reports``."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.constants import ParseMode

from bot.context import Context
from bot.flows.closing import results_on_their_way
from bot.flows.reports import canvas_file, history_output, send_export
from bot.handlers.common import refuse_arguments, require_admin, team_and_lang
from bot.views.common import open_private_chat_keyboard
from bot.views.html import th


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
    if await results_on_their_way(services, chat_id):
        await message.reply_html(th(lang, "results.on_their_way"))
        return
    team = await services.db.team_by_chat(chat_id)
    canvas = await canvas_file(services, team, lang, fmt) if team else None
    if canvas is None:
        await message.reply_html(th(lang, "canvas.no_round"))
        return
    if fmt == "pdf":
        await message.reply_document(
            InputFile(canvas.data, filename=canvas.file_name),
            caption=canvas.caption,
            parse_mode=ParseMode.HTML,
        )
    else:
        await message.reply_photo(canvas.data, caption=canvas.caption, parse_mode=ParseMode.HTML)


async def show_history(update: Update, context: Context) -> None:
    """/history: the team's maturity per dimension over its closed rounds, and what changed most."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    if await refuse_arguments(update, context, lang, "history"):
        return
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    found = await history_output(services, team, lang) if team else None
    if found is None:
        await message.reply_html(th(lang, "history.no_rounds"))
        return
    output, rounds = found
    await message.reply_photo(output.png, caption=th(lang, "history.caption", rounds=rounds))
    await message.reply_html(output.text)


async def request_export(update: Update, context: Context) -> None:
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
    sent = await send_export(context.application, user.id, team, lang) if team else None
    if sent is None:
        await message.reply_html(th(lang, "export.no_rounds"))
    elif not sent:
        await message.reply_html(
            th(lang, "export.no_private_chat"),
            reply_markup=open_private_chat_keyboard(services.bot_username, lang),
        )
    else:
        await message.reply_html(th(lang, "export.sent"))
