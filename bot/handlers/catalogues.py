"""A team's own catalogues in its group: a file sent with the caption /catalogue (or /catalogue replied to
one), /catalogue template, /catalogues and its retire buttons. Who may act is checked here; the work
happens in ``bot.flows.catalogues``."""

from __future__ import annotations

import re

from telegram import Message, Update

from bot import callbacks
from bot.context import Context
from bot.flows.catalogues import catalogues_overview, receive_catalogue, retire, send_template
from bot.flows.chat import edit_view
from bot.handlers.common import (
    answer_query,
    group_button,
    is_admin,
    quoted,
    require_admin,
    team_and_lang,
    user_language,
)
from bot.texts import t
from bot.views.html import th

#: A caption that is the /catalogue command (``/catalogue@<bot>`` addressed to a bot, maybe another one).
CAPTION_COMMAND = re.compile(r"^/catalogue(?:@(?P<bot>\w+))?(?:\s|$)", re.IGNORECASE)


def _for_us(message: Message, bot_username: str) -> bool:
    """Whether a caption command is meant for this bot: ``/catalogue`` or ``/catalogue@<our name>``."""
    match = CAPTION_COMMAND.match(message.caption or "")
    return match is not None and (match["bot"] is None or match["bot"].lower() == bot_username.lower())


async def upload_catalogue(update: Update, context: Context) -> None:
    """A document with the caption /catalogue in the team's group (admins): the team's own catalogue."""
    message = update.effective_message
    assert message is not None and message.document is not None
    if not _for_us(message, context.bot.username):
        return
    _, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    await receive_catalogue(context.application, message, message.document, lang)


async def catalogue_command(update: Update, context: Context) -> None:
    """/catalogue (admins): replied to a document, uploads it; ``/catalogue template`` sends the template;
    anything else says how it works."""
    message = update.effective_message
    assert message is not None
    _, lang = await team_and_lang(update, context)
    if not await require_admin(update, context, lang):
        return
    words = context.args or []
    if [w.lower() for w in words] == ["template"]:
        await send_template(message, context.bot_data, lang)
        return
    if words:
        await message.reply_html(
            th(lang, "catalogue.unknown_word", word=quoted(words[0])) + " " + th(lang, "catalogue.usage")
        )
        return
    replied = message.reply_to_message
    if replied is None:
        await message.reply_html(th(lang, "catalogue.usage"))
        return
    if replied.document is None:
        await message.reply_html(th(lang, "catalogue.not_a_document"))
        return
    await receive_catalogue(context.application, message, replied.document, lang)


async def catalogue_in_private(update: Update, context: Context) -> None:
    """A catalogue file sent to the bot privately: a catalogue belongs to a team's group."""
    message = update.effective_message
    assert message is not None
    if _for_us(message, context.bot.username):
        await message.reply_html(th(user_language(update.effective_user), "catalogue.in_group"))


async def list_catalogues(update: Update, context: Context) -> None:
    """/catalogues (anyone): what the team can use, the built-in catalogues and its own."""
    message = update.effective_message
    assert message is not None
    chat_id, lang = await team_and_lang(update, context)
    services = context.bot_data
    team = await services.db.team_by_chat(chat_id)
    view = await catalogues_overview(services, team, lang)
    await message.reply_html(view.text, reply_markup=view.keyboard)


async def retire_catalogue(update: Update, context: Context) -> None:
    """A retire button under /catalogues: admins only, the group's own catalogues only; the list is shown
    again without it."""
    query = update.callback_query
    assert query is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.RetireCatalogue)
    services = context.bot_data
    found = await group_button(update, context)
    if found is None:
        return
    team, lang = found
    version = await services.db.catalogue_version(data.version_row)
    if version is None or version.team_id != team.id:
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    if not await is_admin(update, context):
        await answer_query(query, t(lang, "group.admins_only_short"), alert=True)
        return
    if await retire(services, team, version):
        await answer_query(query, t(lang, "catalogues.retired_toast", id=version.catalogue_id))
    else:
        await answer_query(query, t(lang, "catalogues.gone"), alert=True)
    await edit_view(query.message, await catalogues_overview(services, team, lang))
