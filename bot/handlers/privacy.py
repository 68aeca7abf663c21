"""/privacy and /deletemydata: what the bot stores, and deleting one's own data after a confirmation."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.context import Context
from bot.flows.chat import edit_view
from bot.handlers.common import answer_query, chat_language, in_own_private_chat, user_language
from bot.texts import t
from bot.views.html import View, th
from bot.views.privacy import delete_my_data_confirmation, privacy_text


async def show_privacy(update: Update, context: Context) -> None:
    """/privacy: what is stored, why, for how long, and how to delete it."""
    message = update.effective_message
    assert message is not None
    lang = await chat_language(update, context)
    await message.reply_html(privacy_text(context.bot_data.retention_months, lang))


async def ask_delete_my_data(update: Update, context: Context) -> None:
    """/deletemydata: ask before deleting anything."""
    message, user = update.effective_message, update.effective_user
    assert message is not None
    lang = user_language(user)
    view = delete_my_data_confirmation(lang)
    await message.reply_html(view.text, reply_markup=view.keyboard)


async def delete_my_data(update: Update, context: Context) -> None:
    """The answer to the /deletemydata question."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    assert isinstance(data, callbacks.ConfirmDeleteData)
    lang = user_language(user)
    if not in_own_private_chat(query, user.id):
        await answer_query(query, t(lang, "q.not_your_button"), alert=True)
        return
    await answer_query(query)
    if not data.confirmed:
        await edit_view(query.message, View(th(lang, "deletemydata.kept")))
        return
    left, anonymised = await context.bot_data.db.delete_user_data(user.id)
    await edit_view(query.message, View(th(lang, "deletemydata.done", left=left, anonymised=anonymised)))
