"""What the bot shows everywhere: /help, and the button that opens the private chat."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.commands import Scope, Who, commands_for
from bot.texts import t
from bot.views.html import escape, th


def help_text(lang: str) -> str:
    """/help: what the bot does, every command of the table, and how to set it up."""
    lines = [t(lang, "help.intro"), "", t(lang, "help.group_commands")]
    for command in commands_for(Scope.GROUP):
        admin = f" <i>({t(lang, 'help.admins_only')})</i>" if command.who is Who.ADMINS else ""
        usage = f" {escape(command.usage)}" if command.usage else ""
        lines.append(f"/{command.name}{usage} – {t(lang, command.help_key)}{admin}")
    lines += ["", t(lang, "help.private_commands")]
    for command in commands_for(Scope.PRIVATE):
        if command.scope is Scope.PRIVATE:
            lines.append(f"/{command.name} – {t(lang, command.help_key)}")
    lines += ["", t(lang, "help.setup")]
    return "\n".join(lines)


def open_private_chat_keyboard(bot_username: str, lang: str) -> InlineKeyboardMarkup:
    """The button under "I cannot write to you yet" after /export: it opens the private chat with the bot."""
    button = InlineKeyboardButton(
        th(lang, "export.open_chat"), url=callbacks.start_link(bot_username, callbacks.EXPORT_PAYLOAD)
    )
    return InlineKeyboardMarkup([[button]])
