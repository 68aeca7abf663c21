"""What every handler needs, kept in ``bot_data``: storage, catalogues, settings, the clock.

A typed context (``Context``) gives handlers ``context.bot_data.repo`` instead of casts on a dict, as in
python-telegram-bot's ``contexttypesbot.py`` example.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot

from bot.domain.catalogue import Catalogue
from bot.storage.repository import Repository

#: How long a comment may get, in characters (all texts of one manager on one statement together).
MAX_COMMENT_LENGTH = 1000


@dataclass
class Services:
    """Resources opened in ``post_init`` and closed in ``post_shutdown``."""

    catalogues: dict[str, Catalogue]
    timezone: str = "Europe/Zurich"
    #: Unix time now; tests inject a clock they can move forward instead of sleeping
    clock: Callable[[], float] = time.time
    #: delete finished rounds this many months after they opened; None keeps them
    retention_months: int | None = None
    repo: Repository | None = None
    bot_username: str = ""
    #: round id -> True while a delayed update of the announcement is pending (debounces edits)
    announcement_pending: set[int] = field(default_factory=set)
    #: rounds whose results are being posted by this process right now (a close never runs twice at once)
    closing_now: set[int] = field(default_factory=set)
    #: round id -> when (bot clock) to try posting results again after Telegram failed
    close_retry_at: dict[int, float] = field(default_factory=dict)

    @property
    def db(self) -> Repository:
        if self.repo is None:
            raise RuntimeError("the database is not open yet")
        return self.repo

    def now(self) -> float:
        return self.clock()


Context = CallbackContext[ExtBot[None], dict, dict, Services]
App = Application[ExtBot[None], Context, dict, dict, Services, object]
