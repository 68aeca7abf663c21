"""Round lifecycle rules: records, deadlines, tokens, who answers what next, what a close needs.

Pure: the handlers read the database, ask these functions, and write back. Times are Unix seconds (float)
so that SQLite, the job queue and an injected test clock all agree.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

DAY = 86_400.0
HOUR = 3_600.0
MINUTE = 60.0

#: The catalogue /newround takes when none is named.
DEFAULT_CATALOGUE = "customer-centricity"
#: A round needs valid ratings from at least this many managers before it can close.
MIN_MANAGERS_TO_CLOSE = 2
#: Deadlines further out than this are almost certainly typos ("300d").
MAX_DEADLINE = 365 * DAY
#: Shortest deadline we accept: a round must give managers a few minutes.
MIN_DEADLINE = 5 * MINUTE
#: How long a comment may get, in characters (all texts of one manager on one statement together).
MAX_COMMENT_LENGTH = 1000


class RoundStatus(StrEnum):
    OPEN = "open"
    #: results are being computed and posted; a crash here is resumed at the next start
    CLOSING = "closing"
    CLOSED = "closed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Team:
    id: int
    chat_id: int
    title: str
    language: str | None
    bot_present: bool


@dataclass(frozen=True)
class Round:
    id: int
    team_id: int
    chat_id: int
    token: str
    catalogue_id: str
    catalogue_version: str
    anonymous: bool
    language: str
    status: RoundStatus
    opened_by: int
    opened_at: float
    deadline_at: float | None
    remind_at: float | None
    reminded_at: float | None
    closed_at: float | None
    announcement_id: int | None
    results_parts_sent: int
    excluded_count: int
    #: the statements this round asks, in catalogue order; None: the whole catalogue
    statement_ids: tuple[str, ...] | None = None
    #: the round whose disputed statements this round re-rates (after the reasons); None: not a re-rating
    rerate_of: int | None = None
    #: the first message of the results in the group (the reasons reply to it)
    results_message_id: int | None = None
    #: the forum topic the round was opened in, where everything about it goes; None: no topic
    thread_id: int | None = None
    #: the stored catalogue version the round was opened with (``team_catalogues``); None: a round from
    #: before versions were stored, asked from the built-in catalogue ``catalogue_id``
    catalogue_version_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN


@dataclass(frozen=True)
class Participant:
    round_id: int
    user_id: int
    rater_label: str
    display_name: str
    joined_at: float
    finished_at: float | None
    last_statement_id: str | None
    last_active_at: float


class DeadlineError(ValueError):
    """A deadline argument that cannot be read; ``key`` names the text that explains why."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(f"{key}: {value}")
        self.key = key
        self.value = value


_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|h|d|w)$", re.IGNORECASE)
_DURATION_SECONDS = {"m": MINUTE, "min": MINUTE, "h": HOUR, "d": DAY, "w": 7 * DAY}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def looks_like_deadline(text: str) -> bool:
    """Whether an argument of /newround is meant as a deadline (so a malformed one is reported as such)."""
    return bool(re.match(r"^\d", text))


def parse_deadline(text: str, now: float, tz: str) -> float:
    """``3d``, ``12h``, ``90m``, ``2w``, ``2026-12-01`` or ``1.12.2026`` (ends 23:59 in ``tz``)."""
    value = text.strip()
    if match := _DURATION.match(value):
        amount, unit = int(match.group(1)), match.group(2).lower()
        deadline = now + amount * _DURATION_SECONDS[unit]
    elif (match := _ISO_DATE.match(value)) or (match := _GERMAN_DATE.match(value)):
        parts = [int(p) for p in match.groups()]
        year, month, day = parts if match.re is _ISO_DATE else (parts[2], parts[1], parts[0])
        try:
            end_of_day = datetime(year, month, day, 23, 59, tzinfo=ZoneInfo(tz))
        except ValueError:
            raise DeadlineError("deadline.no_such_date", value) from None
        deadline = end_of_day.timestamp()
    else:
        raise DeadlineError("deadline.malformed", value)
    if deadline - now < MIN_DEADLINE:
        raise DeadlineError("deadline.too_soon", value)
    if deadline - now > MAX_DEADLINE:
        raise DeadlineError("deadline.too_far", value)
    return deadline


def reminder_time(opened_at: float, deadline_at: float | None) -> float | None:
    """A day before the deadline; halfway for rounds shorter than two days; none without a deadline."""
    if deadline_at is None:
        return None
    if deadline_at - opened_at >= 2 * DAY:
        return deadline_at - DAY
    return opened_at + (deadline_at - opened_at) / 2


def format_deadline(deadline_at: float, tz: str, lang: str) -> str:
    """A deadline as a manager reads it: ``Mo 30.11.2026 18:00`` / ``Mon 30 Nov 2026 18:00``."""
    moment = datetime.fromtimestamp(deadline_at, ZoneInfo(tz))
    if lang == "de":
        weekday = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")[moment.weekday()]
        return f"{weekday} {moment:%d.%m.%Y %H:%M}"
    return moment.strftime("%a %d %b %Y %H:%M")


def format_date(when: float, tz: str, lang: str) -> str:
    """A day as the group reads it: ``30.11.2026`` / ``30 Nov 2026`` (results, reviews, history, files)."""
    moment = datetime.fromtimestamp(when, ZoneInfo(tz))
    return f"{moment:%d.%m.%Y}" if lang == "de" else moment.strftime("%d %b %Y")


def new_round_token() -> str:
    """The deep-link payload: 128 random bits, URL-safe (22 characters; Telegram allows 64)."""
    return secrets.token_urlsafe(16)


_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def is_well_formed_token(payload: str) -> bool:
    # fullmatch: with match, "$" would also accept a token followed by a line end
    return bool(_TOKEN_PATTERN.fullmatch(payload))


def next_statement(statement_ids: Sequence[str], answered: Mapping[str, int | None]) -> str | None:
    """The first statement in catalogue order not answered yet; None when all are answered."""
    for statement_id in statement_ids:
        if statement_id not in answered:
            return statement_id
    return None


def statement_after(
    statement_ids: Sequence[str], current: str, answered: Mapping[str, int | None]
) -> str | None:
    """What to show after an answer to ``current``: the next unanswered one after it, else the first gap."""
    index = statement_ids.index(current)
    for statement_id in statement_ids[index + 1 :]:
        if statement_id not in answered:
            return statement_id
    return next_statement(statement_ids, answered)


def statement_before(statement_ids: Sequence[str], current: str | None) -> str | None:
    """The statement the back button leads to (from the summary: the last one)."""
    if current is None:
        return statement_ids[-1] if statement_ids else None
    index = statement_ids.index(current)
    return statement_ids[index - 1] if index > 0 else None


def managers_with_ratings(answers: Mapping[str, Mapping[str, int | None]]) -> int:
    """How many managers gave at least one level (not only "can't judge"): what a comparison needs."""
    return sum(1 for by_statement in answers.values() if any(v is not None for v in by_statement.values()))


def display_name(first_name: str, last_name: str | None) -> str:
    name = " ".join(part for part in (first_name, last_name) if part).strip()
    return name or "?"
