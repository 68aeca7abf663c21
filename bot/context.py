"""What every handler needs, kept in ``bot_data``: storage, catalogues, settings, the clock.

A typed context (``Context``) gives handlers ``context.bot_data.repo`` instead of casts on a dict, as in
python-telegram-bot's ``contexttypesbot.py`` example.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot

from bot.domain.catalogue import Catalogue
from bot.domain.rounds import Round
from bot.domain.team_catalogues import stored
from bot.storage.repository import Repository

logger = logging.getLogger(__name__)

#: Catalogue versions (and re-check parts of them) kept in memory; more are read again when needed.
KEPT_CATALOGUES = 128

#: Membership checks (getChatMember) in flight at once, over every close of this process together.
MEMBERSHIP_CHECKS_AT_ONCE = 8


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
    #: seconds (real time) before a results part that got a 5xx or no answer is posted again, one per try
    results_retry_delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)
    #: shared by the membership checks of all closes (``closing._exclude_leavers``)
    membership_checks: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(MEMBERSHIP_CHECKS_AT_ONCE)
    )
    #: hours the priority poll stays open after the results
    poll_hours: float = 72.0
    #: hours the reasons behind the differences are collected before the bot posts what it has
    reasons_hours: float = 24.0
    #: what failed to reach Telegram (a poll, a ranking, a review reminder) -> when to try again
    followup_retry_at: dict[tuple[str, int], float] = field(default_factory=dict)
    #: the same kinds of work while they run (a handler or the job), so the job never does them twice
    work_running: set[tuple[str, int]] = field(default_factory=set)
    #: held while questions why are sent: a handler and the timer job never send the same one twice
    asking: asyncio.Lock = field(default_factory=asyncio.Lock)
    #: (chat id, topic id) of forum topics found deleted: their rounds post to the General topic
    topics_gone: set[tuple[int, int]] = field(default_factory=set)

    #: (catalogue version or id, statement ids) -> the narrowed catalogue of a re-check round, built once
    _subsets: dict[tuple[int | str, tuple[str, ...]], Catalogue] = field(default_factory=dict)
    #: stored catalogue versions read so far, the most recently used last (``stored_catalogue``)
    _versions: OrderedDict[int, Catalogue] = field(default_factory=OrderedDict)

    def catalogue_of(self, round_: Round) -> Catalogue | None:
        """The catalogue as the round asks it: the whole version it was opened with, or the part a
        re-check round covers.

        None when the catalogue is gone (a built-in file removed while a round from before stored
        versions was open)."""
        catalogue = self.whole_catalogue_of(round_)
        if catalogue is None or round_.statement_ids is None:
            return catalogue
        key = (round_.catalogue_version_id or round_.catalogue_id, round_.statement_ids)
        if key not in self._subsets:
            if len(self._subsets) >= KEPT_CATALOGUES:
                self._subsets.clear()
            self._subsets[key] = catalogue.subset(round_.statement_ids)
        return self._subsets[key]

    def whole_catalogue_of(self, round_: Round) -> Catalogue | None:
        """The whole catalogue version the round was opened with (for a round from before versions were
        stored: the built-in catalogue of its id)."""
        if round_.catalogue_version_id is None:
            return self.catalogues.get(round_.catalogue_id)
        return self.stored_catalogue(round_.catalogue_version_id)

    def stored_catalogue(self, row: int) -> Catalogue | None:
        """A stored catalogue version, read once and kept (the last ``KEPT_CATALOGUES`` used).

        Synchronous, like every caller of ``catalogue_of``: a version never changes, so it is read at most
        once per process from the database (``Repository.catalogue_body_now``)."""
        found = self._versions.get(row)
        if found is not None:
            self._versions.move_to_end(row)
            return found
        body = self.db.catalogue_body_now(row)
        if body is None:
            return None
        try:
            found = stored(body)
        except ValueError:
            logger.error("catalogue version %s in the database does not validate", row, exc_info=True)
            return None
        self._versions[row] = found
        while len(self._versions) > KEPT_CATALOGUES:
            self._versions.popitem(last=False)
        return found

    @property
    def db(self) -> Repository:
        if self.repo is None:
            raise RuntimeError("the database is not open yet")
        return self.repo

    def now(self) -> float:
        return self.clock()


Context = CallbackContext[ExtBot[None], dict, dict, Services]
App = Application[ExtBot[None], Context, dict, dict, Services, object]
