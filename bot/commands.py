"""The one table of the bot's commands: it feeds setMyCommands, /help, and a test that every handler
is documented. Descriptions are text keys so each language gets its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    GROUP = "group"
    PRIVATE = "private"
    BOTH = "both"


class Who(StrEnum):
    ANYONE = "anyone"
    ADMINS = "admins"


@dataclass(frozen=True)
class Command:
    name: str
    scope: Scope
    who: Who
    #: arguments as shown in /help, e.g. "[catalogue] [deadline] [anonymous]"
    usage: str = ""

    @property
    def description_key(self) -> str:
        """setMyCommands' one-line description (at most 256 characters)."""
        return f"cmd.{self.name}"

    @property
    def help_key(self) -> str:
        return f"cmd.{self.name}.help"


COMMANDS: tuple[Command, ...] = (
    Command("newround", Scope.GROUP, Who.ADMINS, "[catalogue] [deadline] [anonymous]"),
    Command("status", Scope.GROUP, Who.ANYONE),
    Command("remind", Scope.GROUP, Who.ADMINS),
    Command("closeround", Scope.GROUP, Who.ADMINS),
    Command("cancelround", Scope.GROUP, Who.ADMINS),
    Command("results", Scope.GROUP, Who.ANYONE),
    Command("language", Scope.GROUP, Who.ADMINS, "de|en"),
    Command("priorities", Scope.GROUP, Who.ANYONE),
    Command("closepoll", Scope.GROUP, Who.ADMINS),
    Command("lighthouse", Scope.GROUP, Who.ANYONE, "[title …]"),
    Command("canvas", Scope.GROUP, Who.ANYONE, "[pdf]"),
    Command("history", Scope.GROUP, Who.ANYONE),
    Command("export", Scope.GROUP, Who.ADMINS),
    Command("reasons", Scope.GROUP, Who.ANYONE),
    Command("rerate", Scope.GROUP, Who.ADMINS),
    Command("belief", Scope.GROUP, Who.ANYONE, "<number> <text>"),
    Command("beliefs", Scope.GROUP, Who.ANYONE),
    Command("catalogue", Scope.GROUP, Who.ADMINS, "[template]"),
    Command("catalogues", Scope.GROUP, Who.ANYONE),
    Command("start", Scope.PRIVATE, Who.ANYONE),
    Command("answers", Scope.PRIVATE, Who.ANYONE),
    Command("deletemydata", Scope.PRIVATE, Who.ANYONE),
    Command("privacy", Scope.BOTH, Who.ANYONE),
    Command("help", Scope.BOTH, Who.ANYONE),
)


def commands_for(scope: Scope) -> list[Command]:
    """The commands shown in a chat of this kind (group or private)."""
    return [c for c in COMMANDS if c.scope in (scope, Scope.BOTH)]
