"""/privacy and /deletemydata: what is stored and why, and the question before deleting anything."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.texts import t
from bot.views.html import View, th


def privacy_text(retention_months: int | None, lang: str) -> str:
    """/privacy: what is stored, why, for how long, and how to delete it."""
    retention = (
        th(lang, "privacy.retention_months", months=retention_months)
        if retention_months
        else th(lang, "privacy.retention_off")
    )
    return th(lang, "privacy.text", retention=retention)


def delete_my_data_confirmation(lang: str) -> View:
    """/deletemydata's question, with the buttons that decide it."""
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "deletemydata.yes"),
                    callback_data=callbacks.encode(callbacks.ConfirmDeleteData(True)),
                ),
                InlineKeyboardButton(
                    t(lang, "deletemydata.no"),
                    callback_data=callbacks.encode(callbacks.ConfirmDeleteData(False)),
                ),
            ]
        ]
    )
    return View(th(lang, "deletemydata.confirm"), keyboard)
